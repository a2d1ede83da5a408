"""The report a planner reads in five minutes (issue 17): the territory at a glance on page
2, the trends of the series held, national figures given once, and the compact edition of
a territory with few figures on migrants."""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path

import pytest
from atlas_factory import make_rich_atlas
from pdftext import pdf_text
from pypdf import PdfReader

from monographs import BuildOptions, build, load_atlas
from monographs.content.facts import Facts
from monographs.content.monograph import MonographBuilder
from monographs.content.sections.trends import COLUMN_MM
from monographs.render import render_html


def _atlas(root: Path, extra: list[list[object]] = (), report: str = "") -> Path:
    """The rich synthetic atlas, with a third year of the nation's foreign residents (a
    series to draw) and more figures or `[report]` rules when given."""
    make_rich_atlas(root)
    with (root / "figures.csv").open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [["T", "foreign_residents", 2004, "", 900, "census-2024", ""], *extra]
        )
    if report:
        with (root / "atlas.toml").open("a", encoding="utf-8") as fh:
            fh.write(f"\n[report]\n{report}\n")
    return root


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory):
    atlas = load_atlas(_atlas(tmp_path_factory.mktemp("reader") / "atlas"))
    return atlas, Facts(atlas)


def _context(rich, code: str, lang: str = "fr"):
    atlas, facts = rich
    return MonographBuilder(atlas, facts).build(code, lang)


def test_the_first_message_says_how_many_foreign_residents_and_how_that_changed(rich):
    ctx, _, _ = _context(rich, "A")
    first = ctx.glance.messages[0].text
    # 2 000 in 2024, +100 % since 2014, beside the nation's +106,7 % (1 500 → 3 100)
    assert "2\u202f000" in first and "2024" in first
    assert "+100,0\u202f%" in first and "2014" in first and "+106,7\u202f%" in first
    assert ctx.glance.messages[0].refs  # with its sources
    assert 2 <= len(ctx.glance.messages) <= 6
    # the last says what is not held (Alpha holds every indicator of the page)
    assert "disponibles pour Alpha" in ctx.glance.messages[-1].text
    lacking = _context(rich, "C")[0].glance.messages[-1].text
    assert lacking.startswith("Non disponibles pour Gamma") and "Résidents étrangers" in lacking


def test_a_territory_without_a_count_says_so_with_the_national_count(rich):
    ctx, _, _ = _context(rich, "C")
    first = ctx.glance.messages[0].text
    assert "aucun effectif de résidents étrangers" in first and "3\u202f100" in first


def test_the_spine_places_each_indicator_on_its_siblings_range(rich):
    ctx, _, _ = _context(rich, "B")
    rows = {r.label: r for r in ctx.glance.spine}
    unemployment = rows["Taux de chômage"]  # A 12, B 15, C 9; the nation 13
    assert unemployment.own == 100.0  # B is the highest of the three
    assert unemployment.band == (0.0, 100.0)
    assert unemployment.nation == pytest.approx(100 * (13 - 9) / (15 - 9), abs=0.01)
    assert unemployment.low == "9,0\u202f%" and unemployment.high == "15,0\u202f%"
    assert unemployment.siblings == 3
    # a count is placed among the siblings only: the nation's sum is off their scale
    foreigners = rows["Résidents étrangers"]
    assert foreigners.nation is None and foreigners.parent is None
    assert foreigners.own == 0.0  # B (900) below A (2 000)


def test_the_spine_reads_right_to_left_in_arabic(tmp_path: Path):
    from atlas_factory import add_translations

    root = _atlas(tmp_path / "atlas")
    add_translations(root)
    atlas = load_atlas(root)
    ctx, _, tr = MonographBuilder(atlas, Facts(atlas)).build("B", "ar")
    html = render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()})
    spine = html[html.index('<table class="spine">') : html.index("</table>", html.index("spine"))]
    assert 'class="own" style="right: 100.0%"' in spine
    assert "left:" not in spine


def test_a_series_of_three_years_is_a_trend_beside_the_nation(rich):
    ctx, _, _ = _context(rich, "A")
    (trend,) = [t for t in ctx.trends if t.title == "Résidents étrangers"]
    assert [p.scope for p in trend.panels] == ["Alpha", "Testland"]
    assert trend.panels[0].highlight and not trend.panels[1].highlight
    nation = trend.panels[1]
    assert [c.year for c in nation.columns] == ["2004", "2014", "2024"]
    assert [c.text for c in nation.columns] == ["900", "1\u202f500", "3\u202f100"]
    # each panel on its own scale: its tallest column has the full height
    assert max(c.height for c in nation.columns) == COLUMN_MM
    assert nation.columns[0].height == pytest.approx(COLUMN_MM * 900 / 3100, abs=0.01)
    assert trend.years == "2004–2024" and trend.refs
    # population has two years only: a change (in the key figures), not a trend
    assert all(t.title != "Population" for t in ctx.trends)


def test_the_compact_edition_follows_the_atlas_rule(tmp_path: Path):
    atlas = load_atlas(_atlas(tmp_path / "default"))
    facts = Facts(atlas)
    # B holds two figures on migrants (its foreign residents in 2014 and 2024), A three
    assert MonographBuilder(atlas, facts).build("B", "fr")[0].compact
    assert not MonographBuilder(atlas, facts).build("A", "fr")[0].compact
    never = load_atlas(_atlas(tmp_path / "never", report="compact_below = 0"))
    assert not MonographBuilder(never, Facts(never)).build("C", "fr")[0].compact


def test_a_bad_compact_rule_is_a_problem_naming_the_key(tmp_path: Path):
    from monographs import validate_atlas

    root = _atlas(tmp_path / "atlas", report='compact_below = "few"')
    problems = validate_atlas(root).problems
    assert any(p.column == "report.compact_below" for p in problems), problems


def test_compact_and_full_pdfs(tmp_path: Path):
    root = _atlas(tmp_path / "atlas")
    out = tmp_path / "out"
    result = build(root, BuildOptions(level="region", output=out, jobs=1))
    assert result.ok, result.failed
    full = pdf_text(out / "region" / "a-alpha.fr.pdf")
    compact = pdf_text(out / "region" / "c-gamma.fr.pdf")
    pages = {
        s: len(PdfReader(str(out / "region" / f"{s}.fr.pdf")).pages) for s in ("a-alpha", "c-gamma")
    }
    assert pages["c-gamma"] < pages["a-alpha"]
    # page 2 is the territory at a glance, before the contents
    reader = PdfReader(str(out / "region" / "a-alpha.fr.pdf"))
    assert "Alpha en bref" in reader.pages[1].extract_text()
    assert "2\u202f000 résidents étrangers" in reader.pages[1].extract_text().replace("\n", " ")
    # the full edition gives national figures once, in the national context section
    assert full.count("Avancées notables des programmes, au niveau national") == 1
    assert "Contexte national" in full
    # the compact edition says so, and leaves out the sections of national figures only
    assert "Édition abrégée" in compact
    outline = PdfReader(str(out / "region" / "c-gamma.fr.pdf")).outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert "Chiffres clés" in titles
    for heading in ("Régularisation et protection", "Accès aux services de base", "Contexte"):
        assert all(not str(t).startswith(heading) for t in titles), heading
    # its missing figures are still listed, and no national value stands for them
    assert "Résidents étrangers (2024)" in compact
    key = compact[compact.index("Chiffres clés\nIndicateur") :]
    key = key[: key.index("Rang :")]
    assert "Résidents étrangers" not in key
