"""Text alternatives of maps and charts: what a reader who cannot see the figure is told
(the highest and the lowest, how many hold the figure). One home for the rule that picks
the extremes."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from monographs.i18n import Translator


def highest_lowest(values: Mapping[str, float]) -> tuple[str, str]:
    """The keys of the highest and the lowest value (the first in order when equal)."""
    return max(values, key=values.__getitem__), min(values, key=values.__getitem__)


def extremes_alt(
    tr: Translator,
    title: str,
    values: Mapping[str, float],
    name: Callable[[str], str],
    fmt: Callable[[float], str],
    total: int,
    units: str = "units",
) -> str:
    """``{title}: highest in A (…), lowest in B (…); n of m units have the figure.``, or
    that none has it. ``units`` is ``units`` (a map's sub-territories) or
    ``territories`` (a comparison's)."""
    if not values:
        if units == "territories":
            return tr("{title}: no territory has the figure.").format(title=title)
        return tr("{title}: no unit has the figure.").format(title=title)
    hi, lo = highest_lowest(values)
    text = (
        tr(
            "{title}: highest in {hi} ({hv}), lowest in {lo} ({lv}); {n} of {m} territories "
            "have the figure."
        )
        if units == "territories"
        else tr(
            "{title}: highest in {hi} ({hv}), lowest in {lo} ({lv}); {n} of {m} units "
            "have the figure."
        )
    )
    return text.format(
        title=title,
        hi=name(hi),
        hv=fmt(values[hi]),
        lo=name(lo),
        lv=fmt(values[lo]),
        n=len(values),
        m=total,
    )
