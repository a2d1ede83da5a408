"""Joining boundaries to territories, by code or by name, with a record of every match.

By code (``code_column``), each feature's code is a territory's code. By name, for
boundary files that carry no codes (``[boundaries.LEVEL] name_column = "NAME"``), each
feature's name is matched to the names of the territories of that level (every
``name_<lang>`` column): first exactly, then ignoring accents, case, hyphens and spaces
(``Fès-Meknès`` = ``FES MEKNES``). When the file also carries the parent's code
(``parent_column = "wilaya_code"``), a name is matched only among the children of that
parent, so that three daïras called Mansourah in three wilayas each join their own.

Nothing is merged silently: several features matching one territory by name are all left
out and reported (``repeated``). Every feature and every territory left without one is
recorded, so that a person can review the joins (``monographs validate --join-report
FILE``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from monographs.errors import MonographError
from monographs.text.files import write_atomically
from monographs.text.names import normalise
from monographs.text.spreadsheets import rows_csv

if TYPE_CHECKING:
    import geopandas as gpd

    from monographs.atlas.model import Atlas

#: How a boundary feature met the territories.
Match = Literal["code", "exact", "folded", "ambiguous", "unmatched", "repeated", "no-boundary"]
CODE: Match = "code"
EXACT: Match = "exact"
FOLDED: Match = "folded"
AMBIGUOUS: Match = "ambiguous"
UNMATCHED: Match = "unmatched"
REPEATED: Match = "repeated"
NO_BOUNDARY: Match = "no-boundary"


@dataclass(frozen=True)
class JoinRecord:
    """One line of a join report: a boundary feature and the territory it was joined to.

    ``feature`` is the feature's position in the file (1 for the first; several when
    features of one code were merged), ``column`` the file's column that was matched and
    ``boundary_value`` its value there (a code or a name), ``parent`` the parent's code
    the file gives (``parent_column``), if any.

    ``match`` is ``code`` (the value is the territory's code), ``exact``, ``folded``
    (equal once accents, case and hyphens are ignored), ``ambiguous`` (several
    territories bear the name: ``code`` lists them), ``unmatched`` (no territory has that
    code, or bears that name in that parent), ``repeated`` (several features match the
    territory ``code``: none is joined) or ``no-boundary`` (a territory no feature
    matches; the feature's fields are then empty).
    """

    level: str
    feature: str
    column: str
    boundary_value: str
    parent: str
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


def _match_one(
    name: str,
    parent: str,
    exact: dict[str, set[str]],
    folded: dict[str, set[str]],
    parent_of: dict[str, str],
) -> tuple[set[str], Match]:
    """The territories a name matches (within ``parent`` when given), and how."""

    def scoped(codes: set[str]) -> set[str]:
        return {c for c in codes if parent_of.get(c) == parent} if parent else codes

    hits = scoped(exact.get(name.strip()) or set())
    if hits:
        return hits, EXACT
    return scoped(folded.get(normalise(name)) or set()), FOLDED


def match_names(
    names: list[str],
    atlas: Atlas,
    level: str,
    parents: list[str] | None = None,
    features: list[str] | None = None,
    column: str = "",
) -> list[JoinRecord]:
    """Match boundary names to the territories of ``level`` (each within its parent's
    children when ``parents`` gives the parents' codes); one record per name, then one per
    territory that no name matched. Several names matching one territory are all marked
    ``repeated``: none is joined."""
    exact, folded = _names(atlas, level)
    parent_of = {str(k): str(v) for k, v in atlas.territories["parent_code"].items()}
    parents = parents or [""] * len(names)
    features = features or [""] * len(names)
    records: list[JoinRecord] = []
    for name, parent, feature in zip(names, parents, features, strict=True):
        hits, kind = _match_one(name, parent, exact, folded, parent_of)
        base = JoinRecord(level, feature, column, name, parent, UNMATCHED)
        if len(hits) == 1:
            code = next(iter(hits))
            records.append(replace(base, match=kind, code=code, territory_name=atlas.name(code)))
        elif hits:
            ordered = sorted(hits)
            records.append(
                replace(
                    base,
                    match=AMBIGUOUS,
                    code=" ".join(ordered),
                    territory_name="; ".join(atlas.name(c) for c in ordered),
                )
            )
        else:
            records.append(base)
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        if rec.match in (EXACT, FOLDED):
            by_code[rec.code].append(i)
    for indices in by_code.values():
        if len(indices) > 1:
            for i in indices:
                records[i] = replace(records[i], match=REPEATED)
    return records + _no_boundary(atlas, level, {r.code for r in records})


def _no_boundary(atlas: Atlas, level: str, matched: set[str]) -> list[JoinRecord]:
    return [
        JoinRecord(level, "", "", "", "", NO_BOUNDARY, code, atlas.name(code))
        for code in atlas.at_level(level)
        if code not in matched
    ]


def match_codes(
    features: dict[str, str], atlas: Atlas, level: str, column: str
) -> list[JoinRecord]:
    """The records of a level joined by code: ``features`` maps each code read to its
    features' positions (``"3 7"``)."""
    codes = set(atlas.at_level(level))
    records = [
        JoinRecord(level, numbers, column, code, "", CODE, code, atlas.name(code))
        if code in codes
        else JoinRecord(level, numbers, column, code, "", UNMATCHED)
        for code, numbers in features.items()
    ]
    return records + _no_boundary(atlas, level, set(features))


def join_by_name(
    frame: gpd.GeoDataFrame, atlas: Atlas, level: str, column: str = ""
) -> tuple[gpd.GeoDataFrame, list[JoinRecord]]:
    """Re-key boundaries read by name (their ``code`` column holds the name; a ``parent``
    column, when present, the parent's code) to territory codes.

    Returns the boundaries that joined, indexed by territory code, and the join report.
    """
    parents = [str(p) for p in frame["parent"]] if "parent" in frame.columns else None
    features = [str(n) for n in frame["feature"]] if "feature" in frame.columns else None
    names = [str(n) for n in frame["code"]]
    records = match_names(names, atlas, level, parents, features, column)
    joined = frame.iloc[
        [i for i, r in enumerate(records[: len(names)]) if r.match in (EXACT, FOLDED)]
    ].copy()
    joined["code"] = [r.code for r in records[: len(names)] if r.match in (EXACT, FOLDED)]
    joined = joined[["code", "geometry"]].set_index("code", drop=False).sort_index()
    joined.index.name = None
    return joined, records


def join_report_csv(records: list[JoinRecord]) -> bytes:
    """A join report as CSV (UTF-8 with a BOM, so that spreadsheets show the accents)."""
    return rows_csv([f.name for f in fields(JoinRecord)], (astuple(r) for r in records))


def write_join_report(atlas: Atlas, path: Path) -> int:
    """Write the join reports of every level with boundaries to ``path`` (CSV, written
    atomically): every feature joined by code or by name, every one left out and every
    territory without one. Loads the boundaries if needed; returns the number of records.

    Raises
    ------
    MonographError
        When the file cannot be written.
    """
    records: list[JoinRecord] = []
    for level in atlas.config.boundaries:
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
