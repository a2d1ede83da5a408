"""Bounded inputs: boundaries with a million vertices are simplified before drawing (shared
borders kept shared), boundary files over the size limit are refused clearly, and a large
figures table loads through the vectorised path with the same result as row by row."""

from __future__ import annotations

import random
from collections import defaultdict
from fnmatch import fnmatch
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from monographs.atlas import load_atlas
from monographs.atlas.boundaries import count_vertices, simplify_to
from monographs.content.facts import Facts
from monographs.content.specs import Choropleth, Locator
from monographs.errors import AtlasError
from monographs.figures import draw
from monographs.i18n import Translator
from monographs.text.numbers import parse_number
from monographs.validation import validate

VERTICES_PER_BORDER = 250_000  # four wiggly borders: a million vertices in all


def _wiggly_border(x0: float, n: int, seed: int) -> np.ndarray:
    """A north-south border near ``x = x0`` from y = 30 to 33, as an (n, 2) array."""
    y = np.linspace(30, 33, n)
    noise = np.random.default_rng(seed).normal(0, 0.002, n).cumsum()
    x = x0 + 0.15 * np.sin(y * 40) + 0.3 * (noise - np.linspace(noise[0], noise[-1], n))
    return np.column_stack([x, y])


def million_vertex_regions(n: int = VERTICES_PER_BORDER) -> gpd.GeoDataFrame:
    """Regions A, B, C side by side; A|B and B|C share wiggly borders of ``n`` vertices,
    identical on both sides, and C's eastern edge is a wiggly coast of ``2 n`` vertices."""
    ab, bc = _wiggly_border(3, n, 1), _wiggly_border(6, n, 2)
    coast = _wiggly_border(9, 2 * n, 3)
    a = Polygon(np.vstack([[(0, 30)], ab, [(0, 33)]]))
    b = Polygon(np.vstack([ab, bc[::-1]]))
    c = Polygon(np.vstack([bc, coast[::-1]]))
    return gpd.GeoDataFrame({"code": ["A", "B", "C"]}, geometry=[a, b, c], crs="EPSG:4326")


@pytest.fixture
def heavy_atlas(synthetic: Path) -> Path:
    gpkg = synthetic / "boundaries.gpkg"
    provinces = gpd.read_file(gpkg, layer="province")
    gpkg.unlink()
    million_vertex_regions().to_file(gpkg, layer="region")
    provinces.to_file(gpkg, layer="province")
    return synthetic


def test_a_million_vertices_are_simplified_and_drawn(heavy_atlas: Path):
    atlas = load_atlas(heavy_atlas)
    assert atlas.config.max_vertices_per_level == 250_000
    raw = gpd.read_file(heavy_atlas / "boundaries.gpkg", layer="region")
    before = count_vertices(raw.geometry.values)
    assert before >= 1_000_000
    regions = atlas.boundaries("region")
    after = count_vertices(regions.geometry.values)
    assert 1_000 < after <= 250_000
    notes = [p for p in atlas.boundary_problems["region"] if p.code == "boundaries-simplified"]
    assert len(notes) == 1 and notes[0].severity == "warning"
    assert f"{before:,}" in notes[0].message and f"{after:,}" in notes[0].message
    assert shapely.is_valid(regions.geometry.values).all()
    # the shared borders stay shared: no gap, no overlap between neighbours
    a, b, c = (regions.geometry[k] for k in "ABC")
    assert a.intersection(b).area < 1e-9 and b.intersection(c).area < 1e-9
    union = shapely.union_all(regions.geometry.values)
    assert union.area == pytest.approx(a.area + b.area + c.area, rel=1e-9)
    assert len(shapely.get_parts(union)) == 1 and len(union.interiors) == 0
    # and the maps are drawn
    tr = Translator("fr")
    values = atlas.figures.query("indicator == 'population' and year == 2024").set_index(
        "territory_code"
    )["value"]
    drawn = draw.draw(
        [
            Locator("locator.svg", "A"),
            Choropleth("sub_map.svg", "T", values.to_dict(), "Population", "people"),
        ],
        atlas,
        tr,
    )
    svg = drawn.files["locator.svg"]
    assert svg.startswith(b"<?xml") and len(svg) < 8_000_000
    assert b"<svg" in drawn.files["sub_map.svg"]
    assert "boundaries-simplified" in {p.code for p in validate(atlas).problems}


def test_the_vertex_limit_is_configurable(synthetic: Path):
    (synthetic / "atlas.toml").open("a").write("\n[limits]\nmax_vertices_per_level = 14\n")
    atlas = load_atlas(synthetic)
    regions = atlas.boundaries("region")  # 3 squares: 15 vertices
    assert count_vertices(regions.geometry.values) <= 14
    assert [p.code for p in atlas.boundary_problems["region"]] == ["boundaries-simplified"]


def test_the_vertex_limit_must_be_a_number(synthetic: Path):
    (synthetic / "atlas.toml").open("a").write('\n[limits]\nmax_vertices_per_level = "a lot"\n')
    report = validate(load_atlas(synthetic))
    assert any(
        p.code == "bad-config-value" and "max_vertices_per_level" in p.message
        for p in report.problems
    )


def test_simplify_falls_back_when_the_shapes_are_not_a_coverage():
    rng = np.random.default_rng(0)
    angles = np.linspace(0, 2 * np.pi, 20_000, endpoint=False)
    radius = 1 + rng.normal(0, 0.01, 20_000)
    ring = np.column_stack([np.cos(angles), np.sin(angles)]) * radius[:, None]
    overlapping = np.array([Polygon(ring), Polygon(ring + 0.5)], dtype=object)
    out = simplify_to(overlapping, 2_000)
    assert count_vertices(out) <= 2_000 and shapely.is_valid(out).all()


def test_boundary_file_over_the_size_limit_is_refused(synthetic: Path):
    (synthetic / "atlas.toml").open("a").write("\n[limits]\nmax_boundary_bytes = 1000\n")
    atlas = load_atlas(synthetic)
    with pytest.raises(AtlasError, match="over the limit") as exc:
        atlas.boundaries("region")
    assert "boundaries.gpkg" in str(exc.value)


# --- a large figures table -------------------------------------------------------------


def _reference(atlas, prefer: list[str]) -> dict[tuple, tuple]:
    """The chosen figures computed row by row, the plain way: key → (value, sources, alts)."""
    dates = atlas.sources["date"].to_dict()

    def rank(source: str) -> tuple:
        pref = next((i for i, p in enumerate(prefer) if fnmatch(source, p)), len(prefer))
        date = dates.get(source, "")
        neg = (
            "".join(chr(ord("9") - int(ch) + ord("0")) if ch.isdigit() else ch for ch in date)
            if date
            else "~"
        )
        return pref, neg, source

    groups = defaultdict(list)
    for n, row in enumerate(atlas.figures.itertuples()):
        value, year = parse_number(row.value_text), parse_number(row.year_text)
        if (
            value is None
            or year is None
            or year != int(year)
            or not row.source_id
            or row.territory_code not in atlas.territories.index
        ):
            continue
        key = (row.territory_code, row.indicator, int(year), row.dimension)
        groups[key].append((rank(row.source_id), n, value, row.source_id))
    chosen = {}
    for key, rows in groups.items():
        rows.sort(key=lambda r: (r[0], r[1]))
        chosen[key] = (rows[0][2], rows[0][3], [(r[2], r[3]) for r in rows[1:]])
    return chosen


def test_fifty_thousand_figures_load_like_row_by_row(synthetic: Path):
    rnd = random.Random(7)
    codes = ["T", "A", "B", "C", "A.1", "A.2", "B.1", "B.2", "C.1", "C.2", "Z"]
    indicators = ["population", "households", "foreign_residents", "unemployment_rate_pct"]
    sources = ["census-2024", "press-1", "", "census-2014"]
    values = ["1 234", "12,5", "3.25", "1,234.5", "7", "-0", "x", "", "45 %", "1e3", "NaN"]
    lines = [(synthetic / "figures.csv").read_text(encoding="utf-8").rstrip("\r\n")]
    for _ in range(50_000):
        lines.append(
            ",".join(
                [
                    rnd.choice(codes),
                    rnd.choice(indicators),
                    rnd.choice(["2014", "2024", "2014.0", "20x4", "2020", ""]),
                    rnd.choice(["", "", "maroc", "france"]),
                    f'"{rnd.choice(values)}"',
                    rnd.choice(sources),
                    rnd.choice(["", "", "note"]),
                ]
            )
        )
    (synthetic / "figures.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (synthetic / "sources.csv").open("a", encoding="utf-8").write(
        "census-2014,Recensement 2014,Institut,,2015-01-01,\n"
    )
    atlas = load_atlas(synthetic)
    assert len(atlas.figures) > 50_000
    # cells equal across rows share one string object (memory)
    col = atlas.figures["indicator"]
    assert col.iat[-1] is col[col == col.iat[-1]].iat[0]
    expected_values = [parse_number(v) for v in atlas.figures["value_text"]]
    got = atlas.figures["value"].tolist()
    assert all(
        (e is None and np.isnan(g)) or e == g for e, g in zip(expected_values, got, strict=True)
    )
    facts = Facts(atlas)
    reference = _reference(atlas, atlas.config.prefer_sources)
    chosen = {k: fg for k, fg in facts._by_key.items() if not fg.derived}
    assert chosen.keys() == reference.keys()
    for key, fg in chosen.items():
        value, source, alts = reference[key]
        assert (fg.value, fg.source_id) == (value, source), key
        assert [(a.value, a.source_id) for a in fg.alternatives] == alts, key
    report = validate(atlas)
    codes_found = {p.code for p in report.problems}
    assert {"unknown-territory", "not-a-number", "bad-year", "missing-source"} <= codes_found
