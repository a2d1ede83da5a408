"""Finding territories by code or by name, forgiving accents, case and hyphens."""

from __future__ import annotations

import difflib
import re

from monographs.atlas import Atlas
from monographs.errors import AmbiguousTerritory, TerritoryNotFound
from monographs.slugs import fold

_SEP = re.compile(r"[\s\-_'’.]+")


def normalise(name: str) -> str:
    """Accent-, case-, hyphen- and space-insensitive form of a name: ``Fès-Meknès`` →
    ``fes meknes``."""
    return _SEP.sub(" ", fold(name)).strip()


def find_territory(atlas: Atlas, query: str, level: str | None = None) -> str:
    """The code of the territory ``query`` names: a code, a slug or a name.

    Raises
    ------
    TerritoryNotFound
        With the closest names as a hint.
    AmbiguousTerritory
        When several territories match; the message lists them with level and parent.
    """
    t = atlas.territories
    pool = t if level is None else t[t["level"] == level]
    if query in pool.index:
        return query
    q = normalise(query)
    name_cols = [c for c in t.columns if c.startswith("name_")]
    matches: list[str] = []
    for code, row in pool.iterrows():
        names = {normalise(str(row[c])) for c in name_cols if row[c]}
        names.add(normalise(f"{code} {row.get('name_fr', '')}"))
        if q in names:
            matches.append(str(code))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        listing = "; ".join(
            f"{c} {atlas.name(c)} ({t.at[c, 'level']}"
            + (f", in {atlas.name(atlas.parent(c))}" if atlas.parent(c) else "") + ")"
            for c in sorted(matches))
        raise AmbiguousTerritory(f"`{query}` matches several territories: {listing}.",
                                 "Give the code, or add --level.")
    choices = {normalise(atlas.name(str(c))): str(c) for c in pool.index}
    close = difflib.get_close_matches(q, list(choices), n=5, cutoff=0.6)
    hint = ("Did you mean: " + ", ".join(f"{atlas.name(choices[c])} ({choices[c]})"
                                         for c in close) + "?") if close else \
        "Run `monographs list` to see the names."
    where = f" at level `{level}`" if level else ""
    raise TerritoryNotFound(f"no territory{where} is called `{query}`.", hint)
