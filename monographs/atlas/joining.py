"""Joining boundaries to territories by name, for boundary files that carry no codes.

With ``[boundaries.LEVEL] name_column = "NAME"`` each boundary's name is matched to the
names of the territories of that level (every ``name_<lang>`` column): first exactly, then
ignoring accents, case, hyphens and spaces (``Fès-Meknès`` = ``FES MEKNES``). Every match
is recorded so that a person can review it (``monographs validate --join-report FILE``);
a name matching no territory, or several, is reported and left without a territory.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import geopandas as gpd

from monographs.errors import MonographError
from monographs.text.files import write_atomically
from monographs.text.names import normalise
from monographs.text.spreadsheets import rows_csv

if TYPE_CHECKING:
    from monographs.atlas.model import Atlas

#: How a boundary's name met the territories.
Match = Literal["exact", "folded", "ambiguous", "unmatched", "no-boundary"]
EXACT: Match = "exact"
FOLDED: Match = "folded"
AMBIGUOUS: Match = "ambiguous"
UNMATCHED: Match = "unmatched"
NO_BOUNDARY: Match = "no-boundary"


@dataclass(frozen=True)
class JoinRecord:
    """One line of a join report: a boundary's name and the territory it was joined to.

    ``match`` is ``exact``, ``folded`` (equal once accents, case and hyphens are
    ignored), ``ambiguous`` (several territories bear the name: ``code`` lists them),
    ``unmatched`` (no territory bears it) or ``no-boundary`` (a territory no boundary
    names; ``boundary_name`` is then empty).
    """

    level: str
    boundary_name: str
    match: Match
    code: str = ""
    territory_name: str = ""


def _names(atlas: Atlas, level: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The territories of a level by exact name and by folded name."""
    t = atlas.territories
    pool = t[t["level"] == level]
    name_cols = [c for c in t.columns if c.startswith("name_")]
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    for code, row in pool.iterrows():
        for col in name_cols:
            name = str(row[col]).strip()
            if name:
                exact.setdefault(name, set()).add(str(code))
                folded.setdefault(normalise(name), set()).add(str(code))
    return exact, folded


def match_names(names: list[str], atlas: Atlas, level: str) -> list[JoinRecord]:
    """Match boundary names to the territories of ``level``; one record per name, then
    one per territory that no name matched."""
    exact, folded = _names(atlas, level)
    records = []
    joined: set[str] = set()
    for name in names:
        hits = exact.get(name.strip()) or set()
        kind = EXACT
        if not hits:
            hits, kind = folded.get(normalise(name)) or set(), FOLDED
        if len(hits) == 1:
            code = next(iter(hits))
            joined.add(code)
            records.append(JoinRecord(level, name, kind, code, atlas.name(code)))
        elif hits:
            records.append(
                JoinRecord(
                    level,
                    name,
                    AMBIGUOUS,
                    " ".join(sorted(hits)),
                    "; ".join(atlas.name(c) for c in sorted(hits)),
                )
            )
        else:
            records.append(JoinRecord(level, name, UNMATCHED))
    for code in atlas.at_level(level):
        if code not in joined:
            records.append(JoinRecord(level, "", NO_BOUNDARY, code, atlas.name(code)))
    return records


def join_by_name(
    frame: gpd.GeoDataFrame, atlas: Atlas, level: str
) -> tuple[gpd.GeoDataFrame, list[JoinRecord]]:
    """Re-key boundaries read by name (their ``code`` column holds the name) to codes.

    Returns the boundaries that joined, indexed by territory code, and the join report.
    """
    records = match_names([str(n) for n in frame["code"]], atlas, level)
    codes = {r.boundary_name: r.code for r in records if r.match in (EXACT, FOLDED)}
    joined = frame.loc[frame["code"].isin(codes)].copy()
    joined["code"] = joined["code"].map(codes)
    if joined["code"].duplicated().any():  # two names of one territory: one outline
        joined = joined.dissolve(by="code", as_index=False)
    joined = joined[["code", "geometry"]].set_index("code", drop=False).sort_index()
    joined.index.name = None
    return joined, records


def join_report_csv(records: list[JoinRecord]) -> bytes:
    """A join report as CSV (UTF-8 with a BOM, so that spreadsheets show the accents)."""
    return rows_csv([f.name for f in fields(JoinRecord)], (astuple(r) for r in records))


def write_join_report(atlas: Atlas, path: Path) -> int:
    """Write the join reports of every level joined by name to ``path`` (CSV, written
    atomically). Loads those levels' boundaries if needed; returns the number of records.

    Raises
    ------
    MonographError
        When the file cannot be written.
    """
    records: list[JoinRecord] = []
    for level, spec in atlas.config.boundaries.items():
        if spec.name_column:
            atlas.boundaries(level)
            records += atlas.join_reports.get(level, [])
    try:
        write_atomically(Path(path), join_report_csv(records))
    except OSError as exc:
        raise MonographError(
            f"cannot write the join report to {path} ({exc.strerror or exc}).",
            "Choose a file in a folder you can write to.",
        ) from exc
    return len(records)
