"""The typography of each language, one rule each, applied to plain text.

* French (:func:`french_spacing`): the spaces of French printing (Imprimerie nationale),
  a narrow no-break space (U+202F) before ``;``, ``!``, ``?`` and ``%``, a no-break space
  (U+00A0) before ``:`` and inside guillemets ``« … »``. Any ordinary space there is
  replaced, a missing one added, never two. A mark not followed by a space, the end or a
  closing bracket is no punctuation of prose and is left alone (web addresses,
  ``file:///``, ``?p=1``, times ``10:30``), as is punctuation opening a text.
* Right-to-left text (:func:`isolate_ranges`): a range or a pair of numbers
  (``2014–2024``, ``12–15``, ``3 / 12``) is wrapped in the Unicode isolates RLI…PDI, so
  that it reads from the right, its first bound on the right, wherever it stands on an
  Arabic page: in a sentence, in a cell of figures laid out left to right, and as the
  maps' legends draw their classes (:mod:`monographs.figures.bidi`). Each number keeps
  its own left-to-right order (the translator isolates it: ``+12,1 %``). Without the
  isolates, the same range read from the right in a sentence and from the left in a
  column of figures.
* Arabic (:func:`arabic_punctuation`): the comma, semicolon and question mark of an
  Arabic sentence are the Arabic ones (``،`` ``؛`` ``؟``), not the Latin ones.

The rules take and give plain text (no markup, no entities): the HTML pass of
:mod:`monographs.render.reading` applies them to each text node.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"  # no-break space: before a colon, inside guillemets
NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and %
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"

#: The space each language puts between a number and its percent sign (none in English).
PERCENT_SPACE = {"fr": NNBSP, "en": ""}
DEFAULT_PERCENT_SPACE = NBSP

_SPACES = "[ \u00a0\u202f\u2009\t]"
# web addresses and e-mail addresses: never touched
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
# a run of spaces (maybe none) then the punctuation; the character before decides
_BEFORE = re.compile(rf"(?P<prev>\S)?(?P<space>{_SPACES}*)(?P<mark>[;!?:%»])")
_AFTER_OPEN = re.compile(rf"«{_SPACES}*")
# what may follow a French ; ! ? or : (else it is no punctuation of prose: an address,
# a time, code): a space, the end, a closing bracket or quote, another mark
_CLOSERS = ")]}»\"'’.,;:!?…\u2069"

_ARABIC_LETTER = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"


def percent_space(lang: str) -> str:
    """The space between a number and ``%`` in ``lang`` (French: a narrow no-break
    space, English: none, others: a no-break space)."""
    return PERCENT_SPACE.get(lang, DEFAULT_PERCENT_SPACE)


def _outside_urls(text: str, rule: Callable[[str], str]) -> str:
    """Apply ``rule`` to the parts of ``text`` that are not web or e-mail addresses."""
    out, last = [], 0
    for m in _URL.finditer(text):
        out.append(rule(text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(rule(text[last:]))
    return "".join(out)


def _french(part: str) -> str:
    def space(m: re.Match[str]) -> str:
        prev, mark = m.group("prev"), m.group("mark")
        end = m.end()
        nxt = part[end] if end < len(part) else ""
        if mark in ";!?:" and nxt and not (nxt.isspace() or nxt in _CLOSERS):
            return m.group()  # "file:///", "javascript:x", "?p=1", 10:30: not prose
        if prev is None and not m.group("space"):
            return m.group()  # opens the text: the space, if any, is before it
        if prev is None:
            return NBSP + mark if mark in ":»" else NNBSP + mark
        if mark == ":" and prev.isdigit() and nxt.isdigit() and not m.group("space"):
            return m.group()  # a time (10:30) or a ratio (1:50 000)
        if mark == "%" and not (prev.isdigit() or prev == PDI):
            return m.group()  # "le %" alone: not a number's sign
        if prev in "([«'\"/" or (mark in ";!?:" and prev in ";!?:"):
            return m.group()  # "(?)", "?!", "::" stay as they are
        if mark == "»" and prev == "«":
            return m.group()
        return prev + (NBSP if mark in ":»" else NNBSP) + mark

    part = _BEFORE.sub(space, part)
    return _AFTER_OPEN.sub("«" + NBSP, part)


def french_spacing(text: str, before: str = "") -> str:
    """French text with the spaces of French printing before ``: ; ! ? %`` and inside
    ``« »`` (see the module's docstring); idempotent. ``before`` is the character the
    text follows on the page (the end of the text before an inline tag:
    ``<strong>n.d.</strong>: …``), so that a mark opening the text gets its space too.

    >>> french_spacing("Limites: 12% (« oui »)")
    'Limites\\xa0: 12\\u202f% («\\xa0oui\\xa0»)'
    """
    if not text or not re.search(r"[;!?:%«»]", text):
        return text
    if before and not before.isspace():
        return _outside_urls(before[-1] + text, _french)[1:]
    return _outside_urls(text, _french)


# a number, maybe signed, maybe already isolated, maybe with its percent sign
_NUM = rf"{LRI}?[+\-\u2212]?\d+(?:[.,\u00a0\u202f]\d+)*(?:[\u00a0\u202f]?%)?{PDI}?"
_RANGE = re.compile(rf"(?<![\w.,]){_NUM}(?:\s?[–—/-]\s?{_NUM})+(?![\w])")


def isolate_ranges(text: str) -> str:
    """Right-to-left text with each range or pair of numbers (``2014–2024``, ``12–15``,
    ``3 / 12``) wrapped in RLI…PDI, so that it reads from the right on any line (see the
    module's docstring); a range already so wrapped is left as it is; idempotent.

    >>> isolate_ranges("التغير 2014–2024") == "التغير \\u20672014–2024\\u2069"
    True
    """
    if not re.search(r"\d.{0,5}[–—/-]", text):
        return text

    def wrap(m: re.Match[str]) -> str:
        before, body = text[: m.start()], m.group()
        if before.endswith(RLI):
            return body  # isolated already
        if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", body):
            return body  # an ISO date, not a range
        return RLI + body + PDI

    return _RANGE.sub(wrap, text) if not _URL.search(text) else text


_LATIN_MARKS = {",": "\u060c", ";": "\u061b", "?": "\u061f"}
_ARABIC_MARK = re.compile(rf"(?<=[{_ARABIC_LETTER}\)\u2069»])([,;?])(?=\s|$|[{_ARABIC_LETTER}])")


def arabic_punctuation(text: str) -> str:
    """Arabic text with the Latin comma, semicolon and question mark that close an Arabic
    word (or a number or bracket of an Arabic sentence) made Arabic: ``،`` ``؛`` ``؟``.
    A decimal comma (``12,5``) and web addresses are left alone.

    >>> arabic_punctuation("المغرب, تونس; لماذا?") == "المغرب\\u060c تونس\\u061b لماذا\\u061f"
    True
    """
    if not re.search(r"[,;?]", text) or not re.search(f"[{_ARABIC_LETTER}]", text):
        return text
    return _outside_urls(text, lambda part: _ARABIC_MARK.sub(lambda m: _LATIN_MARKS[m[1]], part))
