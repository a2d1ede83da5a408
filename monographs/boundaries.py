"""Reading boundary files (GeoPackage, Shapefile, zipped Shapefile, GeoJSON…) for a level."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

from monographs.config import BoundarySpec
from monographs.errors import AtlasError
from monographs.problems import Problem

TARGET_CRS = "EPSG:4326"


def read_boundaries(
    spec: BoundarySpec, level: str, root: Path, max_bytes: int
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read, check and normalise one level's boundaries.

    Returns a GeoDataFrame indexed by territory code (strings) in EPSG:4326, with invalid
    geometries repaired, and the problems met (each repair, a missing CRS, duplicate codes).
    """
    path = spec.file
    label = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if not path.exists():
        raise AtlasError(f"{label}: boundary file for level `{level}` not found.",
                         f"Check `boundaries.{level}.file` in atlas.toml.")
    if path.is_file() and path.stat().st_size > max_bytes:
        raise AtlasError(f"{label}: {path.stat().st_size:,} bytes is over the limit of "
                         f"{max_bytes:,} bytes.", "Simplify the boundaries first, or raise "
                         "`limits.max_boundary_bytes` in atlas.toml.")
    source = f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)
    try:
        frame = gpd.read_file(source, layer=spec.layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise AtlasError(f"{label}: cannot read boundaries for level `{level}` ({exc}).",
                         "Check that the file is a GeoPackage, Shapefile or GeoJSON and that "
                         "the layer name is right.") from exc
    problems: list[Problem] = []
    if spec.code_column not in frame.columns:
        raise AtlasError(
            f"{label}: no column `{spec.code_column}` to join boundaries to territories.",
            f"Columns found: {', '.join(c for c in frame.columns if c != 'geometry')}. Set "
            f"`boundaries.{level}.code_column` in atlas.toml.")
    if frame.crs is None:
        if spec.crs:
            frame = frame.set_crs(spec.crs)
        else:
            raise AtlasError(
                f"{label}: the boundaries of level `{level}` have no coordinate reference "
                "system.", f'Declare it: `boundaries.{level}.crs = "EPSG:4326"` (or the '
                "right one) in atlas.toml.")
    if frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(TARGET_CRS)
    frame["code"] = frame[spec.code_column].astype(str).str.strip()
    invalid = ~frame.geometry.is_valid
    for code in frame.loc[invalid, "code"]:
        problems.append(Problem(
            "invalid-geometry-repaired", f"the boundary of `{code}` was invalid and was repaired",
            severity="warning", file=label, column=spec.code_column, value=code,
            hint="Check its outline in a GIS; repair it at the source to silence this."))
    if invalid.any():
        frame.loc[invalid, "geometry"] = shapely.make_valid(frame.loc[invalid, "geometry"].values)
    empty = frame.geometry.is_empty | frame.geometry.isna()
    for code in frame.loc[empty, "code"]:
        problems.append(Problem(
            "empty-geometry", f"the boundary of `{code}` is empty", severity="warning",
            file=label, value=code, hint="Give it a polygon, or remove the row."))
    frame = frame.loc[~empty]
    dupes = frame["code"].duplicated(keep=False)
    if dupes.any():
        for code in sorted(set(frame.loc[dupes, "code"])):
            problems.append(Problem(
                "duplicate-boundary", f"several boundaries have the code `{code}`; they are "
                "merged", severity="warning", file=label, value=code,
                hint="Keep one feature per territory."))
        frame = frame.dissolve(by="code", as_index=False)
    frame = frame[["code", "geometry"]].set_index("code", drop=False).sort_index()
    frame.index.name = None
    return frame, problems
