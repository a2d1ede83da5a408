"""French, Arabic and English monographs from one template: words, names, numbers, files."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from atlas_factory import add_translations
from babel.messages.pofile import read_po
from pdftext import pdf_text

from monographs import BuildOptions, build
from monographs.errors import MonographError
from monographs.figures.bidi import RLM, display, needs_shaping
from monographs.i18n import DOMAIN, LOCALES_DIR, Translator
from monographs.i18n.messages import DATA_WORDS, extract


@pytest.fixture(scope="module")
def translated(synthetic_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic atlas with English names and English and Arabic labels."""
    root = Path(shutil.copytree(synthetic_master, tmp_path_factory.mktemp("tr") / "atlas"))
    return add_translations(root)


@pytest.fixture(scope="module")
def ar_en(translated: Path, tmp_path_factory: pytest.TempPathFactory):
    """Region A's and province A.1's monographs in Arabic and English, in one build."""
    out = tmp_path_factory.mktemp("ar_en")
    result = build(
        translated,
        BuildOptions(territories=("A", "A.1"), languages=("ar", "en"), output=out, jobs=1),
    )
    assert result.ok, [m.error for m in result.failed]
    return result, out


# ---- the catalogues -----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_every_message_of_the_code_and_templates_has_a_translation(lang: str) -> None:
    """Fails when a new message is added to the code or the templates and not yet
    translated: run scripts/update_catalogues.py and fill in the empty msgstr."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as fh:
        catalogue = {m.id: m.string for m in read_po(fh, locale=lang) if m.id}
    ids = extract()
    missing = sorted(m for m in ids if not catalogue.get(m))
    assert missing == [], f"{lang}: {len(missing)} message(s) without translation: {missing}"
    fuzzy = [m.id for m in read_po(path.open("rb"), locale=lang) if m.id and m.fuzzy]
    assert fuzzy == []


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_placeholders_match_the_english_ones(lang: str) -> None:
    """A translation that drops or misspells {n} would fail at build time, or say less."""
    with (LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fh:
        for m in read_po(fh, locale=lang):
            if m.id and m.string:
                names = set(re.findall(r"\{(\w+)\}", m.id))  # a name may come twice
                assert set(re.findall(r"\{(\w+)\}", m.string)) == names, m.id


def test_every_data_word_has_a_message() -> None:
    ids = extract()
    assert all(msgid in ids for msgid in DATA_WORDS.values())


# ---- numbers, dates and words per locale -----------------------------------------------------
def test_arabic_in_morocco_uses_moroccan_latin_digits_and_separators() -> None:
    ar = Translator("ar", "ar-MA")  # the default atlas's [locales] ar = "ar-MA"
    assert ar.direction == "rtl"
    # numbers are isolated (LRI…PDI) so they keep their order inside Arabic sentences
    assert ar.number(148152) == "\u2066148.152\u2069"
    assert ar.percent(43.3) == "\u206643,3\u00a0%\u2069"
    assert ar.signed_percent(12.1) == "\u2066+12,1\u00a0%\u2069"
    assert ar("Key figures") == "أرقام رئيسية"
    assert ar.missing_mark == "غير متوفر"
    assert ar.date("2024-11-07") == "7 نونبر 2024"
    assert ar.comma == "\u060c "


def test_english_numbers_and_dates() -> None:
    en = Translator("en")
    assert en.number(148152) == "148,152" and en.percent(43.3) == "43.3%"
    assert en.signed_percent(-4.2) == "-4.2%"
    assert en.date("2024-11") == "November 2024"
    assert en.direction == "ltr"


def test_data_words_come_from_cldr_or_the_catalogue_else_are_marked() -> None:
    ar, en, fr = Translator("ar"), Translator("en"), Translator("fr")
    assert ar.data_word("Sénégal") == "السنغال"
    assert en.data_word("Côte d'Ivoire").startswith("C") and "(fr)" not in en.data_word(
        "Côte d'Ivoire"
    )
    assert en.data_word("60 ans et plus") == "60 years and over"
    assert ar.data_word("60 ans et plus") == "60 سنة فأكثر"
    assert fr.data_word("60 ans et plus") == "60 ans et plus"
    assert en.data_word("Quelque chose") == "Quelque chose\u00a0(fr)"
    assert en.data_word("2011-2020") == "2011-2020"


# ---- the documents ----------------------------------------------------------------------------
def _pdf(out: Path, stem: str, lang: str) -> Path:
    found = sorted(out.glob(f"*/{stem}*.{lang}.pdf"))
    assert len(found) == 1, sorted(p.name for p in out.rglob("*.pdf"))
    return found[0]


def test_several_languages_write_one_pdf_each_named_by_language(ar_en) -> None:
    result, out = ar_en
    assert [(m.code, m.lang) for m in result.monographs] == [
        ("A", "ar"),
        ("A.1", "ar"),
        ("A", "en"),
        ("A.1", "en"),
    ]
    names = sorted(p.name for p in (out / "region").glob("*.pdf"))
    assert names == ["a-alpha.ar.pdf", "a-alpha.en.pdf"]
    # the data-collection sheets are written once, not per language
    assert sorted(p.name for p in (out / "region").glob("*.collect.csv")) == ["a-alpha.collect.csv"]


def test_the_arabic_monograph_speaks_arabic(ar_en) -> None:
    _, out = ar_en
    text = pdf_text(_pdf(out, "a-alpha", "ar"))
    assert "أرقام رئيسية" in text  # Key figures
    assert "ألفا" in text  # the region's Arabic name
    assert "تستلاند" in text  # the country's Arabic name
    assert "المقيمون الأجانب" in text  # a catalogue label in Arabic
    assert "مونوغرافية الهجرة" in text
    assert "Key figures" not in text and "Chiffres clés" not in text
    # the provinces have no Arabic name: their French one, and the cover says how many
    # names are in French (once, rather than a mark after each)
    assert "Aube" in text and not re.search(r"Aube [()]fr[()]", text)
    assert "أسماء أماكن مكتوبة باللغة الفرنسية" in text
    assert re.search(r"Province [()]fr[()]", text)  # no Arabic level name: marked
    # the atlas names no locale: Modern Standard Arabic, Latin digits, comma-grouped
    assert "120,000" in text or "150,000" in text


def test_the_english_monograph_speaks_english(ar_en) -> None:
    _, out = ar_en
    text = pdf_text(_pdf(out, "a-alpha", "en"))
    assert "Key figures" in text and "Migration monograph" in text
    assert "Alpha" in text and "Testland" in text and "Testland (fr)" not in text
    assert "Foreign residents" in text
    # the atlas's French text, said so
    national = text.split("The programmes' notable achievements, nationally")[1]
    assert "(in French)" in national.split("Annex")[0]
    assert "Aube" in text and "Aube (fr)" not in text  # no English name: French…
    assert re.search(
        r"Place names given in French, the atlas holding none in this\s+"
        r"language: \d+\.",
        text,
    )  # …and the cover says so
    assert "Chiffres clés" not in text and "أرقام رئيسية" not in text


def test_the_pdf_declares_its_language_title_and_structure(ar_en) -> None:
    _, out = ar_en
    for lang, name in (("ar", "ألفا"), ("en", "Alpha")):
        with pikepdf.open(_pdf(out, "a-alpha", lang)) as pdf:
            assert str(pdf.Root.Lang) == lang
            assert "/StructTreeRoot" in pdf.Root
            assert bool(pdf.Root.MarkInfo.Marked)
            assert name in str(pdf.docinfo.get("/Title", ""))


def test_an_unknown_language_is_refused_with_the_languages_offered(
    synthetic: Path, tmp_path: Path
) -> None:
    with pytest.raises(MonographError) as err:
        build(synthetic, BuildOptions(territories=("A",), lang="de", output=tmp_path))
    assert "de" in str(err.value) and "ar" in err.value.hint


def test_the_arabic_html_is_right_to_left(translated: Path) -> None:
    from dataclasses import asdict

    from monographs import load_atlas
    from monographs.content.monograph import MonographBuilder
    from monographs.render import render_html

    context, _, tr = MonographBuilder(load_atlas(translated)).build("A", "ar")
    html = render_html("monograph.html.j2", {**asdict(context), **tr.template_words()})
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p class="alt" lang="fr" dir="ltr">Alpha</p>' in html  # French name on the cover
    assert '"صفحة "' in html  # the page numbers' word


# ---- archival ---------------------------------------------------------------------------------
def test_the_pdf_a_variant_carries_the_figures_as_csv(translated: Path, tmp_path: Path) -> None:
    result = build(
        translated,
        BuildOptions(territories=("A",), pdf_variant="pdf/a-3b", output=tmp_path, jobs=1),
    )
    assert result.ok
    with pikepdf.open(result.monographs[0].file) as pdf:
        assert "A.figures.csv" in pdf.attachments
        data = pdf.attachments["A.figures.csv"].get_file().read_bytes()
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "3"
        assert "/StructTreeRoot" in pdf.Root  # archival and still tagged
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {
        "territory_code",
        "indicator",
        "value",
        "unit",
        "source_id",
        "source_title",
        "url",
    } <= set(rows[0])
    codes = {r["territory_code"] for r in rows}
    assert {"A", "T", "A.1", "A.2"} <= codes  # the territory, the nation, its children
    pop = [r for r in rows if r["territory_code"] == "A" and r["indicator"] == "population"]
    assert pop and pop[0]["source_title"] == "Recensement de Testland 2024"


def test_an_unknown_pdf_variant_is_refused(synthetic: Path, tmp_path: Path) -> None:
    with pytest.raises(MonographError):
        build(synthetic, BuildOptions(territories=("A",), pdf_variant="pdf/z", output=tmp_path))


# ---- charts and maps in Arabic ----------------------------------------------------------------
def test_display_shapes_arabic_for_a_matplotlib_that_cannot() -> None:
    shaped = display("الدار البيضاء 2024", "ar", shape=True)
    assert not needs_shaping(shaped)  # only joined presentation forms remain
    assert "2024" in shaped
    assert display(shaped, "ar", shape=True) == shaped  # shaping twice is harmless
    assert display("Casablanca", "ar", shape=True) == "Casablanca"


def test_a_number_inside_an_arabic_label_keeps_its_sign_and_percent_in_place() -> None:
    """ "National value +71,9 %" in Arabic: the number reads +71,9 % (its sign on the left,
    its percent on the right), not % 71,9+, whoever lays the label out."""
    tr = Translator("ar-MA")
    label = tr("national {value}").format(value=tr.signed_percent(71.9))
    # a matplotlib with libraqm orders the label itself: it gets the number's isolates
    assert display(label, "ar", shape=False) == label and "\u2066" in label
    # one without: the label comes in visual order, the number left to right, no isolate
    shown = display(label, "ar", shape=True)
    assert "+71,9\u00a0%" in shown
    assert not set(shown) & {"\u2066", "\u2069"}
    assert display(tr.percent(0.79), "ar", shape=True) == "0,79\u00a0%"

    # a legend's range reads from the right in Arabic: lower bound right, count left
    rng = RLM + tr.signed_percent(-4.2) + " – " + tr.signed_percent(2.9) + "  (3)"
    assert display(rng, "ar", shape=True) == "(3)  +2,9\u00a0% – -4,2\u00a0%"


def test_arabic_figure_text_is_drawn_shaped_by_matplotlib_and_latin_left_to_weasyprint():
    """WeasyPrint's SVG text neither shapes Arabic nor orders it right to left: a figure
    with Arabic text is saved with its glyphs as paths, a Latin one keeps its text."""
    from monographs.figures import plotting

    def svg(label: str) -> bytes:
        fig = plotting.new_figure(4, 2)
        ax = fig.add_subplot()
        ax.barh([0], [1.0])
        ax.set_yticks([0], [label])
        return plotting.to_svg(fig)

    assert b"<text" not in svg("الدار البيضاء-سطات")
    assert b"Casablanca-Settat" in svg("Casablanca-Settat")
