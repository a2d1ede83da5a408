"""Arabic text for matplotlib: joined letters, right-to-left order.

WeasyPrint lays out Arabic itself (HarfBuzz shapes, FriBidi orders). matplotlib does so
only when it is built with libraqm (the wheels of matplotlib 3.11 and later are): it then
gets the logical text and must not be given pre-shaped text, which it would reverse a
second time. A matplotlib without libraqm (older releases, some distribution builds) draws
characters one by one, left to right, in their isolated forms: :func:`display` then turns
a label into what it must draw — the letters replaced by their joined presentation forms
(arabic-reshaper) and the whole put in visual order (python-bidi, the Unicode
bidirectional algorithm), so that Latin names and numbers inside an Arabic label keep
their own left-to-right order.

>>> display("Casablanca") == "Casablanca"
True
>>> display("جهة", shape=True) == "ﺔﻬﺟ"
True
"""

from __future__ import annotations

import re
from functools import cache

from matplotlib import ft2font

from monographs.text.scripts import is_rtl

# Arabic letters in their logical (unshaped) form: a label that holds one needs shaping.
# The presentation forms that shaping produces (U+FB50–FDFF, U+FE70–FEFF) are not in
# this class, so shaping a label twice is harmless.
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# The directional isolates that the translator puts around numbers in Arabic text
# (``القيمة الوطنية ⁦+71,9 %⁩``). WeasyPrint and libraqm honour them; without them the
# sign and the percent of a number inside an Arabic label would be drawn on the wrong
# side (``% 71,9+``). Only a matplotlib that cannot lay out text itself gets them removed,
# after python-bidi has used them to order the label.
_NO_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
#: Put first, makes a label of numbers only read right to left, as a range in an Arabic
#: legend must: ``RLM + "⁦−4,2 %⁩ – ⁦+2,9 %⁩"`` shows the lower bound on the right.
RLM = "\u200f"
_MIRROR = str.maketrans("()[]", ")(][")
_NO_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


def needs_shaping(text: str) -> bool:
    """True when ``text`` holds Arabic letters not yet shaped for display."""
    return bool(_ARABIC_LETTER.search(text))


@cache
def matplotlib_shapes() -> bool:
    """True when this matplotlib lays out complex scripts itself (built with libraqm)."""
    return bool(getattr(ft2font, "__libraqm_version__", None))


def display(text: str, lang: str | None = None, shape: bool | None = None) -> str:
    """The string matplotlib must draw so that ``text`` reads correctly.

    Any text when matplotlib shapes by itself (:func:`matplotlib_shapes`; ``shape``
    forces either way) is returned unchanged, its directional isolates included: libraqm
    orders a number inside an Arabic label by them. For a matplotlib that cannot shape,
    text without Arabic letters loses only its isolates, which it would draw as boxes.
    Otherwise Arabic text is shaped and put in visual order, line by line; the paragraph
    direction is right to left when ``lang`` is a right-to-left language or the text
    starts with an Arabic letter, else left to right (a Latin name followed by an Arabic
    word in an English chart).
    """
    if shape is None:
        shape = not matplotlib_shapes()
    if not shape or not text:
        return text
    if not needs_shaping(text):
        if text.startswith(RLM):  # numbers laid out right to left
            from bidi import get_display

            # python-bidi orders but does not mirror: the brackets of such a label stand
            # between numbers, in the right-to-left run, so each is the mirror image
            return get_display(text, base_dir="R").translate(_NO_CONTROLS).translate(_MIRROR)
        return text.translate(_NO_ISOLATES)
    import arabic_reshaper  # only needed by a matplotlib without libraqm
    from bidi import get_display

    rtl = is_rtl(lang) if lang else None
    lines = []
    for line in text.split("\n"):
        if not needs_shaping(line):
            lines.append(line.translate(_NO_ISOLATES))
            continue
        base = "R" if rtl or (rtl is None and _first_strong_is_arabic(line)) else "L"
        lines.append(
            get_display(arabic_reshaper.reshape(line), base_dir=base).translate(_NO_ISOLATES)
        )
    return "\n".join(lines)


def _first_strong_is_arabic(text: str) -> bool:
    for ch in text:
        if _ARABIC_LETTER.match(ch):
            return True
        if ch.isalpha():
            return False
    return False
