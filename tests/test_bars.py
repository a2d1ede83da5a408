"""Bar charts laid out as HTML: the scale, the missing and negative values, the reference
line, and the mirrored layout of a right-to-left report."""

from __future__ import annotations

import pytest

from monographs.content.model import MapFigure
from monographs.content.specs import Bars
from monographs.figures.bars import VALUE_ROOM, bar_chart
from monographs.i18n import Translator
from monographs.render.html import environment


def _spec(**kw) -> Bars:
    base = dict(
        name="bench-x.svg",
        kind="benchmark",
        labels=("A", "B", "C"),
        values=(40.0, 10.0, None),
        unit="percent",
        highlight="B",
        reference=("national 20,0 %", 20.0),
    )
    base.update(kw)
    return Bars(**base)


def test_bars_share_one_scale_with_room_for_their_values() -> None:
    chart = bar_chart(_spec(), Translator("fr"))
    a, b, c = chart.bars
    assert a.start == b.start == chart.zero == 0
    assert a.width == pytest.approx(100 / (1 + VALUE_ROOM), abs=0.01)
    assert b.width == pytest.approx(a.width / 4, abs=0.01)  # 10 is a quarter of 40
    assert chart.reference == pytest.approx(a.width / 2, abs=0.01)
    assert b.highlight and not a.highlight
    assert c.missing and c.width == 0 and c.text == "n.d."  # the report's missing mark
    assert a.text == "40,0\u202f%"


def test_a_negative_value_grows_from_zero_the_other_way() -> None:
    chart = bar_chart(
        _spec(values=(30.0, -10.0, 5.0), reference=None, change=True), Translator("fr")
    )
    pos, neg, _ = chart.bars
    assert 0 < chart.zero < 100
    assert neg.negative and neg.start + neg.width == pytest.approx(chart.zero, abs=0.01)
    assert pos.start == pytest.approx(chart.zero, abs=0.01)
    assert neg.text.startswith("-") and pos.text.startswith("+")
    assert max(b.start + b.width for b in chart.bars) < 100  # every value has room


def _html(lang: str) -> str:
    tr = Translator(lang)
    fig = MapFigure("figure:bench-x.svg", "t", "alt", chart=bar_chart(_spec(), tr))
    template = '{% from "_bars.html.j2" import figure_body %}{{ figure_body(fig, dir) }}'
    return environment().from_string(template).render(fig=fig, dir=tr.direction)


def test_the_chart_is_text_not_a_picture_and_mirrors_in_arabic() -> None:
    fr, ar = _html("fr"), _html("ar")
    assert "<img" not in fr and "40,0\u202f%" in fr and "national 20,0 %" in fr
    assert '<th scope="row">B</th>' in fr and 'class="highlight"' in fr
    assert "left: 0" in fr and "right:" not in fr
    assert "right: 0" in ar and "left:" not in ar
