"""monographs: territorial migration monographs (PDF) from figures and boundaries.

The public API::

    from monographs import load_atlas, validate, build, BuildOptions
    atlas = load_atlas()                 # the embedded Moroccan atlas
    report = validate(atlas)             # a Report of Problem records
    result = build(atlas, BuildOptions(level="region"))
    comparison = build_comparison(atlas, CompareOptions(level="region"))
"""

from monographs.atlas import Atlas, load_atlas
from monographs.build import BuildResult, MonographResult, build
from monographs.compare import CompareOptions, CompareResult
from monographs.compare import run as build_comparison
from monographs.errors import (
    AmbiguousTerritory,
    AtlasError,
    InvalidAtlas,
    MonographError,
    RenderError,
    TerritoryNotFound,
)
from monographs.facts import Facts, Figure
from monographs.options import BuildOptions
from monographs.problems import Problem, Report
from monographs.territories import find_territory
from monographs.validate import check, validate

__version__ = "0.1.0"

__all__ = [
    "AmbiguousTerritory", "Atlas", "AtlasError", "BuildOptions", "BuildResult",
    "CompareOptions", "CompareResult", "Facts",
    "Figure", "InvalidAtlas", "MonographError", "MonographResult", "Problem", "RenderError",
    "Report", "TerritoryNotFound", "build", "build_comparison", "check", "find_territory",
    "load_atlas", "validate",
]
