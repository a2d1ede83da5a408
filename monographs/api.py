"""The Python API: the functions the command line calls, returning objects."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from monographs.atlas import Atlas, load_atlas
from monographs.build import BuildResult, build
from monographs.errors import MonographError
from monographs.facts import Facts
from monographs.problems import Report
from monographs.territories import normalise
from monographs.validate import validate


def _atlas(atlas: Atlas | Path | str | None) -> Atlas:
    return atlas if isinstance(atlas, Atlas) else load_atlas(atlas)


def validate_atlas(atlas: Atlas | Path | str | None = None) -> Report:
    """Load and check an atlas; the report lists every problem."""
    return validate(_atlas(atlas))


def list_territories(atlas: Atlas | Path | str | None = None, level: str | None = None,
                     search: str | None = None) -> list[dict]:
    """The territories of a level, each with how many of the report's key figures it holds.

    ``level`` defaults to the one under the top (the regions of a country); ``search``
    keeps the names containing it, ignoring accents, case and hyphens.
    """
    atlas = _atlas(atlas)
    level = level or atlas.config.levels[1]
    if level not in atlas.config.levels:
        raise MonographError(f"unknown level `{level}`.",
                             f"Levels of this atlas: {', '.join(atlas.config.levels)}.")
    from monographs.report import KEY_FIGURES  # drawing libraries: only when listing

    facts = Facts(atlas)
    expected = [ind for ind, *_ in KEY_FIGURES
                if ind in atlas.catalogue.index and facts.years(atlas.top, ind)]
    rows = []
    needle = normalise(search) if search else None
    for code in atlas.at_level(level):
        name = atlas.name(code)
        if needle and needle not in normalise(name):
            continue
        held = sum(1 for ind in expected if facts.get(code, ind) is not None)
        parent = atlas.parent(code)
        rows.append({"code": code, "name": name, "level": level,
                     "parent": atlas.name(parent) if parent else "",
                     "held": held, "expected": len(expected)})
    return rows


def result_as_dict(result: BuildResult) -> dict:
    """A build result as plain data (for ``--json``)."""
    return {"ok": result.ok, "manifest": str(result.manifest) if result.manifest else None,
            "monographs": [asdict(m) for m in result.monographs]}


__all__ = ["build", "list_territories", "validate_atlas", "result_as_dict"]
