"""How a figure's values are written, shared by the texts and the drawings that state them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from monographs.i18n import Translator


def value_format(tr: Translator, unit: str, change: bool = False) -> Callable[[float], str]:
    """The formatter of a value in ``unit`` (a change in percent, signed, when ``change``)."""
    if change:
        return tr.signed_percent
    return lambda v: tr.figure(v, unit)


def map_format(tr: Translator, unit: str, values: Iterable[float | None]) -> Callable[[float], str]:
    """The formatter of a choropleth's legend and alternative text: a percentage with one
    decimal, signed when some value is negative (a change); other units as figures."""
    held = [v for v in values if v is not None and v == v]  # NaN != NaN

    def fmt(v: float) -> str:
        if unit != "percent":
            return tr.figure(v, unit)
        return tr.signed_percent(v) if held and min(held) < 0 else tr.percent(v, 1)

    return fmt
