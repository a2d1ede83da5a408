"""The whole flow on the synthetic atlas: atlas -> figures -> HTML -> PDF."""

from __future__ import annotations

import json
from pathlib import Path

from pdftext import pdf_text
from pypdf import PdfReader

from monographs import BuildOptions, build, load_atlas
from monographs.content.facts import Facts


def test_builds_one_pdf_per_region_with_safe_names(synthetic_build):
    result, out = synthetic_build
    assert result.ok
    files = sorted(p.name for p in (out / "region").glob("*.pdf"))
    assert files == ["a-alpha.fr.pdf", "b-beta-sud.fr.pdf", "c-gamma.fr.pdf"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert {m["code"] for m in manifest["monographs"]} == {"A", "B", "C"}
    assert all(m["pages"] >= 4 for m in manifest["monographs"])


def test_pdf_states_the_territory_its_key_figures_and_their_national_values(synthetic_build):
    _, out = synthetic_build
    text = pdf_text(out / "region" / "a-alpha.fr.pdf")
    assert "Alpha" in text
    assert "Monographie migratoire" in text
    assert "175 000" in text  # population 2024 of Alpha = 120 000 + 55 000
    assert "328 000" in text  # the national population 2024, beside it
    assert "2 000" in text  # foreign residents 2024
    assert "+100,0 %" in text  # their change 2014-2024 (1 000 -> 2 000)
    assert "1,1 %" in text  # their share of the population, computed: 2 000 / 175 000
    # its provinces, in the table of sub-territories
    assert "Aube" in text and "Azur" in text


def test_ranks_among_sibling_regions(synthetic_build):
    _, out = synthetic_build
    text = pdf_text(out / "region" / "a-alpha.fr.pdf")
    lines = text[text.index("Chiffres clés\nIndicateur") :].splitlines()  # the table
    population = next(line for line in lines if line.startswith("Population 175 000"))
    assert "1 / 3" in population


def test_missing_figures_are_shown_as_missing_never_as_zero(synthetic_build):
    _, out = synthetic_build
    text = pdf_text(out / "region" / "c-gamma.fr.pdf")
    row = next(line for line in text.splitlines() if line.startswith("Résidents étrangers"))
    assert "n.d." in row and " 0 " not in f" {row} "
    annex = text[text.index("Données manquantes") :]
    assert "Résidents étrangers (2024)" in annex


def test_annex_lists_every_source_cited_and_the_conflict(synthetic_build):
    _, out = synthetic_build
    text = pdf_text(out / "region" / "a-alpha.fr.pdf")
    assert "Recensement de Testland 2024" in text
    assert "Article de presse sur les étrangers" in text
    # the national count: 3 100 (census, preferred) against 3 000 (press), a gap of 100
    conflicts = text[text.index("Données pour lesquelles les sources divergent") :]
    assert "3 100" in conflicts and "3 000" in conflicts and "100" in conflicts


def test_text_is_real_text_and_pages_have_bookmarks(synthetic_build):
    _, out = synthetic_build
    reader = PdfReader(str(out / "region" / "b-beta-sud.fr.pdf"))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Chiffres clés" in titles
    assert "Bêta-Sud" in reader.pages[0].extract_text()


def test_source_preference_rule_picks_the_value_shown(synthetic):
    atlas = load_atlas(synthetic)
    fig = Facts(atlas).get("T", "foreign_residents", 2024)
    assert fig.value == 3100 and fig.source_id == "census-2024"
    assert [a.value for a in fig.alternatives] == [3000]
    toml = synthetic / "atlas.toml"
    toml.write_text(toml.read_text().replace('["census-*", "press-*"]', '["press-*"]'))
    fig = Facts(load_atlas(synthetic)).get("T", "foreign_residents", 2024)
    assert fig.value == 3000 and fig.source_id == "press-1"


def test_one_territory_by_name_and_province_level(synthetic: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = build(synthetic, BuildOptions(territories=("beta sud",), output=out))
    assert [m.code for m in result.monographs] == ["B"]
    result = build(synthetic, BuildOptions(level="province", output=out))
    assert sorted(p.name for p in (out / "province").glob("*.pdf")) == [
        "a-1-aube.fr.pdf",
        "a-2-azur.fr.pdf",
        "b-1-beryl.fr.pdf",
        "b-2-brume.fr.pdf",
        "c-1-cedre.fr.pdf",
        "c-2-corail.fr.pdf",
    ]
    # the region is the province's parent column in its key figures
    assert "Alpha" in pdf_text(out / "province" / "a-1-aube.fr.pdf")


def test_same_inputs_give_the_same_bytes(synthetic_master: Path, synthetic_build, tmp_path: Path):
    _, out = synthetic_build
    again = build(synthetic_master, BuildOptions(territories=("C",), output=tmp_path))
    assert again.ok
    first = (out / "region" / "c-gamma.fr.pdf").read_bytes()
    assert (tmp_path / "region" / "c-gamma.fr.pdf").read_bytes() == first


def test_collection_sheet_lists_missing_figures_and_is_read_back(synthetic: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(synthetic, BuildOptions(territories=("C",), output=out))
    sheet_path = out / "region" / "c-gamma.collect.csv"
    import pandas as pd

    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert ("foreign_residents", "2024") in set(zip(sheet["indicator"], sheet["year"], strict=True))
    assert (out / "region" / "c-gamma.collect.xlsx").stat().st_size > 0
    # a planner fills one row, with a source, and drops the sheet into collected/
    sheet.loc[
        (sheet["indicator"] == "foreign_residents") & (sheet["year"] == "2024"),
        ["value", "source_id"],
    ] = ["1 234", "press-1"]
    (synthetic / "collected").mkdir()
    sheet.to_csv(synthetic / "collected" / "gamma.csv", index=False, sep=";")
    atlas = load_atlas(synthetic)
    assert Facts(atlas).value("C", "foreign_residents", 2024) == 1234
    build(atlas, BuildOptions(territories=("C",), output=out))
    text = pdf_text(out / "region" / "c-gamma.fr.pdf")
    row = next(line for line in text.splitlines() if line.startswith("Résidents étrangers"))
    assert "1 234" in row


def test_manifest_keeps_other_territories_and_replaces_rebuilt_ones(
    synthetic: Path, tmp_path: Path
):
    build(synthetic, BuildOptions(output=tmp_path, jobs=1))
    build(synthetic, BuildOptions(territories=("A",), output=tmp_path))
    entries = json.loads((tmp_path / "manifest.json").read_text())["monographs"]
    assert [e["code"] for e in entries] == ["A", "B", "C"]
