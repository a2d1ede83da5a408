"""The Python API: the functions the command line calls, returning objects."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from monographs.atlas import Atlas, load_atlas
from monographs.build import BuildResult, build
from monographs.compare import CompareOptions, CompareResult
from monographs.errors import MonographError
from monographs.facts import Facts
from monographs.problems import Report
from monographs.territories import search as search_territories
from monographs.validate import validate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from monographs.accessibility import Audit


def _atlas(atlas: Atlas | Path | str | None) -> Atlas:
    return atlas if isinstance(atlas, Atlas) else load_atlas(atlas)


def validate_atlas(atlas: Atlas | Path | str | None = None) -> Report:
    """Load and check an atlas; the report lists every problem."""
    return validate(_atlas(atlas))


def list_territories(atlas: Atlas | Path | str | None = None, level: str | None = None,
                     search: str | None = None) -> list[dict]:
    """The territories of a level, each with how many of the report's key figures it holds.

    ``level`` defaults to the one under the top (the regions of a country), or to every
    level when ``search`` is given; ``search`` keeps the territories whose name or an alias
    holds it, ignoring accents, case, hyphens and spaces (``tang`` finds Tanger).
    """
    atlas = _atlas(atlas)
    if level is not None and level not in atlas.config.levels:
        raise MonographError(f"unknown level `{level}`.",
                             f"Levels of this atlas: {', '.join(atlas.config.levels)}.")
    from monographs.report import KEY_FIGURES  # drawing libraries: only when listing

    if search:
        codes = search_territories(atlas, search, level)
    else:
        codes = atlas.at_level(level or atlas.config.levels[1])
    facts = Facts(atlas)
    expected = [ind for ind, *_ in KEY_FIGURES
                if ind in atlas.catalogue.index and facts.years(atlas.top, ind)]
    rows = []
    for code in codes:
        held = sum(1 for ind in expected if facts.get(code, ind) is not None)
        parent = atlas.parent(code)
        kind = atlas.territories.at[code, "kind"] if "kind" in atlas.territories else ""
        rows.append({"code": code, "name": atlas.name(code), "level": atlas.level_of(code),
                     "kind": str(kind or ""), "parent": atlas.name(parent) if parent else "",
                     "parent_code": parent or "", "held": held, "expected": len(expected)})
    return rows


def compare(atlas: Atlas | Path | str | None = None,
            options: CompareOptions | None = None) -> CompareResult:
    """Write the comparison report of a level (or of some of its territories), with its
    CSV and XLSX; see :mod:`monographs.compare`."""
    from monographs.compare import run

    return run(_atlas(atlas), options)


def check_pdfs(paths: Iterable[Path | str]) -> list[Audit]:
    """Audit the accessibility structure of PDFs, one :class:`Audit` per path, in order; a
    missing or unreadable file gives an audit whose ``error`` says so (the others are still
    checked). A subset of the PDF/UA-1 checks, not a validator: see
    :mod:`monographs.accessibility`."""
    from monographs.accessibility import Audit, audit_pdf

    audits = []
    for path in paths:
        try:
            audits.append(audit_pdf(Path(path)))
        except MonographError as exc:
            audits.append(Audit(Path(path), error=exc.message))
    return audits


def result_as_dict(result: BuildResult) -> dict:
    """A build result as plain data (for ``--json``)."""
    return {"ok": result.ok, "manifest": str(result.manifest) if result.manifest else None,
            "monographs": [asdict(m) for m in result.monographs]}


__all__ = ["build", "check_pdfs", "compare", "list_territories", "validate_atlas", "result_as_dict"]
