"""Trends: each count the atlas holds for three years or more (foreign residents, refugees
and asylum seekers), as small column charts of the territory beside its parent and the
nation, each on its own scale, with the years and the sources under it (laid out by the
template as HTML)."""

from __future__ import annotations

from dataclasses import dataclass, field

from monographs.content.citing import label, territory_name, unit
from monographs.content.formats import stated
from monographs.content.rows import Scope

#: The counts drawn over time when some territory of the report holds three years.
TREND_INDICATORS: list[str] = [
    "foreign_residents",
    "refugees_and_asylum_seekers",
    "refugees",
    "population",
]
MIN_YEARS = 3  # two points are a change (the key figures give it), not a trend
COLUMN_MM = 16.0  # the height of the tallest column of a panel


@dataclass
class Column:
    """A year's column: its value written above a bar ``height`` mm tall."""

    year: str
    text: str
    height: float


@dataclass
class Panel:
    """One territory's series (its own scale)."""

    scope: str
    highlight: bool
    columns: list[Column] = field(default_factory=list)


@dataclass
class Trend:
    """A count over time: the territory's, its parent's and the nation's panels."""

    title: str
    panels: list[Panel]
    years: str  # the span, 2004–2024
    refs: str
    alt: str
    missing: str = ""  # the scopes that hold no year of it, said in one line


def trend(s: Scope, indicator: str, own_only: bool = False) -> Trend | None:
    """The trend of ``indicator``; None unless some scope holds :data:`MIN_YEARS` years
    (and, with ``own_only``, the territory one at least)."""
    atlas, facts, tr = s.atlas, s.facts, s.tr
    scopes = (
        [s.code] + ([s.parent] if s.parent else []) + ([s.nation] if s.code != s.nation else [])
    )
    held = {c: facts.years(c, indicator) for c in scopes}
    if max(len(y) for y in held.values()) < MIN_YEARS or (own_only and not held[s.code]):
        return None
    u = unit(atlas, indicator)
    panels, figs, lacking = [], [], []
    for c in scopes:
        years = held[c]
        name = territory_name(atlas, c, tr.lang)
        if not years:
            lacking.append(name)
            continue
        series = [facts.get(c, indicator, y) for y in years]
        top = max((f.value for f in series if f is not None), default=0.0) or 1.0
        panels.append(
            Panel(
                name,
                c == s.code,
                [
                    Column(str(f.year), stated(tr, f, u), round(COLUMN_MM * f.value / top, 2))
                    for f in series
                    if f is not None
                ],
            )
        )
        figs.extend(f for f in series if f is not None)
    all_years = sorted({y for ys in held.values() for y in ys})
    title = label(atlas, indicator, tr.lang)
    alt = tr.semicolon.join(
        f"{p.scope}: " + tr.comma.join(f"{c.year} {c.text}" for c in p.columns) for p in panels
    )
    return Trend(
        title=title,
        panels=panels,
        years=f"{all_years[0]}–{all_years[-1]}",
        refs=s.cite.figs(*figs),
        alt=f"{title}. {alt}.",
        missing=tr("Not held for {territories}.").format(territories=tr.comma.join(lacking))
        if lacking
        else "",
    )


def trends(s: Scope, own_only: bool = False) -> list[Trend]:
    """Every trend of the report, in the order of :data:`TREND_INDICATORS` (with
    ``own_only``, those the territory holds a year of)."""
    out = [trend(s, i, own_only) for i in TREND_INDICATORS if s.has(i)]
    return [t for t in out if t is not None]
