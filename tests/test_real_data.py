"""Data as it really comes (issue 18): blank and null codes named where they are, joins
by name scoped to the parent, nothing merged silently, and a join report of every match.

The broken files themselves are a corpus in ``bad_inputs/real_data.py`` (run through the
command line by ``test_bad_inputs.py``); here, what each must show beyond its code.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
from bad_inputs import real_data
from bad_inputs.cases import append, edit_toml
from click.testing import CliRunner
from shapely.geometry import box

from monographs import load_atlas, validate
from monographs.atlas.boundaries import as_keys
from monographs.cli import cli


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_an_empty_territory_code_is_reported_on_its_own_row_only(synthetic: Path):
    append(synthetic / "territories.csv", ["", "province", "C", "Sans code", "", "province"])
    report = validate(load_atlas(synthetic))
    assert report.flatten(("code", "file", "row", "column")) == [
        ["missing-code", "territories.csv", 12, "code"]
    ]


def test_null_codes_in_an_osm_extract_are_named_by_feature(synthetic: Path):
    real_data.osm_geojson_with_null_codes(synthetic)
    atlas = load_atlas(synthetic)
    report = validate(atlas)
    found = report.filter("boundary-without-key")
    assert [(p.feature, p.column, p.severity) for p in found] == [
        (4, "code", "warning"),
        (5, "code", "warning"),
        (6, "code", "warning"),
        (7, "code", "warning"),
    ]
    assert "osm_id=12" in found[1].hint and "name=Lac" in found[1].hint
    assert "feature 5" in str(found[1]) and "regions.geojson" in str(found[1])
    assert sorted(atlas.boundaries("region").index) == ["A", "B", "C"]
    assert json.loads(report.to_json())["problems"][0]["feature"] == 4


def test_codes_read_as_floats_or_nulls_become_text():
    column = pd.Series(["01", None, float("nan"), 12.0, " B ", pd.NA, "null", 7, 2.5])
    assert as_keys(column).tolist() == ["01", "", "", "12", "B", "", "", "7", "2.5"]


def test_a_topojson_is_read_as_wgs84(synthetic: Path):
    real_data.topojson_regions(synthetic)
    atlas = load_atlas(synthetic)
    assert validate(atlas).flatten() == []
    regions = atlas.boundaries("region")
    assert sorted(regions.index) == ["A", "B", "C"] and regions.crs.to_epsg() == 4326
    assert abs(regions.geometry.loc["B"].bounds[0] - 3.0) < 1e-9


def test_a_territory_code_na_in_a_workbook_stays_na(synthetic: Path):
    rows = pd.read_csv(synthetic / "territories.csv", dtype=str, keep_default_na=False)
    rows.loc[rows["code"] == "C.2", "code"] = "NA"
    rows.to_excel(synthetic / "territories.xlsx", index=False)
    edit_toml(
        synthetic,
        "[boundaries.region]",
        '[tables]\nterritories = "territories.xlsx"\n\n[boundaries.region]',
    )
    atlas = load_atlas(synthetic)
    assert "NA" in atlas.territories.index


# ---- joins by name, scoped to the parent ------------------------------------------------

THREE_MANSOURAH = """\
title = "Atlas"
languages = ["fr"]
levels = ["nation", "wilaya", "daira"]

[boundaries.daira]
file = "dairas.geojson"
name_column = "name_fr"
parent_column = "wilaya_code"
"""


def _mansourah(root: Path, features: list[tuple[str, str, int]]) -> Path:
    """A nation of three wilayas, each with a daïra called Mansourah (and one more in
    wilaya 02); the daïras' file carries names and the wilaya's code, no daïra code."""
    root.mkdir()
    (root / "atlas.toml").write_text(THREE_MANSOURAH, encoding="utf-8")
    rows = [["DZ", "nation", "", "Algérie"]]
    rows += [[f"{w}", "wilaya", "DZ", f"Wilaya {w}"] for w in ("01", "02", "03")]
    rows += [[f"{w}-M", "daira", w, "Mansourah"] for w in ("01", "02", "03")]
    rows += [["02-B", "daira", "02", "Bir El Djir"]]
    pd.DataFrame(rows, columns=["code", "level", "parent_code", "name_fr"]).to_csv(
        root / "territories.csv", index=False
    )
    (root / "figures.csv").write_text(
        "territory_code,indicator,year,value,source_id\nDZ,population,2024,10,s\n",
        encoding="utf-8",
    )
    (root / "sources.csv").write_text("id,title\ns,Census\n", encoding="utf-8")
    (root / "catalogue.csv").write_text("id,unit\npopulation,people\n", encoding="utf-8")
    gpd.GeoDataFrame(
        {"name_fr": [n for n, _, _ in features], "wilaya_code": [w for _, w, _ in features]},
        geometry=[box(i, 0, i + 1, 1) for _, _, i in features],
        crs="EPSG:4326",
    ).to_file(root / "dairas.geojson", driver="GeoJSON")
    return root


def test_same_named_units_in_different_parents_join_their_own(tmp_path: Path):
    root = _mansourah(
        tmp_path / "dz",
        [
            ("MANSOURAH", "03", 0),
            ("Mansourah", "01", 1),
            ("Mansourah", "02", 2),
            ("Bir el Djir", "02", 3),
        ],
    )
    atlas = load_atlas(root)
    report = validate(atlas)
    assert report.flatten() == [], [str(p) for p in report]
    dairas = atlas.boundaries("daira")
    assert sorted(dairas.index) == ["01-M", "02-B", "02-M", "03-M"]
    assert dairas.geometry.loc["03-M"].bounds[0] == 0  # the first feature: wilaya 03's
    out = tmp_path / "join.csv"
    res = run("validate", "--atlas", root, "--join-report", out)
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [
        (r["feature"], r["boundary_value"], r["parent"], r["match"], r["code"]) for r in rows
    ] == [
        ("1", "MANSOURAH", "03", "folded", "03-M"),
        ("2", "Mansourah", "01", "exact", "01-M"),
        ("3", "Mansourah", "02", "exact", "02-M"),
        ("4", "Bir el Djir", "02", "folded", "02-B"),
    ]


def test_without_the_parent_the_same_names_are_ambiguous(tmp_path: Path):
    root = _mansourah(tmp_path / "dz", [("Mansourah", "01", 0), ("Mansourah", "02", 1)])
    edit_toml(root, 'parent_column = "wilaya_code"\n', "")
    report = validate(load_atlas(root))
    assert [p.code for p in report] == [
        "territory-without-boundary",
        "boundary-name-ambiguous",
        "boundary-name-ambiguous",
    ]


def test_same_named_polygons_in_one_parent_are_named_not_merged(tmp_path: Path):
    root = _mansourah(
        tmp_path / "dz",
        [
            ("Mansourah", "01", 0),
            ("Mansourah", "01", 5),
            ("Mansourah", "02", 1),
            ("Mansourah", "03", 2),
            ("Bir El Djir", "02", 3),
        ],
    )
    atlas = load_atlas(root)
    report = validate(atlas)
    repeated = report.filter("boundary-name-repeated")
    assert len(repeated) == 1 and repeated[0].message.startswith("features 1, 2 (`Mansourah`)")
    assert "01-M" not in atlas.boundaries("daira").index  # neither joined nor merged
    assert sorted(atlas.boundaries("daira").index) == ["02-B", "02-M", "03-M"]
    matches = [(r.feature, r.match) for r in atlas.join_reports["daira"]]
    assert matches[:2] == [("1", "repeated"), ("2", "repeated")]


def test_a_parent_code_that_is_not_a_territory_is_said(tmp_path: Path):
    root = _mansourah(tmp_path / "dz", [("Mansourah", "1", 0)])
    problems = validate(load_atlas(root)).filter("boundary-name-unmatched")
    assert problems[0].message == (
        "the boundary `Mansourah` matches no territory name of level `daira` in parent `1` "
        "(`1` is not a territory code)"
    )
    assert problems[0].feature == 1


def test_a_missing_parent_column_is_one_clear_paragraph(tmp_path: Path):
    root = _mansourah(tmp_path / "dz", [("Mansourah", "01", 0)])
    edit_toml(root, 'parent_column = "wilaya_code"', 'parent_column = "WILAYA"')
    res = run("validate", "--atlas", root)
    assert res.exit_code == 1
    assert "no column `WILAYA` holding the parents' codes" in res.output
    assert "boundaries.daira.parent_column" in res.output and "Traceback" not in res.output


def test_parent_column_without_name_column_is_refused(tmp_path: Path):
    root = _mansourah(tmp_path / "dz", [("Mansourah", "01", 0)])
    edit_toml(root, 'name_column = "name_fr"\n', "")
    report = load_atlas(root).problems  # loading names it; the file has no codes either
    assert ["bad-config-value", "atlas.toml", None, "boundaries.daira.parent_column"] in (
        report.flatten()
    )


# ---- the docs are true ------------------------------------------------------------------


def test_a_level_name_for_no_level_is_an_unknown_key(synthetic: Path):
    edit_toml(synthetic, 'province = "Province"', 'province = "Province"\nprovnce = "Provinces"')
    edit_toml(synthetic, "[level_names.fr]", '[level_names.zz9]\nregion = "?"\n\n[level_names.fr]')
    report = load_atlas(synthetic).problems
    assert report.flatten(("code", "column")) == [
        ["bad-config-value", "level_names.zz9"],
        ["unknown-config-key", "level_names.fr.provnce"],
    ]
    assert "country, province, region" in report.problems[1].hint


def test_country_may_be_given_per_language(synthetic: Path):
    edit_toml(synthetic, 'country = "Testland"', 'country = { fr = "Testlande", ar = "تستلاند" }')
    atlas = load_atlas(synthetic)
    assert atlas.problems.flatten() == []
    assert atlas.config.country == "Testlande"
    assert atlas.config.text_in("country", "ar") == ("تستلاند", "ar")
    assert atlas.config.text_in("country", "en") == ("Testlande", "fr")


def test_boundary_paths_outside_the_atlas_are_refused(synthetic: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere.gpkg"
    (synthetic / "boundaries.gpkg").rename(outside)
    (synthetic / "boundaries.gpkg").symlink_to(outside)  # a link pointing out
    edit_toml(synthetic, 'file = "boundaries.gpkg"\nlayer = "province"', f'file = "{outside}"')
    atlas = load_atlas(synthetic)
    assert atlas.problems.flatten(("code", "column")) == [
        ["path-outside-atlas", "boundaries.region.file"],
        ["path-outside-atlas", "boundaries.province.file"],
    ]
    assert atlas.config.boundaries == {}  # never opened


def test_every_hint_names_the_atlas(synthetic: Path):
    res = run("list", "--atlas", synthetic, "--search", "aub")
    assert res.exit_code == 0
    hint = res.stderr.strip().splitlines()[-1]
    assert hint.endswith(f"monographs build --atlas {synthetic} --level province --territory A.1")
    # the command printed works as printed (here: through the runner)
    words = hint.split("Build one with: monographs ", 1)[1].split()
    out = synthetic.parent / "out"
    built = run(*words, "--output", out, "--jobs", "1", "--quiet")
    assert built.exit_code == 0, built.output
    assert (out / "province" / "a-1-aube.fr.pdf").is_file()
    res = run("build", "--atlas", synthetic, "--territory", "Nowhere-at-all")
    assert f"monographs list --atlas {synthetic} --search NAME" in res.output
    res = run("validate", synthetic, "--atlas", synthetic.parent)
    assert res.exit_code == 1 and "two atlases given" in res.output


# ---- frictions ----------------------------------------------------------------------------


def test_kinds_are_named_by_the_atlas_not_the_catalogue(synthetic: Path):
    from monographs.content.citing import kind_name
    from monographs.i18n import Translator

    edit_toml(synthetic, 'languages = ["fr"]', 'languages = ["fr", "ar"]')
    edit_toml(synthetic, "[selection]", '[kind_names.ar]\ndaira = "دائرة"\n\n[selection]')
    atlas = load_atlas(synthetic)
    assert atlas.problems.flatten() == []
    ar, fr = Translator("ar"), Translator("fr")
    assert kind_name(atlas, "daira", ar) == "دائرة"
    assert kind_name(atlas, "daira", fr) == "daira"  # as written, in the atlas's language
    assert kind_name(atlas, "cercle", ar) == "cercle\u00a0(fr)"  # marked, never gettext
    assert kind_name(atlas, "province", ar) == ar("province")  # the catalogue's kinds
    assert ar.missing == set() and fr.missing == set()


def test_a_parent_without_the_figure_shows_the_missing_mark(synthetic: Path):
    from monographs.content.monograph import MonographBuilder

    with (synthetic / "atlas.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[report]\ncompact_below = 0\n")  # the full edition, the parent beside
    atlas = load_atlas(synthetic)
    context, _, tr = MonographBuilder(atlas).build("C.1", "fr")
    # region C holds no foreign residents: its column says so, it is not left blank
    row = next(k for k in context.key_figures if k.label == "Résidents étrangers")
    assert context.parent_name == "Gamma" and row.parent == tr.missing_mark


def test_boundary_credits_are_printed_in_the_annex(synthetic: Path, tmp_path: Path):
    from pdftext import pdf_text

    from monographs import BuildOptions, build

    edit_toml(
        synthetic,
        'layer = "region"',
        'layer = "region"\nsource = { fr = "Extrait OpenStreetMap", en = "OpenStreetMap '
        'extract" }\nlicence = "ODbL-1.0"\nurl = "https://www.openstreetmap.org/copyright"',
    )
    result = build(synthetic, BuildOptions(output=tmp_path, territories=("A",), jobs=1))
    assert result.ok, [m.error for m in result.monographs]
    text = " ".join(pdf_text(Path(result.monographs[0].file)).split())
    assert "Limites : Région — Extrait OpenStreetMap (licence ODbL-1.0)" in text, text[-800:]
    assert "openstreetmap.org/copyright" in text


# ---- regional language variants ---------------------------------------------------------


def test_arabic_is_neutral_unless_the_atlas_names_a_variant():
    from monographs.i18n import Translator

    neutral, morocco, algeria = Translator("ar"), Translator("ar", "ar-MA"), Translator("ar-DZ")
    assert neutral("Territory") == "المنطقة" and morocco("Territory") == "المجال الترابي"
    assert neutral("Governance and actors") == "الحوكمة والفاعلون"
    assert morocco("Governance and actors") == "الحكامة والفاعلون"
    assert algeria("prefecture") == neutral("prefecture") == "محافظة" != morocco("prefecture")
    assert neutral.date("2024-12-07") == "7 ديسمبر 2024"
    assert morocco.date("2024-12-07") == "7 دجنبر 2024"
    assert neutral.number(148152) == "\u2066148,152\u2069"
    assert algeria.number(148152) == morocco.number(148152) == "\u2066148.152\u2069"
    assert (neutral.lang, morocco.lang, algeria.lang) == ("ar", "ar", "ar")
    assert (morocco.tag, algeria.tag) == ("ar-MA", "ar-DZ")


def test_the_default_atlas_writes_moroccan_arabic():
    atlas = load_atlas()
    assert atlas.config.locale("ar") == "ar-MA" and atlas.config.locale("fr") is None


def test_locales_are_checked(synthetic: Path):
    edit_toml(synthetic, "[selection]", '[locales]\nfr = "ar-MA"\nde = "de-AT"\n\n[selection]')
    assert load_atlas(synthetic).problems.flatten(("code", "column")) == [
        ["bad-config-value", "locales.fr"],
        ["unknown-config-key", "locales.de"],
    ]


def test_an_atlas_names_its_locale(synthetic: Path):
    from monographs.content.monograph import MonographBuilder

    edit_toml(synthetic, 'languages = ["fr"]', 'languages = ["fr", "ar"]')
    edit_toml(synthetic, "[selection]", '[locales]\nar = "ar-DZ"\n\n[selection]')
    atlas = load_atlas(synthetic)
    context, _, tr = MonographBuilder(atlas).build("A", "ar")
    assert tr.tag == "ar-DZ" and tr.number(120000) == "\u2066120.000\u2069"
    assert "المجال الترابي" not in str(context) and "الحكامة" not in str(context)
