"""monographs: territorial migration monographs (PDF) from figures and boundaries.

The public API, every name importable from here::

    from monographs import BuildOptions, build, load_atlas, validate
    atlas = load_atlas()                 # the embedded Moroccan atlas
    report = validate(atlas)             # a Report of Problem records
    result = build(atlas, BuildOptions(level="region"))
    comparison = build_comparison(atlas, CompareOptions(level="region"))

The package is laid out as the pipeline runs: ``atlas`` (load) → ``validation`` →
``content`` (compute) → ``figures`` (draw) → ``render`` (HTML, PDF) → ``batch``, over the
leaves ``i18n`` and ``text``. Importing it costs nothing: each name is imported the first
time it is used (PEP 562), so ``monographs --help`` loads no data or drawing library.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from typing import TYPE_CHECKING, Any

try:
    __version__ = _version("monographs")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

# public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # the options and the errors (standard library only)
    "BuildOptions": "monographs.options",
    "CompareOptions": "monographs.options",
    "PDF_VARIANTS": "monographs.options",
    "DEFAULT_PDF_VARIANT": "monographs.options",
    "EXECUTORS": "monographs.options",
    "MonographError": "monographs.errors",
    "AtlasError": "monographs.errors",
    "InvalidAtlas": "monographs.errors",
    "RenderError": "monographs.errors",
    "TerritoryNotFound": "monographs.errors",
    "AmbiguousTerritory": "monographs.errors",
    "Problem": "monographs.problems",
    "Report": "monographs.problems",
    # 1 load
    "Atlas": "monographs.atlas",
    "load_atlas": "monographs.atlas",
    "find_territory": "monographs.atlas",
    "init_atlas": "monographs.atlas",
    "write_join_report": "monographs.atlas",
    # 2 validate
    "validate": "monographs.validation",
    "validate_atlas": "monographs.validation",
    "check": "monographs.validation",
    # 3 compute
    "Facts": "monographs.content",
    "Figure": "monographs.content",
    "list_territories": "monographs.content",
    # 5 render
    "check_pdfs": "monographs.render",
    "Audit": "monographs.render",
    # 6 batch
    "build": "monographs.batch",
    "build_comparison": "monographs.batch",
    "BuildResult": "monographs.batch",
    "MonographResult": "monographs.batch",
    "CompareResult": "monographs.batch",
    "reporter_for": "monographs.batch",
    "summary": "monographs.batch",
}

__all__ = [
    "AmbiguousTerritory",
    "Atlas",
    "AtlasError",
    "Audit",
    "BuildOptions",
    "BuildResult",
    "CompareOptions",
    "CompareResult",
    "DEFAULT_PDF_VARIANT",
    "EXECUTORS",
    "Facts",
    "Figure",
    "InvalidAtlas",
    "MonographError",
    "MonographResult",
    "PDF_VARIANTS",
    "Problem",
    "RenderError",
    "Report",
    "TerritoryNotFound",
    "build",
    "build_comparison",
    "check",
    "check_pdfs",
    "find_territory",
    "init_atlas",
    "list_territories",
    "load_atlas",
    "reporter_for",
    "summary",
    "validate",
    "validate_atlas",
    "write_join_report",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'monographs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # the same names, for type checkers and editors
    from monographs.atlas import Atlas, find_territory, init_atlas, load_atlas, write_join_report
    from monographs.batch import (
        BuildResult,
        CompareResult,
        MonographResult,
        build,
        build_comparison,
        reporter_for,
        summary,
    )
    from monographs.content import Facts, Figure, list_territories
    from monographs.errors import (
        AmbiguousTerritory,
        AtlasError,
        InvalidAtlas,
        MonographError,
        RenderError,
        TerritoryNotFound,
    )
    from monographs.options import (
        DEFAULT_PDF_VARIANT,
        EXECUTORS,
        PDF_VARIANTS,
        BuildOptions,
        CompareOptions,
    )
    from monographs.problems import Problem, Report
    from monographs.render import Audit, check_pdfs
    from monographs.validation import check, validate, validate_atlas
