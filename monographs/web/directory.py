"""The atlas as the page shows it: names in the reader's language, search, browsing, and
one canonical address per territory.

Search forgives as the command line does (:mod:`monographs.atlas.names`): accents, case,
hyphens, apostrophes and spaces are ignored, aliases are names (``Tanger``, ``Fez``), and
every language's names are searched whatever the page's language (Latin letters on the
Arabic page find ``طنجة``). The name index is built once, so that a search costs a scan
of its keys, not a reload.
"""

from __future__ import annotations

from dataclasses import dataclass

from monographs.atlas import Atlas
from monographs.atlas.names import NameIndex
from monographs.content.citing import level_name
from monographs.text.names import compact, loose, normalise
from monographs.text.slugs import slugify

MAX_QUERY = 100  # characters of a search kept
PER_LEVEL = 25  # results shown per level


@dataclass(frozen=True)
class Place:
    """A territory as a link: code, name in the page's language, level and parent."""

    code: str
    name: str
    name_lang: str
    level: str
    level_name: str
    parent: str
    parent_lang: str
    slug: str


@dataclass(frozen=True)
class Group:
    """Search results or children of one level."""

    level: str
    level_name: str
    places: list[Place]
    more: int = 0


class Directory:
    """Names, search and browsing over one atlas (loaded once by the server)."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self.index = NameIndex(atlas)
        self.levels = list(atlas.config.levels)

    def has(self, code: str) -> bool:
        """True when the atlas has a territory of this code."""
        return code in self.atlas.territories.index

    def slug(self, code: str) -> str:
        """The words of a territory's address: its name in the atlas's language, folded
        (``casablanca-settat``); ``territory`` when it has no Latin letter."""
        return slugify(self.atlas.name(code, self.atlas.config.language))

    def level_name(self, level: str, lang: str) -> str:
        """A level's name in ``lang`` (atlas.toml's ``[level_names]``)."""
        return level_name(self.atlas, level, lang).split("\u00a0(")[0]

    def place(self, code: str, lang: str) -> Place:
        """A territory as the page shows it in ``lang``."""
        name, name_lang = self.atlas.named(code, lang)
        parent = self.atlas.parent(code)
        pname, plang = self.atlas.named(parent, lang) if parent else ("", "")
        level = self.atlas.level_of(code)
        return Place(
            code,
            name,
            name_lang or lang,
            level,
            self.level_name(level, lang),
            pname if parent != self.atlas.top else "",
            plang or lang,
            self.slug(code),
        )

    def search(self, query: str, lang: str, level: str | None = None) -> list[Group]:
        """Territories whose name or alias (any language) holds ``query`` once folded,
        grouped by level (top first): exact names first, then those starting with it,
        then the others; a misspelling (``Marrakesh``, ``Tetuan``) finds the name its
        loose spelling key meets."""
        query = query.strip()[:MAX_QUERY]
        q, qc, ql = normalise(query), compact(query), loose(query)
        if not q and not qc:
            return []
        t = self.atlas.territories
        scores: dict[str, int] = {}
        for key, codes in self.index.exact.items():
            if key in (q, qc):
                score = 0
            elif key.startswith(q) or (qc and key.startswith(qc)):
                score = 1
            elif q in key or (qc and qc in key):
                score = 2
            else:
                continue
            for code in codes:
                scores[code] = min(score, scores.get(code, 9))
        if ql and not scores:
            for code in self.index.fuzzy.get(ql, set()):
                scores[code] = 3
        if level is not None:
            scores = {c: s for c, s in scores.items() if t.at[c, "level"] == level}
        groups = []
        for lv in self.levels:
            codes = [c for c in scores if t.at[c, "level"] == lv]
            if not codes:
                continue
            codes.sort(key=lambda c: (scores[c], normalise(self.atlas.name(c, lang)), c))
            places = [self.place(c, lang) for c in codes[:PER_LEVEL]]
            groups.append(Group(lv, self.level_name(lv, lang), places, len(codes) - len(places)))
        return groups

    def children(self, code: str, lang: str) -> Group | None:
        """A territory's children as one group (None when it has none)."""
        kids = self.atlas.children(code)
        if not kids:
            return None
        level = self.atlas.level_of(kids[0])
        places = sorted((self.place(c, lang) for c in kids), key=lambda p: normalise(p.name))
        return Group(level, self.level_name(level, lang), places)

    def trail(self, code: str, lang: str) -> list[Place]:
        """The territory's ancestors from the top, then itself (for the breadcrumb)."""
        out = [self.place(code, lang)]
        parent = self.atlas.parent(code)
        while parent:
            out.insert(0, self.place(parent, lang))
            parent = self.atlas.parent(parent)
        return out

    def at_level(self, level: str, lang: str) -> list[Place]:
        """Every territory of a level, sorted by name in ``lang``."""
        places = [self.place(c, lang) for c in self.atlas.at_level(level)]
        return sorted(places, key=lambda p: (normalise(p.parent), normalise(p.name)))

    @property
    def top(self) -> str:
        """The country's code."""
        return self.atlas.top
