"""Section 10, signals and priorities: factual sentences computed from the figures, then
the planners' own narrative."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from monographs.content import signals
from monographs.content.narratives import load_narrative
from monographs.content.rows import Scope


@dataclass
class SignalRow:
    """A factual sentence computed from the figures, with the sources of what it states."""

    text: str
    refs: str


def signal_rows(s: Scope, found: list[signals.Signal] | None = None) -> list[SignalRow]:
    """The signals of the territory (``found``, else computed), each citing the figures it
    states."""
    if found is None:
        found = signals.compute(s.facts, s.code, s.tr)
    return [SignalRow(sig.text, s.cite.figs(*sig.figures)) for sig in found]


def narrative(s: Scope) -> Markup:
    """The planners' narrative of the territory in the report's language (inert HTML)."""
    atlas = s.atlas
    return load_narrative(
        atlas.config.tables.get("narratives"), atlas.root, s.code, s.tr.lang, atlas.config.limits
    )
