"""The one error hierarchy of monographs.

Every error a user can cause is a :class:`MonographError`; the command line turns it into
one clear paragraph (what, where, how to fix) and shows a traceback only with ``--debug``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monographs.problems import Problem, Report


class MonographError(Exception):
    """Base class of the errors monographs raises on purpose.

    Parameters
    ----------
    message:
        What went wrong, in a sentence a person understands.
    hint:
        What to do about it.
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class AtlasError(MonographError):
    """The atlas (its configuration, tables or boundaries) cannot be used."""


class InvalidAtlas(AtlasError):
    """Validation found errors; ``report`` holds every problem found."""

    def __init__(self, report: Report, validate_command: str = "monographs validate") -> None:
        n = len(report.errors)
        super().__init__(
            f"The atlas has {n} error{'s' if n != 1 else ''}; nothing was built.",
            f"Fix the problems listed above (run `{validate_command}` to see them again).",
        )
        self.report = report


class TerritoryNotFound(MonographError):
    """No territory matches what the user asked for."""


class AmbiguousTerritory(MonographError):
    """Several territories match what the user asked for."""


class RenderError(MonographError):
    """A monograph could not be drawn or laid out."""


class InputRefused(AtlasError):
    """One input (a table, a boundary file) is refused before or while it is read: over a
    limit, not a file, a format that could read elsewhere. ``problem`` names it (code,
    file, row, column, hint), so that loading records it and goes on."""

    def __init__(self, problem: Problem) -> None:
        where = problem.where()
        super().__init__(
            f"{where}: {problem.message} [{problem.code}]" if where else problem.message,
            problem.hint,
        )
        self.problem = problem


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: the manifest records what was written, workers are
    stopped, no temporary file is left; the command exits with status 143."""
