"""The one drawing entry point: figure specs in, SVG bytes out.

:func:`draw` takes the specs a report's content asks for
(:mod:`monographs.content.specs`) and returns a :class:`~monographs.content.specs.Drawings`:
each figure's bytes by name, and the key of the units a map numbers. The monograph and the
comparison report both draw through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from monographs.atlas import Atlas
from monographs.content.formats import map_format, value_format
from monographs.content.specs import (
    Bars,
    Choropleth,
    Drawings,
    FigureSpec,
    LevelMap,
    Locator,
    ReferenceMap,
    Symbols,
)
from monographs.figures import charts, comparison, maps, plotting
from monographs.i18n import Translator


def draw(specs: Iterable[FigureSpec], atlas: Atlas, tr: Translator) -> Drawings:
    """Draw every spec, in order; a map whose units are numbered adds its key."""
    out = Drawings()
    for spec in specs:
        key: list[tuple[int, str]] = []
        if isinstance(spec, Locator):
            data = locator(atlas, spec.code)
        elif isinstance(spec, Choropleth):
            data, key = sub_choropleth(atlas, spec, tr)
        elif isinstance(spec, Symbols):
            data = sub_symbols(atlas, spec, tr)
        elif isinstance(spec, Bars):
            data = bars(spec, tr)
        elif isinstance(spec, LevelMap):
            data = comparison.level_map(atlas, spec, tr)
        elif isinstance(spec, ReferenceMap):
            data = comparison.reference_map(atlas, spec)
        else:  # pragma: no cover - a new kind of spec without its drawing
            raise TypeError(f"no drawing for {type(spec).__name__}")
        out.files[spec.name] = data
        if key:
            out.keys[spec.name] = key
    return out


def locator(atlas: Atlas, code: str) -> bytes:
    """The territory within its country (and its parent outlined)."""
    level = atlas.level_of(code)
    own = atlas.boundaries(level)
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
    return plotting.to_svg(fig)


def _children_units(atlas: Atlas, code: str, values: pd.Series) -> gpd.GeoDataFrame:
    """The children of ``code`` that have a boundary, with their ``value`` (a number or
    NaN)."""
    have = atlas.mapped_children(code)
    bounds = atlas.boundaries(atlas.level_of(have[0]))
    numbers = pd.to_numeric(pd.Series([values.get(c) for c in have], index=have), errors="coerce")
    return gpd.GeoDataFrame(
        {"value": numbers}, geometry=bounds.loc[have].geometry.values, crs=bounds.crs, index=have
    )


def sub_choropleth(
    atlas: Atlas, spec: Choropleth, tr: Translator
) -> tuple[bytes, list[tuple[int, str]]]:
    """The children of ``spec.code`` coloured by their values; returns the SVG and the
    units numbered on the map (for a key in the text)."""
    values = pd.Series(spec.values, dtype=float)
    units = _children_units(atlas, spec.code, values)
    have = list(units.index)
    fig = plotting.new_figure(17, 10.5 if len(have) <= 14 else 13)
    ax = fig.add_subplot()
    fmt = map_format(tr, spec.unit, spec.values.values())
    names = {c: atlas.name(c, tr.lang) for c in have}
    maps.choropleth(
        ax, units, "value", fmt, tr("data missing"), spec.title, rtl=tr.direction == "rtl"
    )
    numbered = maps.label_units(ax, units, names)
    return plotting.to_svg(fig), numbered


def bars(spec: Bars, tr: Translator) -> bytes:
    """A bar chart of the kind the spec names."""
    if spec.kind == "breakdown":
        # many monographs show the same national breakdown: drawn once per process
        return _breakdown_svg(spec.labels, tuple(spec.values), spec.unit, tr.tag)
    if spec.kind == "ranking":
        return comparison.ranking(spec, tr)
    return benchmark_bars(spec, tr)


@lru_cache(maxsize=256)
def _breakdown_svg(
    labels: tuple[str, ...], values: tuple[float, ...], unit: str, lang: str
) -> bytes:
    tr = Translator(lang)
    fig = plotting.new_figure(10.5, 0.8 + 0.42 * len(labels))
    ax = fig.add_subplot()
    charts.bar_chart(
        ax,
        labels,
        list(values),
        lambda v: tr.figure(v, unit),
        missing_label=tr("n/a"),
        rtl=tr.direction == "rtl",
    )
    return plotting.to_svg(fig)


def clear_caches() -> None:
    """Forget the charts drawn once per process (the benchmark's plain baseline)."""
    _breakdown_svg.cache_clear()


def sub_symbols(atlas: Atlas, spec: Symbols, tr: Translator) -> bytes:
    """Circles sized by a count (foreign residents, population) on the children of
    ``spec.code``."""
    units = _children_units(atlas, spec.code, pd.Series(spec.values, dtype=float))
    have = list(units.index)
    fig = plotting.new_figure(17, 10.5 if len(have) <= 14 else 13)
    ax = fig.add_subplot()
    maps.proportional_symbols(ax, units, "value", lambda v: tr.figure(v, spec.unit), spec.title)
    return plotting.to_svg(fig)


def benchmark_bars(spec: Bars, tr: Translator) -> bytes:
    """The territory (highlighted) among its siblings on one indicator, the national
    value dashed."""
    fmt = value_format(tr, spec.unit, spec.change)
    fig = plotting.new_figure(8.4, 1.3 + 0.36 * len(spec.labels))
    ax = fig.add_subplot()
    charts.bar_chart(
        ax,
        list(spec.labels),
        list(spec.values),
        fmt,
        highlight=spec.highlight,
        reference=spec.reference,
        missing_label=tr("n/a"),
        rtl=tr.direction == "rtl",
    )
    ax.set_xticks([])  # each bar carries its value
    ax.spines["bottom"].set_visible(False)
    return plotting.to_svg(fig)
