"""Which edition a territory gets: the full monograph, or the compact edition of a
territory holding few figures on migrants (the at-a-glance page, its own figures with
counts beside rates, its place among its siblings, and what is missing), decided by the
atlas's rule ``[report] compact_below``."""

from __future__ import annotations

from monographs.content.citing import territory_name
from monographs.content.rows import Scope
from monographs.content.sections.services import MIGRANT_PREFIXES
from monographs.content.signals import threshold

#: Default of ``[report] compact_below``: a territory holding fewer figures on migrants
#: than this gets the compact edition (0: every territory gets the full one).
COMPACT_BELOW = 3


def migrant_figures(s: Scope) -> int:
    """How many figures on migrants (foreign residents, refugees, asylum seekers,
    regularisation…) the atlas holds for the territory itself, every year counted (a
    share the report computes from them is not one more)."""
    return sum(
        1
        for f in s.facts.figures_of(s.code)
        if f.indicator.startswith(MIGRANT_PREFIXES) and not f.derived
    )


def compact(s: Scope) -> bool:
    """True when the territory gets the compact edition (never the nation's report)."""
    if s.code == s.nation:
        return False
    return migrant_figures(s) < threshold(s.facts, "compact_below", COMPACT_BELOW)


def note(s: Scope) -> str:
    """What the compact edition says of itself, on its at-a-glance page."""
    tr = s.tr
    held = migrant_figures(s)
    return tr(
        "Compact edition: figures on migrants the atlas holds for {territory}: {held} "
        "(the full edition is made from {limit}). The sections that would hold only "
        "national figures are left out; the figures to collect are listed in the annex."
    ).format(
        held=tr.number(held),
        territory=territory_name(s.atlas, s.code, tr.lang),
        limit=tr.number(threshold(s.facts, "compact_below", COMPACT_BELOW)),
    )
