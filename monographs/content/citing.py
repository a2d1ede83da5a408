"""Citing figures: sources numbered in the order a report first cites them, and the
figures it used (for the annex of definitions), plus the catalogue's labels and units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from monographs.atlas import Atlas
from monographs.content.facts import ABOVE_PARENT, Figure, unidentified_sources
from monographs.content.model import BoundaryCredit, Conflict, GlossaryEntry, SourceEntry
from monographs.i18n import Translator, fallback_marker
from monographs.i18n.messages import KNOWN_KINDS


@dataclass
class Citations:
    """Numbers sources in the order a report first cites them, and records the figures
    whose sources it cites (indicator → years and source ids), for the annex."""

    numbers: dict[str, int] = field(default_factory=dict)
    used: dict[str, tuple[set[int], set[str]]] = field(default_factory=dict)
    stated: dict[tuple[str, str, int, str], set[float]] = field(default_factory=dict)
    qualities: set[str] = field(default_factory=set)  # of the figures stated (their marks)
    comma: str = ", "  # between the numbers: the report language's (Arabic ، )

    def cite(self, *source_ids: str) -> str:
        """``[1, 3]`` (Arabic ``[1، 3]``) for the given sources, numbering new ones."""
        nums = []
        for sid in source_ids:
            if sid not in self.numbers:
                self.numbers[sid] = len(self.numbers) + 1
            nums.append(self.numbers[sid])
        return "[" + self.comma.join(str(n) for n in sorted(set(nums))) + "]" if nums else ""

    def figs(self, *figures: Figure | None) -> str:
        """Cite the sources of some figures (None skipped) and record them as used, and
        as stated: ``stated`` holds every value the report states for each territory,
        indicator, year and dimension (one each, in a report that is true to itself)."""
        held = [f for f in figures if f is not None]
        for f in held:
            years, sources = self.used.setdefault(f.indicator, (set(), set()))
            years.add(f.year)
            sources.update(f.sources)
        self.record(*held)
        return self.cite(*[s for f in held for s in f.sources])

    def record(self, *figures: Figure | None) -> None:
        """Record figures as stated (and their marks) without citing their sources: for a
        figure stated where its sources are cited elsewhere (a table's column, a map)."""
        for f in figures:
            if f is None:
                continue
            self.state((f.territory, f.indicator, f.year, f.dimension), f.value)
            if f.quality:
                self.qualities.add(f.quality)
            if f.above_parent:
                self.qualities.add(ABOVE_PARENT)

    def state(self, key: tuple[str, str, int, str], value: float | None) -> None:
        """Record a value stated for a key (territory, indicator, year, dimension), None
        skipped: a value the report computes and states (a change) has a key of its own."""
        if value is not None:
            self.stated.setdefault(key, set()).add(value)


def label(atlas: Atlas, indicator: str, lang: str) -> str:
    """An indicator's label from the catalogue in a language; when the catalogue has none
    in that language, the label in the atlas's language (then French, English) followed by
    the mark of its language, ``(fr)``, so the reader sees the fallback; else the id."""
    cat = atlas.catalogue
    if indicator not in cat.index:
        return indicator
    for lg in (lang, *atlas.config.languages, "fr", "en"):
        col = f"label_{lg}"
        if col in cat.columns and cat.at[indicator, col]:
            text = str(cat.at[indicator, col])
            return text if lg == lang else text + fallback_marker(lg)
    return indicator


def level_name(atlas: Atlas, level: str, lang: str) -> str:
    """A level's name in ``lang`` (atlas.toml ``[level_names.<lang>]``); else its name in
    the atlas's languages (then French, English) followed by the mark of that language;
    else the level's id."""
    names = atlas.config.level_names
    if names.get(lang, {}).get(level):
        return names[lang][level]
    for lg in (*atlas.config.languages, "fr", "en"):
        if names.get(lg, {}).get(level):
            return names[lg][level] + fallback_marker(lg)
    return level


def kind_name(atlas: Atlas, kind: str, tr: Translator) -> str:
    """A territory's ``kind`` as a report in ``tr``'s language shows it: the atlas's name
    for it in that language (``[kind_names.LANG]``); else, for the kinds the catalogue
    knows (``province``, ``prefecture``, ``urban``, ``rural``), its translation; else the
    kind as written (or its name in the atlas's first language), marked with that
    language when it is not the report's (``daïra (fr)``). Never through the catalogue for words
    it does not hold, so that no "not translated" warning is spurious."""
    kind = kind.strip()
    if not kind:
        return ""
    names = atlas.config.kind_names
    if names.get(tr.lang, {}).get(kind):
        return names[tr.lang][kind]
    if kind in KNOWN_KINDS:
        return tr(kind)
    first = atlas.config.language  # the kind as written is in the atlas's language
    if tr.lang == first:
        return kind
    return names.get(first, {}).get(kind, kind) + fallback_marker(first)


def territory_name(atlas: Atlas, code: str, lang: str) -> str:
    """A territory's name in ``lang``; when the atlas has none in that language, the name
    in the atlas's languages (then French, English, Arabic). The report says once, on its
    cover, how many names it shows in another language (:func:`name_fallbacks`) rather
    than marking every occurrence."""
    return atlas.named(code, lang)[0]


def parent_name(atlas: Atlas, code: str, tr: Translator) -> str:
    """The name of a territory's parent as its report shows it beside the territory's:
    qualified by its kind, else its level, when both bear the same name (the commune of
    Casablanca in the prefecture of Casablanca: « Casablanca (préfecture) »), so that two
    columns or two values never look like one place; "" for the top territory."""
    parent = atlas.parent(code)
    if parent is None:
        return ""
    name = territory_name(atlas, parent, tr.lang)
    if name != territory_name(atlas, code, tr.lang):
        return name
    kind = atlas.kind_of(parent)
    if kind:
        what = kind_name(atlas, kind, tr)
    else:
        level = level_name(atlas, atlas.level_of(parent), tr.lang)
        what = level[:1].lower() + level[1:]
    return f"{name} ({what})"


def name_fallbacks(atlas: Atlas, codes: Iterable[str], lang: str) -> dict[str, int]:
    """How many of these territories have no name in ``lang`` and are named in another
    language instead (the one :func:`territory_name` falls back to) → that language: count.
    """
    out: dict[str, int] = {}
    for code in dict.fromkeys(codes):
        named_in = atlas.named(code, lang)[1]
        if named_in and named_in != lang:
            out[named_in] = out.get(named_in, 0) + 1
    return out


def unit(atlas: Atlas, indicator: str) -> str:
    """An indicator's unit (``people``, ``percent``…)."""
    cat = atlas.catalogue
    return str(cat.at[indicator, "unit"]) if indicator in cat.index else "number"


def change_unit(atlas: Atlas, indicator: str) -> str:
    """The unit a change of an indicator is stated in: ``points`` (percentage points, the
    difference of two percentages) for a percentage, else ``percent`` (a relative change,
    as of a count): see :meth:`monographs.content.facts.Facts.change`."""
    return "points" if unit(atlas, indicator) == "percent" else "percent"


def definition(atlas: Atlas, indicator: str, lang: str) -> str:
    """An indicator's definition from the catalogue (``definition_<lang>``, else French)."""
    cat = atlas.catalogue
    if indicator not in cat.index:
        return ""
    for lg in (lang, "fr"):
        col = f"definition_{lg}"
        if col in cat.columns and cat.at[indicator, col]:
            return str(cat.at[indicator, col])
    return ""


def source_note(atlas: Atlas, indicator: str, lang: str) -> tuple[str, str]:
    """An indicator's source note and the language it is written in: ``source_note_<lang>``;
    else, in the atlas's languages in order, ``source_note_<language>`` (``source_note``
    being the note in the atlas's first language); ("", "") when the catalogue has none.
    A note in another language than ``lang`` is printed with its ``lang`` attribute."""
    cat = atlas.catalogue
    if indicator not in cat.index:
        return "", ""
    first = atlas.config.language

    def written(lg: str) -> str:
        for col in (f"source_note_{lg}", *(["source_note"] if lg == first else [])):
            if col in cat.columns:
                text = cat.at[indicator, col]
                if isinstance(text, str) and text.strip():
                    return text.strip()
        return ""

    for lg in dict.fromkeys((lang, *atlas.config.languages)):
        text = written(lg)
        if text:
            return text, lg
    return "", ""


def web_link(url: str) -> str:
    """``url`` when it is a web address a reader can follow (http, https), else ""."""
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else ""


def source_entries(atlas: Atlas, cite: Citations, tr: Translator) -> list[SourceEntry]:
    """The numbered sources a report cited, in the order of their numbers, for its annex.

    The list is in the atlas's language (titles as published), its dates too."""
    s = atlas.sources
    first = atlas.config.language
    source_tr = tr if tr.lang == first else Translator(first, atlas.config.locale(first))
    unknown = unidentified_sources(atlas)
    out = []
    for sid, number in sorted(cite.numbers.items(), key=lambda kv: kv[1]):
        if sid not in s.index:
            continue
        row = s.loc[sid]
        out.append(
            SourceEntry(
                number,
                str(row["title"]),
                str(row.get("publisher", "")),
                source_tr.date(str(row.get("date", ""))),
                str(row.get("url", "")),
                str(row.get("licence", "")),
                sid in unknown,
                web_link(str(row.get("url", ""))),
            )
        )
    return out


def glossary_entries(atlas: Atlas, lang: str) -> list[GlossaryEntry]:
    """Every term of the atlas's glossary with its expansion in ``lang`` (else in the
    atlas's languages): the report keeps those its text uses."""
    return [GlossaryEntry(t, text, lg) for t, text, lg in atlas.config.glossary_in(lang)]


def boundary_credits(atlas: Atlas, tr: Translator) -> list[BoundaryCredit]:
    """The credits of the atlas's boundaries (``source``, ``licence``, ``url`` of each
    ``[boundaries.LEVEL]``), levels with the same credit together, in the order of the
    levels; levels that name neither a source nor a licence are left out."""
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for level in atlas.config.levels:
        spec = atlas.config.boundaries.get(level)
        if spec is None or not (spec.source or spec.licence):
            continue
        text, lang = atlas.config.text_in_table(spec.source, tr.lang)
        key = (text, lang, spec.licence, spec.url)
        groups.setdefault(key, []).append(level_name(atlas, level, tr.lang))
    return [
        BoundaryCredit(tr.comma.join(levels), text, lang or tr.lang, licence, url, web_link(url))
        for (text, lang, licence, url), levels in groups.items()
    ]


def conflict_entry(
    atlas: Atlas, fig: Figure, tr: Translator, cite: Citations, title: str
) -> Conflict:
    """A figure that sources give differently, as the annexes list it: every value with
    its source, the gap, and the one shown (chosen by the atlas's preference rule)."""
    u = unit(atlas, fig.indicator)
    values = [fig.value, *(a.value for a in fig.alternatives)]
    return Conflict(
        label=title,
        year=str(fig.year),
        dimension=tr.data_word(fig.dimension, atlas.config.language),
        shown=tr.figure(fig.value, u),
        shown_ref=cite.cite(fig.source_id),
        others=[(tr.figure(a.value, u), cite.cite(a.source_id)) for a in fig.alternatives],
        gap=tr.points(max(values) - min(values))
        if u == "percent"
        else tr.figure(max(values) - min(values), u),
    )
