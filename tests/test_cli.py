"""The command line: exit statuses, messages for people, JSON for machines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from monographs.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_one_territory_by_name_forgiving_accents(synthetic: Path, tmp_path: Path):
    res = run(
        "build", "--atlas", str(synthetic), "--territory", "BETA-SUD", "--output", str(tmp_path)
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "region" / "b-beta-sud.fr.pdf").is_file()
    assert "1 built, 0 failed" in res.output


def test_unknown_territory_suggests_close_names(synthetic: Path, tmp_path: Path):
    res = run("build", "--atlas", str(synthetic), "--territory", "Alfa", "--output", str(tmp_path))
    assert res.exit_code == 1
    assert "no territory is called `Alfa`" in res.output
    assert "Did you mean: Alpha (A)?" in res.output
    assert "Traceback" not in res.output


def test_list_counts_figures_per_territory(synthetic: Path):
    res = run("list", "--atlas", str(synthetic), "--json")
    rows = json.loads(res.output)
    assert [r["code"] for r in rows] == ["A", "B", "C"]
    by_code = {r["code"]: r for r in rows}
    assert by_code["A"]["held"] > by_code["C"]["held"]


def test_validate_exit_status_and_json(synthetic: Path):
    res = run("validate", str(synthetic))
    assert res.exit_code == 0 and "0 error(s)" in res.output
    with (synthetic / "figures.csv").open("a") as fh:
        fh.write("A,population,2024,,lots,census-2024,\n")
    res = run("validate", str(synthetic), "--json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["valid"] is False
    assert data["problems"][0]["code"] == "not-a-number"


def test_not_an_atlas_is_one_clear_paragraph(tmp_path: Path):
    res = run("validate", str(tmp_path))
    assert res.exit_code == 1
    assert "no atlas.toml here" in res.output and "Traceback" not in res.output


def test_ambiguous_name_lists_the_matches_and_builds_none(synthetic: Path, tmp_path: Path):
    territories = synthetic / "territories.csv"
    with territories.open("a", encoding="utf-8") as fh:
        fh.write("A.3,province,A,Alpha,,province\n")
    res = run("build", "--atlas", str(synthetic), "--territory", "alpha", "--output", str(tmp_path))
    assert res.exit_code == 1
    assert "A Alpha (region, in Testland)" in res.output
    assert "A.3 Alpha (province, in Alpha)" in res.output
    assert not (tmp_path / "region").exists()
    res = run(
        "build",
        "--atlas",
        str(synthetic),
        "--territory",
        "alpha",
        "--level",
        "province",
        "--output",
        str(tmp_path),
    )
    assert res.exit_code == 0 and (tmp_path / "province" / "a-3-alpha.fr.pdf").is_file()
