"""Each check names the file, row and column of the problem, with a stable code."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from monographs import InvalidAtlas, build, load_atlas, validate
from monographs.options import BuildOptions


def _append(path: Path, row: list[object]) -> int:
    """Append a row to a CSV; return its row number as a spreadsheet shows it."""
    with path.open(newline="", encoding="utf-8") as fh:
        n = sum(1 for _ in csv.reader(fh))
    with path.open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(row)
    return n + 1


def test_the_synthetic_atlas_is_valid(synthetic: Path):
    report = validate(load_atlas(synthetic))
    assert report.valid, [str(p) for p in report]
    assert report.problems == []


@pytest.mark.parametrize(
    "row, code, column",
    [
        (
            ["Z", "population", 2024, "", 5, "census-2024", ""],
            "unknown-territory",
            "territory_code",
        ),
        (["A", "population", 2024, "x", 5, "", ""], "missing-source", "source_id"),
        (["A", "population", 2024, "y", 5, "nowhere", ""], "unknown-source", "source_id"),
        (["A", "population", 2024, "z", "beaucoup", "census-2024", ""], "not-a-number", "value"),
        (["A", "population", 2024, "w", -5, "census-2024", ""], "negative-count", "value"),
        (
            ["A", "unemployment_rate_pct", 2024, "v", 130, "census-2024", ""],
            "share-outside-0-100",
            "value",
        ),
        (["A", "population", 24, "u", 5, "census-2024", ""], "bad-year", "year"),
        (["A", "made_up", 2024, "", 5, "census-2024", ""], "unknown-indicator", "indicator"),
    ],
)
def test_figure_checks_name_the_row_and_column(synthetic: Path, row, code, column):
    n = _append(synthetic / "figures.csv", row)
    report = validate(load_atlas(synthetic))
    assert [code, "figures.csv", n, column] in report.flatten()


def test_hierarchy_checks(synthetic: Path):
    n = _append(synthetic / "territories.csv", ["D.1", "province", "D", "Orphan", "", ""])
    _append(synthetic / "territories.csv", ["X", "region", "Y", "Loop X", "", ""])
    _append(synthetic / "territories.csv", ["Y", "region", "X", "Loop Y", "", ""])
    report = validate(load_atlas(synthetic))
    assert ["unknown-parent", "territories.csv", n, "parent_code"] in report.flatten()
    assert report.filter("cyclic-hierarchy")
    assert (
        "X → Y → X" in report.filter("cyclic-hierarchy")[0].message
        or "Y → X → Y" in report.filter("cyclic-hierarchy")[0].message
    )


def test_unknown_config_key_is_reported(synthetic: Path):
    toml = synthetic / "atlas.toml"
    toml.write_text("colour = 'red'\n" + toml.read_text())
    report = validate(load_atlas(synthetic))
    problem = report.filter("unknown-config-key")[0]
    assert problem.column == "colour" and problem.file == "atlas.toml"


def test_missing_column_is_named(synthetic: Path):
    path = synthetic / "figures.csv"
    path.write_text(path.read_text().replace("source_id", "source", 1))
    report = validate(load_atlas(synthetic))
    problem = report.filter("missing-column")[0]
    assert problem.column == "source_id" and "source" in problem.hint


def test_build_refuses_an_invalid_atlas_and_writes_nothing(synthetic: Path, tmp_path: Path):
    _append(synthetic / "figures.csv", ["Z", "population", 2024, "", 5, "census-2024", ""])
    out = tmp_path / "out"
    with pytest.raises(InvalidAtlas) as info:
        build(synthetic, BuildOptions(output=out))
    assert info.value.report.filter("unknown-territory")
    assert not out.exists()


def test_boundaries_without_territory_and_territories_without_boundary(synthetic: Path):
    _append(synthetic / "territories.csv", ["C.3", "province", "C", "Sans carte", "", ""])
    report = validate(load_atlas(synthetic))
    missing = report.filter("territory-without-boundary")
    assert missing and "C.3" in missing[0].message and missing[0].severity == "warning"
    assert report.valid
