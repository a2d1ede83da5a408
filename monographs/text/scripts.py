"""Writing direction: one home for deciding whether a language, or a text, is right to left."""

from __future__ import annotations

import re

#: Languages written right to left (the report's ``dir``, mirrored charts and tables).
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he"})
# Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms).
_RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_rtl(lang: str | None) -> bool:
    """True for a right-to-left language code (``ar``, ``ar_MA``, ``ar-DZ``)."""
    return (lang or "").replace("-", "_").split("_")[0] in RTL_LANGUAGES


def direction(lang: str | None) -> str:
    """``rtl`` for a right-to-left language, else ``ltr`` (HTML's ``dir``)."""
    return "rtl" if is_rtl(lang) else "ltr"


def has_rtl_text(text: str) -> bool:
    """True when ``text`` holds a letter of a right-to-left script."""
    return bool(_RTL_SCRIPT.search(text))
