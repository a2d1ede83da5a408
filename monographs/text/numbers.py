"""Reading numbers as people write them (``23 096``, ``83,5``, ``1,234.5``, ``12 %``)."""

from __future__ import annotations

import math
import re

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def parse_number(text: object) -> float | None:
    """Parse a number written the French or the English way; ``None`` if it is not one.

    Spaces, no-break spaces and apostrophes group thousands; a comma followed by exactly
    three digits and no other separator is read as a thousands separator only when a dot
    also appears, otherwise as the decimal mark (``83,5`` → 83.5, ``1,5`` → 1.5). A final
    ``%`` is dropped. Empty text gives ``None``.

    >>> parse_number("23 096"), parse_number("83,5"), parse_number("1,234.5")
    (23096.0, 83.5, 1234.5)
    """
    if text is None:
        return None
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return None if isinstance(text, float) and math.isnan(text) else float(text)
    s = _SPACES.sub("", str(text)).rstrip("%").strip()
    if s.startswith("\u2212"):  # the minus sign
        s = "-" + s[1:]
    if not s:
        return None
    if "," in s and "." in s:
        # The last of the two marks is the decimal one: 1,234.5 or 1.234,5.
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        # 1,234,567 groups thousands; a single comma is the decimal mark (83,5)
        s = s.replace(",", "") if s.count(",") > 1 else s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")  # 1.234.567
    if not _PLAIN.fullmatch(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None
