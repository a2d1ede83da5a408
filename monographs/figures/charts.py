"""Charts: bars that compare territories or categories, with a reference value marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from monographs.figures.bidi import display
from monographs.figures.plotting import ACCENT, NEUTRAL, PRIMARY, SMALL_PT


def bar_chart(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float | None],
    fmt: Callable[[float], str],
    highlight: str | None = None,
    reference: tuple[str, float] | None = None,
    missing_label: str = "n/a",
    rtl: bool = False,
) -> Axes:
    """Horizontal bars, largest on top, each labelled with its value.

    ``highlight`` names the bar to draw in the accent colour (the territory of the report);
    ``reference`` draws a dashed line at a value (e.g. the national one) with its label.
    Missing values get no bar and say so; negative values grow the other way from a zero
    line. With ``rtl`` (an Arabic report) the chart is mirrored: bars grow leftwards from
    labels on the right; every label is shaped for matplotlib by
    :func:`monographs.figures.bidi.display`.
    """
    forward, backward = ("right", "left") if rtl else ("left", "right")
    n = len(labels)
    ys = list(range(n))[::-1]
    held = [v for v in values if v is not None]
    top = max(held + [reference[1] if reference else 0]) if held else 1.0
    bottom = min(held + [reference[1] if reference else 0, 0]) if held else 0.0
    span = (top - bottom) or 1.0
    for y, label, value in zip(ys, labels, values, strict=True):
        if value is None:
            # on a white ground above the reference line, which would else cross it
            ax.text(
                0,
                y,
                " " + display(missing_label),
                va="center",
                ha=forward,
                fontsize=SMALL_PT,
                color="#777777",
                style="italic",
                zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4},
            )
            continue
        colour = ACCENT if label == highlight else PRIMARY if highlight is None else NEUTRAL
        ax.barh(y, value, color=colour, height=0.7)
        ax.text(
            value + span * 0.01 * (1 if value >= 0 else -1),
            y,
            display(fmt(value)),
            va="center",
            ha=forward if value >= 0 else backward,
            fontsize=SMALL_PT,
            fontweight="bold" if label == highlight else "normal",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4},
        )
    if reference is not None:
        ax.axvline(reference[1], color="#333333", linestyle="--", linewidth=0.8)
        # the label above the plot, where no bar or value can cover it
        ax.text(
            reference[1],
            1.0,
            " " + display(reference[0]),
            fontsize=SMALL_PT,
            va="bottom",
            transform=ax.get_xaxis_transform(),
            clip_on=False,
            ha=forward,
            color="#333333",
        )
    shown = [display(str(label)) for label in labels]
    ax.set_yticks(ys, shown, fontsize=SMALL_PT)
    if highlight is not None:
        for tick in ax.get_yticklabels():
            if tick.get_text() == display(str(highlight)):
                tick.set_fontweight("bold")
    ax.set_xlim(bottom - span * 0.22 if bottom < 0 else 0, top + span * 0.22)
    if bottom < 0:
        ax.axvline(0, color="#555555", linewidth=0.6)
    ax.set_ylim(-0.6, n - 0.3)
    ax.tick_params(axis="x", labelsize=SMALL_PT)
    ax.xaxis.set_major_locator(MaxNLocator(5))  # few ticks: their labels stay apart
    ax.xaxis.set_major_formatter(lambda x, _pos: display(fmt(x)))
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.spines["right"].set_visible(False)
    return ax
