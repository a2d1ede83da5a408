"""The atlas configuration (``atlas.toml``): what the tables and boundaries are, and how
the reports are made. Unknown keys are reported, never ignored."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex  # the engine [[wide]] patterns run on (with a timeout: see mappings)

from monographs.atlas.paths import contained
from monographs.errors import AtlasError
from monographs.problems import Problem
from monographs.text.slugs import level_slug

CONFIG_FILE = "atlas.toml"

_TOP_KEYS = {
    "title",
    "contact",
    "country",
    "edition",
    "languages",
    "locales",
    "levels",
    "level_names",
    "kind_names",
    "glossary",
    "tables",
    "boundaries",
    "selection",
    "branding",
    "strategy",
    "report",
    "limits",
    "columns",
    "wide",
}
_TABLE_KEYS = {
    "territories",
    "figures",
    "sources",
    "catalogue",
    "programmes",
    "actors",
    "aliases",
    "narratives",
    "collected",
}
_FOLDERS = {"collected", "narratives"}  # table keys naming a folder
_BOUNDARY_KEYS = {
    "file",
    "layer",
    "code_column",
    "name_column",
    "parent_column",
    "crs",
    "source",
    "licence",
    "url",
}
_WIDE_KEYS = {
    "file",
    "sheet",
    "header_row",
    "territory",
    "source",
    "pattern",
    "columns",
    "indicators",
    "dimension",
    "note",
}
_SELECTION_KEYS = {"prefer"}
_BRANDING_KEYS = {"colour", "accent", "logo", "publisher"}
# what the reports say of the country's strategy: every text comes from the atlas
_STRATEGY_TEXTS = ("name", "abbreviation", "programmes_intro", "campaigns_intro")
_STRATEGY_KEYS = {*_STRATEGY_TEXTS, "campaigns"}
_REPORT_KEYS = {
    "map_indicator",
    "sub_map_indicator",
    "signal_min_population",
    "signal_min_gap",
    "compact_below",
}
# name → (default, unit): every bound on the work an input can cause (README, reliability)
LIMITS: dict[str, tuple[int | float, str]] = {
    "max_table_bytes": (200_000_000, "bytes"),
    "max_boundary_bytes": (500_000_000, "bytes"),
    "max_vertices_per_level": (250_000, "vertices"),
    "max_columns": (1_000, "columns"),
    "max_header_chars": (300, "characters"),
    "max_rows": (1_000_000, "rows"),
    "max_xlsx_bytes": (50_000_000, "bytes"),
    "max_pattern_seconds": (1.0, "seconds"),
    "max_narrative_bytes": (100_000, "bytes"),
    "max_narrative_nesting": (32, "levels"),
}
_LIMIT_KEYS = set(LIMITS)


@dataclass(frozen=True)
class Limits:
    """The bounds on the work one atlas can cause (``[limits]`` in atlas.toml): each
    pathological input ends quickly with a named problem instead of running for good."""

    max_table_bytes: int = 200_000_000  # a table file
    max_boundary_bytes: int = 500_000_000  # a boundary file (a zip: also unpacked)
    max_vertices_per_level: int = 250_000  # above: simplified before drawing
    max_columns: int = 1_000  # columns of one table
    max_header_chars: int = 300  # characters of one column name
    max_rows: int = 1_000_000  # rows of one table (an XLSX's counted before parsing)
    max_xlsx_bytes: int = 50_000_000  # a workbook's XML, unpacked
    max_pattern_seconds: float = 1.0  # a wide table's `pattern` over its column names
    max_narrative_bytes: int = 100_000  # one narrative
    max_narrative_nesting: int = 32  # unclosed brackets, parentheses, quote levels


@dataclass(frozen=True)
class BoundarySpec:
    """Where a level's boundaries are: a file (any OGR format), a layer, the code column."""

    file: Path
    layer: str | None = None
    code_column: str = "code"
    crs: str | None = None
    name_column: str | None = None  # join by territory name instead of code
    parent_column: str | None = None  # with name_column: the parent's code, scoping names
    # the credit the reports print: who made the boundaries, under which licence, where
    source: dict[str, str] = field(default_factory=dict)  # language → text
    licence: str = ""
    url: str = ""


@dataclass(frozen=True)
class WideSpec:
    """A wide figures table: one column per indicator and year (``[[wide]]`` in atlas.toml).

    ``pattern`` is a regular expression with named groups ``indicator`` and ``year`` (and
    optionally ``dimension``) that column names must match in full; ``columns`` maps
    column names explicitly to ``{indicator, year, dimension, source}``; ``indicators``
    renames the indicator a pattern captured to a catalogue id.
    """

    file: Path
    territory: str = "territory_code"
    source: str = ""
    pattern: str | None = None
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int = 1
    dimension: str = ""
    note: str = ""
    index: int = 0  # its place among the [[wide]] tables, for messages


@dataclass(frozen=True)
class AtlasConfig:
    """The parsed ``atlas.toml``. Paths are absolute."""

    root: Path
    title: str
    country: str
    edition: str
    languages: list[str]
    levels: list[str]
    level_names: dict[str, dict[str, str]]
    tables: dict[str, Path]
    boundaries: dict[str, BoundarySpec]
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    wide: list[WideSpec] = field(default_factory=list)
    sheets: dict[str, str] = field(default_factory=dict)
    header_rows: dict[str, int] = field(default_factory=dict)
    prefer_sources: list[str] = field(default_factory=list)
    branding: dict[str, str] = field(default_factory=dict)
    report: dict[str, str] = field(default_factory=dict)
    max_table_bytes: int = 200_000_000
    max_boundary_bytes: int = 500_000_000
    max_vertices_per_level: int = 250_000
    limits: Limits = field(default_factory=Limits)
    # table keys whose path was refused (outside the atlas, not a file): never read
    refused: frozenset[str] = frozenset()
    # ``title`` and ``branding.publisher`` given per language: key → language → text
    localised: dict[str, dict[str, str]] = field(default_factory=dict)
    # ``[locales]``: a language → the regional locale its reports are written in (``ar-MA``)
    locales: dict[str, str] = field(default_factory=dict)
    # ``[kind_names.LANG]``: a territory's ``kind`` (as the table writes it) → its name
    kind_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # ``[[strategy.campaigns]]``: the year its figures are filed under, its title per language
    campaigns: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # ``[glossary.LANG]``: a language → each term (an abbreviation, ``SNIA``) → its expansion
    glossary: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """The atlas's default language (its first)."""
        return self.languages[0]

    def level_name(self, level: str, lang: str | None = None) -> str:
        """A level's name in a language, falling back to the level id."""
        names = self.level_names.get(lang or self.language) or {}
        return names.get(level, level)

    def text_in(self, key: str, lang: str) -> tuple[str, str]:
        """``title``, ``country``, ``publisher`` or ``contact`` in ``lang`` when the atlas
        gives it in that language, else in the first of the atlas's languages that has it;
        with the language of the text returned (``("Monographies…", "fr")``); ``("", "")``
        when not given at all."""
        return _pick(self.localised.get(key, {}), [lang, *self.languages])

    def text_in_table(self, texts: dict[str, str], lang: str) -> tuple[str, str]:
        """A text given once or per language (``texts``: language → text) in ``lang``, else
        in the atlas's languages, with its language; ``("", "")`` when empty."""
        return _pick(texts, [lang, *self.languages])

    def campaigns_in(self, lang: str) -> list[tuple[int, str]]:
        """The strategy's campaigns (``[[strategy.campaigns]]``): each year with its title
        in ``lang`` (else in the atlas's languages, else the year)."""
        return [
            (year, _pick(titles, [lang, *self.languages])[0] or str(year))
            for year, titles in self.campaigns
        ]

    def glossary_in(self, lang: str) -> list[tuple[str, str, str]]:
        """The glossary (``[glossary.LANG]``) for a report in ``lang``: every term the atlas
        explains in some language, with its expansion in ``lang`` (else in the first of the
        atlas's languages that has one) and the language of that expansion, sorted by term.
        """
        terms = sorted({t for entries in self.glossary.values() for t in entries}, key=str.casefold)
        out = []
        for term in terms:
            text, text_lang = _pick(
                {lg: entries[term] for lg, entries in self.glossary.items() if term in entries},
                [lang, *self.languages],
            )
            if text:
                out.append((term, text, text_lang))
        return out

    def locale(self, lang: str) -> str | None:
        """The regional locale the atlas names for ``lang`` (``[locales]``: ``"ar-MA"``),
        or None for the language's default."""
        return self.locales.get(lang)

    def sub_level(self, level: str) -> str | None:
        """The level below ``level``, or None for the lowest."""
        i = self.levels.index(level)
        return self.levels[i + 1] if i + 1 < len(self.levels) else None


def _bad_value(column: str, message: str, value: object, hint: str) -> Problem:
    """A value of atlas.toml that cannot be used: where, what is wrong, the value as
    written (its first 80 characters) and what to write instead."""
    return Problem(
        "bad-config-value",
        message,
        file=CONFIG_FILE,
        column=column,
        value=str(value)[:80],
        hint=hint,
    )


def file_label(path: Path, root: Path) -> str:
    """A file's name as problems and reports give it: relative to the atlas folder, or
    whole when it lies outside."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _campaigns(
    raw: Any, default_lang: str, problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    """``[[strategy.campaigns]]``: each a ``year`` (the year the atlas files the campaign's
    figures under) and a ``title`` (one text or one per language)."""
    out: list[tuple[int, dict[str, str]]] = []
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        problems.append(
            _bad_value(
                "strategy.campaigns",
                "`strategy.campaigns` must be a list of tables (`[[strategy.campaigns]]`)",
                raw,
                'e.g. [[strategy.campaigns]] then year = 2014 and title = "…"',
            )
        )
        return out
    for i, item in enumerate(raw):
        where = f"strategy.campaigns[{i}]"
        problems += _unknown(f"{where}.", item, {"year", "title"}, CONFIG_FILE)
        year = item.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2100:
            problems.append(
                _bad_value(
                    f"{where}.year",
                    f"`{where}.year` must be a year, not `{year}`",
                    year,
                    "The year the figures of the campaign are filed under, e.g. 2014.",
                )
            )
            continue
        out.append(
            (
                year,
                _localised(item.get("title", str(year)), f"{where}.title", default_lang, problems),
            )
        )
    return out


def _text(spec: dict[str, Any], key: str, where: str, problems: list[Problem]) -> str:
    """An optional text value of a section ("" when absent), a problem when not a text."""
    value = spec.get(key, "")
    if isinstance(value, str):
        return value.strip()
    problems.append(
        _bad_value(
            where, f"`{where}` must be a text, not `{str(value)[:40]}`", value, f'e.g. {key} = "…"'
        )
    )
    return ""


def _level_names(
    raw: dict[str, Any], levels: list[str], problems: list[Problem]
) -> dict[str, dict[str, str]]:
    """``[level_names.LANG]``: each key a level of ``levels``, each value a text, under a
    language code; anything else is a problem (a misspelt level would show the level id)."""
    out: dict[str, dict[str, str]] = {}
    for lang, names in raw.items():
        where = f"level_names.{lang}"
        if not isinstance(names, dict) or not _known_language(str(lang)):
            problems.append(
                _bad_value(
                    where,
                    f"`{where}` must be a table of level names under a language code",
                    names,
                    f'e.g. [level_names.fr] then {levels[-1] if levels else "region"} = "…"',
                )
            )
            continue
        problems += _unknown(f"{where}.", names, set(levels), CONFIG_FILE)
        for level, text in names.items():
            if level in levels and not isinstance(text, str):
                problems.append(
                    _bad_value(
                        f"{where}.{level}",
                        f"`{where}.{level}` must be a text",
                        text,
                        f'e.g. {level} = "…"',
                    )
                )
        out[str(lang)] = {str(k): v for k, v in names.items() if k in levels and isinstance(v, str)}
    return out


def _locales(raw: dict[str, Any], languages: list[str], problems: list[Problem]) -> dict[str, str]:
    """``[locales]``: each report language's regional locale, ``ar = "ar-MA"``: a BCP 47
    tag Babel knows, of that language."""
    from babel import Locale, UnknownLocaleError

    out: dict[str, str] = {}
    for lang, tag in raw.items():
        where = f"locales.{lang}"
        if lang not in languages:
            problems.append(
                Problem(
                    "unknown-config-key",
                    f"unknown key `{where}` in atlas.toml: `{lang}` is not one of `languages`",
                    file=CONFIG_FILE,
                    column=where,
                    value=str(lang),
                    hint=f"Known keys here: {', '.join(languages)}; or add `{lang}` to "
                    "`languages`.",
                )
            )
            continue
        try:
            ok = isinstance(tag, str) and Locale.parse(tag.replace("-", "_")).language == lang
        except (UnknownLocaleError, ValueError, TypeError):
            ok = False
        if not ok:
            problems.append(
                _bad_value(
                    where,
                    f"`{where}` must be a locale of `{lang}` such as `{lang}-MA`, not `{tag}`",
                    tag,
                    f'e.g. {lang} = "{lang}-DZ" (the language, a hyphen, the country\'s '
                    "two-letter code): numbers and dates are written as there.",
                )
            )
            continue
        out[str(lang)] = str(tag).replace("_", "-")
    return out


def _kind_names(raw: dict[str, Any], problems: list[Problem]) -> dict[str, dict[str, str]]:
    """``[kind_names.LANG]``: each territory kind (as the territories table writes it) → its
    name in that language, e.g. ``[kind_names.ar] daira = "دائرة"``."""
    out: dict[str, dict[str, str]] = {}
    for lang, names in raw.items():
        where = f"kind_names.{lang}"
        good = isinstance(names, dict) and _known_language(str(lang))
        if good:
            bad = [k for k, v in names.items() if not isinstance(v, str)]
        if not good or bad:
            problems.append(
                _bad_value(
                    where,
                    f"`{where}` must be a table of texts under a language code",
                    names,
                    'e.g. [kind_names.ar] then daira = "دائرة" (the kind as the '
                    "territories table writes it = its name)",
                )
            )
            if not good:
                continue
        out[str(lang)] = {str(k): v.strip() for k, v in names.items() if isinstance(v, str)}
    return out


#: What a glossary term may be: a word of letters, digits, and inner ``-``, ``.``, ``/``,
#: ``&`` or ``'`` (``SNIA``, ``HCP-UNFPA``, ``O.N.G.``), at most 40 characters.
_TERM = re.compile(r"[^\W_](?:[\w.&'/-]{0,37}[^\W_])?\.?")


def _glossary(raw: dict[str, Any], problems: list[Problem]) -> dict[str, dict[str, str]]:
    """``[glossary.LANG]``: each term (an abbreviation as the reports write it) → its
    expansion in that language, e.g. ``[glossary.fr] SNIA = "Stratégie nationale
    d'immigration et d'asile"``. A bad language, a term that is not one word, or an
    expansion that is not a text is reported and left out."""
    out: dict[str, dict[str, str]] = {}
    hint = (
        "e.g. [glossary.fr] then SNIA = \"Stratégie nationale d'immigration et d'asile\" "
        "(the term as the reports write it = its expansion in that language)"
    )
    for lang, entries in raw.items():
        where = f"glossary.{lang}"
        if not isinstance(entries, dict) or not _known_language(str(lang)):
            problems.append(
                _bad_value(
                    where,
                    f"`{where}` must be a table of texts under a language code",
                    entries,
                    hint,
                )
            )
            continue
        good: dict[str, str] = {}
        for term, text in entries.items():
            term = str(term)
            if not _TERM.fullmatch(term):
                problems.append(
                    Problem(
                        "bad-config-value",
                        f"`{where}`: `{term}` is not a term (one word of letters and digits, "
                        "at most 40 characters)",
                        file=CONFIG_FILE,
                        column=f"{where}.{term}",
                        value=term[:80],
                        hint=hint,
                    )
                )
            elif not isinstance(text, str) or not text.strip():
                problems.append(
                    _bad_value(
                        f"{where}.{term}",
                        f"`{where}.{term}` must be a text: the term's expansion",
                        text,
                        hint,
                    )
                )
            else:
                good[term] = " ".join(text.split())
        out[str(lang)] = good
    return out


def _parent_column(spec: dict[str, Any], level: str, problems: list[Problem]) -> str | None:
    """``boundaries.LEVEL.parent_column``: only with ``name_column`` (codes need no scope)."""
    value = _text(spec, "parent_column", f"boundaries.{level}.parent_column", problems)
    if value and not spec.get("name_column"):
        problems.append(
            Problem(
                "bad-config-value",
                f"`boundaries.{level}.parent_column` is given without `name_column`",
                file=CONFIG_FILE,
                column=f"boundaries.{level}.parent_column",
                value=value[:80],
                hint="It scopes a join by name to the parent's children: add `name_column`, "
                "or remove `parent_column` when the file carries codes (`code_column`).",
            )
        )
        return None
    return value or None


def _localised(value: Any, key: str, default_lang: str, problems: list[Problem]) -> dict[str, str]:
    """A text given once (``title = "…"``, in the atlas's first language) or per language
    (``title = { fr = "…", ar = "…" }``) → language → text."""
    if isinstance(value, dict):
        out = {}
        for lang, text in value.items():
            if not isinstance(text, str) or not _known_language(str(lang)):
                problems.append(
                    Problem(
                        "bad-config-value",
                        f"`{key}.{lang}` must be a text under a language code",
                        file=CONFIG_FILE,
                        column=key,
                        value=str(text),
                        hint=f'e.g. {key} = {{ fr = "…", ar = "…", en = "…" }}',
                    )
                )
                continue
            out[str(lang)] = text
        return out
    return {default_lang: str(value)} if value not in (None, "") else {}


def _pick(texts: dict[str, str], languages: list[str]) -> tuple[str, str]:
    """The text in the first of ``languages`` that has one, else in any, with its language;
    ``("", "")`` when there is none."""
    for lang in (*languages, *texts):
        if texts.get(lang):
            return texts[lang], lang
    return "", ""


def _unknown(section: str, data: dict[str, Any], allowed: set[str], file: str) -> list[Problem]:
    return [
        Problem(
            "unknown-config-key",
            f"unknown key `{section}{key}` in atlas.toml",
            file=file,
            column=f"{section}{key}",
            value=str(key),
            hint=f"Known keys here: {', '.join(sorted(allowed))}. Check the spelling.",
        )
        for key in data
        if key not in allowed
    ]


def _limit(limits: dict[str, Any], key: str, problems: list[Problem]) -> Any:
    default, what = LIMITS[key]
    value = limits.get(key, default)
    kinds = (int, float) if isinstance(default, float) else (int,)
    if isinstance(value, kinds) and not isinstance(value, bool) and 0 < value < 1e15:
        return type(default)(value)
    problems.append(
        _bad_value(
            f"limits.{key}",
            f"`limits.{key}` must be a number of {what}, not `{value}`",
            value,
            f"e.g. {key} = {default}",
        )
    )
    return default


_LANGUAGE = re.compile(r"[a-z]{2,3}")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?")
_MAPPED_TABLES = {
    "territories",
    "figures",
    "sources",
    "catalogue",
    "programmes",
    "actors",
    "collected",
}


def _header_row(value: Any, key: str, problems: list[Problem]) -> int:
    """A header row number (1 = the first row), or 1 with a problem."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000:
        return value
    problems.append(
        _bad_value(
            key,
            f"`{key}` must be the number of the row holding the column names, not `{value}`",
            value,
            "e.g. header_row = 3 when two title rows come first.",
        )
    )
    return 1


def _known_language(lang: str) -> bool:
    from babel import Locale, UnknownLocaleError

    from monographs.i18n import BABEL_LOCALES

    try:
        Locale.parse(BABEL_LOCALES.get(lang, lang))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _branding(branding: dict[str, Any], root: Path) -> list[Problem]:
    """Colours must be hex colours (they go into the report's style sheet); the logo
    must be a file inside the atlas."""
    problems = []
    for key in ("colour", "accent"):
        value = branding.get(key)
        if value is not None and not (isinstance(value, str) and _COLOUR.fullmatch(value)):
            problems.append(
                _bad_value(
                    f"branding.{key}",
                    f'`branding.{key}` must be a colour like "#0B4F6C", not `{value}`',
                    value,
                    "Write it as # and six hexadecimal digits.",
                )
            )
    logo = branding.get("logo")
    if logo is not None:
        path = contained(root, str(logo), "branding.logo", problems)
        if path is not None and not path.is_file():
            problems.append(
                Problem(
                    "missing-file",
                    f"the logo `{logo}` is missing",
                    file=CONFIG_FILE,
                    column="branding.logo",
                    value=str(logo),
                    hint="Put the image (SVG or PNG) in the atlas folder, or fix the path.",
                )
            )
    return problems


def _not_a_path(key: str, value: Any) -> Problem:
    return _bad_value(
        key,
        f"`{key}` must be a path (a text), not `{str(value)[:40]}`",
        value,
        f'e.g. {key.rsplit(".", 1)[-1]} = "name.csv", relative to the atlas folder',
    )


def _level_problems(levels: list[str]) -> list[Problem]:
    """A level listed twice, or two levels whose folder names (their slugs) are one."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for level in levels:
        slug = level_slug(level)
        if level in seen.values():
            problems.append(
                Problem(
                    "duplicate-level",
                    f"`levels` lists `{level}` twice",
                    file=CONFIG_FILE,
                    column="levels",
                    value=level[:80],
                    hint="List each level once, top first.",
                )
            )
        elif slug in seen:
            problems.append(
                Problem(
                    "name-collision",
                    f"the levels `{seen[slug]}` and `{level}` would write into the same "
                    f"folder, `{slug}`",
                    file=CONFIG_FILE,
                    column="levels",
                    value=level[:80],
                    hint="Give the levels names that differ by more than case, accents or "
                    "punctuation.",
                )
            )
        else:
            seen[slug] = level
    return problems


def _columns(raw: dict[str, Any], problems: list[Problem]) -> dict[str, dict[str, str]]:
    """``[columns.TABLE]`` sections: our column name = the atlas's column name."""
    out: dict[str, dict[str, str]] = {}
    problems += _unknown("columns.", raw, _MAPPED_TABLES, CONFIG_FILE)
    for table, mapping in raw.items():
        if table not in _MAPPED_TABLES:
            continue
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            problems.append(
                _bad_value(
                    f"columns.{table}",
                    f"`columns.{table}` must map column names to column names",
                    mapping,
                    f'e.g. [columns.{table}] then a line such as code = "Code INSEE"',
                )
            )
            continue
        out[table] = {str(k): v for k, v in mapping.items()}
    return out


def _wide(raw: Any, root: Path, problems: list[Problem]) -> list[WideSpec]:
    """``[[wide]]`` tables: figures with one column per indicator and year."""
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, dict) for v in raw):
        problems.append(
            _bad_value(
                "wide",
                "`wide` must be a list of tables (`[[wide]]` sections)",
                raw,
                "Write each wide table as a [[wide]] section with file, territory, "
                "source and pattern or columns.",
            )
        )
        return []
    specs = []
    for i, item in enumerate(raw):
        where = f"wide[{i}]"
        problems += _unknown(f"{where}.", item, _WIDE_KEYS, CONFIG_FILE)
        if "file" not in item:
            problems.append(
                Problem(
                    "missing-config-key",
                    f"`{where}` has no `file`",
                    file=CONFIG_FILE,
                    column=f"{where}.file",
                    hint='Add file = "figures_wide.csv".',
                )
            )
            continue
        pattern = item.get("pattern")
        if pattern is not None:
            try:
                groups = regex.compile(str(pattern)).groupindex
            except (regex.error, ValueError, OverflowError) as exc:
                problems.append(
                    _bad_value(
                        f"{where}.pattern",
                        f"`{where}.pattern` is not a regular expression ({exc})",
                        pattern,
                        _PATTERN_HINT,
                    )
                )
                pattern = None
            else:
                if not {"indicator", "year"} <= set(groups):
                    problems.append(
                        _bad_value(
                            f"{where}.pattern",
                            f"`{where}.pattern` must capture `indicator` and `year`",
                            pattern,
                            _PATTERN_HINT,
                        )
                    )
                    pattern = None
        columns: dict[str, dict[str, Any]] = {}
        for col, target in (item.get("columns") or {}).items():
            if not (isinstance(target, dict) and "indicator" in target and "year" in target):
                problems.append(
                    _bad_value(
                        f"{where}.columns",
                        f'`{where}.columns."{col}"` must give an indicator and a year',
                        target,
                        'e.g. "Étrangers 2024" = { indicator = "foreign_residents", year = 2024 }',
                    )
                )
                continue
            problems += _unknown(
                f'{where}.columns."{col}".',
                target,
                {"indicator", "year", "dimension", "source", "note"},
                CONFIG_FILE,
            )
            columns[str(col)] = target
        if pattern is None and not columns:
            problems.append(
                Problem(
                    "missing-config-key",
                    f"`{where}` has neither a `pattern` nor `columns`",
                    file=CONFIG_FILE,
                    column=f"{where}.pattern",
                    hint=_PATTERN_HINT,
                )
            )
        if not isinstance(item["file"], str):
            problems.append(_not_a_path(f"{where}.file", item["file"]))
            continue
        file = contained(root, item["file"], f"{where}.file", problems)
        if file is None:  # refused: never read
            continue
        specs.append(
            WideSpec(
                file=file,
                territory=str(item.get("territory", "territory_code")),
                source=str(item.get("source", "")),
                pattern=str(pattern) if pattern else None,
                columns=columns,
                indicators={str(k): str(v) for k, v in (item.get("indicators") or {}).items()},
                sheet=str(item["sheet"]) if "sheet" in item else None,
                header_row=_header_row(item.get("header_row", 1), f"{where}.header_row", problems),
                dimension=str(item.get("dimension", "")),
                note=str(item.get("note", "")),
                index=i,
            )
        )
    return specs


_PATTERN_HINT = (
    'e.g. pattern = "(?P<indicator>.+)_(?P<year>\\d{4})" reads columns such as foreigners_2024.'
)


def load_config(root: Path) -> tuple[AtlasConfig, list[Problem]]:
    """Read ``root/atlas.toml``.

    Returns the configuration and the problems found in it (unknown keys, missing
    required keys). Raises :class:`AtlasError` when the file is missing or is not TOML.
    """
    root = Path(root).resolve()
    path = root / CONFIG_FILE
    if not path.is_file():
        raise AtlasError(
            f"{root}: no {CONFIG_FILE} here, so this is not an atlas folder.",
            "Point --atlas at a folder holding atlas.toml, or create one with "
            "`monographs init DIR`.",
        )
    try:
        # utf-8-sig: a byte-order mark, as Windows editors write one, is read, not refused
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AtlasError(
            f"{path}: not valid TOML ({exc}).", "Fix the syntax at that line."
        ) from exc

    name = CONFIG_FILE
    problems = _unknown("", data, _TOP_KEYS, name)
    for key in ("title", "levels"):
        if key not in data:
            problems.append(
                Problem(
                    "missing-config-key",
                    f"atlas.toml has no `{key}`",
                    file=name,
                    column=key,
                    hint=f"Add `{key} = …`.",
                )
            )

    def table_of(key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if isinstance(value, dict):
            return value
        problems.append(
            Problem(
                "bad-config-value",
                f"`{key}` must be a table (`[{key}]` followed by keys)",
                file=name,
                column=key,
                value=str(value)[:80],
                hint=f"Write it as a [{key}] section; see the README's atlas example.",
            )
        )
        return {}

    raw_levels = data.get("levels", [])
    if not isinstance(raw_levels, list) or not all(isinstance(v, str) for v in raw_levels):
        problems.append(
            Problem(
                "bad-config-value",
                "`levels` must be a list of level names, top first",
                file=name,
                column="levels",
                value=str(raw_levels)[:80],
                hint='e.g. levels = ["country", "region", "province"]',
            )
        )
        raw_levels = []
    levels = list(dict.fromkeys(str(v) for v in raw_levels))
    problems += _level_problems([str(v) for v in raw_levels])
    if len(levels) < 2:
        problems.append(
            Problem(
                "too-few-levels",
                "`levels` must list at least two levels, top first",
                file=name,
                column="levels",
                hint='e.g. levels = ["country", "region", "province"]',
            )
        )

    tables_raw = table_of("tables")
    problems += _unknown("tables.", tables_raw, _TABLE_KEYS, name)
    defaults = {
        "territories": "territories.csv",
        "figures": "figures.csv",
        "sources": "sources.csv",
        "catalogue": "catalogue.csv",
        "programmes": "programmes.csv",
        "actors": "actors.csv",
        "collected": "collected",
        "narratives": "narratives",
        "aliases": "aliases.csv",
    }
    tables: dict[str, Path] = {}
    refused: set[str] = set()
    sheets: dict[str, str] = {}
    header_rows: dict[str, int] = {}
    for key, value in {**defaults, **tables_raw}.items():
        if isinstance(value, dict):  # { file = "book.xlsx", sheet = "Figures" }
            problems += _unknown(f"tables.{key}.", value, {"file", "sheet", "header_row"}, name)
            if "sheet" in value:
                sheets[key] = str(value["sheet"])
            if "header_row" in value:
                header_rows[key] = _header_row(
                    value["header_row"], f"tables.{key}.header_row", problems
                )
            value = value.get("file", defaults.get(key, f"{key}.csv"))
        if not isinstance(value, str):
            problems.append(_not_a_path(f"tables.{key}", value))
            refused.add(key)
            tables[key] = root / defaults.get(key, f"{key}.csv")
            continue
        want = "folder" if key in _FOLDERS else "file"
        resolved = contained(root, value, f"tables.{key}", problems, want)
        if resolved is None:
            refused.add(key)
        tables[key] = resolved or root / value
    columns = _columns(table_of("columns"), problems)
    wide = _wide(data.get("wide", []), root, problems)

    raw_languages = data.get("languages", ["fr"])
    first_language = (
        raw_languages[0]
        if isinstance(raw_languages, list) and raw_languages and isinstance(raw_languages[0], str)
        else "fr"
    )
    boundaries: dict[str, BoundarySpec] = {}
    for level, spec in table_of("boundaries").items():
        if not isinstance(spec, dict):
            spec = {"file": spec}
        if "file" in spec and not isinstance(spec["file"], str):
            problems.append(_not_a_path(f"boundaries.{level}.file", spec["file"]))
            continue
        problems += _unknown(f"boundaries.{level}.", spec, _BOUNDARY_KEYS, name)
        if level not in levels:
            problems.append(
                Problem(
                    "unknown-level",
                    f"boundaries are given for `{level}`, which is not in `levels`",
                    file=name,
                    column=f"boundaries.{level}",
                    value=level,
                    hint=f"Use one of: {', '.join(levels)}.",
                )
            )
        if "file" not in spec:
            problems.append(
                Problem(
                    "missing-config-key",
                    f"`boundaries.{level}` has no `file`",
                    file=name,
                    column=f"boundaries.{level}.file",
                )
            )
            continue
        file = contained(root, spec["file"], f"boundaries.{level}.file", problems)
        if file is None:  # refused: never opened, its level has no maps
            continue
        boundaries[level] = BoundarySpec(
            file=file,
            layer=spec.get("layer"),
            code_column=str(spec.get("code_column", "code")),
            crs=spec.get("crs"),
            name_column=str(spec["name_column"]) if spec.get("name_column") else None,
            parent_column=_parent_column(spec, level, problems),
            source=_localised(
                spec.get("source", ""), f"boundaries.{level}.source", first_language, problems
            ),
            licence=_text(spec, "licence", f"boundaries.{level}.licence", problems),
            url=_text(spec, "url", f"boundaries.{level}.url", problems),
        )

    selection = table_of("selection")
    problems += _unknown("selection.", selection, _SELECTION_KEYS, name)
    prefer = selection.get("prefer", [])
    if not (isinstance(prefer, list) and all(isinstance(v, str) for v in prefer)):
        problems.append(
            Problem(
                "bad-config-value",
                "`selection.prefer` must be a list of source ids or patterns",
                file=name,
                column="selection.prefer",
                value=str(prefer)[:80],
                hint='e.g. prefer = ["census-*", "press-012"] (brackets even for one)',
            )
        )
        prefer = []
    branding = table_of("branding")
    problems += _unknown("branding.", branding, _BRANDING_KEYS, name)
    problems += _branding(branding, root)
    languages = data.get("languages", ["fr"])
    if not (
        isinstance(languages, list)
        and languages
        and all(isinstance(v, str) and _LANGUAGE.fullmatch(v) for v in languages)
    ):
        problems.append(
            Problem(
                "bad-config-value",
                "`languages` must be a list of language codes, the main one first",
                file=name,
                column="languages",
                value=str(languages)[:80],
                hint='e.g. languages = ["fr", "ar"] (two- or three-letter codes)',
            )
        )
        languages = ["fr"]
    for lang in languages:
        if not _known_language(lang):
            problems.append(
                Problem(
                    "bad-config-value",
                    f"`languages`: `{lang}` is not a language code known "
                    "for formatting numbers and dates",
                    file=name,
                    column="languages",
                    value=lang,
                    hint="Use an ISO 639 code such as fr, en, ar, es, pt, de.",
                )
            )
    report = table_of("report")
    problems += _unknown("report.", report, _REPORT_KEYS, name)
    for key in ("signal_min_population", "signal_min_gap", "compact_below"):
        value = report.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or value < 0
        ):
            problems.append(
                Problem(
                    "bad-config-value",
                    f"`report.{key}` must be a number (0 or more), not `{value}`",
                    file=name,
                    column=f"report.{key}",
                    value=str(value)[:80],
                    hint="e.g. signal_min_population = 5000, signal_min_gap = 1.0",
                )
            )
            report.pop(key)
    limits = table_of("limits")
    problems += _unknown("limits.", limits, _LIMIT_KEYS, name)
    bounds = Limits(**{key: _limit(limits, key, problems) for key in LIMITS})

    for key in ("title", "country", "edition"):
        value = data.get(key)
        per_language = key in ("title", "country")
        kinds = (str, dict) if per_language else (str,)
        if value is not None and not isinstance(value, kinds):
            problems.append(
                Problem(
                    "bad-config-value",
                    f"`{key}` must be a text"
                    + (" or one text per language" if per_language else ""),
                    file=name,
                    column=key,
                    value=str(value)[:80],
                    hint=f'e.g. {key} = "…"'
                    + (f' or {key} = {{ fr = "…", ar = "…" }}' if per_language else ""),
                )
            )
            data[key] = ""
    first = str(languages[0]) if languages else "fr"
    localised = {
        "title": _localised(data.get("title", ""), "title", first, problems),
        "country": _localised(data.get("country", ""), "country", first, problems),
        "publisher": _localised(
            branding.get("publisher", ""), "branding.publisher", first, problems
        ),
        # whom the reports name for the figures they lack (an office, an address)
        "contact": _localised(data.get("contact", ""), "contact", first, problems),
    }
    strategy = table_of("strategy")
    problems += _unknown("strategy.", strategy, _STRATEGY_KEYS, name)
    for key in _STRATEGY_TEXTS:
        localised[f"strategy.{key}"] = _localised(
            strategy.get(key, ""), f"strategy.{key}", first, problems
        )
    campaigns = _campaigns(strategy.get("campaigns", []), first, problems)
    config = AtlasConfig(
        root=root,
        title=_pick(localised["title"], languages)[0],
        country=_pick(localised["country"], languages)[0],
        edition=str(data.get("edition", "")),
        languages=[str(v) for v in languages],
        levels=levels,
        level_names=_level_names(table_of("level_names"), levels, problems),
        kind_names=_kind_names(table_of("kind_names"), problems),
        glossary=_glossary(table_of("glossary"), problems),
        locales=_locales(table_of("locales"), [str(v) for v in languages], problems),
        tables=tables,
        boundaries=boundaries,
        columns=columns,
        wide=wide,
        sheets=sheets,
        header_rows=header_rows,
        prefer_sources=[str(v) for v in prefer],
        branding={str(k): str(v) for k, v in branding.items() if k != "publisher"}
        | (
            {"publisher": _pick(localised["publisher"], languages)[0]}
            if localised["publisher"]
            else {}
        ),
        localised=localised,
        campaigns=campaigns,
        report={str(k): str(v) for k, v in report.items()},
        max_table_bytes=bounds.max_table_bytes,
        max_boundary_bytes=bounds.max_boundary_bytes,
        max_vertices_per_level=bounds.max_vertices_per_level,
        limits=bounds,
        refused=frozenset(refused),
    )
    return config, problems
