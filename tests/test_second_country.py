"""A second synthetic country, unlike the first in every way the contract allows.

*Sahelia* (invented) has its own levels (nation > wilaya > daïra), its own codes, English
as its only language, and its tables as people have them: figures in a semicolon,
Windows-1252, decimal-comma CSV with a title row and French column names mapped in
atlas.toml; the census
laid out wide (one column per indicator and year, thousands grouped with no-break
spaces); territories in a named sheet of an XLSX workbook; wilaya boundaries in a zipped
Shapefile and daïra boundaries in a Shapefile without codes joined by name, both in a
projected CRS (UTM zone 31N). It validates and builds monographs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from click.testing import CliRunner
from pdftext import pdf_text
from shapely.geometry import box

from monographs import BuildOptions, build, load_atlas, validate
from monographs.cli import cli

ATLAS_TOML = """\
title = "Sahelia migration atlas (synthetic)"
country = "Sahelia"
edition = "2030"
languages = ["en"]
levels = ["nation", "wilaya", "daira"]

[level_names.en]
nation = "Nation"
wilaya = "Wilaya"
daira = "Daïra"

[tables]
territories = { file = "territoires.xlsx", sheet = "Territoires" }
figures = { file = "donnees.csv", header_row = 2 }
sources = "sources.csv"
catalogue = "catalogue.tsv"

[columns.territories]
code = "Code"
level = "Niveau"
parent_code = "Code parent"
name_en = "Nom"

[columns.figures]
territory_code = "Code territoire"
indicator = "Indicateur"
year = "Année"
value = "Valeur"
source_id = "Source"

[[wide]]
file = "recensement.csv"
territory = "Code"
source = "rgp"
pattern = "(?P<indicator>pop|men)_(?P<year>\\\\d{4})"
indicators = { pop = "population", men = "households" }

[boundaries.wilaya]
file = "wilayas.zip"
code_column = "CODE_W"

[boundaries.daira]
file = "dairas.shp"
name_column = "NOM"

[selection]
prefer = ["rgp"]

[branding]
colour = "#7A3E00"
publisher = "Sahelia statistics office (synthetic)"
"""

NATION = "SH"
WILAYAS = [("W01", "Oued Zitoun"), ("W02", "Aïn Safra")]
DAIRAS = [
    ("W01-D1", "W01", "Sidi Bel-Kheir"),
    ("W01-D2", "W01", "El Ménéa"),
    ("W02-D1", "W02", "Bordj Tamda"),
    ("W02-D2", "W02", "Hassi Rmel"),
]
POPULATION = {
    "W01-D1": (23_096, 25_410),
    "W01-D2": (12_500, 13_980),
    "W02-D1": (40_200, 47_355),
    "W02-D2": (8_040, 9_115),
}
UTM31 = "EPSG:32631"


def _grouped(n: int) -> str:
    """23 096 with a no-break space, as a French spreadsheet exports it."""
    return f"{n:,}".replace(",", "\u00a0")


def make_sahelia(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "atlas.toml").write_text(ATLAS_TOML, encoding="utf-8")
    # territories: a named sheet of a workbook, French headers
    rows = [[NATION, "nation", "", "Sahelia"]]
    rows += [[c, "wilaya", NATION, n] for c, n in WILAYAS]
    rows += [[c, "daira", p, n] for c, p, n in DAIRAS]
    with pd.ExcelWriter(root / "territoires.xlsx") as xl:
        pd.DataFrame([["read me", "this workbook is synthetic"]]).to_excel(
            xl, sheet_name="Notes", index=False, header=False
        )
        pd.DataFrame(rows, columns=["Code", "Niveau", "Code parent", "Nom"]).to_excel(
            xl, sheet_name="Territoires", index=False
        )
    # the census, wide: one column per indicator and year, grouped thousands
    wide = [["Code", "Nom", "pop_2014", "pop_2024", "men_2024"]]
    sums: dict[str, list[int]] = {}
    for code, (p14, p24) in POPULATION.items():
        wide.append([code, "", _grouped(p14), _grouped(p24), _grouped(p24 // 5)])
        for key in (code.split("-")[0], NATION):
            s = sums.setdefault(key, [0, 0])
            s[0] += p14
            s[1] += p24
    for code, (p14, p24) in sums.items():
        wide.append([code, "", _grouped(p14), _grouped(p24), _grouped(p24 // 5)])
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(wide)
    (root / "recensement.csv").write_bytes(buf.getvalue().encode("utf-8"))
    # figures: the messy export (semicolons, Windows-1252, decimal commas, French headers)
    figures = [
        ["Code territoire", "Indicateur", "Année", "dimension", "Valeur", "Source", "note"],
        ["W01", "foreign_residents", "2014", "", "1\u00a0204", "rgp", "été"],
        ["W01", "foreign_residents", "2024", "", "1\u00a0876", "rgp", ""],
        ["W02", "foreign_residents", "2014", "", "310", "rgp", ""],
        ["W02", "foreign_residents", "2024", "", "455", "rgp", ""],
        ["SH", "foreign_residents", "2014", "", "1\u00a0514", "rgp", ""],
        ["SH", "foreign_residents", "2024", "", "2\u00a0331", "rgp", ""],
        ["W01", "unemployment_rate_pct", "2024", "", "12,5", "enquete", "Enquête"],
        ["W02", "unemployment_rate_pct", "2024", "", "9,75", "enquete", ""],
        ["SH", "unemployment_rate_pct", "2024", "", "11,2", "enquete", ""],
        ["SH", "regularisation_requests", "2024", "", "830", "enquete", ""],
        ["SH", "regularisation_approved", "2024", "", "612", "enquete", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(figures)
    title = "Export du système statistique;;;;;;\r\n"  # a title row above the header
    (root / "donnees.csv").write_bytes((title + buf.getvalue()).encode("cp1252"))
    (root / "sources.csv").write_bytes(
        "\ufeffid,title,publisher,date\n"
        "rgp,General census of Sahelia (synthetic),Sahelia statistics office,2025\n"
        "enquete,Labour force survey (synthetic),Sahelia statistics office,2025\n".encode("utf-8")
    )
    (root / "catalogue.tsv").write_text(
        "id\tlabel_en\tunit\taggregation\n"
        "population\tPopulation\tpeople\tsum\n"
        "households\tHouseholds\thouseholds\tsum\n"
        "foreign_residents\tForeign residents\tpeople\tsum\n"
        "unemployment_rate_pct\tUnemployment rate\tpercent\tnone\n"
        "regularisation_requests\tRegularisation requests\tpeople\tsum\n"
        "regularisation_approved\tRegularisation requests approved\tpeople\tsum\n",
        encoding="utf-8",
    )
    # boundaries in UTM 31N: wilayas zipped with codes, daïras by (upper-case) name only
    dairas = []
    for i, (_code, _parent, name) in enumerate(DAIRAS):
        x = 1.0 + i
        dairas.append(
            {
                "NOM": name.upper().replace("Ï", "I").replace("É", "E"),
                "geometry": box(x, 1.0, x + 1, 2.5),
            }
        )
    gd = gpd.GeoDataFrame(dairas, crs="EPSG:4326").to_crs(UTM31)
    gd.to_file(root / "dairas.shp")
    wil = gpd.GeoDataFrame(
        {"CODE_W": ["W01", "W02"]},
        geometry=[box(1.0, 1.0, 3.0, 2.5), box(3.0, 1.0, 5.0, 2.5)],
        crs="EPSG:4326",
    ).to_crs(UTM31)
    shp_dir = root.parent / "shp"
    shp_dir.mkdir()
    wil.to_file(shp_dir / "wilayas.shp")
    with zipfile.ZipFile(root / "wilayas.zip", "w") as zf:
        for part in shp_dir.iterdir():
            zf.write(part, part.name)
    return root


@pytest.fixture(scope="module")
def sahelia(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sahelia(tmp_path_factory.mktemp("sahelia") / "atlas")


def test_messy_tables_read_as_figures(sahelia: Path):
    atlas = load_atlas(sahelia)
    assert atlas.config.levels == ["nation", "wilaya", "daira"]
    assert atlas.name("W02") == "Aïn Safra"  # from the XLSX sheet
    f = atlas.figures.set_index(["territory_code", "indicator", "year"])
    assert f.loc[("W01", "unemployment_rate_pct", 2024), "value"] == 12.5  # decimal comma
    assert f.loc[("W01", "foreign_residents", 2014), "value"] == 1204  # no-break space
    assert f.loc[("W01-D1", "population", 2014), "value"] == 23096  # wide table
    assert f.loc[("W02-D2", "households", 2024), "value"] == 9115 // 5  # renamed indicator
    assert f.loc[("W01", "foreign_residents", 2014), "note"] == "été"  # Windows-1252


def test_it_validates_and_joins_boundaries_by_name(sahelia: Path, tmp_path: Path):
    atlas = load_atlas(sahelia)
    report = validate(atlas)
    assert report.flatten() == [], [str(p) for p in report]
    dairas = atlas.boundaries("daira")
    assert sorted(dairas.index) == sorted(c for c, _, _ in DAIRAS)
    assert dairas.crs.to_epsg() == 4326  # reprojected from UTM 31N
    assert abs(dairas.geometry.loc["W01-D1"].bounds[0] - 1.0) < 1e-6
    assert sorted(atlas.boundaries("wilaya").index) == ["W01", "W02"]
    out = tmp_path / "join.csv"
    res = CliRunner().invoke(cli, ["validate", "--atlas", str(sahelia), "--join-report", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {(r["level"], r["boundary_value"], r["code"], r["match"]) for r in rows} == {
        ("wilaya", "W01", "W01", "code"),
        ("wilaya", "W02", "W02", "code"),
        ("daira", "SIDI BEL-KHEIR", "W01-D1", "folded"),
        ("daira", "EL MENEA", "W01-D2", "folded"),
        ("daira", "BORDJ TAMDA", "W02-D1", "folded"),
        ("daira", "HASSI RMEL", "W02-D2", "folded"),
    }


def test_it_builds_monographs_in_english(sahelia: Path, tmp_path: Path):
    result = build(sahelia, BuildOptions(output=tmp_path, jobs=1))
    assert result.ok, [m.error for m in result.monographs]
    files = sorted(Path(m.file).name for m in result.monographs)
    assert files == ["w01-oued-zitoun.en.pdf", "w02-ain-safra.en.pdf"]
    text = pdf_text(tmp_path / "wilaya" / "w01-oued-zitoun.en.pdf")
    for expected in (
        "Oued Zitoun",
        "Wilaya",
        "Daïra",
        "Sahelia",
        "Sidi Bel-Kheir",
        "El Ménéa",
        "Migration monograph",
        "Unemployment rate",
        "12.5",
        "1,876",
        "General census of Sahelia (synthetic)",
    ):
        assert expected in text, expected
    # nothing of Morocco's strategy: its atlas names no strategy and no campaign
    flat = " ".join(text.split())
    for moroccan in (
        "SNIA",
        "Morocco",
        "Maroc",
        "HCP",
        "December 2016",
        "seven sectoral",
        "First campaign",
        "regularisation campaigns",
    ):
        assert moroccan not in flat, moroccan
    result = build(
        sahelia, BuildOptions(output=tmp_path, level="daira", territories=("el menea",), jobs=1)
    )
    assert result.ok and Path(result.monographs[0].file).name == "w01-d2-el-menea.en.pdf"
