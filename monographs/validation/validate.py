"""Running the checks: every problem of an atlas in one :class:`~monographs.problems.Report`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from monographs.atlas import Atlas, load_atlas
from monographs.errors import InvalidAtlas
from monographs.problems import Report
from monographs.validation.builtin import BUILTIN_CHECKS
from monographs.validation.registry import CHECKS


def validate(atlas: Atlas, checks: Iterable[str] | None = None) -> Report:
    """Run the checks on an atlas: the built-in ones, then those registered with
    :func:`~monographs.validation.registry.check` (or only those named in ``checks``).

    Returns a :class:`Report` holding the problems met while loading and those the checks
    found. ``report.valid`` is False when any is an error.
    """
    known = {**BUILTIN_CHECKS, **CHECKS}
    report = Report(list(atlas.problems))
    for name in checks or list(known):
        report.add(known[name](atlas))
    return report


def validate_atlas(atlas: Atlas | Path | str | None = None) -> Report:
    """Load an atlas (the default one when None) and check it; the report lists every
    problem."""
    return validate(atlas if isinstance(atlas, Atlas) else load_atlas(atlas))


def valid_atlas(atlas: Atlas | Path | str | None = None) -> Atlas:
    """The atlas (loaded when given as a path; the default one when None), once checked.

    Raises
    ------
    InvalidAtlas
        When validation finds errors; ``report`` lists every problem.
    """
    atlas = atlas if isinstance(atlas, Atlas) else load_atlas(atlas)
    report = validate(atlas)
    if not report.valid:
        raise InvalidAtlas(report, atlas.command("validate"))
    return atlas
