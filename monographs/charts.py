"""Charts: bars that compare territories or categories, with a reference value marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.axes import Axes

from monographs.plotting import ACCENT, NEUTRAL, PRIMARY


def bar_chart(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float | None],
    fmt: Callable[[float], str],
    highlight: str | None = None,
    reference: tuple[str, float] | None = None,
    missing_label: str = "n/a",
) -> Axes:
    """Horizontal bars, largest on top, each labelled with its value.

    ``highlight`` names the bar to draw in the accent colour (the territory of the report);
    ``reference`` draws a dashed line at a value (e.g. the national one) with its label.
    Missing values get no bar and say so.
    """
    n = len(labels)
    ys = list(range(n))[::-1]
    held = [v for v in values if v is not None]
    top = max(held + [reference[1] if reference else 0]) if held else 1.0
    bottom = min(held + [reference[1] if reference else 0, 0]) if held else 0.0
    span = (top - bottom) or 1.0
    for y, label, value in zip(ys, labels, values, strict=True):
        if value is None:
            ax.text(0, y, " " + missing_label, va="center", ha="left", fontsize=6.5,
                    color="#777777", style="italic")
            continue
        colour = ACCENT if label == highlight else PRIMARY if highlight is None else NEUTRAL
        ax.barh(y, value, color=colour, height=0.7)
        ax.text(value + span * 0.01 * (1 if value >= 0 else -1), y, fmt(value), va="center",
                ha="left" if value >= 0 else "right", fontsize=6.5,
                fontweight="bold" if label == highlight else "normal",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.85})
    if reference is not None:
        ax.axvline(reference[1], color="#333333", linestyle="--", linewidth=0.8)
        # the label above the plot, where no bar or value can cover it
        ax.text(reference[1], 1.0, " " + reference[0], fontsize=6.5, va="bottom",
                transform=ax.get_xaxis_transform(), clip_on=False,
                ha="left", color="#333333")
    ax.set_yticks(ys, labels, fontsize=7)
    for tick in ax.get_yticklabels():
        if tick.get_text() == highlight:
            tick.set_fontweight("bold")
    ax.set_xlim(bottom - span * 0.22 if bottom < 0 else 0, top + span * 0.22)
    if bottom < 0:
        ax.axvline(0, color="#555555", linewidth=0.6)
    ax.set_ylim(-0.6, n - 0.3)
    ax.tick_params(axis="x", labelsize=6.5)
    ax.xaxis.set_major_formatter(lambda x, _pos: fmt(x))
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return ax
