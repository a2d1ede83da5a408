"""The one options object whose defaults both the API and the command line use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """How to build monographs.

    Attributes
    ----------
    level:
        The level whose territories get a monograph (``region``, ``province``…); None
        means the level under the top one (the regions of a country). With
        ``territories``, it narrows the search of the names to that level.
    territories:
        Codes or names to build (all of the level when empty).
    output:
        The output folder; each level writes into its own sub-folder.
    lang:
        The report language (the atlas's first when None).
    keep_html:
        Also write the HTML (and its figures) beside each PDF, for inspection.
    jobs:
        Worker processes (None: one per core; 1: build in this process).
    """

    level: str | None = None
    territories: tuple[str, ...] = field(default=())
    output: Path = Path("output")
    lang: str | None = None
    keep_html: bool = False
    jobs: int | None = None
