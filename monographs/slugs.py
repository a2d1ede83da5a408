"""Safe, stable file names for territories."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_RESERVED = {
    "con", "prn", "aux", "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
MAX_SLUG = 80


def fold(text: str) -> str:
    """Lowercase ASCII without accents: ``Fès-Meknès`` → ``fes-meknes``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, fallback: str = "territory") -> str:
    """A file-name-safe slug: ASCII letters, digits and single hyphens, at most 80 characters.

    Never empty, never a path (``../`` and ``/`` become hyphens), never a reserved device
    name on Windows.

    >>> slugify("Drâa-Tafilalet"), slugify("../../etc/passwd")
    ('draa-tafilalet', 'etc-passwd')
    """
    slug = _NON_WORD.sub("-", fold(text)).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        slug = fallback
    if slug in _RESERVED:
        slug = f"{slug}-"+ fallback
    return slug


def territory_slug(code: str, name: str) -> str:
    """The file stem of a territory's monograph: code then name, e.g. ``06-casablanca-settat``.

    The code keeps two territories with the same name apart and keeps the name stable
    across runs.
    """
    return slugify(f"{code} {name}")
