"""Data as it really comes (issue 18): boundary files as OpenStreetMap extracts and GIS
exports ship them, and tables with blank codes. Registered in ``cases.CASES``.

Each file is written by hand (raw GeoJSON or TopoJSON text), as the tools that make them
write it: a feature with ``"properties": null``, a code that is ``null`` or ``""``, a
feature without a ``properties`` member, points and lines among the polygons.
"""

from __future__ import annotations

import json
from pathlib import Path

from bad_inputs.cases import add_figure, append, case, edit_toml, rewrite_layer


def square(i: int) -> list[list[list[float]]]:
    """The outline of region number ``i`` of the synthetic atlas (a 3° square)."""
    x = 3.0 * i
    return [[[x, 30.0], [x + 3, 30.0], [x + 3, 33.0], [x, 33.0], [x, 30.0]]]


def feature(geometry: dict | None, properties: dict | None, *, omit: bool = False) -> dict:
    """A GeoJSON feature; ``omit`` leaves out the ``properties`` member altogether."""
    out: dict = {"type": "Feature", "geometry": geometry}
    if not omit:
        out["properties"] = properties
    return out


def polygon(i: int) -> dict:
    return {"type": "Polygon", "coordinates": square(i)}


def write_geojson(root: Path, features: list[dict], name: str = "regions.geojson") -> None:
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    (root / name).write_text(text, encoding="utf-8")
    edit_toml(root, 'file = "boundaries.gpkg"\nlayer = "region"', f'file = "{name}"')


def topology(objects: dict[str, list[tuple[int, dict]]]) -> dict:
    """A TopoJSON topology (no quantisation): each object a collection of squares, each
    square one closed arc."""
    arcs: list = []
    out: dict = {"type": "Topology", "objects": {}, "arcs": arcs}
    for name, members in objects.items():
        geometries = []
        for i, props in members:
            arcs.append(square(i)[0])
            geometries.append({"type": "Polygon", "arcs": [[len(arcs) - 1]], "properties": props})
        out["objects"][name] = {"type": "GeometryCollection", "geometries": geometries}
    return out


@case(0, "boundary-without-key", build=True, territory="A")
def osm_geojson_with_null_codes(root: Path) -> None:
    """An OpenStreetMap extract: a feature with null properties, a null code, an empty
    code, a feature without a properties member; the three regions are there too."""
    write_geojson(
        root,
        [
            feature(polygon(0), {"code": "A", "name": "Alpha"}),
            feature(polygon(1), {"code": "B", "name": "Beta"}),
            feature(polygon(2), {"code": "C", "name": "Gamma"}),
            feature(polygon(2), None),
            feature(polygon(1), {"code": None, "name": "Lac", "osm_id": 12}),
            feature(polygon(0), {"code": "", "name": "Île"}),
            feature(polygon(0), None, omit=True),
        ],
    )


@case(1, message="no attribute table")
def geojson_features_without_any_property(root: Path) -> None:
    write_geojson(root, [feature(polygon(i), None, omit=i == 1) for i in range(3)])


@case(1, "boundary-not-polygon")
def geojson_mixing_polygons_points_and_lines(root: Path) -> None:
    """Admin boundaries exported with their label points and a border line."""
    write_geojson(
        root,
        [
            *(feature(polygon(i), {"code": c}) for i, c in enumerate("ABC")),
            feature({"type": "Point", "coordinates": [1.5, 31.5]}, {"code": "A"}),
            feature(
                {"type": "LineString", "coordinates": [[3.0, 30.0], [3.0, 33.0]]}, {"code": "AB"}
            ),
        ],
    )


@case(0, build=True, territory="A")
def topojson_regions(root: Path) -> None:
    """A TopoJSON of one object: read (as WGS 84), joined by code."""
    topo = topology({"regions": [(i, {"code": c}) for i, c in enumerate("ABC")]})
    (root / "regions.topojson").write_text(json.dumps(topo), encoding="utf-8")
    edit_toml(root, 'file = "boundaries.gpkg"\nlayer = "region"', 'file = "regions.topojson"')


@case(1, message="holds 2 objects")
def topojson_of_two_objects_without_a_layer(root: Path) -> None:
    topo = topology(
        {
            "regions": [(i, {"code": c}) for i, c in enumerate("ABC")],
            "provinces": [(0, {"code": "A.1"})],
        }
    )
    (root / "regions.topojson").write_text(json.dumps(topo), encoding="utf-8")
    edit_toml(root, 'file = "boundaries.gpkg"\nlayer = "region"', 'file = "regions.topojson"')


@case(1, "missing-code")
def territory_with_an_empty_code(root: Path) -> None:
    append(root / "territories.csv", ["", "province", "C", "Sans code", "", "province"])


@case(1, "missing-code")
def figure_without_a_territory_code(root: Path) -> None:
    add_figure(root, code="", dimension="")


@case(0, "boundary-name-repeated", build=True, territory="A")
def two_features_of_one_name(root: Path) -> None:
    """Two region features both named Bêta-Sud: reported, neither joined nor merged."""

    def change(frame) -> None:
        frame["NOM"] = frame["code"].map({"A": "Alpha", "B": "Bêta-Sud", "C": "BETA SUD"})
        del frame["code"]

    rewrite_layer(root, "region", change)
    edit_toml(root, 'layer = "region"', 'layer = "region"\nname_column = "NOM"')
