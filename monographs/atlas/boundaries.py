"""Reading boundary files (GeoPackage, Shapefile, zipped Shapefile, GeoJSON…) for a level."""

from __future__ import annotations

import logging
import re
import stat
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from monographs.atlas.config import BoundarySpec, file_label
from monographs.atlas.paths import kind_of, not_regular, outside, resolve_inside
from monographs.errors import AtlasError, InputRefused
from monographs.problems import Problem

if TYPE_CHECKING:
    from monographs.atlas.model import Atlas

log = logging.getLogger(__name__)

TARGET_CRS = "EPSG:4326"
DEFAULT_MAX_VERTICES = 250_000  # per level: more than a printed map shows (Morocco's 1,503
# communes have 204,303)
_POLYGONAL_IDS = {3, 6}  # shapely type ids of Polygon and MultiPolygon


def count_vertices(geometries: np.ndarray) -> int:
    """The number of coordinates of an array of geometries."""
    return int(shapely.get_num_coordinates(geometries).sum())


PRINT_WIDTH_PT = 480  # the widest map of a monograph (17 cm), in points
PRINT_TOLERANCE_PT = 0.2  # how far a simplified border may move on paper (0.07 mm)


def simplify(geometries: np.ndarray, tolerance: float) -> np.ndarray:
    """Geometries simplified by ``tolerance`` (in their units), each keeping its topology:
    the one simplifier behind every map's boundaries."""
    return shapely.simplify(geometries, tolerance, preserve_topology=True)


def simplify_to_width(frame: gpd.GeoDataFrame, parts: int = 1000) -> gpd.GeoDataFrame:
    """Boundaries simplified by a ``parts``-th of their whole extent: for maps a few
    centimetres wide, a thousandth is well under a tenth of a millimetre on the page."""
    minx, miny, maxx, maxy = frame.total_bounds
    tolerance = max(maxx - minx, maxy - miny) / parts
    return frame.set_geometry(simplify(frame.geometry.values, tolerance))


def _simplify_once(geometries: np.ndarray, tolerance: float, coverage: bool) -> np.ndarray:
    if coverage:
        return shapely.coverage_simplify(geometries, tolerance)
    return simplify(geometries, tolerance)


def simplify_to(geometries: np.ndarray, max_vertices: int) -> np.ndarray:
    """Simplify geometries until they have at most ``max_vertices`` coordinates in all.

    Polygons that tile the territory are simplified as a coverage (GEOS coverage
    simplification: a border shared by two territories stays one border, no gaps nor
    overlaps appear); other geometries, or a coverage whose result would be invalid, are
    simplified one by one with their topology preserved. The tolerance starts near the
    mean spacing the vertex budget allows and doubles until the budget is met (or the
    shapes can be no simpler: a budget below a few vertices per polygon is not reached).
    """
    geometries = np.asarray(geometries, dtype=object)
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    extent = max(maxx - minx, maxy - miny) or 1.0
    kinds = set(np.unique(shapely.get_type_id(geometries)).tolist())
    coverage = hasattr(shapely, "coverage_simplify") and kinds <= _POLYGONAL_IDS
    tolerance = extent / max(max_vertices, 1)
    result = geometries
    for _ in range(40):
        result = _simplify_once(geometries, tolerance, coverage)
        if coverage and not shapely.is_valid(result).all():
            coverage = False  # not a clean coverage: fall back to one by one
            continue
        if count_vertices(result) <= max_vertices or tolerance > extent:
            break  # within the budget, or as simple as the shapes can be
        tolerance *= 2
    return result


# What OGR is given: formats that read nothing but themselves. VRT (and any XML format:
# GML, KML) can name other files, /vsi paths or URLs; a GeoJSON `crs` of type `link` is
# fetched by GDAL; a zip may hold such files or symbolic links. Each is refused before
# OGR opens anything, so a boundary file never reads outside the atlas nor the network.
_MAGIC = {
    b"SQLite format 3\x00": "GeoPackage",
    b"PK\x03\x04": "zip",
    b"\x00\x00\x27\x0a": "Shapefile",
    b"fgb\x03": "FlatGeobuf",
}
_ZIP_MEMBERS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".txt"}
_LINKED_CRS = re.compile(rb'"(?:href|link)"')
_SIDECARS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def _refuse(level: str, label: str, why: str) -> InputRefused:
    return InputRefused(
        Problem(
            "boundary-format-refused",
            f"the boundary file of level `{level}` is refused: {why}",
            file=label,
            column=f"boundaries.{level}.file",
            hint="Give the boundaries as a GeoPackage, a GeoJSON (without a linked `crs`), "
            "a FlatGeobuf or a Shapefile (zipped or not), all inside the atlas folder: "
            "formats that can read other files or the network (VRT, GML, KML) are not read.",
        )
    )


def _json_links(path: Path) -> bool:
    """Whether a JSON file holds a member named ``href`` or ``link`` (a linked CRS)."""
    tail = b""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if _LINKED_CRS.search(tail + chunk):
                return True
            tail = chunk[-8:]
    return False


_TOPOLOGY = re.compile(rb'"type"\s*:\s*"Topology"')


def is_topojson(path: Path) -> bool:
    """Whether a JSON file is a TopoJSON topology (its ``"type": "Topology"`` comes first
    in the files tools write; the first 64 KiB are read)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" and bool(_TOPOLOGY.search(head))


def _layers(source: str) -> list[str]:
    """The layer names of a file OGR can open (empty when it cannot list them)."""
    try:
        return [str(name) for name, _ in pyogrio.list_layers(source)]
    except (pyogrio.errors.DataSourceError, ValueError):
        return []


def safe_source(spec: BoundarySpec, level: str, root: Path, max_bytes: int) -> str:
    """The name OGR may open for a level's boundaries, once checked: a regular file
    inside the atlas (its Shapefile side files too), of a format that reads only itself,
    within ``max_bytes`` (a zip: unpacked too).

    Raises
    ------
    InputRefused
        When it is not a regular file, its format could read elsewhere, or a side file or
        a zip member leads outside.
    AtlasError
        When it is missing or over the size limit.
    """
    path = spec.file
    label = file_label(path, root)
    kind = kind_of(path)
    if kind == "missing":
        raise AtlasError(
            f"{label}: boundary file for level `{level}` not found.",
            f"Check `boundaries.{level}.file` in atlas.toml.",
        )
    if kind != "file":
        raise InputRefused(not_regular(f"boundaries.{level}.file", path, root, kind))
    size = path.stat().st_size
    if size > max_bytes:
        raise AtlasError(
            f"{label}: {size:,} bytes is over the limit of {max_bytes:,} bytes.",
            "Simplify the boundaries first, or raise `limits.max_boundary_bytes` in atlas.toml.",
        )
    with open(path, "rb") as fh:
        head = fh.read(512)
    fmt = next((name for magic, name in _MAGIC.items() if head.startswith(magic)), None)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if fmt is None and text[:1] in (b"{", b"["):
        fmt = "GeoJSON"
        if _json_links(path):
            raise _refuse(level, label, "its `crs` (or a member) links to another address")
    if fmt is None:
        what = "XML (a VRT, GML or KML)" if text[:1] == b"<" else "of a format not read"
        raise _refuse(level, label, f"it is {what}")
    if fmt == "Shapefile":
        for side in _SIDECARS:
            for sibling in (path.with_suffix(side), path.with_suffix(side.upper())):
                present = sibling.is_symlink() or sibling.exists()
                if present and resolve_inside(root, sibling) is None:
                    raise InputRefused(outside(f"boundaries.{level}.file", sibling))
    if fmt == "zip":
        _check_zip(path, level, label, max_bytes)
        return f"/vsizip/{path}"
    return str(path)


def _check_zip(path: Path, level: str, label: str, max_bytes: int) -> None:
    try:
        members = zipfile.ZipFile(path).infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise AtlasError(
            f"{label}: cannot read boundaries for level `{level}` ({exc}).",
            "Zip the Shapefile's parts again (.shp, .shx, .dbf, .prj).",
        ) from exc
    if sum(m.file_size for m in members) > max_bytes:
        raise AtlasError(
            f"{label}: the zip unpacks to more than {max_bytes:,} bytes, over the limit.",
            "Simplify the boundaries first, or raise `limits.max_boundary_bytes` in atlas.toml.",
        )
    for m in members:
        name = m.filename
        if m.is_dir():
            continue
        if stat.S_ISLNK(m.external_attr >> 16):
            raise _refuse(level, label, f"the zip holds a symbolic link (`{name[:60]}`)")
        if name.startswith(("/", "\\")) or ".." in Path(name).parts or ":" in name:
            raise _refuse(level, label, f"the zip holds a path leading out (`{name[:60]}`)")
        if Path(name).suffix.lower() not in _ZIP_MEMBERS:
            raise _refuse(level, label, f"the zip holds `{name[:60]}`, not a Shapefile's part")


def read_boundaries(
    spec: BoundarySpec,
    level: str,
    root: Path,
    max_bytes: int,
    max_vertices: int = DEFAULT_MAX_VERTICES,
    by_name: bool = False,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read, check and normalise one level's boundaries.

    Returns a GeoDataFrame indexed by territory code (strings) in EPSG:4326, with invalid
    geometries repaired and, above ``max_vertices`` coordinates in all, simplified for
    drawing; and the problems met (each repair, a missing CRS, a feature without a code,
    duplicate codes, a simplification). ``frame.attrs["features"]`` maps each code to the
    1-based positions of the features it was read from (``"3 7"`` when two were merged).

    With ``by_name`` the ``code`` column holds the features' names (``spec.name_column``)
    and the frame is neither indexed uniquely nor merged: the names are joined to codes
    afterwards (:mod:`monographs.atlas.joining`); it has a ``feature`` column, and a
    ``parent`` column when ``spec.parent_column`` names the parent's code.
    """
    path = spec.file
    label = file_label(path, root)
    source = safe_source(spec, level, root, max_bytes)
    column = spec.name_column if by_name and spec.name_column else spec.code_column
    what = "name" if by_name else "code"
    topojson = is_topojson(path)
    if topojson and spec.layer is None:
        layers = _layers(source)
        if len(layers) > 1:
            raise AtlasError(
                f"{label}: this TopoJSON holds {len(layers)} objects "
                f"({', '.join(layers[:10])}); which one are the boundaries of `{level}`?",
                f'Name it: `boundaries.{level}.layer = "{layers[0]}"` in atlas.toml.',
            )
    try:
        with warnings.catch_warnings():  # NaN coordinates: named below, not printed
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = gpd.read_file(source, layer=spec.layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise AtlasError(
            f"{label}: cannot read boundaries for level `{level}` ({exc}).",
            "Check that the file is a GeoPackage, Shapefile or GeoJSON and that "
            "the layer name is right.",
        ) from exc
    problems: list[Problem] = []
    if [c for c in frame.columns if c != "geometry"] == []:
        raise AtlasError(
            f"{label}: the boundaries of level `{level}` have no attribute table, so no "
            "territory codes.",
            "Each feature needs its territory's code among its properties (a GeoJSON "
            'feature: `"properties": {"code": "…"}`); a Shapefile needs its .dbf beside the '
            ".shp (in the same zip): check that every part of it was copied.",
        )
    found_columns = ", ".join(str(c) for c in frame.columns if c != "geometry")
    if column not in frame.columns:
        key = "name_column" if by_name else "code_column"
        raise AtlasError(
            f"{label}: no column `{column}` "
            + (
                "holding the names to join to territories."
                if by_name
                else "to join boundaries to territories."
            ),
            f"Columns found: {found_columns}. Set `boundaries.{level}.{key}` in atlas.toml.",
        )
    if by_name and spec.parent_column and spec.parent_column not in frame.columns:
        raise AtlasError(
            f"{label}: no column `{spec.parent_column}` holding the parents' codes.",
            f"Columns found: {found_columns}. Set `boundaries.{level}.parent_column` in "
            "atlas.toml, or remove it to join names across the whole level.",
        )
    frame["_feature"] = np.arange(1, len(frame) + 1)  # as the file orders them
    if spec.crs:  # the atlas's word wins over the file's (which may be wrong)
        frame = frame.set_crs(spec.crs, allow_override=True)
    elif topojson and frame.crs is None:  # TopoJSON declares none: WGS 84 by convention
        frame = frame.set_crs(TARGET_CRS)
    if frame.crs is None:
        raise AtlasError(
            f"{label}: the boundaries of level `{level}` have no coordinate reference system.",
            f'Declare it: `boundaries.{level}.crs = "EPSG:4326"` (or the right one) in atlas.toml.',
        )
    if frame.crs.to_epsg() != 4326:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = frame.to_crs(TARGET_CRS)
    frame["code"] = as_keys(frame[column])
    if by_name and spec.parent_column:
        frame["parent"] = as_keys(frame[spec.parent_column])
    keyless = frame["code"] == ""
    if keyless.any():
        problems += _without_key(frame.loc[keyless], level, label, column, what)
        frame = frame.loc[~keyless]
    frame, found = _finite(frame, level, label, column)
    problems += found
    polygonal = (
        frame.geometry.isna()
        | frame.geometry.is_empty
        | frame.geometry.geom_type.isin(["Polygon", "MultiPolygon", "GeometryCollection"])
    )
    for code, kind in zip(
        frame.loc[~polygonal, "code"][:20],
        frame.loc[~polygonal].geometry.geom_type[:20],
        strict=True,
    ):
        problems.append(
            Problem(
                "boundary-not-polygon",
                f"the boundary of `{code}` is a {kind}, not an outline",
                file=label,
                column=column,
                value=code,
                hint="Give territories as polygons (outlines), not points or lines; it is "
                "left off the maps.",
            )
        )
    frame = frame.loc[polygonal]
    bounds = frame.geometry.bounds
    outside = ~(
        (bounds["minx"] >= -180.0001)
        & (bounds["maxx"] <= 180.0001)
        & (bounds["miny"] >= -90.0001)
        & (bounds["maxy"] <= 90.0001)
    )
    outside &= ~(frame.geometry.isna() | frame.geometry.is_empty)
    if outside.any():
        first = frame.loc[outside].iloc[0]
        b = bounds.loc[outside].iloc[0]
        problems.append(
            Problem(
                "coordinates-out-of-range",
                f"{int(outside.sum())} boundar"
                f"{'ies' if outside.sum() > 1 else 'y'} of level `{level}` "
                f"{'lie' if outside.sum() > 1 else 'lies'} outside the "
                f"globe once in degrees (e.g. `{first['code']}` spans x {_coord(b['minx'])} to "
                f"{_coord(b['maxx'])}, y {_coord(b['miny'])} to {_coord(b['maxy'])}); they are "
                "left off the maps",
                file=label,
                column=column,
                value=str(first["code"]),
                hint="The file's coordinates are probably in metres while its coordinate "
                f"system says degrees: declare the right one (`boundaries.{level}.crs = "
                '"EPSG:…"`) or fix the file\'s projection in a GIS.',
            )
        )
        frame = frame.loc[~outside]
    invalid = ~frame.geometry.is_valid
    for code in frame.loc[invalid, "code"]:
        problems.append(
            Problem(
                "invalid-geometry-repaired",
                f"the boundary of `{code}` was invalid and was repaired",
                severity="warning",
                file=label,
                column=column,
                value=code,
                hint="Check its outline in a GIS; repair it at the source to silence this.",
            )
        )
    if invalid.any():
        frame.loc[invalid, "geometry"] = shapely.make_valid(frame.loc[invalid, "geometry"].values)
    empty = frame.geometry.is_empty | frame.geometry.isna()
    for code in frame.loc[empty, "code"]:
        problems.append(
            Problem(
                "empty-geometry",
                f"the boundary of `{code}` is empty",
                severity="warning",
                file=label,
                value=code,
                hint="Give it a polygon, or remove the row.",
            )
        )
    frame = frame.loc[~empty]
    features = {
        code: " ".join(str(n) for n in group)
        for code, group in frame.groupby("code", sort=False)["_feature"]
    }
    dupes = frame["code"].duplicated(keep=False) & (not by_name)  # names: see joining
    if dupes.any():
        for code in sorted(set(frame.loc[dupes, "code"])):
            numbers = features[code].split()
            problems.append(
                Problem(
                    "duplicate-boundary",
                    f"features {', '.join(numbers[:10])} all have the code `{code}` in "
                    f"column `{column}`; they are merged into one outline",
                    severity="warning",
                    file=label,
                    column=column,
                    value=code,
                    feature=int(numbers[0]),
                    hint="Keep one feature per territory (a territory in several parts is "
                    "one MultiPolygon), or give each feature its own territory's code.",
                )
            )
        frame = frame.dissolve(by="code", as_index=False, aggfunc="first")
    vertices = count_vertices(frame.geometry.values)
    if vertices > max_vertices:
        simplified = simplify_to(frame.geometry.values, max_vertices)
        after = count_vertices(simplified)
        frame = frame.set_geometry(gpd.GeoSeries(simplified, index=frame.index, crs=frame.crs))
        log.info("%s: %s vertices simplified to %s", label, vertices, after)
        problems.append(
            Problem(
                "boundaries-simplified",
                f"the boundaries of level `{level}` have {vertices:,} "
                f"vertices; they were simplified to {after:,} for drawing",
                severity="warning",
                file=label,
                value=str(vertices),
                hint="Maps do not need more; simplify the file at the source (e.g. mapshaper) "
                "to silence this, or raise `limits.max_vertices_per_level`.",
            )
        )
    if by_name:
        keep = ["code", *(["parent"] if "parent" in frame.columns else []), "_feature"]
        frame = frame[[*keep, "geometry"]].rename(columns={"_feature": "feature"})
        frame = frame.set_index("code", drop=False)
    else:
        frame = frame[["code", "geometry"]].set_index("code", drop=False).sort_index()
    frame.index.name = None
    frame.attrs["features"] = features
    return frame, problems


_MISSING_TEXT = {"", "nan", "null", "<na>"}  # what exports write for no value


def as_keys(column: pd.Series) -> pd.Series:
    """A column of codes (or names) as text, as territories hold them: a null, NaN or
    blank cell becomes ``""``; a whole float loses its ``.0`` (an integer field with
    nulls is read as floats: ``12.0`` is the code ``12``); spaces around are stripped.

    >>> as_keys(pd.Series(["01", None, float("nan"), 12.0, " B "])).tolist()
    ['01', '', '', '12', 'B']
    """

    def one(value: object) -> str:
        if value is None or value is pd.NA or value is pd.NaT:
            return ""
        if isinstance(value, float | np.floating):
            if not np.isfinite(value):
                return ""
            return str(int(value)) if float(value).is_integer() else repr(float(value))
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        text = str(value).strip()
        return "" if text.lower() in _MISSING_TEXT else text

    return pd.Series([one(v) for v in column.tolist()], index=column.index, dtype=object)


def _identity(row: pd.Series, column: str) -> str:
    """What tells a person which feature it is: a few of its other properties."""
    shown = []
    for key, value in row.items():
        if key in (column, "geometry", "_feature", "code", "parent") or str(key).startswith("_"):
            continue
        text = as_keys(pd.Series([value])).iat[0]
        if text:
            shown.append(f"{key}={text[:40]}")
        if len(shown) == 3:
            break
    return ", ".join(shown)


def _without_key(
    rows: gpd.GeoDataFrame, level: str, label: str, column: str, what: str
) -> list[Problem]:
    """Features whose code (or name) is null, NaN or blank: named one by one (the first
    ten), then counted; they are left off the maps."""
    problems = []
    for _, row in rows.head(10).iterrows():
        identity = _identity(row, column)
        problems.append(
            Problem(
                "boundary-without-key",
                f"feature {row['_feature']} of level `{level}` has no {what} in column "
                f"`{column}` (null or empty); it is left off the maps",
                severity="warning",
                file=label,
                column=column,
                value=identity[:80],
                feature=int(row["_feature"]),
                hint=f"Give the feature its territory's {what} in the file"
                + (f" (its other properties: {identity})" if identity else "")
                + ", or remove it if it is not a territory.",
            )
        )
    if len(rows) > 10:
        problems.append(
            Problem(
                "boundary-without-key",
                f"{len(rows) - 10} more features of level `{level}` have no {what} in column "
                f"`{column}`; they are left off the maps",
                severity="warning",
                file=label,
                column=column,
                value=str(len(rows) - 10),
                hint=f"Fill in column `{column}` for every feature of the file.",
            )
        )
    return problems


def _coord(value: float) -> str:
    """A coordinate as a message shows it: ``3,300,000``, or ``1e+308`` when huge."""
    return f"{value:,.0f}" if abs(value) < 1e12 else f"{value:.3g}"


def _finite(
    frame: gpd.GeoDataFrame, level: str, label: str, column: str
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Boundaries with a coordinate that is not a number (NaN) or infinite are named and
    left out: GEOS cannot index, repair or draw them."""
    geoms = frame.geometry.values
    coords, index = shapely.get_coordinates(geoms, include_z=False, return_index=True)
    bad_rows = np.unique(index[~np.isfinite(coords).all(axis=1)])
    if not len(bad_rows):
        return frame, []
    codes = frame["code"].iloc[bad_rows].tolist()
    problem = Problem(
        "invalid-coordinates",
        f"{len(codes)} boundar{'ies' if len(codes) > 1 else 'y'} of level `{level}` "
        f"hold{'' if len(codes) > 1 else 's'} coordinates that are not numbers (NaN or "
        f"infinite), e.g. `{codes[0]}`; left off the maps",
        file=label,
        column=column,
        value=str(codes[0])[:80],
        hint="Repair the outlines in a GIS (or export them again): every coordinate must be "
        "a finite number.",
    )
    keep = np.ones(len(frame), dtype=bool)
    keep[bad_rows] = False
    return frame.loc[keep], [problem]


def simplify_for_print(atlas: Atlas, levels: list[str] | None = None) -> None:
    """Compute once what every monograph of a build shares: the boundaries of ``levels``
    (all by default), loaded and simplified for print.

    A level is drawn at most over its parent's extent on a 17 cm map (the regions over
    the whole country); its borders are simplified so that no point moves more than
    0.2 pt on paper there. The maps look the same and WeasyPrint reads several times
    fewer points.
    """
    for i, level in enumerate(atlas.config.levels):
        if levels is not None and level not in levels:
            continue
        frame = atlas.boundaries(level)
        if frame is None or not len(frame) or frame.attrs.get("print_simplified"):
            continue
        bounds = shapely.bounds(frame.geometry.values)
        sides = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
        if i <= 1:
            minx, miny, maxx, maxy = frame.total_bounds
            extent = max(maxx - minx, maxy - miny)
        else:  # the median extent of a parent's children together
            parents = atlas.territories["parent_code"].reindex(frame.index)
            groups = {}
            for code, parent in parents.items():
                groups.setdefault(parent, []).append(frame.index.get_loc(code))
            extents = []
            for rows in groups.values():
                b = bounds[rows]
                extents.append(max(b[:, 2].max() - b[:, 0].min(), b[:, 3].max() - b[:, 1].min()))
            extent = float(np.median(extents)) if extents else float(np.median(sides))
        if not np.isfinite(extent) or extent <= 0:
            continue
        tolerance = extent / PRINT_WIDTH_PT * PRINT_TOLERANCE_PT
        simplified = frame.copy()
        simplified["geometry"] = simplify(frame.geometry.values, tolerance)
        simplified.attrs["print_simplified"] = tolerance
        atlas._boundaries[level] = simplified  # the cache Atlas.boundaries reads
