"""The comparison report's figures: a level's territories on maps (two years side by side
with the same classes) and in rankings, and the map of the territories compared."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import Patch

from monographs.atlas import Atlas
from monographs.atlas.boundaries import simplify_to_width
from monographs.content.formats import value_format
from monographs.content.specs import LevelMap, ReferenceMap
from monographs.figures import maps, plotting
from monographs.figures.bidi import RLM, display
from monographs.i18n import Translator

# the last boundaries simplified, with the frame they were simplified from
_SHAPES: list[tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]] = []


def shapes(atlas: Atlas, level: str) -> gpd.GeoDataFrame:
    """The level's boundaries simplified for maps a few centimetres wide, once for all the
    maps of a report."""
    frame = atlas.boundaries(level)
    if not _SHAPES or _SHAPES[0][0] is not frame:
        _SHAPES[:] = [(frame, simplify_to_width(frame))]
    return _SHAPES[0][1]


def _label_codes(ax, units: gpd.GeoDataFrame) -> None:
    halo = [patheffects.withStroke(linewidth=1.8, foreground="white")]
    for code, geom in units.geometry.items():
        p = geom.representative_point()
        ax.text(
            p.x,
            p.y,
            str(code),
            fontsize=5.5,
            ha="center",
            va="center",
            path_effects=halo,
            color="#222222",
        )


def level_map(atlas: Atlas, spec: LevelMap, tr: Translator) -> bytes:
    """The territories coloured by a measure: one map per year with the same classes and
    one legend."""
    bounds = shapes(atlas, spec.level)
    have = list(spec.codes)
    fmt = value_format(tr, spec.unit, spec.change)
    frames = []
    for values in spec.values:
        frame = gpd.GeoDataFrame(
            {"value": [values.get(c) for c in have]},
            geometry=bounds.loc[have].geometry.values,
            crs=bounds.crs,
            index=have,
        )
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
        frames.append(frame)
    pooled = pd.concat([f["value"] for f in frames]).dropna()
    several = len(frames) > 1
    fig = plotting.new_figure(17, 10.5 if several else 9.5)
    if len(pooled):
        classes = maps.classify(pooled.to_numpy())
        bins = [float(b) for b in classes.bins]
    else:
        bins = []
    axes = fig.subplots(1, len(frames)) if several else [fig.add_subplot()]
    for ax, frame, y in zip(axes, frames, spec.years, strict=True):
        maps.choropleth(
            ax,
            frame,
            "value",
            fmt,
            tr("data missing"),
            spec.legend_title,
            bins=bins or None,
            legend=not several,
        )
        if several:
            ax.set_title(str(y), fontsize=9, fontweight="bold")
        if spec.label_codes:
            _label_codes(ax, frame)
    if several:
        handles = []
        rtl_mark = RLM if tr.direction == "rtl" else ""  # Arabic ranges read from the right
        low = float(pooled.min()) if len(pooled) else 0.0
        counts = [_class_counts(f["value"].dropna().tolist(), bins) for f in frames]
        for i, (colour, upper) in enumerate(zip(maps.class_colours(len(bins)), bins, strict=True)):
            per_year = " | ".join(str(c[i]) for c in counts)
            handles.append(
                Patch(
                    facecolor=colour,
                    edgecolor="#999999",
                    linewidth=0.4,
                    label=display(f"{rtl_mark}{fmt(low)} – {fmt(upper)}  ({per_year})"),
                )
            )
            low = upper
        gaps = [int(f["value"].isna().sum()) for f in frames]
        if any(gaps):
            handles.append(
                Patch(
                    facecolor=plotting.MISSING,
                    edgecolor=plotting.NEUTRAL,
                    hatch="////",
                    label=f"{tr('data missing')}  ({' | '.join(str(g) for g in gaps)})",
                )
            )
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncols=3,
            frameon=False,
            fontsize=7,
            title=tr("{unit}; territories per class in {years}").format(
                unit=spec.legend_title, years=" | ".join(map(str, spec.years))
            ),
            title_fontsize=7.5,
        )
    return plotting.to_svg(fig)


def _class_counts(values: list[float], bins: list[float]) -> list[int]:
    """How many values fall in each class (a value goes to the first class whose upper
    bound it does not exceed)."""
    counts = [0] * len(bins)
    for v in values:
        i = next((k for k, b in enumerate(bins) if v <= b + 1e-9), len(bins) - 1)
        counts[i] += 1
    return counts


def reference_map(atlas: Atlas, spec: ReferenceMap) -> bytes:
    """The compared territories with their codes, within the country (for the cover)."""
    bounds = shapes(atlas, spec.level)
    fig = plotting.new_figure(12, 11)
    ax = fig.add_subplot()
    units = bounds.loc[list(spec.codes)]
    maps.locator_map(ax, bounds, units.geometry)
    if spec.whole_level:  # the whole level: no territory stands out
        ax.collections[-1].set_facecolor("#9CC3DD")
        ax.collections[-1].set_edgecolor("white")
    if spec.label_codes:
        _label_codes(ax, units)
    return plotting.to_svg(fig)
