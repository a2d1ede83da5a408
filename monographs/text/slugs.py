"""Safe, stable file names for territories."""

from __future__ import annotations

import hashlib
import re

from monographs.text.names import fold

_NON_WORD = re.compile(r"[^a-z0-9]+")
_PLAIN_CODE = re.compile(r"[A-Za-z0-9]+([._-][A-Za-z0-9]+)*")
_RESERVED = {  # device names Windows refuses as file names, whatever the extension
    "con",
    "prn",
    "aux",
    "nul",
    "clock",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
MAX_SLUG = 80
MAX_CODE = 40  # characters of a code kept in a file name (then a digest of the whole)
DIGEST = 8


def slugify(text: str, fallback: str = "territory") -> str:
    """A file-name-safe slug: ASCII letters, digits and single hyphens, at most 80 characters.

    Never empty, never a path (``../`` and ``/`` become hyphens), never a reserved device
    name on Windows.

    >>> slugify("Drâa-Tafilalet"), slugify("../../etc/passwd")
    ('draa-tafilalet', 'etc-passwd')
    """
    slug = _NON_WORD.sub("-", fold(text).casefold()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if not slug:
        slug = fallback
    if slug in _RESERVED:
        slug = f"{slug}-" + fallback
    return slug


def level_slug(level: str) -> str:
    """The folder name of a level's files: ``province`` → ``province``; ``../escaped``,
    ``/abs/path``, ``CON`` or 300 characters all become a safe name inside the output
    folder (``escaped``, ``abs-path``, ``con-level``, 80 characters at most).

    >>> level_slug("../escaped"), level_slug("CON")
    ('escaped', 'con-level')
    """
    return slugify(level, fallback="level")


def code_slug(code: str) -> str:
    """The file-name form of a territory code: ``06`` → ``06``, ``01.051`` → ``01-051``.

    A code that is not plain letters and digits with single ``.``, ``-`` or ``_`` between
    them (``../x``, ``A/1``, Arabic, over 40 characters) also gets a digest of the whole
    code, so that two such codes never share a file name; the digest is the same on every
    run and every machine.
    """
    slug = _NON_WORD.sub("-", fold(code).casefold()).strip("-")
    if _PLAIN_CODE.fullmatch(code) and len(code) <= MAX_CODE:
        return slug
    digest = hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST]
    slug = slug[:MAX_CODE].rstrip("-")
    return f"{slug}-{digest}" if slug else f"t{digest}"


def territory_slug(code: str, name: str) -> str:
    """The file stem of a territory's monograph: code then name, e.g. ``06-casablanca-settat``.

    The code keeps two territories with the same name apart and keeps the name stable
    across runs; a name with no Latin letter or digit (only punctuation, only Arabic)
    leaves the code alone. At most 80 characters of name follow the code.
    """
    stem = code_slug(code)
    words = slugify(name, fallback="").strip("-")
    if words:
        stem = f"{stem}-{words}"
    if stem in _RESERVED:
        stem = f"{stem}-territory"
    return stem
