"""Bar charts laid out as HTML and CSS, not drawn: the bars, their values and the dashed
reference line are elements of the page.

A :class:`~monographs.content.specs.Bars` spec becomes a :class:`BarChart`: each bar's
label, its value as the report writes it, and where its bar starts and ends on the track,
in percent of the track's width. The template ``_bars.html.j2`` lays it out as a table
(a label, then the bar with its value), so that the text stays text: selectable, tagged in
the PDF, shaped by Pango in every script, mirrored by the page's own direction in a
right-to-left report. WeasyPrint then has no picture to parse, which was most of a
monograph's layout time (issue 15).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from monographs.content.formats import value_format
from monographs.content.specs import Bars
from monographs.i18n import Translator

# The part of the track's width left beyond the longest bar, for its value to print in.
VALUE_ROOM = 0.24


@dataclass
class Bar:
    """One bar: its label, its value as written (or the missing mark), and where it lies on
    the track (``start`` and ``width`` in percent of it, from the start of the line: the left
    in a left-to-right report, the right in a right-to-left one)."""

    label: str
    text: str
    start: float
    width: float
    missing: bool = False
    negative: bool = False
    highlight: bool = False


@dataclass
class BarChart:
    """A chart of horizontal bars as the template lays it out: the bars in order, the zero
    line's and the reference line's positions on the track (percent), and the reference's
    label. ``kind`` is the spec's (``breakdown``, ``benchmark`` or ``ranking``)."""

    kind: str
    bars: list[Bar] = field(default_factory=list)
    zero: float = 0.0
    reference: float | None = None
    reference_label: str = ""


def _round(x: float) -> float:
    """A position on the track to a hundredth of a percent: the same chart, the same HTML."""
    return round(x, 2)


def bar_chart(spec: Bars, tr: Translator) -> BarChart:
    """The chart of ``spec``: every value on one linear scale from the least (or zero) to the
    greatest (or the reference), with room left for the values written after the bars."""
    if spec.kind == "breakdown":

        def fmt(v: float) -> str:
            return tr.figure(v, spec.unit)
    else:
        fmt = value_format(tr, spec.unit, spec.change)
    held = [v for v in spec.values if v is not None]
    ref = spec.reference[1] if spec.reference is not None else None
    ends = held + ([ref] if ref is not None else []) + [0.0]
    low, high = min(ends), max(ends)
    span = (high - low) or 1.0
    # the track: the negative side (with room for its values), then the positive side
    room_low = span * VALUE_ROOM if low < 0 else 0.0
    room_high = span * VALUE_ROOM if high > 0 or low == 0 else 0.0
    total = span + room_low + room_high

    def at(v: float) -> float:
        return (v - low + room_low) / total * 100

    zero = at(0.0)
    chart = BarChart(spec.kind, zero=_round(zero))
    if ref is not None:
        chart.reference = _round(at(ref))
        chart.reference_label = spec.reference[0]
    for label, value in zip(spec.labels, spec.values, strict=True):
        highlight = spec.highlight is not None and label == spec.highlight
        if value is None:
            chart.bars.append(Bar(label, tr.missing_mark, _round(zero), 0.0, missing=True))
            continue
        start, end = sorted((zero, at(value)))
        chart.bars.append(
            Bar(
                label,
                fmt(value),
                _round(start),
                _round(end - start),
                negative=value < 0,
                highlight=highlight,
            )
        )
    return chart
