"""What a reader reads: the atlas's glossary, abbreviations expanded at their first use,
the « how to read » box, and each language's typography (French spaces, percentage
points, a column's decimals, Arabic ranges and punctuation)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from monographs.atlas.config import load_config
from monographs.content.formats import column_decimals, column_format
from monographs.content.model import GlossaryEntry
from monographs.i18n import Translator
from monographs.render.reading import finish_text
from monographs.text.typography import (
    LRI,
    NBSP,
    NNBSP,
    PDI,
    RLI,
    arabic_punctuation,
    french_spacing,
    isolate_ranges,
)

GLOSSARY = """
[glossary.fr]
INSTAT = "Institut national de la statistique de Testland"
ZZZ = "un terme que le rapport n'emploie pas"

[glossary.en]
INSTAT = "National statistics institute of Testland"
"""


def _add_glossary(root: Path, text: str = GLOSSARY) -> None:
    path = root / "atlas.toml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --- the glossary in atlas.toml ----------------------------------------------------------


def test_the_glossary_is_read_per_language_with_a_fallback(synthetic: Path) -> None:
    _add_glossary(synthetic)
    config, problems = load_config(synthetic)
    assert problems == []
    assert config.glossary["fr"]["INSTAT"].startswith("Institut national")
    assert config.glossary_in("en") == [
        ("INSTAT", "National statistics institute of Testland", "en"),
        ("ZZZ", "un terme que le rapport n'emploie pas", "fr"),  # given in French only
    ]


def test_a_bad_glossary_entry_is_a_problem_with_its_place(synthetic: Path) -> None:
    _add_glossary(
        synthetic,
        '\n[glossary.fr]\n"two words" = "x"\nNUM = 12\nOK = "bien"\n\n'
        '[glossary.zz-notalanguage]\nX = "y"\n',
    )
    config, problems = load_config(synthetic)
    where = {(p.file, p.column) for p in problems}
    assert ("atlas.toml", "glossary.fr.two words") in where
    assert ("atlas.toml", "glossary.fr.NUM") in where
    assert ("atlas.toml", "glossary.zz-notalanguage") in where
    assert all(p.code == "bad-config-value" for p in problems)
    assert config.glossary["fr"] == {"OK": "bien"}  # the good entry is kept


def test_a_glossary_that_is_not_a_table_is_a_problem(synthetic: Path) -> None:
    path = synthetic / "atlas.toml"
    path.write_text('glossary = "SNIA"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    _config, problems = load_config(synthetic)
    assert [p.column for p in problems] == ["glossary"]


# --- the pass over the HTML --------------------------------------------------------------

PAGE = """<html lang="fr"><head><title>ABC</title><style>p:before{content:"ABC"}</style></head>
<body><section class="cover"><h1>ABC</h1><p>Publié par ABC</p></section>
<section id="contents"><nav><a href="#x">ABC</a></nav></section>
<section><h2>Le ABC</h2><p data-x="ABC">Chiffres de l'ABC et de l'ABC-DEF : 12%.</p>
<p>Encore ABC, et le Bureau de test (BDT) puis BDT.</p>
<p><a href="https://abc.example/ABC">https://abc.example/ABC</a></p>
<ol class="sources" lang="en"><li>A report by XYZ</li></ol></section>
<div class="glossary" data-glossary><h3>Glossaire</h3><dl>
<div class="entry" data-term="ABC"><dt>ABC</dt><dd>Agence de test</dd></div>
<div class="entry" data-term="BDT"><dt>BDT</dt><dd>Bureau de test</dd></div>
<div class="entry" data-term="XYZ"><dt>XYZ</dt><dd>Office XYZ</dd></div>
<div class="entry" data-term="NONE"><dt>NONE</dt><dd>jamais employé</dd></div>
</dl></div></body></html>"""

ENTRIES = [
    GlossaryEntry("ABC", "Agence de test", "fr"),
    GlossaryEntry("BDT", "Bureau de test", "fr"),
    GlossaryEntry("XYZ", "Office XYZ", "fr"),
    GlossaryEntry("NONE", "jamais employé", "fr"),
]


def test_the_first_use_in_the_body_is_expanded_once() -> None:
    html, found = finish_text(PAGE, "fr", ENTRIES)
    assert html.count("(Agence de test)") == 1
    body = html[html.index("<h2>") :]
    # not in the cover, the contents, a heading, an attribute, a link, the head
    assert "Chiffres de l&#39;ABC<span" in body and "<h2>Le ABC</h2>" in body
    assert "<h1>ABC</h1><p>Publié par ABC</p>" in html
    assert 'data-x="ABC"' in html and "<title>ABC</title>" in html
    assert "https://abc.example/ABC</a>" in html
    assert "ABC-DEF" in html and "ABC-DEF<span" not in html  # another word
    # "Bureau de test (BDT)": already expanded where it is first used; not again
    assert "(Bureau de test)" not in html
    assert found.used == {"ABC", "BDT", "XYZ"}
    assert found.expanded == {"ABC", "BDT"}  # XYZ is only in an English passage


def test_a_use_inside_brackets_waits_for_one_outside() -> None:
    page = (
        '<html lang="fr"><body><p>Ménage (ABC, recensement).</p><p>Selon l\'ABC.</p>'
        "<p>(BDT seul entre parenthèses)</p></body></html>"
    )
    html, found = finish_text(page, "fr", ENTRIES)
    assert "Ménage (ABC, recensement)" in html
    assert "l&#39;ABC<span" in html and html.count("(Agence de test)") == 1
    assert "(BDT<span" in html  # no use outside brackets: expanded where it is
    assert found.expanded == {"ABC", "BDT"}


def test_the_glossary_lists_only_the_terms_used() -> None:
    html, _found = finish_text(PAGE, "fr", ENTRIES)
    glossary = html[html.index("data-glossary") :]
    for term in ("ABC", "BDT", "XYZ"):
        assert f'data-term="{term}"' in glossary
    assert "NONE" not in html and "jamais employé" not in html


def test_a_report_that_uses_no_term_has_no_glossary() -> None:
    page = re.sub(r"ABC|BDT|XYZ", "mot", PAGE)
    html, found = finish_text(page, "fr", ENTRIES)
    assert found.used == set()
    assert "data-glossary" not in html and "Glossaire" not in html


def test_another_countrys_report_expands_its_own_abbreviations(synthetic: Path) -> None:
    """A synthetic atlas (not Morocco) whose sources name INSTAT: the French report expands
    it once, in French, and lists it (not the unused ZZZ); the English report lists it in
    English."""
    from monographs.atlas import load_atlas
    from monographs.batch.jobs import render_monograph
    from monographs.content import MonographBuilder

    _add_glossary(synthetic)
    path = synthetic / "sources.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for row in rows[1:]:
        row[2] = "INSTAT"  # every source's publisher
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    builder = MonographBuilder(load_atlas(synthetic))
    fr = render_monograph(builder, "A", "fr", "none").html
    assert fr.count("(Institut national de la statistique de Testland)") == 1
    assert 'data-term="INSTAT"' in fr and "ZZZ" not in fr
    assert "Glossaire" in fr or "Glossary" in fr
    assert "Comment lire ce rapport" in fr or "How to read this report" in fr
    en = render_monograph(builder, "A", "en", "none").html
    glossary = en[en.index("data-glossary") :]
    assert "National statistics institute of Testland" in glossary
    assert "Morocco" not in en and "Maroc" not in fr


# --- French typography -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Limites: 12", f"Limites{NBSP}: 12"),
        ("Limites : 12", f"Limites{NBSP}: 12"),  # an ordinary space replaced
        (f"Limites{NBSP}: 12", f"Limites{NBSP}: 12"),  # already right: not doubled
        ("a ; b ? c !", f"a{NNBSP}; b{NNBSP}? c{NNBSP}!"),
        ("43,3 %", f"43,3{NNBSP}%"),
        (f"43,3{NBSP}%", f"43,3{NNBSP}%"),
        ("12%", f"12{NNBSP}%"),
        ("« oui »", f"«{NBSP}oui{NBSP}»"),
        ("«oui»", f"«{NBSP}oui{NBSP}»"),
        ("à 10:30 précises", "à 10:30 précises"),  # a time
        ("https://x.example/?p=1&q=a:b", "https://x.example/?p=1&q=a:b"),  # an address
        ("voir www.x.ma/a?b", "voir www.x.ma/a?b"),
        ("(?)", "(?)"),
        ("file:///etc/passwd et javascript:alert(1)", "file:///etc/passwd et javascript:alert(1)"),
        ("page.php?id=3", "page.php?id=3"),  # no space after: no punctuation of prose
    ],
)
def test_french_spacing(text: str, expected: str) -> None:
    assert french_spacing(text) == expected
    assert french_spacing(expected) == expected  # idempotent: never two spaces


def test_french_percentages_and_the_rule_agree() -> None:
    fr = Translator("fr")
    for text in (fr.percent(0.4), fr.percent(43.3), fr.signed_percent(-4.2), fr.points(2.3)):
        assert french_spacing(text) == text
    assert fr.percent(43.3) == f"43,3{NNBSP}%"
    # messages get the rule too: no hand-placed space needed in the catalogue
    assert fr("Boundaries:") == f"Limites{NBSP}:"


def test_a_mark_after_an_inline_tag_gets_its_space_too() -> None:
    page = '<html lang="fr"><body><li><strong>n.d.</strong>: manquant</li></body></html>'
    html, _ = finish_text(page, "fr")
    assert f"<strong>n.d.</strong>{NBSP}: manquant" in html
    assert french_spacing(": x", before="a") == f"{NBSP}: x"
    assert french_spacing(": x", before=" ") == ": x"  # the space is the other node's


def test_french_typography_in_the_html_leaves_attributes_alone() -> None:
    page = '<html lang="fr"><body><p title="a: b">Note : voir « ici » : 12 %</p></body></html>'
    html, _ = finish_text(page, "fr")
    assert 'title="a: b"' in html
    assert f"Note{NBSP}: voir «{NBSP}ici{NBSP}»{NBSP}: 12{NNBSP}%" in html


# --- percentage points, a column's decimals ----------------------------------------------


def test_a_difference_of_percentages_is_in_points() -> None:
    fr, ar, en = Translator("fr"), Translator("ar"), Translator("en")
    assert fr.points(2.34, signed=True) == f"+2,3{NBSP}pt"
    assert fr.points(-0.5, signed=True) == f"-0,5{NBSP}pt"
    assert fr.points(2.34) == f"2,3{NBSP}pt"
    assert en.points(None) == "n/a"
    assert ar.points(1.0, signed=True).startswith(LRI) and ar.points(1.0).endswith(PDI)
    assert fr.figure(2.3, "points") == f"+2,3{NBSP}pt"  # the unit of a change of a rate


def test_a_change_of_a_rate_is_in_points_of_a_count_in_percent(synthetic: Path) -> None:
    from monographs.atlas import load_atlas
    from monographs.content import Facts
    from monographs.content.citing import change_unit

    atlas = load_atlas(synthetic)
    facts = Facts(atlas)
    a, b = facts.value("A", "population", 2014), facts.value("A", "population", 2024)
    assert facts.change("A", "population", 2014, 2024) == pytest.approx(100 * (b - a) / a)
    assert change_unit(atlas, "population") == "percent"
    assert change_unit(atlas, "unemployment_rate_pct") == "points"
    years = facts.years("A", "unemployment_rate_pct")
    if len(years) > 1:
        x, y = (facts.value("A", "unemployment_rate_pct", yr) for yr in years[-2:])
        assert facts.change("A", "unemployment_rate_pct", *years[-2:]) == pytest.approx(y - x)


def test_a_column_of_mixed_decimals_is_written_with_one() -> None:
    fr = Translator("fr")
    fmt = column_format(fr, "number", [12, 12.3, None])
    assert [fmt(v) for v in (12, 12.3, None)] == ["12,0", "12,3", "n.d."]
    fmt = column_format(fr, "percent", [0.79, 73.3, 41.1])
    assert [fmt(v) for v in (0.79, 73.3)] == [f"0,8{NNBSP}%", f"73,3{NNBSP}%"]
    fmt = column_format(fr, "percent", [0.04, 73.3])  # one decimal would write 0,0 %
    assert [fmt(v) for v in (0.04, 73.3)] == [f"0,04{NNBSP}%", f"73,30{NNBSP}%"]
    assert column_decimals("number", [12, 15]) == 0
    assert column_decimals("people", [12, 15.5]) is None  # a count: its own rule


# --- right to left -----------------------------------------------------------------------


def test_arabic_ranges_are_isolated_and_read_one_way() -> None:
    """A range reads from the right on an Arabic page, in a sentence and in a column of
    figures laid out left to right alike (as the maps' legends draw their classes)."""
    assert isolate_ranges("التغير 2014–2024") == f"التغير {RLI}2014–2024{PDI}"
    assert isolate_ranges("بين 12-15 شخصا") == f"بين {RLI}12-15{PDI} شخصا"
    signed = f"{LRI}+2,9{NBSP}%{PDI} – {LRI}-4,2{NBSP}%{PDI}"  # the translator's numbers
    assert isolate_ranges(signed) == RLI + signed + PDI
    done = isolate_ranges("التغير 2014–2024")
    assert isolate_ranges(done) == done  # once
    assert isolate_ranges("2024-11-07") == "2024-11-07"  # a date is no range
    page = (
        '<html lang="ar" dir="rtl"><body><td class="num">2014–2024</td>'
        '<p lang="fr">2014–2024</p></body></html>'
    )
    html, _ = finish_text(page, "ar")
    assert f'<td class="num">{RLI}2014–2024{PDI}</td>' in html
    assert '<p lang="fr">2014–2024</p>' in html  # a French passage keeps its own order


def test_arabic_sentences_take_arabic_punctuation() -> None:
    assert arabic_punctuation("المغرب, تونس; لماذا?") == "المغرب، تونس؛ لماذا؟"
    assert arabic_punctuation("12,5 و 3,2") == "12,5 و 3,2"  # decimal commas stay
    assert arabic_punctuation("HCP, RGPH") == "HCP, RGPH"  # a Latin list stays Latin


def test_the_arabic_catalogue_has_no_latin_punctuation_in_arabic_text() -> None:
    from babel.messages.pofile import read_po

    from monographs.resources import LOCALES_DIR

    for lang in ("ar", "ar_MA"):
        with (LOCALES_DIR / lang / "LC_MESSAGES" / "monographs.po").open("rb") as fh:
            catalogue = read_po(fh)
        latin = [
            m.string
            for m in catalogue
            if m.id and isinstance(m.string, str) and arabic_punctuation(m.string) != m.string
        ]
        assert latin == [], f"{lang}: Latin , ; ? in Arabic text: {latin}"
