"""Shared matplotlib set-up: bundled fonts, a colour-blind-safe palette, SVG output."""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from monographs.resources import FONTS_DIR  # noqa: E402
from monographs.text.scripts import has_rtl_text  # noqa: E402

FONT_FAMILY = "Noto Sans"

# Colour-blind-safe colours (Okabe & Ito) and a sequential ramp (ColorBrewer Blues).
ACCENT = "#D55E00"
PRIMARY = "#0072B2"
NEUTRAL = "#BBBBBB"
MISSING = "#F0F0F0"
SEQUENTIAL = "Blues"
CM = 1 / 2.54
# The smallest text a figure prints (figures are laid out at about their drawn size): 8 pt,
# the least a printed report should ask a reader to read.
SMALL_PT = 8


@lru_cache(maxsize=1)
def setup() -> None:
    """Register the bundled fonts and set the house style (once per process)."""
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    plt.rcParams.update(
        {
            # named, not "sans-serif": matplotlib falls back glyph by glyph only along an
            # explicit list, so Arabic letters come from the bundled Noto Sans Arabic
            "font.family": [FONT_FAMILY, "Noto Sans Arabic", "DejaVu Sans"],
            "font.sans-serif": [FONT_FAMILY, "Noto Sans Arabic", "DejaVu Sans"],
            "font.size": 8,
            "axes.titlesize": 9,
            "axes.edgecolor": "#555555",
            "axes.spines.top": False,
            "axes.spines.right": False,
            # Text stays text in the SVG: WeasyPrint sets it in the bundled Noto fonts (the
            # stylesheet's @font-face) and subsets them once per PDF. "path" turned every glyph
            # into a path that WeasyPrint parsed again in every figure (about a third of the
            # layout time) for the same look.
            "svg.fonttype": "none",
            "axes.unicode_minus": False,
            "svg.hashsalt": "monographs",
            "svg.id": "fig",
            "path.simplify": True,
            "figure.dpi": 100,
        }
    )


class _Canvas(FigureCanvasAgg):
    """An Agg canvas (text can be measured before saving) that ignores requests to
    redraw: nothing is shown on screen, yet GeoPandas asks for one after every layer it
    plots, which rendered the whole figure in pixels each time (a fifth of the drawing
    time)."""

    def draw_idle(self, *args: object, **kwargs: object) -> None:  # noqa: D102
        pass


def new_figure(width_cm: float, height_cm: float) -> Figure:
    """A figure of the given print size (not attached to pyplot's state)."""
    setup()
    fig = Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")
    _Canvas(fig)
    return fig


def _has_rtl_text(fig: Figure) -> bool:
    """True when a text of the figure is in a right-to-left script (Arabic, Hebrew)."""
    return any(has_rtl_text(t.get_text() or "") for t in fig.findobj(Text))


def to_svg(fig: Figure) -> bytes:
    """The figure as SVG bytes, with no date so that the same figure gives the same bytes.

    Text is left to WeasyPrint (``svg.fonttype = "none"``), except in a figure holding
    right-to-left text: WeasyPrint's SVG text neither shapes Arabic nor orders it right
    to left, so there matplotlib (which shapes it) draws the glyphs as paths.
    """
    buf = io.BytesIO()
    fonttype = "path" if _has_rtl_text(fig) else "none"
    with matplotlib.rc_context({"svg.fonttype": fonttype}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "monographs"})
    return buf.getvalue()
