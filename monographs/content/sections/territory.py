"""Section 4, the territory: a table of its sub-territories, a map of their change in
population, and their counts as circles."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monographs.atlas import Atlas
from monographs.content.alt import extremes_alt
from monographs.content.citing import change_unit, kind_name, label, territory_name, unit
from monographs.content.facts import Facts
from monographs.content.formats import column_decimals, map_format, stated, value_format
from monographs.content.model import MapFigure
from monographs.content.rows import Scope
from monographs.content.specs import Choropleth, Symbols


@dataclass
class SubTerritory:
    """A row of the sub-territories table."""

    code: str
    name: str
    kind: str
    cells: list[str]


def sub_table(s: Scope) -> tuple[list[str], list[SubTerritory], dict[str, float | None], str]:
    """The table of the sub-territories (population at the last two censuses and its
    change, households, foreign residents, unemployment), the change of each, and the
    title of its map."""
    atlas, facts, tr, cite = s.atlas, s.facts, s.tr, s.cite
    children = atlas.children(s.code)
    nation = atlas.top
    pop_years = facts.years(nation, "population")
    end = pop_years[-1] if pop_years else None
    start = pop_years[-2] if len(pop_years) > 1 else None
    columns: list[tuple[str, str, int | None, str]] = []  # header, indicator, year, kind
    if start:
        columns.append(
            (f"{label(atlas, 'population', tr.lang)} {start}", "population", start, "value")
        )
    if end:
        columns.append((f"{label(atlas, 'population', tr.lang)} {end}", "population", end, "value"))
    if start and end:
        columns.append(
            (tr("Change {start}–{end}").format(start=start, end=end), "population", None, "change")
        )
    for ind in ("households", "foreign_residents", "unemployment_rate_pct"):
        if ind in atlas.catalogue.index:
            yrs = facts.years(nation, ind)
            columns.append(
                (
                    f"{label(atlas, ind, tr.lang)} {yrs[-1] if yrs else ''}".strip(),
                    ind,
                    yrs[-1] if yrs else None,
                    "value",
                )
            )
    rows: list[SubTerritory] = []
    changes: dict[str, float | None] = {}
    # each column written with one number of decimals (12,0 % beside 12,3 %)
    decimals = [
        column_decimals(unit(atlas, ind), (facts.value(c, ind, year) for c in children))
        if kind == "value"
        else None
        for _h, ind, year, kind in columns
    ]
    for child in children:
        cells = []
        for (_h, ind, year, kind), places in zip(columns, decimals, strict=True):
            if kind == "change":
                ch = facts.change(child, ind, start, end) if start and end else None
                changes[child] = ch
                cells.append(value_format(tr, change_unit(atlas, ind), change=True)(ch))
                continue
            fig = facts.get(child, ind, year)
            if fig:
                cite.figs(fig)
            cells.append(stated(tr, fig, unit(atlas, ind), places))
        kind_text = atlas.kind_of(child)
        rows.append(
            SubTerritory(
                child,
                territory_name(atlas, child, tr.lang),
                kind_name(atlas, str(kind_text), tr),
                cells,
            )
        )
    headers = [h for h, *_ in columns]
    title = (
        tr("Population change {start}–{end}").format(start=start, end=end) if start and end else ""
    )
    return headers, rows, changes, title


def sub_map(s: Scope, changes: dict[str, float | None], title: str) -> MapFigure | None:
    """The sub-territories coloured by their change in population; None when they have no
    boundaries."""
    atlas, tr = s.atlas, s.tr
    have = atlas.mapped_children(s.code)
    if not have:
        return None
    s.specs.append(Choropleth("sub_map.svg", s.code, changes, title, "percent"))
    held = {c: changes[c] for c in have if changes.get(c) is not None and changes[c] == changes[c]}
    alt = extremes_alt(
        tr,
        title,
        held,
        lambda c: atlas.name(c, tr.lang),
        map_format(tr, "percent", changes.values()),
        len(have),
    )
    return MapFigure("figure:sub_map.svg", title, alt)


def sub_counts(atlas: Atlas, facts: Facts, code: str) -> tuple[str, pd.Series, int | None]:
    """The count drawn as circles on the sub-territories: foreign residents when at least
    half of them hold it for the latest year, else the population."""
    children = atlas.children(code)
    for indicator in ("foreign_residents", "population"):
        years = facts.years(atlas.top, indicator)
        if not years or indicator not in atlas.catalogue.index:
            continue
        values = pd.Series({c: facts.value(c, indicator, years[-1]) for c in children}, dtype=float)
        if values.notna().sum() * 2 >= len(children) and values.notna().any():
            return indicator, values, years[-1]
    return "", pd.Series(dtype=float), None


def sub_symbols(s: Scope) -> MapFigure | None:
    """Circles sized by a count on the sub-territories; None without boundaries or
    values."""
    atlas, facts, tr = s.atlas, s.facts, s.tr
    indicator, values, year = sub_counts(atlas, facts, s.code)
    if not indicator or year is None:
        return None
    title = f"{label(atlas, indicator, tr.lang)} {year}"
    have = atlas.mapped_children(s.code)
    if not have:
        return None
    u = unit(atlas, indicator)
    shown = pd.to_numeric(pd.Series([values.get(c) for c in have], index=have), errors="coerce")
    held = shown.dropna()
    if not len(held):
        return None
    order = held.sort_values(ascending=False)
    names = ", ".join(
        f"{atlas.name(c, tr.lang)} ({tr.figure(v, u)})" for c, v in order.head(3).items()
    )
    alt = tr(
        "{title}: circles sized by the value; largest: {names}; {n} of {m} units have the figure."
    ).format(title=title, names=names, n=len(held), m=len(have))
    s.cite.figs(*[facts.get(c, indicator, year) for c in values.index])
    s.specs.append(
        Symbols(
            "sub_symbols.svg",
            s.code,
            {c: (None if v != v else float(v)) for c, v in values.items()},
            title,
            u,
        )
    )
    return MapFigure("figure:sub_symbols.svg", title, alt)
