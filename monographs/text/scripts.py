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


# a passage quoted « … » or “ … ” (the quotation marks stay outside it)
_QUOTED = re.compile(r"(?<=«)[^«»]+(?=»)|(?<=“)[^“”]+(?=”)")


def quoted_passages(text: str, quoted_lang: str) -> list[tuple[str, str]]:
    """``text`` cut into (passage, language) parts: each passage quoted « … » or “ … ”
    gets ``quoted_lang`` (a note translated from the atlas's language quotes its sources'
    headings as written), the rest "" (the text's own language). The marks and the spaces
    inside them stay with the text around."""
    parts: list[tuple[str, str]] = []
    at = 0
    for m in _QUOTED.finditer(text):
        inner = m.group()
        start = m.start() + len(inner) - len(inner.lstrip())
        end = m.end() - (len(inner) - len(inner.rstrip()))
        if start >= end:
            continue
        parts.append((text[at:start], ""))
        parts.append((text[start:end], quoted_lang))
        at = end
    parts.append((text[at:], ""))
    return [(p, lg) for p, lg in parts if p]
