"""Finding a territory by name: exact, without accents, by alias, ambiguous, unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from monographs import load_atlas, validate
from monographs.atlas.names import compact, find_territory, loose, normalise
from monographs.cli import cli
from monographs.errors import AmbiguousTerritory, TerritoryNotFound


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_folded_keys():
    assert normalise("Fès-Meknès") == "fes meknes"
    assert normalise("  M'diq-Fnideq ") == "m diq fnideq"
    assert compact("Al Hoceima") == compact("ALHOCEIMA") == "alhoceima"
    assert loose("Marrakesh") == loose("Marrakech")
    assert loose("Tetuan") == loose("Tétouan")


@pytest.mark.parametrize(
    "query, code",
    [
        ("Alpha", "A"),
        ("B.1", "B.1"),  # exact name, code
        ("BETA-SUD", "B"),
        ("beta sud", "B"),
        ("Betasud", "B"),  # case, accents, hyphens
        ("beryl", "B.1"),
        ("CEDRE", "C.1"),
        ("Azzur", "A.2"),  # a doubled letter forgiven
    ],
)
def test_exact_and_accent_free(synthetic: Path, query: str, code: str):
    assert find_territory(load_atlas(synthetic), query) == code


def test_aliases_from_a_table_and_from_a_column(synthetic: Path):
    (synthetic / "aliases.csv").write_text("code,alias\nA.1,Dawn\nC,Gamma-Land\n", encoding="utf-8")
    territories = pd.read_csv(synthetic / "territories.csv", dtype=str, keep_default_na=False)
    territories["aliases"] = ["", "", "", "", "", "", "", "Misty | Fog", "", ""]
    territories.to_csv(synthetic / "territories.csv", index=False)
    atlas = load_atlas(synthetic)
    assert validate(atlas).valid
    assert find_territory(atlas, "dawn") == "A.1"
    assert find_territory(atlas, "gamma land") == "C"
    assert find_territory(atlas, "FOG") == "B.2" and find_territory(atlas, "misty") == "B.2"


def test_an_alias_for_an_unknown_code_is_reported(synthetic: Path):
    (synthetic / "aliases.csv").write_text("code,alias\nZ.9,Nowhere\n", encoding="utf-8")
    report = validate(load_atlas(synthetic))
    problems = [p for p in report.problems if p.code == "alias-unknown-territory"]
    assert len(problems) == 1 and problems[0].file == "aliases.csv" and problems[0].row == 2


def test_ambiguous_lists_level_and_parent_and_builds_none(synthetic: Path, tmp_path: Path):
    with (synthetic / "territories.csv").open("a", encoding="utf-8") as fh:
        fh.write("A.3,province,A,Alpha,,province\n")
    atlas = load_atlas(synthetic)
    with pytest.raises(AmbiguousTerritory) as info:
        find_territory(atlas, "ALPHA")
    assert info.value.candidates == ["A", "A.3"]
    assert "A Alpha (region, in Testland)" in str(info.value)
    assert "A.3 Alpha (province, in Alpha)" in str(info.value)
    assert "--level region or --level province" in info.value.hint
    assert find_territory(atlas, "alpha", level="province") == "A.3"
    res = run("build", "--atlas", str(synthetic), "--territory", "alpha", "--output", str(tmp_path))
    assert res.exit_code == 1 and "none was built" in res.output
    assert not any(tmp_path.rglob("*.pdf"))


def test_unknown_name_suggests_the_closest(synthetic: Path):
    atlas = load_atlas(synthetic)
    with pytest.raises(TerritoryNotFound) as info:
        find_territory(atlas, "Brum")
    assert info.value.suggestions[0] == "B.2"
    assert "Did you mean: Brume (B.2)" in info.value.hint
    with pytest.raises(TerritoryNotFound) as info:
        find_territory(atlas, "Aube", level="region")
    assert "at level `region`" in str(info.value)
    with pytest.raises(TerritoryNotFound) as info:
        find_territory(atlas, "Qqqqqq")
    # a command that works as printed: it names this atlas
    assert f"monographs list --atlas {atlas.root} --search NAME" in info.value.hint


def test_list_search_shows_code_level_and_parent(synthetic: Path):
    res = run("list", "--atlas", str(synthetic), "--search", "BETA", "--json")
    assert [(r["code"], r["level"], r["parent"]) for r in json.loads(res.output)] == [
        ("B", "region", "Testland")
    ]
    res = run("list", "--atlas", str(synthetic), "--search", "ber", "--json")
    assert [(r["code"], r["level"], r["parent"]) for r in json.loads(res.output)] == [
        ("B.1", "province", "Bêta-Sud")
    ]
    res = run("list", "--atlas", str(synthetic), "--level", "province", "--search", "CORAIL")
    assert res.exit_code == 0
    assert "C.2" in res.output and "province" in res.output and "Gamma" in res.output
    res = run("list", "--atlas", str(synthetic), "--search", "nothing-like-it")
    assert res.exit_code == 1 and "No territory matches" in res.output


# ---- the default atlas: the cities a planner types -----------------------------------------
@pytest.fixture(scope="module")
def morocco():
    return load_atlas()


@pytest.mark.parametrize(
    "query, level, code",
    [
        ("Fes", "commune", "03.231.01.0"),
        ("Fez", "province", "03.231"),
        ("Tanger", "commune", "01.511.01.0"),
        ("Tanger", "province", "01.511"),
        ("Tangier", "commune", "01.511.01.0"),
        ("Laayoune", "commune", "11.321.01.03"),
        ("El Aaiun", "province", "11.321"),
        ("Marrakesh", "commune", "07.351.01.0"),
        ("marrakech", "province", "07.351"),
        ("Casa", "commune", "06.141.01.0"),
        ("Tetouan", "commune", "01.571.01.11"),
        ("Meknes", "commune", "03.061.01.01"),
        ("el jadida", "commune", "06.181.01.03"),
        ("Kenitra", "commune", "04.281.01.01"),
        ("Oujda", "commune", "02.411.01.23"),
        ("Oujda", "province", "02.411"),
        ("Mohammedia", "commune", "06.371.01.01"),
        ("fes meknes", None, "03"),
        ("Tanger-Tetouan-Al Hoceima", None, "01"),
    ],
)
def test_moroccan_cities_by_common_spellings(morocco, query, level, code):
    assert find_territory(morocco, query, level) == code


def test_a_moroccan_city_and_its_prefecture_are_both_listed(morocco):
    with pytest.raises(AmbiguousTerritory) as info:
        find_territory(morocco, "Fes")
    text = str(info.value)
    assert "03.231 Fès (province: prefecture, in Fès-Meknès)" in text
    assert "03.231.01.0 Fès (commune: urban, in Fès)" in text
    with pytest.raises(TerritoryNotFound) as info:
        find_territory(morocco, "Tangr")
    assert "Tanger (01.511.01.0)" in info.value.hint
