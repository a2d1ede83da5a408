"""The embedded Moroccan atlas: its territories, joins to boundaries, and one real report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pdftext import pdf_text

from monographs import BuildOptions, Facts, build, load_atlas, validate
from monographs.resources import DEFAULT_ATLAS

GEODATA = DEFAULT_ATLAS  # the boundaries are part of the default atlas


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def report(atlas):
    return validate(atlas)


def test_levels_and_counts(atlas):
    assert atlas.config.levels == ["country", "region", "province", "commune"]
    assert len(atlas.at_level("region")) == 12
    assert len(atlas.at_level("province")) == 75
    assert len(atlas.at_level("commune")) == 1503
    assert atlas.name("06") == "Casablanca-Settat"
    assert atlas.name("06", "ar") == "الدار البيضاء-سطات"


def test_the_default_atlas_has_no_error(report):
    assert report.valid, [str(p) for p in report.errors[:10]]


def test_every_region_and_province_has_a_boundary(atlas, report):
    for level in ("region", "province"):
        bounds = atlas.boundaries(level)
        assert set(atlas.at_level(level)) <= set(bounds.index), level
        assert bounds.crs.to_epsg() == 4326
        assert bounds.geometry.is_valid.all()
    missing = [
        p
        for p in report.filter("territory-without-boundary")
        if p.file.endswith(".gpkg") and "`province`" in p.message
    ]
    assert missing == []


def test_communes_without_boundary_are_the_known_exceptions(atlas):
    bounds = atlas.boundaries("commune")
    unjoined = set(atlas.at_level("commune")) - set(bounds.index)
    with (GEODATA / "join_report.csv").open(encoding="utf-8") as fh:
        listed = {
            r["code"]
            for r in csv.DictReader(fh)
            if r["level"] == "commune" and r["side"] == "hcp_without_boundary"
        }
    assert unjoined == listed
    assert len(unjoined) < 0.1 * len(atlas.at_level("commune"))


def test_real_figures_with_their_sources(atlas):
    facts = Facts(atlas)
    fig = facts.get("06", "foreign_residents", 2024)
    assert fig.value == 60902
    assert atlas.sources.at[fig.source_id, "title"]
    national = facts.get("MA", "foreign_residents", 2024)
    assert national.value == 148152
    # the two bases of 2014 are both kept; the legal-population base is shown
    fig14 = facts.get("MA", "foreign_residents", 2014)
    assert fig14.value == 86206
    assert 84001 in [a.value for a in fig14.alternatives]
    # Drâa-Tafilalet has no count of foreign residents: missing, not zero
    assert facts.get("08", "foreign_residents", 2024) is None


def test_a_real_regional_monograph(tmp_path: Path):
    """The atlas's languages, French and Arabic, each in its own PDF."""
    result = build(options=BuildOptions(territories=("casablanca settat",), output=tmp_path))
    by_lang = {m.lang: m for m in result.monographs}
    assert sorted(by_lang) == ["ar", "fr"]
    m = by_lang["fr"]
    assert m.status == "built" and m.file.endswith("region/06-casablanca-settat.fr.pdf")
    text = pdf_text(m.file)
    assert "Casablanca-Settat" in text
    assert "60 902" in text and "148 152" in text
    assert "Haut-Commissariat au Plan" in text
    assert "Settat" in text and "El Jadida" in text  # provinces in the table
    assert "Monographies migratoires du Maroc".upper() in text.upper()
    ar = pdf_text(by_lang["ar"].file)
    assert "الدار البيضاء-سطات" in ar
    assert "مونوغرافيات الهجرة بالمغرب" in ar  # the atlas's title in Arabic
    assert "60.902" in ar and "148.152" in ar  # Moroccan separators
    assert "Monographies migratoires" not in ar
    # tagged for a screen reader, glossary and two-column definitions included (a wrapper
    # around a term and its expansion was tagged /Div, and its list had no /LI)
    from monographs.render.audit import audit_pdf

    for m in result.monographs:
        audit = audit_pdf(Path(m.file))
        assert audit.passed, [c for c in audit.failed if c.severity == "error"]
