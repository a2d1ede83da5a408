"""Maps at the report's own scale: the locator framed on the parent with the neighbours
named, and the circle maps labelled (issue 17).

The synthetic country (tests/atlas_factory.py) is three square regions side by side, A, B
and C (x from 0 to 9), each split into two provinces: ``X.1`` below ``X.2``.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

import geopandas as gpd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from shapely import affinity
from shapely.geometry import box

from monographs import load_atlas
from monographs.content.monograph import MonographBuilder
from monographs.content.sections.cover import locator_spec
from monographs.content.specs import Locator, Symbols
from monographs.figures import draw as drawing
from monographs.figures import maps, plotting
from monographs.i18n import Translator


def _texts(fig: Figure) -> str:
    """The texts a figure writes (its names have a halo, so the SVG draws them as paths)."""
    return " ".join(t.get_text() for t in fig.findobj(Text))


def _figures(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """Keep every figure drawn from now on (to read its axes' limits)."""
    kept: list[Figure] = []
    to_svg = plotting.to_svg

    def keep(fig: Figure) -> bytes:
        kept.append(fig)
        return to_svg(fig)

    monkeypatch.setattr(plotting, "to_svg", keep)
    return kept


def test_neighbours_are_the_units_that_touch(synthetic: Path) -> None:
    atlas = load_atlas(synthetic)
    assert atlas.neighbours("A.1") == ["A.2", "B.1", "B.2"]  # B.2 by a corner
    assert atlas.neighbours("C.2") == ["B.1", "B.2", "C.1"]
    assert atlas.neighbours("A") == ["B"]
    assert atlas.neighbours("B") == ["A", "C"]


def test_a_sliver_between_simplified_borders_still_makes_neighbours(synthetic: Path) -> None:
    atlas = load_atlas(synthetic)
    provinces = atlas.boundaries("province").copy()
    provinces.loc["A.2", "geometry"] = affinity.translate(provinces.geometry["A.2"], yoff=1e-3)
    atlas._boundaries["province"] = provinces
    assert "A.2" in atlas.neighbours("A.1")  # 0.001 apart: a gap of simplification
    provinces.loc["A.2", "geometry"] = affinity.translate(provinces.geometry["A.2"], yoff=0.5)
    atlas._boundaries["province"] = gpd.GeoDataFrame(provinces, crs=provinces.crs)
    assert "A.2" not in atlas.neighbours("A.1")  # half a degree apart: not neighbours


def test_the_locator_asks_for_the_siblings_the_neighbours_and_an_inset(synthetic: Path) -> None:
    atlas = load_atlas(synthetic)
    province = locator_spec(atlas, "A.1")
    assert province.siblings == ("A.1", "A.2")
    assert province.neighbours == ("A.2", "B.1", "B.2")
    assert province.inset  # the region within the country
    region = locator_spec(atlas, "A")
    assert region.siblings == ("A", "B", "C") and region.neighbours == ("B",)
    assert not region.inset  # its parent is the country: the frame is the country
    assert locator_spec(atlas, "T") == Locator("locator.svg", "T")  # the top: as before


def test_a_province_locator_is_framed_on_its_region(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    atlas = load_atlas(synthetic)
    spec = locator_spec(atlas, "A.1")
    minx, miny, maxx, maxy = drawing.locator_view(atlas, spec)
    assert minx < 0 < 3 < maxx < 4 and miny < 30 < 33 < maxy  # region A and a margin
    figures = _figures(monkeypatch)
    drawn = drawing.draw([spec], atlas, Translator("fr"))
    ax = figures[0].axes[0]  # the map; the inset comes after it
    x0, x1 = ax.get_xlim()
    assert x0 < 0 and 3 < x1 < 4.5, "framed on region A (x 0–3), not the country (x 0–9)"
    y0, y1 = ax.get_ylim()
    assert y0 < 30 and y1 > 33
    assert len(ax.child_axes) == 1  # the inset of the region within the country
    assert drawn.files["locator.svg"].startswith(b"<?xml")
    texts = _texts(figures[0])
    for name in ("Aube", "Azur", "Béryl", "Brume"):  # itself and its neighbours
        assert name in texts
    assert "Cèdre" not in texts and "Corail" not in texts  # not neighbours
    assert "locator.svg" not in drawn.keys  # all named: nothing numbered


def test_a_region_locator_is_framed_on_the_country(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    atlas = load_atlas(synthetic)
    figures = _figures(monkeypatch)
    drawn = drawing.draw([locator_spec(atlas, "C")], atlas, Translator("fr"))
    x0, x1 = figures[0].axes[0].get_xlim()
    assert x0 < 0 and x1 > 9
    assert not figures[0].axes[0].child_axes  # no inset: the map is the country
    assert drawn.files["locator.svg"].startswith(b"<?xml")
    texts = _texts(figures[0])
    assert "Gamma" in texts and "Bêta-Sud" in texts and "Alpha" not in texts


def test_too_many_neighbours_are_numbered_with_a_key(synthetic: Path) -> None:
    atlas = load_atlas(synthetic)
    provinces = atlas.boundaries("province")
    fig = plotting.new_figure(11, 9)
    ax = fig.add_subplot()
    names = {c: atlas.name(c) for c in provinces.index}
    key = maps.locator_among(
        ax,
        provinces.loc[["A.1", "A.2"]],
        "A.1",
        (-0.2, 29.8, 3.2, 33.2),
        names,
        ["A.2", "B.1", "B.2"],
        others=provinces.loc[["B.1", "B.2"]],
        max_names=2,
    )
    assert {name for _n, name in key} == {"Azur", "Béryl", "Brume"}
    assert [n for n, _name in key] == [1, 2, 3]
    texts = _texts(fig)
    assert "Aube" in texts and "Azur" not in texts  # the territory is named, the others numbered


def test_the_cover_says_which_neighbours_the_locator_names(synthetic: Path) -> None:
    context, specs, _tr = MonographBuilder(load_atlas(synthetic)).build("A.1", "fr")
    assert context.locator is not None
    for name in ("Aube", "Alpha", "Azur", "Béryl", "Brume"):
        assert name in context.locator.alt
    assert "Cèdre" not in context.locator.alt
    assert any(isinstance(s, Locator) and s.neighbours for s in specs)


def test_circle_maps_name_their_units(synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    atlas = load_atlas(synthetic)
    figures = _figures(monkeypatch)
    spec = Symbols("sub_symbols.svg", "T", {"A": 2000.0, "B": 900.0, "C": None}, "Étrangers", "")
    drawn = drawing.draw([spec], atlas, Translator("fr"))
    assert drawn.files["sub_symbols.svg"].startswith(b"<?xml")
    texts = _texts(figures[0])
    for name in ("Alpha", "Bêta-Sud", "Gamma"):
        assert name in texts
    assert "sub_symbols.svg" not in drawn.keys


def test_crowded_circle_maps_number_their_units() -> None:
    codes = [f"U{i:02d}" for i in range(20)]
    units = gpd.GeoDataFrame(
        {"value": [100.0 * (i + 1) for i in range(20)]},
        geometry=[box(i % 5, i // 5, i % 5 + 1, i // 5 + 1) for i in range(20)],
        index=codes,
        crs="EPSG:4326",
    )
    fig = plotting.new_figure(17, 13)
    ax = fig.add_subplot()
    maps.proportional_symbols(ax, units, "value", lambda v: f"{v:.0f}", "Count")
    key = maps.label_units(ax, units, {c: f"Unit {c}" for c in codes})
    assert len(key) == 20 and {name for _n, name in key} == {f"Unit {c}" for c in codes}
    texts = _texts(fig)
    assert "Count" in texts  # the size legend is still there
    assert re.search(r"\b20\b", texts)


def test_the_template_prints_the_keys_of_the_locator_and_the_circles(synthetic: Path) -> None:
    from monographs.render import render_html

    context, _specs, tr = MonographBuilder(load_atlas(synthetic)).build("A", "fr")
    assert context.locator is not None and context.sub_symbols is not None
    context.locator.key = [(1, "Voisin numéroté")]
    context.sub_symbols.key = [(1, "Cercle numéroté")]
    html = render_html("monograph.html.j2", {**asdict(context), **tr.template_words()})
    assert re.search(r'class="locator".*?map-key.*?Voisin numéroté', html, re.S)
    assert re.search(r'class="symbols".*?map-key.*?Cercle numéroté', html, re.S)
