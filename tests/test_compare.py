"""The comparison report on the synthetic atlas: every territory, right ranks, missing
values shown, and the same values in the PDF, the CSV and the XLSX."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from pdftext import pdf_text
from pypdf import PdfReader

from monographs import CompareOptions, load_atlas
from monographs.batch.compare import build_comparison as run
from monographs.cli import cli
from monographs.content.comparison import as_frame, compare
from monographs.errors import MonographError


def section(pdf: str, title: str) -> str:
    """The text of the pages whose running header names the section ``title``."""
    pages = [
        (p.extract_text() or "").replace("\u202f", " ").replace("\u00a0", " ")
        for p in PdfReader(pdf).pages
    ]
    return "\n".join(p for p in pages if f"Région — Testland {title}" in p)


@pytest.fixture(scope="module")
def compared(synthetic_master: Path, tmp_path_factory: pytest.TempPathFactory):
    """The regions of Testland compared once, for the tests that read the files."""
    out = tmp_path_factory.mktemp("compare")
    result = run(synthetic_master, CompareOptions(output=out))
    return result, out


def test_writes_the_pdf_with_csv_and_xlsx_beside_it(compared):
    result, out = compared
    folder = out / "compare"
    assert result.file == str(folder / "region.pdf")
    written = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    # the report, its values, and the record that makes the same request skip next time
    assert written == ["manifest.json", "region.csv", "region.pdf", "region.xlsx"]
    assert result.territories == ["A", "B", "C"]
    assert result.warnings == []  # nothing refused, every message translated
    assert result.pages >= 8


def test_every_territory_is_in_the_overview_table_values_and_matrix(compared):
    result, _ = compared
    overview = section(result.file, "Vue d'ensemble nationale")
    for name in ("Alpha", "Bêta-Sud", "Gamma", "Testland"):
        assert name in overview
    values = section(result.file, "Valeurs par territoire")
    matrix = section(result.file, "Complétude des données")
    for name in ("Alpha", "Bêta-Sud", "Gamma"):
        assert name in values and name in matrix


def test_ranks_and_national_reference(synthetic_master: Path):
    cmp = compare(load_atlas(synthetic_master))
    # population 2024: A 175 000, B 100 000, C 53 000
    assert cmp.ranks("population") == {"A": 1, "B": 2, "C": 3}
    # foreign residents 2024: A 2 000, B 900, C missing
    assert cmp.ranks("foreign_residents") == {"A": 1, "B": 2}
    # their change 2014-2024: A +100 %, B +200 % (300 -> 900): B grew fastest
    assert cmp.ranks("foreign_residents@change") == {"B": 1, "A": 2}
    assert cmp.national["foreign_residents"] == 3100  # the preferred source's value
    assert cmp.values[("B", "foreign_residents@change")] == pytest.approx(200.0)


def test_the_ranking_is_stated_in_words_and_the_partner_questions_answered(compared):
    result, _ = compared
    text = " ".join(pdf_text(result.file).split())
    assert (
        "Population, 2024 : valeur la plus élevée à Alpha (175 000), la plus basse à "
        "Gamma (53 000) ; 3 territoires sur 3 disposent de la donnée."
    ) in text
    assert "se concentrent à Alpha (2 000), Bêta-Sud (900)" in text
    assert (
        "le nombre de résidents étrangers a crû le plus vite, en termes relatifs, à "
        "Bêta-Sud (+200,0 % entre 2014 et 2024"
    ) in text
    assert "donnée manquante pour Gamma (1/3)" in text


def test_missing_values_are_shown_as_missing_never_as_zero(compared):
    result, _ = compared
    lines = pdf_text(result.file).splitlines()
    gamma_rows = [line for line in lines if line.startswith("C Gamma 53 000")]
    assert gamma_rows, "Gamma's row of the overview"
    assert all("n.d." in row for row in gamma_rows)
    assert all(" 0 " not in f" {row} " for row in gamma_rows)


def test_completeness_matrix_and_its_legend(compared):
    result, _ = compared
    matrix = section(result.file, "Complétude des données")
    assert "disponible (l'année est indiquée)" in matrix and "manquant (n.d.)" in matrix
    gamma = next(line for line in matrix.splitlines() if "Gamma" in line)
    assert "n.d." in gamma and "2024" in gamma


def test_the_conflict_of_the_level_is_listed(compared):
    result, _ = compared
    annex = section(result.file, "Annexe : divergences entre sources et sources citées")
    assert "Testland — Résidents étrangers" in annex
    assert "3 100" in annex and "3 000" in annex
    assert "Recensement de Testland 2024" in annex


def test_bookmarks_contents_and_running_footer(compared):
    result, _ = compared
    reader = PdfReader(result.file)
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    for title in (
        "Sommaire",
        "Vue d'ensemble nationale",
        "Cartes et classements",
        "Valeurs par territoire",
        "Complétude des données",
    ):
        assert title in titles
    assert f"page 2 / {len(reader.pages)}" in reader.pages[1].extract_text()


def test_csv_and_xlsx_hold_the_same_values_as_the_comparison(compared, synthetic_master):
    result, _ = compared
    csv = pd.read_csv(result.csv, dtype={"territory_code": str}, encoding="utf-8-sig")
    xlsx = pd.read_excel(result.xlsx, sheet_name="values", dtype={"territory_code": str})
    assert list(csv.columns) == list(xlsx.columns)
    assert len(csv) == len(xlsx)
    pd.testing.assert_series_equal(csv["value"], xlsx["value"], check_dtype=False)
    pd.testing.assert_series_equal(csv["rank"], xlsx["rank"], check_dtype=False)
    expected = as_frame(compare(load_atlas(synthetic_master)))
    assert csv["value"].fillna(-1).tolist() == expected["value"].fillna(-1).tolist()
    row = csv.loc[
        (csv["territory_code"] == "C")
        & (csv["indicator"] == "foreign_residents")
        & (csv["measure"] == "value")
    ].iloc[0]
    assert pd.isna(row["value"]) and row["status"] == "missing"
    row = csv.loc[
        (csv["territory_code"] == "A")
        & (csv["indicator"] == "population")
        & (csv["measure"] == "value")
    ].iloc[0]
    assert row["value"] == 175000 and row["rank"] == 1 and row["of"] == 3
    assert set(csv["territory_code"]) == {"A", "B", "C", "T"}
    sheets = pd.ExcelFile(result.xlsx).sheet_names
    assert sheets == ["values", "table", "completeness", "conflicts"]
    table = pd.read_excel(result.xlsx, sheet_name="table", dtype={"territory_code": str})
    assert table["territory_code"].tolist() == ["A", "B", "C", "T"]
    assert table["Population (2024)"].tolist() == [175000, 100000, 53000, 328000]
    assert pd.isna(table.loc[2, "Résidents étrangers (2024)"])
    complete = pd.read_excel(result.xlsx, sheet_name="completeness")
    assert complete.loc[2, "Résidents étrangers (2024)"] == "missing"


def test_a_subset_by_codes_and_names(synthetic_master: Path, tmp_path: Path):
    res = CliRunner().invoke(
        cli,
        [
            "compare",
            "--atlas",
            str(synthetic_master),
            "--territories",
            "A,gamma",
            "--output",
            str(tmp_path),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["territories"] == ["A", "C"]
    assert data["file"].endswith("compare/region-a-c.pdf")
    text = pdf_text(data["file"])
    assert "Gamma" in text and "Bêta-Sud" not in text


def test_several_languages_write_one_report_each(synthetic_master: Path, tmp_path: Path):
    res = CliRunner().invoke(
        cli,
        [
            "compare",
            "--atlas",
            str(synthetic_master),
            "--territories",
            "A,B",
            "--lang",
            "fr,en",
            "--output",
            str(tmp_path),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert [Path(d["file"]).name for d in data] == ["region-a-b.fr.pdf", "region-a-b.en.pdf"]
    assert Path(data[1]["csv"]).name == "region-a-b.en.csv"
    assert "Comparison report" in pdf_text(data[1]["file"])
    assert "Comparison report" not in pdf_text(data[0]["file"])


def test_errors_are_one_paragraph_and_nothing_is_written(synthetic_master: Path, tmp_path: Path):
    for args, message in (
        (["--territories", "A"], "at least two territories"),
        (["--level", "county"], "unknown level `county`"),
        (["--territories", "A,Zeta"], "no territory at level `region`"),
    ):
        res = CliRunner().invoke(
            cli, ["compare", "--atlas", str(synthetic_master), "--output", str(tmp_path), *args]
        )
        assert res.exit_code == 1, res.output
        assert message in res.output and "Traceback" not in res.output
    assert not (tmp_path / "compare").exists()
    with pytest.raises(MonographError):
        compare(load_atlas(synthetic_master), level="country")


def test_provinces_compare_across_regions(synthetic_master: Path):
    cmp = compare(load_atlas(synthetic_master), level="province")
    assert cmp.codes == ["A.1", "A.2", "B.1", "B.2", "C.1", "C.2"]
    # population 2024: A.1 120 000 first, C.1 12 000 last, ranked across the whole level
    ranks = cmp.ranks("population")
    assert ranks["A.1"] == 1 and ranks["C.1"] == 6


def test_same_inputs_same_pdf_and_csv_bytes(compared, synthetic_master: Path, tmp_path: Path):
    result, _ = compared
    again = run(synthetic_master, CompareOptions(output=tmp_path))
    assert Path(again.file).read_bytes() == Path(result.file).read_bytes()
    assert Path(again.csv).read_bytes() == Path(result.csv).read_bytes()
