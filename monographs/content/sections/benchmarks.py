"""Section 9, benchmarks: the territory among its siblings on each key indicator, a chart
each (the national value dashed) with the figures in words."""

from __future__ import annotations

from dataclasses import dataclass

from monographs.content.alt import highest_lowest
from monographs.content.citing import change_unit, label, unit
from monographs.content.formats import value_format
from monographs.content.model import MapFigure
from monographs.content.ranking import rank_in
from monographs.content.rows import Scope
from monographs.content.specs import Bars

# Indicators placed against the siblings in the benchmarks (a count's change is drawn as
# "change"), in this order.
BENCHMARKS: list[tuple[str, str]] = [
    ("foreign_residents_share_pct", "value"),
    ("foreign_residents", "value"),
    ("foreign_residents", "change"),
    ("foreign_residents_women_pct", "value"),
    ("population", "change"),
    ("urban_population_share_pct", "value"),
    ("unemployment_rate_pct", "value"),
    ("activity_rate_pct", "value"),
    ("illiteracy_rate_10_plus_pct", "value"),
    ("schooling_rate_6_11_pct", "value"),
    ("households_basic_or_slum_pct", "value"),
]
MAX_BARS = 16  # beyond, a benchmark shows the highest and lowest and the territory


@dataclass
class BenchmarkChart:
    """The territory among its siblings on one indicator: a chart and its figures in words."""

    title: str
    chart: MapFigure
    year: str
    refs: str


def shown_bars(order: list[str], code: str, held: dict[str, float]) -> list[str]:
    """The bars of a benchmark: every sibling when they are few; else the ``MAX_BARS // 2``
    highest and lowest holding the figure, and the territory itself, in ``order``."""
    if len(order) <= MAX_BARS:
        return order
    ranked = [c for c in order if c in held]
    keep = set(ranked[: MAX_BARS // 2]) | set(ranked[-(MAX_BARS // 2) :]) | {code}
    return [c for c in order if c in keep]


def benchmarks(s: Scope) -> list[BenchmarkChart]:
    """The territory among its siblings, one chart per indicator two or more hold."""
    atlas, facts, tr = s.atlas, s.facts, s.tr
    parent = atlas.parent(s.code)
    if parent is None:
        return []
    siblings = atlas.children(parent)
    if len(siblings) < 2:
        return []
    out = []
    for indicator, kind in BENCHMARKS:
        if not s.has(indicator):
            continue
        nat_years = facts.years(s.nation, indicator)
        if kind == "change":
            if len(nat_years) < 2:
                continue
            start, end = nat_years[-2], nat_years[-1]
            values = {c: facts.change(c, indicator, start, end) for c in siblings}
            national = facts.change(s.nation, indicator, start, end)
            u, year = change_unit(atlas, indicator), ""
            title = tr("{label}: change {start}–{end}").format(
                label=label(atlas, indicator, tr.lang), start=start, end=end
            )
            figs = [facts.get(c, indicator, y) for c in [*siblings, s.nation] for y in (start, end)]
        else:
            own_years = facts.years(s.code, indicator)
            y = own_years[-1] if own_years else nat_years[-1] if nat_years else None
            if y is None:
                continue
            figs = [facts.get(c, indicator, y) for c in [*siblings, s.nation]]
            values = {c: facts.value(c, indicator, y) for c in siblings}
            # a count is not compared with the nation's total, only a rate or a share
            national = (
                facts.value(s.nation, indicator, y)
                if unit(atlas, indicator) not in ("people", "households")
                else None
            )
            u, year = unit(atlas, indicator), str(y)
            title = label(atlas, indicator, tr.lang)
        fmt = value_format(tr, u, kind == "change")
        held = {c: v for c, v in values.items() if v is not None}
        if len(held) < 2:
            continue
        order = sorted(siblings, key=lambda c: (values[c] is None, -(values[c] or 0)))
        order = shown_bars(order, s.code, held)
        names = [atlas.name(c, tr.lang) for c in order]
        own_name = atlas.name(s.code, tr.lang)
        name = f"bench-{indicator}-{kind}.svg"
        ref = (
            (tr("national {value}").format(value=fmt(national)), national)
            if national is not None
            else None
        )
        s.specs.append(
            Bars(
                name,
                "benchmark",
                tuple(names),
                tuple(values[c] for c in order),
                u,
                change=kind == "change",
                highlight=own_name,
                reference=ref,
            )
        )
        hi, lo = highest_lowest(held)
        own = values.get(s.code)
        if own is not None:
            place = tr("{territory}: {value}, rank {rank} of {n}").format(
                territory=own_name, value=fmt(own), rank=rank_in(own, held.values()), n=len(held)
            )
        else:
            place = tr("{territory}: not held").format(territory=own_name)
        alt = tr("{title}{year}. Highest: {hi} ({hv}); lowest: {lo} ({lv}); {place}.").format(
            title=title,
            year=f" ({year})" if year else "",
            hi=atlas.name(hi, tr.lang),
            hv=fmt(held[hi]),
            lo=atlas.name(lo, tr.lang),
            lv=fmt(held[lo]),
            place=place,
        )
        if national is not None:
            alt += " " + tr("National value: {nat}.").format(nat=fmt(national))
        if len(order) < len(siblings):
            alt += " " + tr(
                "The chart shows the {k} highest and lowest of the {n} territories, and this one."
            ).format(k=MAX_BARS // 2, n=len(held))
        out.append(
            BenchmarkChart(title, MapFigure(f"figure:{name}", title, alt), year, s.cite.figs(*figs))
        )
    return out
