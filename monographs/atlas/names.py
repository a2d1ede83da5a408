"""Finding territories by code or by name, forgiving accents, case, hyphens and spellings.

A name matches when it equals, once folded (accents, case, hyphens, apostrophes and spaces
dropped), a territory's name in any language or one of its aliases. Aliases come from an
optional ``aliases`` column of the territories table (several separated by ``|``) and an
optional ``aliases.csv`` table (``code,alias``), e.g. the English and older French spellings
of a city ("Marrakesh", "Fez", "Tangier") or the city a prefecture is named after
("Tanger" for Tanger-Assilah). When nothing matches exactly, a looser spelling key
("sh"/"ch", "ou"/"u", doubled letters) is tried before giving up with suggestions.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from monographs.atlas.model import Atlas
from monographs.atlas.tables import ROW, read_table
from monographs.errors import AmbiguousTerritory, TerritoryNotFound
from monographs.text.names import compact, loose, normalise

ALIAS_FILE = "aliases.csv"
ALIAS_SEPARATOR = "|"


def alias_rows(atlas: Atlas) -> list[tuple[str, str, str, int | None]]:
    """The atlas's aliases as ``(code, alias, file, row)``: the ``aliases`` column of the
    territories table, then ``aliases.csv`` beside it (when present)."""
    out: list[tuple[str, str, str, int | None]] = []
    t = atlas.territories
    if "aliases" in t.columns:
        file = atlas.file_label("territories")
        for code, cell, row in zip(t.index, t["aliases"], t.get(ROW, [None] * len(t)), strict=True):
            for alias in str(cell or "").split(ALIAS_SEPARATOR):
                if alias.strip():
                    out.append(
                        (str(code), alias.strip(), file, int(row) if row is not None else None)
                    )
    path = atlas.config.tables.get("aliases", atlas.root / ALIAS_FILE)
    if path.is_file() and path.resolve().is_relative_to(atlas.root):
        frame = read_table(path, max_bytes=atlas.config.max_table_bytes)
        if {"code", "alias"} <= set(frame.columns):
            for code, alias, row in zip(frame["code"], frame["alias"], frame[ROW], strict=True):
                if str(alias).strip():
                    out.append((str(code).strip(), str(alias).strip(), path.name, int(row)))
    return out


@dataclass
class NameIndex:
    """Every name and alias of an atlas's territories under its folded keys."""

    atlas: Atlas
    exact: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    fuzzy: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def __post_init__(self) -> None:
        t = self.atlas.territories
        name_cols = [c for c in t.columns if c.startswith("name_")]
        for code, *names in zip(t.index, *(t[c] for c in name_cols), strict=True):
            for name in names:
                if isinstance(name, str) and name.strip():
                    self._add(str(code), name)
        for code, alias, _file, _row in alias_rows(self.atlas):
            if code in t.index:
                self._add(code, alias)

    def _add(self, code: str, name: str) -> None:
        for key in {normalise(name), compact(name)}:
            if key:
                self.exact[key].add(code)
        if loose(name):
            self.fuzzy[loose(name)].add(code)
        self.labels[normalise(name)].add(code)

    def matches(self, query: str) -> set[str]:
        """The codes whose name or alias is ``query`` once folded; the loose spelling key
        is tried only when nothing matches exactly."""
        found = self.exact.get(normalise(query), set()) | self.exact.get(compact(query), set())
        return set(found) or set(self.fuzzy.get(loose(query), set()))

    def suggestions(self, query: str, pool: set[str], n: int = 5) -> list[str]:
        """Codes of ``pool`` whose names are closest to ``query``: names that start with it
        or hold it first, then the closest spellings (difflib)."""
        q = normalise(query)
        labels = {lab: codes & pool for lab, codes in self.labels.items() if codes & pool}
        starts = sorted(lab for lab in labels if q and lab.startswith(q))
        within = sorted(lab for lab in labels if q and q in lab and lab not in starts)
        close = difflib.get_close_matches(q, list(labels), n=n, cutoff=0.6)
        out: list[str] = []
        for lab in [*close, *starts, *within]:
            for code in sorted(labels[lab]):
                if code not in out:
                    out.append(code)
        return out[:n]


def describe(atlas: Atlas, code: str) -> str:
    """``03.231 Fès (province: prefecture, in Fès-Meknès)``: code, name, level (and kind
    when it says more) and parent."""
    parent = atlas.parent(code)
    where = f", in {atlas.name(parent)}" if parent else ""
    level = atlas.level_of(code)
    kind = atlas.kind_of(code)
    kind = f": {kind}" if kind and kind != level else ""
    return f"{code} {atlas.name(code)} ({level}{kind}{where})"


def find_territory(atlas: Atlas, query: str, level: str | None = None) -> str:
    """The code of the territory ``query`` names: a code, a name or an alias.

    Accents, case, hyphens, apostrophes and spaces are ignored (``laayoune`` finds
    Laâyoune), and the atlas's aliases are names too (``Marrakesh``, ``Fez``). ``level``
    narrows the search to one level.

    Raises
    ------
    TerritoryNotFound
        With the closest names as a hint.
    AmbiguousTerritory
        When several territories match; the message lists them with their level and
        parent, the hint says how to choose (``--level`` or the code).

    Examples
    --------
    >>> atlas = load_atlas()                       # doctest: +SKIP
    >>> find_territory(atlas, "Fes", level="commune")  # doctest: +SKIP
    '03.231.01.0'
    """
    t = atlas.territories
    query = query.strip()
    pool = set(t.index if level is None else t.index[t["level"] == level])
    if query in pool:
        return query
    index = NameIndex(atlas)
    matches = sorted(index.matches(query) & pool, key=lambda c: (_depth(atlas, c), c))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        levels = [lv for lv in atlas.config.levels if any(atlas.level_of(c) == lv for c in matches)]
        listing = "\n".join(f"  {describe(atlas, c)}" for c in matches)
        example = f"e.g. `--territory {matches[0]}`"
        hint = (
            f"Add {' or '.join(f'--level {lv}' for lv in levels)}, or give the code ({example})."
            if len(levels) > 1
            else f"Give the code ({example})."
        )
        exc = AmbiguousTerritory(
            f"`{query}` matches {len(matches)} territories; none was built:\n{listing}", hint
        )
        exc.candidates = matches  # type: ignore[attr-defined]
        raise exc
    close = index.suggestions(query, pool)
    hint = (
        "Did you mean: " + ", ".join(f"{atlas.name(c)} ({c})" for c in close) + "?"
        if close
        else f"Run `{atlas.command('list', '--search', 'NAME')}` to see the names."
    )
    where = f" at level `{level}`" if level else ""
    exc = TerritoryNotFound(f"no territory{where} is called `{query}`.", hint)
    exc.suggestions = close  # type: ignore[attr-defined]
    raise exc


def search(atlas: Atlas, needle: str, level: str | None = None) -> list[str]:
    """The codes of ``level`` (every level when None) whose name or an alias holds
    ``needle`` once folded (``tang`` finds Tanger, Tanger-Assilah and Tangarfa)."""
    q, qc = normalise(needle), compact(needle)
    index = NameIndex(atlas)
    t = atlas.territories
    pool = set(t.index if level is None else t.index[t["level"] == level])
    found: set[str] = set()
    for key, codes in index.exact.items():
        if q in key or (qc and qc in key):
            found |= codes & pool
    return sorted(found, key=lambda c: (_depth(atlas, c), c))


def _depth(atlas: Atlas, code: str) -> int:
    level = atlas.level_of(code)
    return atlas.config.levels.index(level) if level in atlas.config.levels else 99
