"""Charts: bars that compare territories or categories, with a reference value marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from monographs.bidi import display
from monographs.plotting import ACCENT, NEUTRAL, PRIMARY, SMALL_PT


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
    Missing values get no bar and say so. With ``rtl`` (an Arabic report) the chart is
    mirrored: bars grow leftwards from labels on the right; every label is shaped for
    matplotlib by :func:`monographs.bidi.display`.
    """
    side = "right" if rtl else "left"
    n = len(labels)
    ys = list(range(n))[::-1]
    held = [v for v in values if v is not None]
    top = max(held + [reference[1] if reference else 0]) if held else 1.0
    for y, label, value in zip(ys, labels, values, strict=True):
        if value is None:
            ax.text(0, y, " " + display(missing_label), va="center", ha=side, fontsize=SMALL_PT,
                    color="#777777", style="italic")
            continue
        colour = ACCENT if label == highlight else PRIMARY if highlight is None else NEUTRAL
        ax.barh(y, value, color=colour, height=0.7)
        ax.text(value + top * 0.01, y, display(fmt(value)), va="center", ha=side, fontsize=SMALL_PT)
    if reference is not None:
        ax.axvline(reference[1], color="#333333", linestyle="--", linewidth=0.8)
        ax.text(reference[1], n - 0.4, " " + display(reference[0]), fontsize=SMALL_PT,
                va="bottom", ha=side, color="#333333")
    ax.set_yticks(ys, [display(str(label)) for label in labels], fontsize=SMALL_PT)
    ax.set_xlim(0, top * 1.2)
    ax.set_ylim(-0.6, n - 0.1 + (0.6 if reference else 0))
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
