"""The one options object whose defaults both the API and the command line use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
    force:
        Rebuild every monograph, even those whose inputs did not change.
    cache:
        Reuse what can be: skip up-to-date monographs, simplify the boundaries for print
        once per build, draw a chart shared by several monographs once. False gives the
        plain baseline the benchmark compares with.
    executor:
        ``processes`` (a fork pool; serial with one job), ``serial`` or ``dask``.
    scheduler:
        With ``dask``: the scheduler's address (``tcp://host:8786``) or a
        ``distributed.Client``.
    recycle_after:
        With ``processes``: start fresh workers every so many monographs (None: never;
        default 100: the peak memory of 200 communes was 11 % above that of 20),
        so that memory stays flat over thousands of communes.
    """

    level: str | None = None
    territories: tuple[str, ...] = field(default=())
    output: Path = Path("output")
    lang: str | None = None
    keep_html: bool = False
    jobs: int | None = None
    force: bool = False
    cache: bool = True
    executor: str = "processes"
    scheduler: Any = None
    recycle_after: int | None = 100
