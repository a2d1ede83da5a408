"""How deep a Markdown text nests, measured before it is parsed.

markdown-it scans ahead from every unclosed ``[`` or ``(`` for its closing mark, so a
text of many unclosed brackets costs time quadratic in its length (100,000 of them ran
for minutes). :func:`nesting_depth` measures that in one linear pass, so that such a text
is refused (``limits.max_narrative_nesting``) before the parser sees it.
"""

from __future__ import annotations

_OPEN = {"[": "]", "(": ")", "<": ">"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def nesting_depth(text: str) -> int:
    """The deepest nesting of unclosed ``[``, ``(`` and ``<`` (each counted on its own),
    or of ``>`` quote marks opening a line, whichever is deepest.

    >>> nesting_depth("[a](b) and [c]"), nesting_depth("[" * 5), nesting_depth("> > > x")
    (1, 5, 3)
    """
    depth = dict.fromkeys(_OPEN, 0)
    deepest = 0
    for ch in text:
        if ch in _OPEN:
            depth[ch] += 1
            deepest = max(deepest, depth[ch])
        elif ch in _CLOSE and depth[_CLOSE[ch]]:
            depth[_CLOSE[ch]] -= 1
    for line in text.splitlines():
        stripped = line.lstrip(" >")
        quotes = line[: len(line) - len(stripped)].count(">")
        deepest = max(deepest, quotes)
    return deepest


def over_limits(text: str, size: int, max_bytes: int, max_nesting: int) -> str:
    """Why a narrative of ``size`` bytes is refused ("" when it is within the limits)."""
    if size > max_bytes:
        return f"it holds {size:,} bytes, more than {max_bytes:,} (`limits.max_narrative_bytes`)"
    depth = nesting_depth(text)
    if depth > max_nesting:
        return (
            f"it nests {depth:,} levels deep (unclosed brackets, parentheses or quotes), "
            f"more than {max_nesting:,} (`limits.max_narrative_nesting`)"
        )
    return ""
