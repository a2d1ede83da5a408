"""Problems found in an atlas, collected as records rather than raised."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in an atlas, with where it is and how to fix it.

    ``code`` is stable (``unknown-territory``, ``missing-source``…) so that scripts can
    filter on it; ``row`` is the 1-based line number in the file as a spreadsheet shows
    it (the header is row 1); ``feature`` is the 1-based position of a feature in a
    boundary file (the first feature is 1), for problems of one feature.
    """

    code: str
    message: str
    severity: Severity = "error"
    file: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    hint: str = ""
    feature: int | None = None

    def where(self) -> str:
        """``file, row 3, column value`` (``file, feature 12, column code`` for a boundary):
        the place, as a person reads it."""
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.feature is not None:
            parts.append(f"feature {self.feature}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        head = f"{self.severity}: {self.where()}: " if self.where() else f"{self.severity}: "
        text = head + self.message + f" [{self.code}]"
        return text + (f"\n  hint: {self.hint}" if self.hint else "")


@dataclass
class Report:
    """The problems found by a validation, in the order they were found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problems: Iterable[Problem]) -> None:
        """Append problems (from a check, usually)."""
        self.problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the atlas unusable."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems a build goes on with."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def filter(self, code: str) -> list[Problem]:
        """The problems with that code."""
        return [p for p in self.problems if p.code == code]

    def flatten(self, fields: tuple[str, ...] = ("code", "file", "row", "column")) -> list[list]:
        """Each problem as a list of the named fields: easy to compare in tests."""
        return [[getattr(p, f) for f in fields] for p in self.problems]

    def to_json(self) -> str:
        """Every problem as JSON, for machines."""
        data = {
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [asdict(p) for p in self.problems],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
