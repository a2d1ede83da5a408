"""How a figure's values are written, shared by the texts and the drawings that state them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from monographs.content.facts import ABOVE_PARENT, Figure
from monographs.i18n import Translator
from monographs.i18n.messages import N_

#: How a figure that says something of itself (its ``quality``) is marked wherever the
#: report states it, and what the annex says of the mark.
MARKS: dict[str, tuple[str, str, str]] = {  # quality -> (before, after, explanation)
    "approximate": (
        "≈\u202f",
        "",
        N_("approximate: computed by its source from a rounded figure (a share, a percentage)"),
    ),
    "lower-bound": ("≥\u202f", "", N_("at least: the source gives a lower bound")),
    "interim": (
        "",
        "\u202f†",
        N_("interim: counted before the end of the campaign or count, at the date of the source"),
    ),
    # not a quality of the source's: Figure.above_parent, set when the figures are chosen
    ABOVE_PARENT: (
        "",
        "\u202f‡",
        N_(
            "above the figure of the territory it belongs to: the two rest on different "
            "sources or bases, and neither is corrected here"
        ),
    ),
}


def value_format(tr: Translator, unit: str, change: bool = False) -> Callable[[float], str]:
    """The formatter of a value in ``unit``; of a change, signed, when ``change``: in
    percentage points when ``unit`` is ``points`` (a change of a percentage, see
    :func:`monographs.content.citing.change_unit`), else in percent (a change of a count)."""
    if change:
        return (lambda v: tr.points(v, signed=True)) if unit == "points" else tr.signed_percent
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


def column_decimals(unit: str, values: Iterable[float | None]) -> int | None:
    """How many decimals a table column of values in ``unit`` is written with, the same for
    every row (``12,0`` beside ``12,3``, not ``12``), or None for the unit's own rule.

    A count has none (None: the unit's rule); an average household size always one (2,0
    and 3,0, not 2 and 3, beside 277 inhabitants and 93 households); a percentage one, two
    when a share of the column is under 0,05 % and not zero (one decimal would write it
    ``0,0 %``); any other number one when some value of the column is not whole, else none.
    """
    held = [float(v) for v in values if v is not None and v == v]  # NaN != NaN
    if unit == "persons_per_household":
        return 1
    if unit in {"people", "households", "points"} or not held:
        return None
    if unit == "percent":
        return 2 if any(0 < abs(v) < 0.05 for v in held) else 1
    return 0 if all(v.is_integer() for v in held) else 1


def column_format(
    tr: Translator, unit: str, values: Iterable[float | None]
) -> Callable[[float | None], str]:
    """The formatter of a table column: its values written together, with one number of
    decimals (:func:`column_decimals`); the missing mark for None."""
    decimals = column_decimals(unit, values)
    return lambda v: tr.figure(v, unit, decimals)


def stated(tr: Translator, fig: Figure | None, unit: str, decimals: int | None = None) -> str:
    """A figure's value as the report states it: formatted for its unit (with ``decimals``,
    a table column's, when given: :func:`column_decimals`), marked when it is
    approximate, a lower bound, interim or above its parent's (:data:`MARKS`); the missing
    mark for None."""
    if fig is None:
        return tr.figure(None, unit)
    before, after, _why = MARKS.get(fig.quality, ("", "", ""))
    if fig.above_parent:
        after += MARKS[ABOVE_PARENT][1]
    return before + tr.figure(fig.value, unit, decimals) + after


def mark_legend(tr: Translator, qualities: set[str]) -> list[tuple[str, str]]:
    """The marks of the figures a report states, each with what it means."""
    return [
        ((before + after).strip("\u202f"), tr(why))
        for quality, (before, after, why) in MARKS.items()
        if quality in qualities
    ]
