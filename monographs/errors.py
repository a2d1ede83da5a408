"""The one error hierarchy of monographs.

Every error a user can cause is a :class:`MonographError`; the command line turns it into
one clear paragraph (what, where, how to fix) and shows a traceback only with ``--debug``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monographs.problems import Report


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

    def __init__(self, report: Report) -> None:
        n = len(report.errors)
        super().__init__(
            f"The atlas has {n} error{'s' if n != 1 else ''}; nothing was built.",
            "Fix the problems listed above (run `monographs validate` to see them again).",
        )
        self.report = report


class TerritoryNotFound(MonographError):
    """No territory matches what the user asked for."""


class AmbiguousTerritory(MonographError):
    """Several territories match what the user asked for."""


class RenderError(MonographError):
    """A monograph could not be drawn or laid out."""
