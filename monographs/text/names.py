"""Folding names so that people find them however they type them.

One home for every way the code compares names: :func:`fold` (accents and case), the
search keys :func:`normalise`, :func:`compact` and :func:`loose`, and :func:`ascii_key`
for matching Latin-script words such as country names.
"""

from __future__ import annotations

import re
import unicodedata

_SEP = re.compile(r"[\s\-_'’ʼ`.,/()]+")
_NON_ALNUM = re.compile(r"[^0-9a-z\u0600-\u06ff]+")


def fold(text: str) -> str:
    """Lowercase without accents (other scripts kept): ``Fès-Meknès`` → ``fes-meknes``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normalise(name: str) -> str:
    """Accent-, case-, hyphen-, apostrophe- and space-insensitive form of a name:
    ``Fès-Meknès`` → ``fes meknes``, ``M'diq`` → ``m diq``."""
    return _SEP.sub(" ", fold(name)).strip()


def compact(name: str) -> str:
    """The normalised name without any separator: ``Al Hoceima`` → ``alhoceima``."""
    return _NON_ALNUM.sub("", fold(name))


def loose(name: str) -> str:
    """A forgiving spelling key: the compact form with ``sh`` → ``ch``, ``ou`` → ``u``,
    ``z`` → ``s`` and doubled letters single, so that ``Marrakesh`` meets ``Marrakech``
    and ``Tetuan`` meets ``Tétouan``."""
    key = compact(name).replace("sh", "ch").replace("ou", "u").replace("z", "s")
    return re.sub(r"(.)\1+", r"\1", key)


def ascii_key(text: str) -> str:
    """A Latin-script word reduced to lowercase ASCII, typographic apostrophes made plain
    (``Côte d’Ivoire`` → ``cote d'ivoire``): the key country names are matched on."""
    text = text.replace("\u2019", "'")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()
