"""The one drawing entry point: figure specs in, pictures and charts out.

:func:`draw` takes the specs a report's content asks for
(:mod:`monographs.content.specs`) and returns a :class:`~monographs.content.specs.Drawings`:
each map's SVG bytes by name, each bar chart's layout (:mod:`monographs.figures.bars`, laid
out by the template as HTML, not drawn), and the key of the units a map numbers. The
monograph and the comparison report both draw through it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
import shapely
from matplotlib.axes import Axes

from monographs.atlas import Atlas
from monographs.content.formats import map_format
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
from monographs.figures import comparison, maps, plotting
from monographs.figures.bars import bar_chart
from monographs.i18n import Translator


def draw(specs: Iterable[FigureSpec], atlas: Atlas, tr: Translator) -> Drawings:
    """Draw every spec, in order; a map whose units are numbered adds its key."""
    out = Drawings()
    for spec in specs:
        key: list[tuple[int, str]] = []
        if isinstance(spec, Locator):
            data, key = locator(atlas, spec, tr.lang)
        elif isinstance(spec, Choropleth):
            data, key = sub_choropleth(atlas, spec, tr)
        elif isinstance(spec, Symbols):
            data, key = sub_symbols(atlas, spec, tr)
        elif isinstance(spec, Bars):
            out.charts[spec.name] = bar_chart(spec, tr)
            continue
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


def locator(atlas: Atlas, spec: Locator, lang: str) -> tuple[bytes, list[tuple[int, str]]]:
    """The territory among its siblings, framed on its parent, its neighbours named (see
    :class:`~monographs.content.specs.Locator`); returns the SVG and the neighbours
    numbered on the map. Without siblings, the territory within its country."""
    if not spec.siblings:
        return country_locator(atlas, spec.code), []
    code = spec.code
    bounds = atlas.boundaries(atlas.level_of(code))
    parent = atlas.parent(code)
    parent_shape = None
    if parent and atlas.has_boundary(parent):
        parent_shape = atlas.boundaries(atlas.level_of(parent)).loc[[parent]].geometry
    siblings = bounds.loc[list(spec.siblings)]
    view = locator_view(atlas, spec)
    # the units of the level around the parent, from the spatial index: not the whole level
    near = bounds.iloc[bounds.sindex.query(shapely.box(*view), predicate="intersects")]
    near = near.loc[[c for c in near.index if c not in set(spec.siblings)]]
    others = gpd.GeoDataFrame(
        geometry=shapely.clip_by_rect(near.geometry.values, *view), index=near.index, crs=bounds.crs
    )
    others = others.loc[~others.geometry.is_empty]
    width = 11.0
    mid = math.radians((view[1] + view[3]) / 2)
    ratio = (view[3] - view[1]) / max(math.cos(mid), 0.1) / max(view[2] - view[0], 1e-9)
    fig = plotting.new_figure(width, min(max(width * ratio, 6.0), 12.0))
    ax = fig.add_subplot()
    names = {c: atlas.name(c, lang) for c in (code, *spec.neighbours)}
    avoid = []
    if spec.inset and parent_shape is not None:
        first = atlas.boundaries(atlas.config.levels[1])
        context = first.geometry.simplify((first.total_bounds[2] - first.total_bounds[0]) / 300)
        avoid.append(_inset(ax, view, parent_shape, siblings.geometry[code], context))
    key = maps.locator_among(
        ax,
        siblings,
        code,
        view,
        names,
        spec.neighbours,
        parent=parent_shape,
        others=others,
        avoid=avoid,
    )
    return plotting.to_svg(fig), key


def locator_view(
    atlas: Atlas, spec: Locator, margin: float = 0.06
) -> tuple[float, float, float, float]:
    """The area a locator shows (min x, min y, max x, max y): the parent's bounds, or its
    mapped children's when it has no boundary, and ``margin`` of their size around, so
    that the units beyond the parent's edge show, cut off."""
    parent = atlas.parent(spec.code)
    if parent and atlas.has_boundary(parent):
        frame = atlas.boundaries(atlas.level_of(parent)).loc[[parent]].total_bounds
    else:
        frame = atlas.boundaries(atlas.level_of(spec.code)).loc[list(spec.siblings)].total_bounds
    minx, miny, maxx, maxy = (float(v) for v in frame)
    mx, my = (maxx - minx) * margin, (maxy - miny) * margin
    return (minx - mx, miny - my, maxx + mx, maxy + my)


def _inset(
    ax: Axes,
    view: tuple[float, float, float, float],
    parent: gpd.GeoSeries,
    own: shapely.Geometry,
    context: gpd.GeoSeries,
) -> Axes:
    """Draw the parent within the country in the corner of ``view`` that hides the least of
    the parent (and none of the territory); returns the inset's axes."""
    size = 0.27
    minx, miny, maxx, maxy = view
    w, h = (maxx - minx) * size, (maxy - miny) * size
    shape = parent.iloc[0]
    corners = []
    for fx, fy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        x0, y0 = minx + fx * (maxx - minx - w), miny + fy * (maxy - miny - h)
        corner = shapely.box(x0, y0, x0 + w, y0 + h)
        hidden = corner.intersection(shape).area + (1e9 if corner.intersects(own) else 0.0)
        corners.append((hidden, fx, fy))
    _, fx, fy = min(corners)
    return maps.inset_map(ax, (fx * (1 - size), fy * (1 - size), size, size), context, parent)


def country_locator(atlas: Atlas, code: str) -> bytes:
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


def sub_symbols(atlas: Atlas, spec: Symbols, tr: Translator) -> tuple[bytes, list[tuple[int, str]]]:
    """Circles sized by a count (foreign residents, population) on the children of
    ``spec.code``, the units named or numbered; returns the SVG and the numbered units
    (for a key in the text)."""
    units = _children_units(atlas, spec.code, pd.Series(spec.values, dtype=float))
    have = list(units.index)
    fig = plotting.new_figure(17, 10.5 if len(have) <= 14 else 13)
    ax = fig.add_subplot()
    maps.proportional_symbols(ax, units, "value", lambda v: tr.figure(v, spec.unit), spec.title)
    names = {c: atlas.name(c, tr.lang) for c in have}
    numbered = maps.label_units(ax, units, names)
    return plotting.to_svg(fig), numbered
