"""Words and numbers in the reader's language.

Every user-facing word goes through :meth:`Translator.gettext` (``_`` in templates). The
message ids are English; each other language has a gettext catalogue,
``monographs/i18n/locales/<lang>/LC_MESSAGES/monographs.po``, read with Babel. Numbers and
percentages are formatted with Babel's locale data (French: ``148 152``, ``0,4 %``, digit
groups with a no-break space so they never split or reorder).

Arabic is Modern Standard Arabic by default (the ``ar`` catalogue, Babel's ``ar`` locale:
Latin, "Western Arabic", digits, ``148,152``, months as the Mashriq and the press of most
countries write them). An atlas names a regional variant per language in ``[locales]``
(``ar = "ar-MA"``, ``ar = "ar-DZ"``, ``fr = "fr-MA"``): numbers and dates then follow that
locale (``ar-MA``: ``148.152``, دجنبر), and the messages of a variant catalogue,
``locales/<lang>_<REGION>/``, replace the base language's where it holds them (the
Moroccan administrative wording of the default atlas: المجال الترابي، الحكامة، عمالة).
Arabic-Indic digits (٠١٢) are not used: the figures stay those of the source tables.
"""

from __future__ import annotations

import math
import re
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from monographs.i18n.messages import DATA_WORDS
from monographs.resources import LOCALES_DIR
from monographs.text.names import ascii_key
from monographs.text.scripts import direction
from monographs.text.typography import french_spacing, percent_space

DOMAIN = "monographs"
SOURCE_LANGUAGE = "en"
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar"}  # each language's default
NBSP = "\u00a0"
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate, pop directional isolate


@cache
def _catalogue(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def available_languages() -> list[str]:
    """The languages with a catalogue, plus the source language (regional variant
    catalogues, ``ar_MA``, are not languages of their own)."""
    langs = {
        p.name for p in LOCALES_DIR.iterdir() if (p / "LC_MESSAGES").is_dir() and "_" not in p.name
    }
    return sorted(langs | {SOURCE_LANGUAGE})


@cache
def _region_codes(lang: str) -> dict[str, str]:
    """CLDR country and continent names of ``lang`` (folded) → their code."""
    loc = Locale.parse(BABEL_LOCALES.get(lang, lang))
    return {ascii_key(name): code for code, name in loc.territories.items()}


def locale_tag(lang: str, locale: str | None = None) -> str:
    """The locale a language is written in: ``locale`` when given (``ar-MA``), else the
    language's default (``fr-FR``, ``ar``), as a BCP 47 tag."""
    return (locale or BABEL_LOCALES.get(lang, lang)).replace("_", "-")


def fallback_marker(lang: str) -> str:
    """The mark put after a word shown in another language than the report's: ``(fr)``."""
    return f"\u00a0({lang})"


class Translator:
    """Translate messages and format numbers for one language.

    >>> fr = Translator("fr")
    >>> fr.number(148152), fr.percent(0.4)
    ('148\\u202f152', '0,4\\u202f%')
    """

    def __init__(self, lang: str = "fr", locale: str | None = None) -> None:
        base, _, region = lang.replace("_", "-").partition("-")  # "ar-MA": ar, in Morocco
        if region and locale is None:
            locale = lang
        self.lang = base
        self.tag = locale_tag(base, locale)
        self.locale = Locale.parse(self.tag.replace("-", "_"))
        self._messages = _catalogue(base) if base != SOURCE_LANGUAGE else {}
        if "-" in self.tag:  # a regional variant's own wording, where its catalogue has one
            self._messages = {**self._messages, **_catalogue(self.tag.replace("-", "_"))}
        self.missing: set[str] = set()

    @property
    def direction(self) -> str:
        """``rtl`` for right-to-left languages, else ``ltr``."""
        return direction(self.lang)

    def gettext(self, message: str) -> str:
        """The message in this language (the English id when no translation is held)."""
        if self.lang == SOURCE_LANGUAGE:
            return message
        text = self._messages.get(message)
        if text is None:
            self.missing.add(message)
            return message
        # French printing's spaces before : ; ! ? % and in « », by one rule, not by hand
        return french_spacing(text) if self.lang == "fr" else text

    __call__ = gettext

    def _isolate(self, text: str) -> str:
        """In a right-to-left language, a number keeps its own left-to-right order inside
        the sentence (``+12,1 %``, not ``% 12,1+``): it is wrapped in the Unicode isolates
        LRI…PDI, which lay out as nothing."""
        return LRI + text + PDI if self.direction == "rtl" else text

    def _number(self, value: float, decimals: int = 0) -> str:
        if abs(value) >= 1e15:  # beyond what a territory's figure can be: plain notation
            return f"{value:.3g}"
        fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=fmt, locale=self.locale)

    def number(self, value: float | None, decimals: int = 0) -> str:
        """A number with the locale's digit grouping; the "missing" mark for None."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.missing_mark
        return self._isolate(self._number(value, decimals))

    def _percent(self, value: float, decimals: int | None = None) -> str:
        if decimals is None and 0 < abs(value) < 1:
            text = format_decimal(value, format="#,##0.0#", locale=self.locale)
        else:
            text = self._number(value, 1 if decimals is None else decimals)
        # English writes 43.3%; French a narrow no-break space before %, Arabic a no-break one
        return text + percent_space(self.lang) + "%"

    def points(self, value: float | None, signed: bool = False) -> str:
        """A difference of two percentages, in percentage points: ``2,4 pt`` (``+2,4 pt``
        when ``signed``: a change of a rate between two years). A change of a count is a
        percentage (:meth:`signed_percent`), a change of a percentage is in points."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.missing_mark
        sign = ("+" if value > 0 else "-" if value < 0 else "") if signed else ""
        number = self._number(abs(value) if signed else value, 1)
        return self._isolate(sign + number + NBSP + self.gettext("pt"))

    def percent(self, value: float | None, decimals: int | None = None) -> str:
        """A percentage (given in percent, 0–100): ``43,3 %``; shares under 1 % keep up to
        two decimals (``0,4 %``, ``0,04 %``) so that small shares stay distinct."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.missing_mark
        return self._isolate(self._percent(value, decimals))

    def signed_percent(self, value: float | None) -> str:
        """A change in percent with its sign: ``+71,9 %``."""
        if value is None:
            return self.missing_mark
        sign = "+" if value > 0 else ("-" if value < 0 else "")
        return self._isolate(sign + self._percent(abs(value), 1))

    def figure(self, value: float | None, unit: str, decimals: int | None = None) -> str:
        """A value formatted for its catalogue unit; ``decimals``, when given, for a
        percentage or a plain number (a table column written with the same decimals)."""
        if unit == "percent":
            return self.percent(value, decimals)
        if unit == "points":  # a change of a percentage
            return self.points(value, signed=True)
        if unit in {"people", "households"}:
            return self.number(value)
        if unit == "persons_per_household":  # always a decimal: 2,0 is not 2 people
            return self.number(value, 1)
        if decimals is not None:
            return self.number(value, decimals)
        if value is not None and not float(value).is_integer():
            return self.number(value, 1)
        return self.number(value)

    def data_word(self, text: str, source_lang: str = "fr") -> str:
        """A category of the atlas's tables (``Sénégal``, ``60 ans et plus``), written in
        ``source_lang``, in this language.

        Known categories come from the catalogue (:data:`monographs.i18n.messages.DATA_WORDS`),
        countries and continents from the CLDR names Babel holds; any other word is kept as
        it is, followed by the mark of its language (``(fr)``), so that the reader sees it
        was not translated.
        """
        if not text or self.lang == source_lang or not re.search(r"[^\W\d_]", text):
            return text
        if text in DATA_WORDS:
            return self.gettext(DATA_WORDS[text])
        code = _region_codes(source_lang).get(ascii_key(text))
        if code is not None:
            name = self.locale.territories.get(code)
            if name:
                return name
        return text + fallback_marker(source_lang)

    def date(self, value: str) -> str:
        """An ISO date (``2024-11-07``, ``2024-11``) written out in this language; other
        text (a year, a free date) is returned as it is."""
        m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
        if not m:
            return value
        try:
            d = date(int(m[1]), int(m[2]), int(m[3] or 1))
        except ValueError:
            return value
        return format_date(d, "long" if m[3] else "MMMM y", locale=self.locale)

    def template_words(self) -> dict[str, object]:
        """What the templates call besides their context: ``_``, the missing mark, the
        comma and semicolon, ``language_name`` and ``direction`` (of a language's text)."""
        return {
            "_": self.gettext,
            "missing_mark": self.missing_mark,
            "comma": self.comma,
            "semicolon": self.semicolon,
            "language_name": self.language_name,
            "direction": direction,
        }

    def language_name(self, code: str) -> str:
        """A language's name in this language, from CLDR: ``fr`` → ``French``, ``الفرنسية``."""
        return self.locale.languages.get(code, code)

    def names_note(self, fallbacks: dict[str, int]) -> str:
        """The sentence telling how many place names are shown in another language, the
        atlas holding none in this one (``{"fr": 12}`` → "Place names given in French…");
        empty when every name is in this language."""
        return " ".join(
            self.gettext(
                "Place names given in {language}, the atlas holding none in this language: {n}."
            ).format(language=self.language_name(lg), n=self.number(n))
            for lg, n in sorted(fallbacks.items())
        )

    @property
    def comma(self) -> str:
        """The comma between the items of a phrase: ``, `` (Arabic: ``، ``)."""
        return "\u060c " if self.direction == "rtl" else ", "

    @property
    def semicolon(self) -> str:
        """The semicolon between the items of a list: ``; `` (Arabic: ``؛ ``)."""
        return "\u061b " if self.direction == "rtl" else "; "

    @property
    def missing_mark(self) -> str:
        """What a missing figure shows: never 0."""
        return self.gettext("n/a")
