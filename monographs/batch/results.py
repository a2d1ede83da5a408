"""What a build and a comparison report tell: one typed result per monograph, the build's
whole result, and the comparison's."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

#: ``built``, ``skipped`` (up to date) or ``failed``.
Status = Literal["built", "skipped", "failed"]


@dataclass
class MonographResult:
    """What happened to one territory's monograph.

    ``status`` is ``built``, ``skipped`` (up to date: its inputs and PDF unchanged since
    the build recorded in the manifest) or ``failed`` (``error`` says why).
    """

    code: str
    name: str
    status: Status
    file: str = ""
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    input_hash: str = ""
    sha256: str = ""
    lang: str = ""


@dataclass
class BuildResult:
    """The outcome of a build: one result per territory, in order."""

    monographs: list[MonographResult] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def ok(self) -> bool:
        """True when no monograph failed."""
        return all(m.status != "failed" for m in self.monographs)

    @property
    def failed(self) -> list[MonographResult]:
        """The monographs that failed."""
        return [m for m in self.monographs if m.status == "failed"]

    def count(self, status: Status) -> int:
        """How many monographs have this status."""
        return sum(1 for m in self.monographs if m.status == status)

    def to_dict(self) -> dict:
        """The result as plain data (for ``--json``)."""
        return {
            "ok": self.ok,
            "manifest": str(self.manifest) if self.manifest else None,
            "monographs": [asdict(m) for m in self.monographs],
        }


@dataclass
class CompareResult:
    """What a comparison wrote."""

    file: str
    csv: str
    xlsx: str
    level: str
    territories: list[str]
    pages: int
    bytes: int
    seconds: float
    measures: int
    missing: int
    warnings: list[str] = field(default_factory=list)
    status: str = "built"  # or "skipped": made before from the same inputs, still on disk
