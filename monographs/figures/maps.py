"""Maps: where a territory lies, and its sub-territories coloured by a figure."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from monographs.figures import plotting
from monographs.figures.bidi import RLM, display
from monographs.figures.classes import Classes, fisher_jenks, user_defined
from monographs.figures.plotting import ACCENT, MISSING, NEUTRAL, PRIMARY, SMALL_PT


def _frame(ax: Axes, frame: gpd.GeoDataFrame, pad: float = 0.03) -> None:
    minx, miny, maxx, maxy = frame.total_bounds
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
    fig = ax.figure
    fig.draw_without_rendering()  # settle the layout before measuring
    renderer = fig.canvas.get_renderer()
    # planar area in degrees: only the order matters here
    order = (
        pd.Series(shapely.area(units.geometry.values), index=units.index)
        .sort_values(ascending=False)
        .index
    )
    placed: list = []
    numbered: list[tuple[int, str]] = []
    halo = [patheffects.withStroke(linewidth=2, foreground="white")]
    use_names = len(units) <= max_names
    for code in order:
        point = units.geometry[code].representative_point()
        text = ax.text(
            point.x,
            point.y,
            display(names.get(code, code)),
            fontsize=SMALL_PT,
            ha="center",
            va="center",
            path_effects=halo,
            color="#222222",
        )
        if use_names:
            box = text.get_window_extent(renderer).expanded(1.05, 1.15)
            inside = ax.get_window_extent(renderer)
            fits = inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
            if fits and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                continue
        number = len(numbered) + 1
        text.set_text(str(number))
        text.set_fontsize(SMALL_PT)
        text.set_fontweight("bold")
        numbered.append((number, names.get(code, code)))
    return numbered


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
