"""The last pass over a report's HTML before it is laid out: what a reader reads.

One pass, the same for every template, over the text nodes of the filled HTML (never a
tag, an attribute, a style sheet or a script):

* **Abbreviations** of the atlas's glossary (``[glossary.LANG]``, given to the pass as
  :class:`~monographs.content.model.GlossaryEntry`): the first use of each term in the
  body, in the report's language (after the cover, outside the contents, the headings,
  the links and the glossary itself), is followed by its expansion in brackets, visible on
  paper: ``HCP (Haut-Commissariat au Plan)``. A term already written ``… (HCP)`` after its
  expansion, or followed by brackets of its own, is not expanded there; nor is one inside
  brackets (``(HCP, RGPH 2024)``) when a later use outside brackets can be.
* **The glossary** of the annex (the element marked ``data-glossary``, each entry marked
  ``data-term``) keeps only the terms the report uses; it is left out when it uses none.
* **Typography** of the language of each passage (its ``lang``, else the report's):
  French spaces (:func:`monographs.text.typography.french_spacing`); in a right-to-left
  language, ranges read one way (:func:`~monographs.text.typography.isolate_ranges`) and
  Arabic punctuation in Arabic (:func:`~monographs.text.typography.arabic_punctuation`).

The HTML is the one the templates write (autoescaped, well nested); the pass reads it with
a small tokenizer, not a parser, and writes back every tag as it was.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import markupsafe

from monographs.text.scripts import direction
from monographs.text.typography import arabic_punctuation, french_spacing, isolate_ranges

_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S
)
_ATTR = re.compile(r"([\w:-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_RAW = {"style", "script", "svg", "head", "title", "pre", "code", "textarea", "math"}
# where a term is seen (and listed) but not expanded
_NO_EXPANSION = {"h1", "h2", "h3", "h4", "h5", "h6", "nav", "a", "abbr", "dt", "th"}


@dataclass
class _Element:
    """An open element: its tag, its language, and what the pass does in it."""

    tag: str
    lang: str
    raw: bool = False  # its text is not text (a style sheet, a script, an SVG)
    expand: bool = True  # a first use here is expanded
    glossary: bool = False  # the glossary itself
    dropped: bool = False  # left out of the output


@dataclass
class Reading:
    """What the pass found: the terms the report uses, and those it expanded."""

    used: set[str] = field(default_factory=set)
    expanded: set[str] = field(default_factory=set)
    # terms with a use that can be expanded outside brackets: their uses inside brackets
    # are not ("(HCP (Haut-Commissariat au Plan), RGPH 2024)" nests brackets)
    outside_brackets: set[str] = field(default_factory=set)


def _attrs(text: str) -> dict[str, str]:
    return {
        m[1].lower(): htmllib.unescape((m[2] or "").strip("\"'"))
        for m in _ATTR.finditer(text)
        if m[1] != "/"
    }


def _tokens(html: str) -> Iterator[tuple[str, re.Match[str] | None]]:
    """The HTML as ("text", None) and (tag text, its match) tokens, in order."""
    last = 0
    for m in _TOKEN.finditer(html):
        if m.start() > last:
            yield html[last : m.start()], None
        yield m.group(), m
        last = m.end()
    if last < len(html):
        yield html[last:], None


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """A whole-word pattern of the terms, longest first (``HCP-UNFPA`` is not ``HCP``)."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    if not ordered:
        return None
    alternatives = "|".join(re.escape(t) for t in ordered)
    return re.compile(rf"(?<![\w.@/-])(?:{alternatives})(?![\w@-]|\.\w)")


_URLS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


# where a line of text starts again: the French spaces do not look back past them
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "nav", "ol", "p", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}  # fmt: skip


def _escape(text: str) -> str:
    """Text escaped as the templates escape it (Jinja's autoescape: ``&#34;``, ``&#39;``)."""
    return str(markupsafe.escape(text))


def _typeset(text: str, lang: str, before: str = "") -> str:
    """A text node with its language's typography (``before``: the character it follows
    on the line, for French)."""
    if lang == "fr":
        return french_spacing(text, before)
    if direction(lang) == "rtl":
        text = isolate_ranges(text)
        return arabic_punctuation(text) if lang == "ar" else text
    return text


class _Pass:
    """One walk over the HTML's tokens (see :func:`finish_text`)."""

    def __init__(
        self,
        lang: str,
        entries: dict[str, tuple[str, str]],
        keep: set[str] | None,
        outside: set[str] = frozenset(),  # type: ignore[assignment]
    ):
        self.lang = lang
        self.entries = entries  # term -> (expansion, its language)
        self.pattern = _term_pattern(entries)
        self.keep = keep  # None: the first walk, which only reads
        self.outside = outside  # the first walk's Reading.outside_brackets
        self.found = Reading()
        self.before = ""  # the last character of text on the current line

    def run(self, html: str) -> str:
        out: list[str] = []
        stack: list[_Element] = [_Element("#root", self.lang)]
        for text, m in _tokens(html):
            top = stack[-1]
            if m is None:
                if not top.dropped:
                    out.append(text if top.raw else self._text(text, top))
                continue
            if m.group(2) is not None and m.group(2).lower() in _BLOCKS:
                self.before = ""
            if m.group(2) is None:  # a comment or a doctype
                if not top.dropped:
                    out.append(text)
                continue
            closing, tag = bool(m.group(1)), m.group(2).lower()
            if closing:
                while len(stack) > 1:  # close up to the element (tolerates a missing end)
                    el = stack.pop()
                    if el.tag == tag:
                        break
                if not top.dropped:
                    out.append(text)
                continue
            attrs = _attrs(m.group(3))
            el = self._open(tag, attrs, top)
            if not el.dropped:
                out.append(text)
            if tag not in _VOID and not m.group(3).rstrip().endswith("/"):
                stack.append(el)
        return "".join(out)

    def _open(self, tag: str, attrs: dict[str, str], parent: _Element) -> _Element:
        classes = attrs.get("class", "").split()
        el = _Element(
            tag,
            attrs.get("lang") or parent.lang,
            raw=parent.raw or tag in _RAW,
            expand=parent.expand and tag not in _NO_EXPANSION and "cover" not in classes,
            glossary=parent.glossary or "data-glossary" in attrs,
            dropped=parent.dropped,
        )
        if self.keep is not None and not el.dropped:
            term = attrs.get("data-term")
            if (term is not None and term not in self.keep) or (
                "data-glossary" in attrs and not self.keep
            ):
                el.dropped = True
        return el

    def _text(self, escaped: str, el: _Element) -> str:
        text = htmllib.unescape(escaped)
        prev = self.before  # the character this text follows on its line
        if text:
            self.before = text[-1]
        if self.pattern is None or el.glossary:
            done = _typeset(text, el.lang, prev)
            return escaped if done == text else _escape(done)
        out: list[str] = []
        last = 0
        urls = [u.span() for u in _URLS.finditer(text)]
        for m in self.pattern.finditer(text):
            term = m.group()
            if any(a <= m.start() < b for a, b in urls):
                continue
            self.found.used.add(term)
            if term in self.found.expanded or not el.expand or el.lang != self.lang:
                continue
            before, after = text[: m.start()], text[m.end() :]
            if before.endswith("(") and after.startswith(")"):
                self.found.expanded.add(term)  # "Haut-Commissariat au Plan (HCP)"
                continue
            if re.match(r"\s?\(", after):
                continue  # brackets of its own follow: expanded at a later use
            in_brackets = before.count("(") > before.count(")")
            if self.keep is None:
                if not in_brackets:
                    self.found.outside_brackets.add(term)
                continue
            if in_brackets and term in self.outside:
                continue  # expanded at a use outside brackets
            self.found.expanded.add(term)
            expansion, exp_lang = self.entries[term]
            out.append(_escape(_typeset(text[last : m.end()], el.lang, prev)))
            inner = _escape(_typeset(expansion, exp_lang))
            if exp_lang != el.lang:
                inner = f'<span lang="{exp_lang}" dir="{direction(exp_lang)}">{inner}</span>'
            out.append(f'<span class="expansion"> ({inner})</span>')
            last, prev = m.end(), ")"
        done = _typeset(text[last:], el.lang, prev)
        if not out:
            return escaped if done == text else _escape(done)
        out.append(_escape(done))
        return "".join(out)


def finish_text(html: str, lang: str, glossary: Iterable[object] = ()) -> tuple[str, Reading]:
    """The report's HTML as the reader reads it (see the module's docstring): the first use
    of each glossary term expanded, the glossary cut to the terms used, each passage in
    its language's typography. ``glossary`` holds the atlas's entries (objects with
    ``term``, ``expansion`` and ``lang``). Returns the HTML and what the pass found."""
    entries = {
        g.term: (g.expansion, g.lang)  # type: ignore[attr-defined]
        for g in glossary
    }
    first = _Pass(lang, entries, None)
    first.run(html)  # which terms the text uses (the glossary aside), and where
    second = _Pass(lang, entries, first.found.used, first.found.outside_brackets)
    out = second.run(html)
    second.found.used = first.found.used
    return out, second.found
