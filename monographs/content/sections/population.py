"""Section 5, the foreign population: its breakdowns (nationality, origin, age, motive,
arrival period, refugees by nationality); its count over time is a trend (trends.py)."""

from __future__ import annotations

from dataclasses import dataclass

from monographs.content.citing import label, territory_name, unit
from monographs.content.model import MapFigure, MissingFigure
from monographs.content.rows import Scope
from monographs.content.specs import Bars

# Breakdowns of the foreign population, drawn when the territory or the nation holds them.
BREAKDOWNS: list[str] = [
    "nationality_share_pct",
    "foreign_residents_origin_region_pct",
    "foreign_residents_age_group_pct",
    "foreign_residents_migration_motive_pct",
    "foreign_residents_arrival_period_pct",
    "refugees_by_nationality",
]
SERIES_INDICATOR = "foreign_residents"
MAX_CATEGORIES = 12  # a breakdown shows its largest categories


@dataclass
class Breakdown:
    """A figure split by category (nationality, age group, motive…), drawn and listed.

    ``scope`` says whose breakdown it is: the territory's, or the nation's when the
    territory has none (the report then says so rather than leave a blank).
    """

    title: str
    scope: str
    national_only: bool
    chart: MapFigure
    rows: list[tuple[str, str]]
    year: str
    refs: str


def breakdowns(s: Scope, national: bool = True) -> list[Breakdown]:
    """Each breakdown the territory holds, else the nation's when ``national`` (shown once,
    as national context); either way the territory's categories are listed as figures to
    collect."""
    atlas, facts, tr, code = s.atlas, s.facts, s.tr, s.code
    out = []

    def dim(text: str) -> str:
        return tr.data_word(text, atlas.config.language)

    for indicator in BREAKDOWNS:
        if indicator not in atlas.catalogue.index:
            continue
        parts = facts.breakdown(code, indicator)
        national_only = not parts
        if national_only and code != atlas.top:
            parts = facts.breakdown(atlas.top, indicator)
            if parts:
                s.missing.append(
                    MissingFigure(
                        indicator,
                        parts[0].year,
                        label(atlas, indicator, tr.lang),
                        tuple(p.dimension for p in parts),
                    )
                )
        if not parts or (national_only and not national and code != atlas.top):
            continue
        parts = parts[:MAX_CATEGORIES]
        u = unit(atlas, indicator)
        title = label(atlas, indicator, tr.lang)
        name = f"breakdown-{indicator}.svg"
        s.specs.append(
            Bars(
                name,
                "breakdown",
                tuple(dim(p.dimension) for p in parts),
                tuple(p.value for p in parts),
                u,
            )
        )
        scope = territory_name(atlas, atlas.top if national_only else code, tr.lang)
        hi = parts[0]
        alt = tr("{title}, {scope}, {year}: {values}.").format(
            title=title,
            scope=scope,
            year=hi.year,
            values=tr.semicolon.join(f"{dim(p.dimension)} {tr.figure(p.value, u)}" for p in parts),
        )
        out.append(
            Breakdown(
                title=title,
                scope=scope,
                national_only=national_only and code != atlas.top,
                chart=MapFigure(f"figure:{name}", title, alt),
                rows=[(dim(p.dimension), tr.figure(p.value, u)) for p in parts],
                year=str(hi.year),
                refs=s.cite.figs(*parts),
            )
        )
    return out
