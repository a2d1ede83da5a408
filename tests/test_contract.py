"""The atlas contract: `init`, column mappings, wide figures, sheets, joining by name,
and nothing lost when validation or a build fails."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from atlas_factory import PROVINCES
from bad_inputs.cases import add_toml, edit_toml, read_rows, rewrite_layer, write_rows
from click.testing import CliRunner
from pdftext import pdf_text

from monographs import load_atlas, validate
from monographs.atlas.example import init_atlas, starter_files
from monographs.atlas.joining import match_names
from monographs.cli import cli
from monographs.errors import AtlasError


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# ---- monographs init -------------------------------------------------------------------


def test_init_writes_an_atlas_that_builds_as_it_is(tmp_path: Path):
    folder = tmp_path / "my-atlas"
    res = run("init", folder)
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(starter_files())
    assert "INVENTED" in (folder / "atlas.toml").read_text(encoding="utf-8")
    res = run("validate", folder)
    assert res.exit_code == 0 and "0 error(s), 0 warning(s)" in res.output, res.output
    out = tmp_path / "out"
    res = run("build", "--atlas", folder, "--output", out, "--jobs", "1")
    # The example atlas has two languages: one PDF per region and language.
    assert res.exit_code == 0 and "4 built, 0 failed" in res.output, res.output
    assert (out / "region" / "ex-n-north-region.fr.pdf").exists()
    text = pdf_text(out / "region" / "ex-n-north-region.en.pdf")
    for expected in (
        "North Region",
        "Exampleland",
        "Harbour",
        "Highlands",
        "184,500",
        "Example census 2014 and 2024 (synthetic data)",
    ):
        assert expected in text, expected
    res = run(
        "build",
        "--atlas",
        folder,
        "--output",
        out,
        "--jobs",
        "1",
        "--lang",
        "fr",
        "--level",
        "district",
        "--territory",
        "harbour",
    )
    assert res.exit_code == 0, res.output
    assert "Le Port" in pdf_text(out / "district" / "ex-n-1-harbour.fr.pdf")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    res = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert res.exit_code == 1
    assert "is not empty; `init` writes a new atlas only into an empty or new folder" in res.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    init_atlas(tmp_path / "empty")  # an empty folder is fine (created here)


# ---- tables as people have them ---------------------------------------------------------


def test_column_mapping_renames_and_problems_name_the_atlas_columns(synthetic: Path):
    rows = read_rows(synthetic / "figures.csv")
    rows[0] = ["Code", "Indicateur", "Année", "dimension", "Valeur", "Source", "note"]
    rows.append(["A", "population", "2024", "x", "beaucoup", "census-2024", ""])
    write_rows(synthetic / "figures.csv", rows, delimiter=";", encoding="cp1252")
    add_toml(
        synthetic,
        '[columns.figures]\nterritory_code = "Code"\nindicator = '
        '"Indicateur"\nyear = "Année"\nvalue = "Valeur"\nsource_id = "Source"',
    )
    report = validate(load_atlas(synthetic))
    assert report.flatten() == [["not-a-number", "figures.csv", len(rows), "Valeur"]]


def test_title_rows_above_the_header_keep_spreadsheet_row_numbers(synthetic: Path):
    rows = read_rows(synthetic / "figures.csv")
    rows.append(["A", "population", "2024", "x", "beaucoup", "census-2024", ""])
    write_rows(synthetic / "figures.csv", [["Figures of Testland"], ["(export)"], *rows])
    add_toml(synthetic, '[tables]\nfigures = { file = "figures.csv", header_row = 3 }')
    report = validate(load_atlas(synthetic))
    assert report.flatten() == [["not-a-number", "figures.csv", len(rows) + 2, "value"]]


def test_wide_figures_through_an_explicit_map(synthetic: Path):
    write_rows(
        synthetic / "census.csv",
        [
            ["Province", "Étrangers 2014", "Étrangers 2024", "Commentaire"],
            ["A.1", "100", "150", "x"],
            ["A.2", "", "n.d.", "y"],
        ],
    )
    add_toml(
        synthetic,
        '[[wide]]\nfile = "census.csv"\nterritory = "Province"\n'
        'source = "census-2024"\n'
        "[wide.columns]\n"
        '"Étrangers 2014" = { indicator = "foreign_residents", year = 2014 }\n'
        '"Étrangers 2024" = { indicator = "foreign_residents", year = 2024 }',
    )
    atlas = load_atlas(synthetic)
    f = atlas.figures
    got = f.loc[f["_file"] == "census.csv", ["territory_code", "year", "value_text"]]
    assert got.values.tolist() == [
        ["A.1", 2014, "100"],
        ["A.1", 2024, "150"],
        ["A.2", 2024, "n.d."],
    ]
    # the empty cell is a missing figure; the bad one names its own cell
    assert validate(atlas).flatten() == [["not-a-number", "census.csv", 3, "Étrangers 2024"]]


def test_a_table_in_a_named_sheet(synthetic: Path):
    frame = pd.read_csv(synthetic / "sources.csv", dtype=str, keep_default_na=False)
    with pd.ExcelWriter(synthetic / "book.xlsx") as xl:
        pd.DataFrame({"x": ["cover"]}).to_excel(xl, sheet_name="Cover", index=False)
        frame.to_excel(xl, sheet_name="Sources", index=False)
    (synthetic / "sources.csv").unlink()
    add_toml(synthetic, '[tables]\nsources = { file = "book.xlsx", sheet = "Sources" }')
    atlas = load_atlas(synthetic)
    assert list(atlas.sources.index) == ["census-2024", "press-1"]
    assert validate(atlas).flatten() == []


def test_old_spreadsheet_formats_are_named(synthetic: Path):
    (synthetic / "figures.xls").write_bytes(b"\xd0\xcf\x11\xe0 not read")
    add_toml(synthetic, '[tables]\nfigures = "figures.xls"')
    with pytest.raises(AtlasError, match=r"Old Excel \(.xls\) files are not read"):
        load_atlas(synthetic)


# ---- joining by name --------------------------------------------------------------------


def test_names_match_exactly_then_folded_and_the_report_lists_both_sides(
    synthetic: Path, tmp_path: Path
):
    def change(frame: gpd.GeoDataFrame) -> None:
        frame["NOM"] = frame["code"].map({"A": "Alpha", "B": "BETA SUD", "C": "Gama"})
        frame.drop(columns="code", inplace=True)

    rewrite_layer(synthetic, "region", change)
    edit_toml(synthetic, 'layer = "region"', 'layer = "region"\nname_column = "NOM"')
    atlas = load_atlas(synthetic)
    report = validate(atlas)
    assert report.flatten(("code", "value")) == [
        ["territory-without-boundary", "C"],
        ["boundary-name-unmatched", "Gama"],
    ]
    assert report.valid
    out = tmp_path / "join.csv"
    res = run("validate", "--atlas", synthetic, "--join-report", out)
    # every match: the regions by name, and the provinces by code
    assert res.exit_code == 0 and "join report: 10 record(s)" in res.output
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[:5] == [
        [
            "level",
            "feature",
            "column",
            "boundary_value",
            "parent",
            "match",
            "code",
            "territory_name",
        ],
        ["region", "1", "NOM", "Alpha", "", "exact", "A", "Alpha"],
        ["region", "2", "NOM", "BETA SUD", "", "folded", "B", "Bêta-Sud"],
        ["region", "3", "NOM", "Gama", "", "unmatched", "", ""],
        ["region", "", "", "", "", "no-boundary", "C", "Gamma"],
    ]
    assert rows[5:] == [
        ["province", str(i), "code", code, "", "code", code, name]
        for i, (code, _, name) in enumerate(PROVINCES, start=1)
    ]


def test_matching_any_name_column(synthetic: Path):
    atlas = load_atlas(synthetic)
    records = match_names(["غاما", "  alpha ", "Beta-Sud"], atlas, "region")
    assert [(r.code, r.match) for r in records] == [
        ("C", "exact"),
        ("A", "folded"),
        ("B", "folded"),
    ]


# ---- nothing lost ----------------------------------------------------------------------


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failed_validation_or_build_keeps_earlier_outputs(synthetic: Path, tmp_path: Path):
    out = tmp_path / "out"
    res = run("build", "--atlas", synthetic, "--output", out, "--territory", "A", "--jobs", "1")
    assert res.exit_code == 0, res.output
    before = _state(out)
    assert "region/a-alpha.fr.pdf" in before and "manifest.json" in before
    with (synthetic / "figures.csv").open("a", encoding="utf-8") as fh:
        fh.write("A,population,2024,x,lots,census-2024,\n")
    res = CliRunner().invoke(cli, ["validate", str(synthetic)])
    assert res.exit_code == 1
    for args in (["--territory", "A"], []):  # the same territory, then every one
        res = CliRunner().invoke(
            cli, ["build", "--atlas", str(synthetic), "--output", str(out), "--jobs", "1", *args]
        )
        assert res.exit_code == 1 and "[not-a-number]" in res.output
        assert "nothing was built" in res.output
        assert _state(out) == before


# ---- the documentation -----------------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "atlas.md"
README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_documented_example_is_the_init_atlas(tmp_path: Path):
    docs = DOCS.read_text(encoding="utf-8")
    example = docs.split("## A complete example", 1)[1]
    block = example.split("```toml\n", 1)[1].split("```", 1)[0]
    assert block == starter_files()["atlas.toml"].decode("utf-8")
    init_atlas(tmp_path / "a")
    for table in (
        "territories.csv",
        "figures.csv",
        "census_wide.csv",
        "sources.csv",
        "catalogue.csv",
    ):
        lines = (tmp_path / "a" / table).read_text(encoding="utf-8").splitlines()
        shown = [
            line
            for line in example.split(f"\n{table}", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
            if not line.startswith("```")
        ]
        assert set(shown) <= set(lines), table


def test_the_title_and_publisher_may_be_given_per_language(synthetic: Path):
    edit_toml(
        synthetic,
        '''title = "Atlas d'essai"''',
        """title = { fr = "Atlas d'essai", en = "Test atlas" }""",
    )
    add_toml(synthetic, '[branding]\npublisher = { en = "Test office", ar = "مكتب الاختبار" }')
    config = load_atlas(synthetic).config
    assert config.title == "Atlas d'essai"  # the first language's
    assert config.text_in("title", "en") == ("Test atlas", "en")
    assert config.text_in("title", "ar") == ("Atlas d'essai", "fr")  # none in Arabic
    assert config.text_in("publisher", "ar") == ("مكتب الاختبار", "ar")
    assert config.text_in("publisher", "fr") == ("Test office", "en")


def test_a_title_under_an_unknown_language_is_named(synthetic: Path):
    edit_toml(synthetic, '''title = "Atlas d'essai"''', """title = { fr = "Atlas", zz9 = 3 }""")
    res = run("validate", synthetic)
    assert res.exit_code == 1
    assert "title.zz9" in res.output and "bad-config-value" in res.output, res.output


def test_every_atlas_toml_key_is_documented():
    from monographs.atlas import config

    docs = DOCS.read_text(encoding="utf-8")
    keys = (
        config._TOP_KEYS
        | config._BOUNDARY_KEYS
        | config._BRANDING_KEYS
        | config._WIDE_KEYS
        | config._LIMIT_KEYS
        | config._REPORT_KEYS
        | config._TABLE_KEYS
    )
    assert [
        k for k in sorted(keys) if not re.search(r"[`\[]" + re.escape(k) + r"[`.\] ]", docs)
    ] == []


def test_the_readme_points_to_the_contract():
    readme = README.read_text(encoding="utf-8")
    assert "docs/atlas.md" in readme and "## Your own data" in readme
    assert "monographs init" in readme


def test_a_missing_name_column_says_which_key_to_set(synthetic: Path):
    edit_toml(synthetic, 'layer = "region"', 'layer = "region"\nname_column = "NOM"')
    res = CliRunner().invoke(cli, ["validate", str(synthetic)])
    assert res.exit_code == 1
    assert (
        "boundaries.gpkg: no column `NOM` holding the names to join to territories." in res.output
    )
    assert "Set `boundaries.region.name_column` in atlas.toml." in res.output
    assert "Traceback" not in res.output


def test_init_and_join_report_errors_are_one_paragraph(tmp_path: Path, synthetic: Path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    res = CliRunner().invoke(cli, ["init", str(tmp_path / "a-file")])
    assert res.exit_code == 1 and "is a file; `init` writes a new atlas into a folder" in res.output
    res = CliRunner().invoke(
        cli, ["validate", str(synthetic), "--join-report", str(tmp_path / "a-file" / "join.csv")]
    )
    assert res.exit_code == 1 and "cannot write the join report to" in res.output
    assert "Traceback" not in res.output and "Internal error" not in res.output
