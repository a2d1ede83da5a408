"""Every section of the full monograph on the richer synthetic atlas: present, with the
comparisons, ranks and gaps right; the planners' narrative rendered inert."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from atlas_factory import make_rich_atlas
from matplotlib.figure import Figure
from pdftext import pdf_text
from pypdf import PdfReader

from monographs import BuildOptions, build, load_atlas
from monographs.content.facts import Facts
from monographs.content.monograph import MonographBuilder
from monographs.content.narratives import render_markdown
from monographs.figures.draw import draw
from monographs.i18n import Translator

HOSTILE_NARRATIVE = """\
# Priorités

Texte du planificateur : **accueil** des enfants.

<img src="file:///etc/passwd"> <script>alert(1)</script> <link href="http://x.example/a.css">
<style>p { background: url(http://evil.example/bg.png) }</style>

[Site du HCR](https://www.unhcr.org/ma) · [local](file:///etc/hostname) · [js](javascript:alert(1))

![distant](http://evil.example/x.png) ![sortie](../../etc/passwd) ![pas une image](../atlas.toml)

![carte](carte.png)
"""


def _png() -> bytes:
    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """The rich synthetic atlas (a hostile narrative for region A), its regions built."""
    root = make_rich_atlas(tmp_path_factory.mktemp("rich") / "atlas")
    with (root / "atlas.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[report]\ncompact_below = 0\n")  # every section, for every region
    (root / "narratives").mkdir()
    (root / "narratives" / "A.md").write_text(HOSTILE_NARRATIVE, encoding="utf-8")
    (root / "narratives" / "carte.png").write_bytes(_png())
    out = tmp_path_factory.mktemp("rich-out")
    result = build(root, BuildOptions(level="region", output=out, keep_html=True, jobs=1))
    assert result.ok, result.failed
    return root, out, {m.code: m for m in result.monographs}


def text_of(out: Path, stem: str) -> str:
    return pdf_text(out / "region" / f"{stem}.fr.pdf")


def section(text: str, start: str, end: str) -> str:
    """The text from ``start`` to the next ``end``, past the contents page if any."""
    contents = text.find("Sommaire")
    i = text.index(start, text.index("Indicateur", contents) if contents >= 0 else 0)
    return text[i : text.index(end, i + len(start))]


def test_every_section_is_in_the_contents_and_the_bookmarks(rich):
    _, out, _ = rich
    reader = PdfReader(str(out / "region" / "a-alpha.fr.pdf"))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    for heading in (
        "Chiffres clés",
        "La population étrangère",
        "Régularisation et protection",
        "Accès aux services de base",
        "Gouvernance et acteurs",
        "Comparaisons",
        "Signaux et priorités",
    ):
        assert heading in titles
    assert "Alpha at a glance" in titles or "Alpha en bref" in titles
    contents = reader.pages[2].extract_text()  # after the page at a glance
    assert "Régularisation et protection" in contents and "Comparaisons" in contents


def test_regularisation_campaigns_here_and_nationally(rich):
    _, out, _ = rich
    text = section(
        text_of(out, "a-alpha"), "Régularisation et protection", "Accès aux services de base"
    )
    first = section(text, "Campagne d'essai 2014", "Campagne d'essai 2017")
    requests = next(
        line for line in first.splitlines() if line.startswith("Demandes de régularisation ")
    )
    assert "200" in requests and "500" in requests  # Alpha beside the nation
    approved = next(
        line
        for line in first.splitlines()
        if line.startswith("Demandes de régularisation acceptées")
    )
    assert "n.d." in approved and "400" in approved  # missing here, held nationally
    # the national rate of the second campaign is computed: 450 / 900
    second = text[text.index("Campagne d'essai 2017") :]
    assert "50,0 %" in second and "calculé" in second


def test_refugees_in_the_territorys_cities(rich):
    _, out, _ = rich
    text = section(
        text_of(out, "a-alpha"),
        "Réfugiés et demandeurs d'asile dans les villes",
        "Accès aux services de base",
    )
    assert "Aube" in text and "77" in text
    beta = section(
        text_of(out, "b-beta-sud"), "Régularisation et protection", "Accès aux services de base"
    )
    assert "Aucun effectif de réfugiés" in beta


def test_one_part_per_sectoral_programme_with_its_figures(rich):
    _, out, _ = rich
    text = section(text_of(out, "a-alpha"), "Accès aux services de base", "Gouvernance et acteurs")
    for name in ("1. Éducation et culture", "4. Logement", "5. Assistance sociale", "7. Emploi"):
        assert name in text
    assert "Gouvernance" not in text.split("Programmes transverses")[0].split("7. Emploi")[1]
    employment = text[text.index("7. Emploi") :]
    unemployment = next(
        line for line in employment.splitlines() if line.startswith("Taux de chômage")
    )
    assert "12,0 %" in unemployment and "13,0 %" in unemployment  # Alpha, Testland
    education = section(text, "1. Éducation et culture", "4. Logement")
    assert "Enfants migrants scolarisés" in education and "120" in education
    # the programme's achievements are national: given once, in the national context
    assert "Écoles ouvertes" not in education
    national = section(text_of(out, "a-alpha"), "Avancées notables des programmes", "Annexe")
    assert "Écoles ouvertes" in section(national, "1. Éducation et culture", "4. Logement")
    assert "Aucune donnée sur les migrants" in section(text, "4. Logement", "5. Assistance")


def test_actors_per_programme_or_a_box_saying_they_are_to_be_supplied(rich):
    _, out, _ = rich
    alpha = section(text_of(out, "a-alpha"), "Gouvernance et acteurs", "Comparaisons")
    assert "Direction régionale de l'éducation" in alpha
    assert "Association Accueil" in alpha  # programme given by its id
    assert "Ministère de l'emploi" in alpha  # a national actor, listed for the region
    beta = section(text_of(out, "b-beta-sud"), "Gouvernance et acteurs", "Comparaisons")
    assert "Ministère de l'emploi" in beta and "Direction régionale" not in beta


def test_actors_box_when_the_atlas_has_no_actors(synthetic: Path, tmp_path: Path):
    """The report says what is missing and whom to tell, never how to edit the atlas."""
    result = build(synthetic, BuildOptions(territories=("A",), output=tmp_path))
    text = pdf_text(result.monographs[0].file)
    box = section(text, "Gouvernance et acteurs", "Signaux et priorités")
    assert "La liste des acteurs reste à fournir" in box
    assert "actors.csv" not in box and "territory_code" not in box
    assert "signalés à" not in box  # the atlas names no contact
    toml = synthetic / "atlas.toml"
    toml.write_text(
        'contact = "Observatoire régional, obs@example.org"\n' + toml.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = build(synthetic, BuildOptions(territories=("A",), output=tmp_path / "c"))
    text = " ".join(pdf_text(result.monographs[0].file).split())
    assert "peuvent être signalés à : Observatoire régional, obs@example.org" in text
    for data_team_word in ("actors.csv", "narratives/", "collected", ".csv", ".md"):
        assert data_team_word not in text, data_team_word


def test_benchmarks_rank_the_territory_among_its_siblings(rich):
    root, _, _ = rich
    ctx, figures, _ = MonographBuilder(load_atlas(root)).build("B")
    for b in ctx.benchmarks:
        b.chart.alt = b.chart.alt.replace("\u00a0", " ").replace("\u202f", " ")
    by_title = {b.title: b for b in ctx.benchmarks}
    unemployment = by_title["Taux de chômage"]
    # B 15 %, A 12 %, C 9 %; national 13 %
    assert "Bêta-Sud : 15,0 %, rang 1 sur 3" in unemployment.chart.alt
    assert "la plus faible : Gamma (9,0 %)" in unemployment.chart.alt
    assert "Valeur nationale : 13,0 %." in unemployment.chart.alt
    assert unemployment.chart.url.removeprefix("figure:") in {f.name for f in figures}
    change = next(b for t, b in by_title.items() if t.startswith("Population\u00a0: évolution"))
    assert "Bêta-Sud : 0,0 %, rang 3 sur 3" in change.chart.alt  # 100 000 -> 100 000


def test_signals_are_listed_with_their_sources(rich):
    _, out, _ = rich
    text = section(text_of(out, "a-alpha"), "Signaux tirés des données", "Le texte des")
    text = text.replace("\n", " ")
    # population: 150 000 -> 175 000 (+16,7 %) against 300 000 -> 328 000 (+9,3 %)
    assert (
        "croissance relative plus rapide qu'au niveau national entre 2014 et 2024 (+16,7 % contre "
        "+9,3 %)" in text
    )
    # foreign residents: 1 000 -> 2 000 against 1 500 -> 3 100
    assert (
        "croissance relative moins rapide qu'au niveau national entre 2014 et 2024 (+100,0 % "
        "contre +106,7 %)" in text
    )
    assert "[" in text  # each sentence cites its sources
    beta = section(text_of(out, "b-beta-sud"), "Signaux tirés des données", "Le texte des")
    assert "valeur la plus élevée pour : Taux de chômage (15,0 %, 2024)" in beta.replace("\n", " ")


def test_annexes_define_every_figure_and_measure_completeness(rich):
    _, out, _ = rich
    text = text_of(out, "c-gamma")
    annex = text[text.rindex("Complétude des données") :]
    assert "Données utilisées : définitions, années et sources" in annex
    assert "Chômeurs / actifs." in annex  # the catalogue's definition
    completeness = section(text, "Complétude des données", "Données utilisées")
    # Gamma lacks its foreign residents: the population part is not complete
    line = next(x for x in completeness.splitlines() if x.startswith("La population étrangère"))
    assert "0 / 2" in line
    missing = section(text, "Données manquantes", "Complétude des données")
    assert "Résidents étrangers (2024)" in missing
    assert "Demandes de régularisation (2017)" in missing


def test_missing_section_figures_are_in_the_collection_sheet(rich):
    _, out, _ = rich
    sheet = pd.read_csv(
        out / "region" / "c-gamma.collect.csv",
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
    )
    pairs = set(zip(sheet["indicator"], sheet["year"], strict=True))
    assert {
        ("regularisation_requests", "2017"),
        ("refugees", "2021"),
        ("migrant_children_enrolled", "2021"),
        ("foreign_residents", "2024"),
    } <= pairs


def test_proportional_symbols_map_of_the_sub_territories(rich):
    root, _, _ = rich
    atlas = load_atlas(root)
    ctx, figures, _ = MonographBuilder(atlas).build("A")
    assert ctx.sub_symbols is not None
    assert "Aube (120\u202f000)" in ctx.sub_symbols.alt  # the largest circle first
    assert "sub_symbols.svg" in {f.name for f in figures}
    assert (
        b"<svg"
        in draw([f for f in figures if f.name == "sub_symbols.svg"], atlas, Translator("fr")).files[
            "sub_symbols.svg"
        ]
    )


def test_hostile_narrative_is_inert_and_nothing_is_fetched_outside(rich):
    root, out, built = rich
    assert not [w for w in built["A"].warnings if "refused" in w]
    html = (out / "region" / "a-alpha.fr.html").read_text(encoding="utf-8")
    narrative = html[html.index('class="narrative"') :]
    narrative = narrative[: narrative.index("</div>")]
    for bad in (
        '<img src="file:///etc',
        "<script",
        "<link",
        "<style",
        'src="http',
        'etc/passwd"',
        'atlas.toml"',
        'href="',
    ):
        assert bad not in narrative
    assert "&lt;script&gt;" in narrative  # shown as text
    assert "Site du HCR (https://www.unhcr.org/ma)" in narrative
    assert (
        f'<img src="{(root / "narratives" / "carte.png").resolve().as_uri()}" alt="carte"'
        in narrative
    )
    assert narrative.count("<img") == 1
    assert "<h4>Priorités</h4>" in narrative
    text = text_of(out, "a-alpha")
    assert "Texte du planificateur" in text and "<script>alert(1)</script>" in text


def test_narrative_rules_on_their_own(tmp_path: Path):
    (tmp_path / "in.png").write_bytes(_png())
    html = str(
        render_markdown(
            "![a](in.png) ![b](/etc/passwd) ![c](data:image/png;base64,AAAA) "
            "[m](mailto:x@example.org) <https://example.org>",
            tmp_path,
            tmp_path,
        )
    )
    assert html.count("<img") == 1 and (tmp_path / "in.png").as_uri() in html
    assert "m (mailto:x@example.org)" in html
    assert "https://example.org" in html and "href" not in html


def test_province_monograph_holds_the_same_sections(rich):
    root, _, _ = rich
    ctx, _figures, _ = MonographBuilder(load_atlas(root), None).build("A.1")
    assert ctx.parent_name == "Alpha"
    assert ctx.protection is not None and ctx.services
    assert ctx.protection.cities[0].name == "Aube"
    assert {s.number for s in ctx.services} == {"1", "4", "5", "7"}
    assert ctx.completeness and ctx.indicator_notes
    facts = Facts(load_atlas(root))
    assert facts.value("A.1", "refugees", 2021) == 77
    assert Translator("fr")("Benchmarks") == "Comparaisons"


def test_the_template_uses_every_field_of_the_context():
    from dataclasses import fields

    from monographs.content.monograph import MonographContext
    from monographs.resources import TEMPLATES_DIR

    template = "".join(
        path.read_text(encoding="utf-8")
        for path in sorted(TEMPLATES_DIR.rglob("*.j2"))
        if path.name != "compare.html.j2"
    )
    unused = [
        f.name
        for f in fields(MonographContext)
        if not re.search(rf"(?<![\w.]){f.name}\b", template)
    ]
    assert unused == []


def test_benchmarks_of_many_siblings_keep_the_extremes_and_the_territory():
    from monographs.content.sections.benchmarks import MAX_BARS, shown_bars

    order = [f"s{i:02d}" for i in range(40)]  # already highest first
    held = {s: 40 - i for i, s in enumerate(order)}
    bars = shown_bars(order, "s20", held)
    assert len(bars) == MAX_BARS + 1 and "s20" in bars
    assert bars[: MAX_BARS // 2] == order[: MAX_BARS // 2]
    assert bars[-(MAX_BARS // 2) :] == order[-(MAX_BARS // 2) :]
    assert shown_bars(order[:10], "s03", held) == order[:10]
