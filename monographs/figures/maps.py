"""Maps: where a territory lies, and its sub-territories coloured by a figure."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from monographs.figures import plotting
from monographs.figures.bidi import RLM, display
from monographs.figures.classes import Classes, fisher_jenks, user_defined
from monographs.figures.plotting import ACCENT, MISSING, NEUTRAL, PRIMARY, SMALL_PT


def _frame(ax: Axes, frame: gpd.GeoDataFrame, pad: float = 0.03) -> None:
    _frame_on(ax, tuple(frame.total_bounds), pad)


def _frame_on(ax: Axes, bounds: tuple[float, float, float, float], pad: float = 0.03) -> None:
    """Frame ``ax`` on ``bounds`` (and ``pad`` of their size around), true shape at the
    middle latitude, without axes."""
    minx, miny, maxx, maxy = bounds
    dx, dy = (maxx - minx) * pad, (maxy - miny) * pad
    ax.set_xlim(minx - dx, maxx + dx)
    ax.set_ylim(miny - dy, maxy + dy)
    mid = math.radians((miny + maxy) / 2)
    ax.set_aspect(1 / max(math.cos(mid), 0.1))  # equirectangular, true shape at mid-latitude
    ax.set_axis_off()


def locator_map(
    ax: Axes,
    context: gpd.GeoDataFrame,
    highlight: gpd.GeoSeries,
    parent: gpd.GeoSeries | None = None,
) -> Axes:
    """Draw the territory (``highlight``) within its country (``context``) on ``ax``.

    ``parent``, when given, is outlined so that a province shows within its region.
    """
    context.plot(ax=ax, color="#E4E4E4", edgecolor="white", linewidth=0.4)
    if parent is not None and len(parent):
        parent.plot(ax=ax, facecolor="#C8C8C8", edgecolor="#777777", linewidth=0.6)
    highlight.plot(ax=ax, color=ACCENT, edgecolor="#7A2E00", linewidth=0.5)
    _frame(ax, context)
    return ax


def classify(values: np.ndarray, k: int | None = None) -> Classes:
    """A classification suited to the number of units: Fisher-Jenks natural breaks with
    up to 5 classes (fewer for few units or few distinct values)."""
    distinct = len(np.unique(values))
    if k is None:
        k = 5 if len(values) >= 15 else 4 if len(values) >= 8 else 3
    k = max(1, min(k, distinct))
    if k < 2:
        return user_defined(values, [float(np.max(values))])
    return fisher_jenks(values, k)


def label_units(
    ax: Axes, units: gpd.GeoDataFrame, names: dict[str, str], max_names: int = 14
) -> list[tuple[int, str]]:
    """Name the units on the map where their names fit without overlapping.

    Larger units are placed first, each name at a point inside its unit, with a white
    halo; a name that would overlap one already placed (or when there are more than
    ``max_names`` units) is replaced by a number. Returns the numbered units as
    ``(number, name)`` pairs, for a key beside the map.
    """
    # planar area in degrees: only the order matters here
    order = (
        pd.Series(shapely.area(units.geometry.values), index=units.index)
        .sort_values(ascending=False)
        .index
    )
    points = [(code, units.geometry[code].representative_point()) for code in order]
    return place_labels(ax, points, names, use_names=len(units) <= max_names)


def place_labels(
    ax: Axes,
    points: Sequence[tuple[str, shapely.Point]],
    names: dict[str, str],
    use_names: bool = True,
    strong: str | None = None,
    avoid: Sequence[Artist] = (),
    nudge: bool = False,
    alternatives: dict[str, Sequence[shapely.Point]] | None = None,
) -> list[tuple[int, str]]:
    """Write each unit's name at its point, in order, with a white halo.

    A name that would leave the map or overlap a name already placed (or an area of
    ``avoid``, in display units) is replaced by a number, as are all of them when
    ``use_names`` is false (``avoid``: artists such as an inset, measured once the layout
    is settled); ``strong`` (a unit's code) is named in bold whatever it
    overlaps. With ``nudge``, a name that crosses the map's edge is first moved back
    inside it (a unit cut by the frame); ``alternatives`` (by code) are other points
    where a unit's name may go (centred, or starting or ending there) when it does not
    fit at the first. Returns the numbered
    units as ``(number, name)`` pairs, for a key.
    """
    fig = ax.figure
    fig.draw_without_rendering()  # settle the layout before measuring
    renderer = fig.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    placed: list[Bbox] = [a.get_window_extent(renderer) for a in avoid]
    numbered: list[tuple[int, str]] = []
    halo = [patheffects.withStroke(linewidth=2, foreground="white")]
    for code, point in points:
        bold = code == strong
        text = ax.text(
            point.x,
            point.y,
            display(names.get(code, code)),
            fontsize=SMALL_PT + 1 if bold else SMALL_PT,
            fontweight="bold" if bold else "normal",
            ha="center",
            va="center",
            path_effects=halo,
            color="#222222",
            zorder=5,
        )
        if bold:
            placed.append(_try_at(ax, text, point, inside, nudge, force=True))
            continue
        if use_names:
            box = None
            spots = [point, *(alternatives or {}).get(code, ())]
            sides = ("center", "left", "right") if alternatives else ("center",)
            for spot, side in ((p, h) for p in spots for h in sides):
                text.set_horizontalalignment(side)
                box = _try_at(ax, text, spot, inside, nudge, placed=placed)
                if box is not None:
                    break
            if box is not None:
                placed.append(box)
                continue
            text.set_position((point.x, point.y))
            text.set_horizontalalignment("center")
        number = len(numbered) + 1
        text.set_text(str(number))
        text.set_fontsize(SMALL_PT)
        text.set_fontweight("bold")
        numbered.append((number, names.get(code, code)))
    return numbered


def _try_at(
    ax: Axes,
    text: Text,
    point: shapely.Point,
    inside: Bbox,
    nudge: bool,
    force: bool = False,
    placed: Sequence[Bbox] = (),
) -> Bbox | None:
    """Move ``text`` to ``point`` and return its box (display units) when it stands inside
    ``inside`` (with ``nudge``, moved back inside it by at most half its size) and overlaps
    none of ``placed``; None otherwise (``force``: the box wherever it stands)."""
    renderer = ax.figure.canvas.get_renderer()
    text.set_position((point.x, point.y))
    box = text.get_window_extent(renderer).expanded(1.05, 1.15)
    fits = inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
    dx = max(inside.x0 - box.x0, 0.0) + min(inside.x1 - box.x1, 0.0)
    dy = max(inside.y0 - box.y0, 0.0) + min(inside.y1 - box.y1, 0.0)
    # moved at most half its size: the name still covers its point
    if nudge and not fits and abs(dx) <= box.width / 2 and abs(dy) <= box.height / 2:
        x, y = ax.transData.inverted().transform(
            ax.transData.transform((point.x, point.y)) + (dx, dy)
        )
        text.set_position((x, y))
        box = text.get_window_extent(renderer).expanded(1.05, 1.15)
        fits = True
    if force or (fits and not any(box.overlaps(o) for o in placed)):
        return box
    return None


def label_spots(shape: shapely.Geometry, n: int = 5) -> list[shapely.Point]:
    """Other points inside ``shape`` where its label may go, on an ``n`` × ``n`` grid over
    its bounds, nearest its representative point first."""
    minx, miny, maxx, maxy = shape.bounds
    xs = np.linspace(minx, maxx, n + 2)[1:-1]
    ys = np.linspace(miny, maxy, n + 2)[1:-1]
    grid = shapely.points([(x, y) for x in xs for y in ys])
    grid = grid[shapely.contains(shape, grid)]
    centre = shape.representative_point()
    return sorted(grid, key=lambda p: p.distance(centre))


def locator_among(
    ax: Axes,
    siblings: gpd.GeoDataFrame,
    code: str,
    bounds: tuple[float, float, float, float],
    names: dict[str, str],
    neighbours: Sequence[str] = (),
    parent: gpd.GeoSeries | None = None,
    others: gpd.GeoDataFrame | None = None,
    max_names: int = 10,
    avoid: Sequence[Artist] = (),
) -> list[tuple[int, str]]:
    """Draw the territory ``code`` among its ``siblings``, framed on ``bounds`` (its
    parent's, with a margin), and name it and its ``neighbours``.

    ``others`` (units of the same level outside the parent, clipped to the frame) are
    drawn faintly, so that the map does not end at the parent's edge; ``parent`` is
    outlined. The neighbours (codes of ``siblings`` or ``others``) are named, larger
    first, or numbered where a name does not fit, all of them when they are more than
    ``max_names``. Returns the numbered neighbours as ``(number, name)`` pairs.
    """
    if others is not None and len(others):
        others.plot(ax=ax, color="#F1F1F1", edgecolor="white", linewidth=0.4)
    rest = siblings.loc[[c for c in siblings.index if c != code]]
    if len(rest):
        rest.plot(ax=ax, color="#DCDCDC", edgecolor="white", linewidth=0.5)
    if parent is not None and len(parent):
        parent.boundary.plot(ax=ax, color="#555555", linewidth=0.9)
    siblings.loc[[code]].plot(ax=ax, color=ACCENT, edgecolor="#7A2E00", linewidth=0.6)
    _frame_on(ax, bounds, pad=0.0)
    shapes = siblings.geometry
    if others is not None and len(others):
        shapes = pd.concat([shapes, others.geometry])
    near = [c for c in neighbours if c in shapes.index and c != code]
    near.sort(key=lambda c: -shapes[c].area)
    points = [(code, shapes[code].representative_point())]
    points += [(c, shapes[c].representative_point()) for c in near]
    return place_labels(
        ax,
        points,
        names,
        use_names=len(near) <= max_names,
        strong=code,
        avoid=avoid,
        nudge=True,
        alternatives={c: label_spots(shapes[c]) for c in near},
    )


def inset_map(
    ax: Axes,
    rect: tuple[float, float, float, float],
    context: gpd.GeoSeries,
    shape: gpd.GeoSeries,
) -> Axes:
    """A small map at ``rect`` (axes fraction: x, y, width, height) of ``shape`` (dark)
    within ``context`` (the country's first level, light), on a white ground."""
    inner = ax.inset_axes(rect)
    inner.set_in_layout(False)  # inside the map: nothing for the layout to make room for
    context.plot(ax=inner, color="#E4E4E4", edgecolor="white", linewidth=0.3)
    shape.plot(ax=inner, color="#555555", edgecolor="#555555", linewidth=0.3)
    _frame_on(inner, tuple(context.total_bounds), pad=0.04)
    # a white ground and a thin border, without the axes' ticks to lay out
    inner.add_patch(
        Rectangle(
            (0, 0),
            1,
            1,
            transform=inner.transAxes,
            facecolor="white",
            edgecolor="#999999",
            linewidth=0.5,
            zorder=0,
            clip_on=False,
        )
    )
    return inner


def class_colours(n: int) -> list[str]:
    """The fill colours of ``n`` classes, light to dark (the ramp :func:`choropleth` uses)."""
    cmap = plotting.plt.get_cmap(plotting.SEQUENTIAL)
    return [to_hex(cmap(0.25 + 0.7 * i / max(n - 1, 1))) for i in range(n)]


def choropleth(
    ax: Axes,
    units: gpd.GeoDataFrame,
    column: str,
    fmt: Callable[[float], str],
    missing_label: str,
    legend_title: str,
    outline: gpd.GeoSeries | None = None,
    rtl: bool = False,
    bins: Sequence[float] | None = None,
    legend: bool = True,
) -> Axes:
    """Colour ``units`` by ``column`` in classes, with a legend of the class bounds.

    Units whose value is missing are drawn hatched in light grey and named in the legend
    as missing, never as the lowest class. Name the units afterwards with
    :func:`label_units` (once the legend is in place, so that the map's size is final).
    With ``rtl`` the legend stands on the left of the map; its texts are shaped for
    matplotlib by :func:`monographs.figures.bidi.display`.

    ``bins`` (class upper bounds) gives several maps the same classes, e.g. small
    multiples of two years; ``legend=False`` leaves the legend to the caller (see
    :func:`class_colours`).
    """
    values = units[column].astype(float)
    held = values.notna()
    handles: list[Patch] = []
    if held.any():
        if bins is None:
            classes = classify(values[held].to_numpy())
        else:
            classes = user_defined(values[held].to_numpy(), list(bins))
        n = len(classes.bins)
        colours = class_colours(n)
        fill = [colours[b] for b in classes.yb]
        units.loc[held].plot(ax=ax, color=fill, edgecolor="white", linewidth=0.5)
        low = float(values[held].min())
        for i, upper in enumerate(classes.bins):
            count = int((classes.yb == i).sum())
            # in Arabic the range reads from the right, its lower bound first
            label = display(f"{RLM if rtl else ''}{fmt(low)} – {fmt(float(upper))}  ({count})")
            handles.append(
                Patch(facecolor=colours[i], edgecolor="#999999", linewidth=0.4, label=label)
            )
            low = float(upper)
    if (~held).any():
        units.loc[~held].plot(
            ax=ax, facecolor=MISSING, edgecolor=NEUTRAL, hatch="////", linewidth=0.5
        )
        handles.append(
            Patch(
                facecolor=MISSING,
                edgecolor=NEUTRAL,
                hatch="////",
                label=display(f"{missing_label}  ({int((~held).sum())})"),
            )
        )
    if outline is not None:
        outline.boundary.plot(ax=ax, color="#444444", linewidth=0.8)
    _frame(ax, units)
    if not legend:
        return ax
    ax.legend(
        handles=handles,
        title=display(legend_title),
        loc="upper right" if rtl else "upper left",
        bbox_to_anchor=(-0.01, 1.0) if rtl else (1.01, 1.0),
        frameon=False,
        fontsize=SMALL_PT,
        title_fontsize=SMALL_PT + 0.5,
        alignment="right" if rtl else "left",
        markerfirst=not rtl,
    )
    return ax


def proportional_symbols(
    ax: Axes,
    units: gpd.GeoDataFrame,
    column: str,
    fmt: Callable[[float], str],
    legend_title: str,
    max_size: float = 900.0,
) -> Axes:
    """Circles sized by ``column`` (area proportional to the value) on ``units``.

    The units are drawn in light grey; each circle sits at a point inside its unit,
    largest drawn first so that small ones stay visible; units without a value get no
    circle. The legend shows three reference sizes with their values.
    """
    units.plot(ax=ax, color="#EDEDED", edgecolor="white", linewidth=0.5)
    values = pd.to_numeric(units[column], errors="coerce")
    held = values.dropna()
    held = held[held > 0].sort_values(ascending=False)
    if len(held):
        top = float(held.iloc[0])
        points = [units.geometry[c].representative_point() for c in held.index]
        sizes = [max_size * float(v) / top for v in held]
        ax.scatter(
            [p.x for p in points],
            [p.y for p in points],
            s=sizes,
            color=PRIMARY,
            alpha=0.65,
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
        )
        refs = _nice_steps(top)
        handles = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                color=PRIMARY,
                alpha=0.65,
                markeredgecolor="white",
                markersize=math.sqrt(max_size * r / top),
                label=display(fmt(r)),
            )
            for r in refs
        ]
        ax.figure.legend(
            handles=handles,
            title=display(legend_title),
            loc="outside right upper",
            frameon=False,
            fontsize=SMALL_PT,
            title_fontsize=SMALL_PT,
            labelspacing=2.4,
            handlelength=3.2,
            handletextpad=1.2,
            borderpad=1.2,
            alignment="left",
        )
    _frame(ax, units)
    return ax


def _nice_steps(top: float) -> list[float]:
    """Three round reference values up to ``top`` for a size legend (largest first)."""
    magnitude = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    first = math.floor(top / magnitude) * magnitude
    steps = [first, first / 4, first / 20]
    return [s for s in steps if s > 0]
