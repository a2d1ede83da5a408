"""Drawing the maps of one monograph (SVG bytes plus a text alternative)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from monographs import charts, maps, plotting
from monographs.atlas import Atlas
from monographs.i18n import Translator


def locator(atlas: Atlas, code: str, tr: Translator) -> tuple[bytes, str] | None:
    """The territory within its country (and its parent outlined); None without boundaries."""
    level = atlas.level_of(code)
    own = atlas.boundaries(level)
    if own is None or code not in own.index:
        return None
    top_levels = [lv for lv in atlas.config.levels[1:] if atlas.boundaries(lv) is not None]
    context = atlas.boundaries(top_levels[0]) if top_levels else own
    parent = atlas.parent(code)
    parent_shape = None
    if parent and parent != atlas.top:
        pb = atlas.boundaries(atlas.level_of(parent))
        if pb is not None and parent in pb.index:
            parent_shape = pb.loc[[parent]].geometry
    fig = plotting.new_figure(7.5, 7.5)
    ax = fig.add_subplot()
    maps.locator_map(ax, context, own.loc[[code]].geometry, parent_shape)
    where = atlas.name(parent, tr.lang) if parent else atlas.config.country
    alt = tr("Map locating {name} within {where}.").format(
        name=atlas.name(code, tr.lang), where=where)
    return plotting.to_svg(fig), alt


def _children_units(atlas: Atlas, code: str, values: pd.Series) -> gpd.GeoDataFrame | None:
    """The children of ``code`` that have a boundary, with their ``value`` (a number or
    NaN); None when they have no boundaries."""
    children = atlas.children(code)
    if not children:
        return None
    bounds = atlas.boundaries(atlas.level_of(children[0]))
    if bounds is None:
        return None
    have = [c for c in children if c in bounds.index]
    if not have:
        return None
    numbers = pd.to_numeric(pd.Series([values.get(c) for c in have], index=have),
                            errors="coerce")
    return gpd.GeoDataFrame({"value": numbers}, geometry=bounds.loc[have].geometry.values,
                            crs=bounds.crs, index=have)


def sub_choropleth(
    atlas: Atlas, code: str, values: pd.Series, title: str, unit: str, tr: Translator,
) -> tuple[bytes, str, list[tuple[int, str]]] | None:
    """The children of ``code`` coloured by ``values`` (indexed by code); None if they have
    no boundaries. Returns the SVG, a text alternative naming the highest and lowest
    units, and the units numbered on the map (for a key in the text)."""
    units = _children_units(atlas, code, values)
    if units is None:
        return None
    have = list(units.index)
    fig = plotting.new_figure(17, 10.5 if len(have) <= 14 else 13)
    ax = fig.add_subplot()

    def fmt(v: float) -> str:
        return tr.figure(v, unit) if unit != "percent" else tr.signed_percent(v) \
            if values.min() < 0 else tr.percent(v, 1)

    names = {c: atlas.name(c, tr.lang) for c in have}
    maps.choropleth(ax, units, "value", fmt, tr("data missing"), title,
                    rtl=tr.direction == "rtl")
    numbered = maps.label_units(ax, units, names)
    held = units["value"].dropna()
    if len(held):
        hi, lo = held.idxmax(), held.idxmin()
        alt = tr("{title}: highest in {hi} ({hv}), lowest in {lo} ({lv}); {n} of {m} units "
                 "have the figure.").format(
            title=title, hi=atlas.name(hi, tr.lang), hv=fmt(held[hi]),
            lo=atlas.name(lo, tr.lang), lv=fmt(held[lo]), n=len(held), m=len(units))
    else:
        alt = tr("{title}: no unit has the figure.").format(title=title)
    return plotting.to_svg(fig), alt, numbered


def breakdown_bars(labels: list[str], values: list[float], unit: str, tr: Translator) -> bytes:
    """Bars of a breakdown (largest first), each with its value.

    Many monographs show the same national breakdown: the SVG is drawn once per process
    for the same labels, values, unit and language.
    """
    return _breakdown_svg(tuple(labels), tuple(values), unit, tr.lang)


@lru_cache(maxsize=256)
def _breakdown_svg(labels: tuple[str, ...], values: tuple[float, ...], unit: str,
                   lang: str) -> bytes:
    tr = Translator(lang)
    fig = plotting.new_figure(10.5, 0.8 + 0.42 * len(labels))
    ax = fig.add_subplot()
    charts.bar_chart(ax, labels, list(values), lambda v: tr.figure(v, unit),
                     missing_label=tr("n/a"), rtl=tr.direction == "rtl")
    return plotting.to_svg(fig)


def sub_symbols(
    atlas: Atlas, code: str, values: pd.Series, title: str, unit: str, tr: Translator,
) -> tuple[bytes, str] | None:
    """Circles sized by a count (foreign residents, population) on the children of
    ``code``; None without boundaries or values. Returns the SVG and a text alternative."""
    units = _children_units(atlas, code, values)
    if units is None:
        return None
    have = list(units.index)
    held = units["value"].dropna()
    if not len(held):
        return None
    fig = plotting.new_figure(17, 10.5 if len(have) <= 14 else 13)
    ax = fig.add_subplot()
    maps.proportional_symbols(ax, units, "value", lambda v: tr.figure(v, unit), title)
    order = held.sort_values(ascending=False)
    names = ", ".join(f"{atlas.name(c, tr.lang)} ({tr.figure(v, unit)})"
                      for c, v in order.head(3).items())
    alt = tr("{title}: circles sized by the value; largest: {names}; {n} of {m} units have "
             "the figure.").format(title=title, names=names, n=len(held), m=len(have))
    return plotting.to_svg(fig), alt


def benchmark_bars(labels: list[str], values: list[float | None], highlight: str,
                   national: float | None, fmt: Callable[[float], str], tr: Translator
                   ) -> bytes:
    """The territory (highlighted) among its siblings on one indicator, the national
    value dashed."""
    fig = plotting.new_figure(8.4, 1.3 + 0.36 * len(labels))
    ax = fig.add_subplot()
    ref = (tr("national {value}").format(value=fmt(national)), national) \
        if national is not None else None
    charts.bar_chart(ax, labels, values, fmt, highlight=highlight,
                     reference=ref, missing_label=tr("n/a"), rtl=tr.direction == "rtl")
    ax.set_xticks([])  # each bar carries its value
    ax.spines["bottom"].set_visible(False)
    return plotting.to_svg(fig)
