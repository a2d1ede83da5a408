"""The options objects whose defaults both the API and the command line use.

Only the standard library is imported here: the command line reads these defaults (and
:data:`PDF_VARIANTS`) to describe its options without loading any drawing library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

# The PDF variants offered. PDF/UA-1 (tagged: structure tree, language, title, alternative
# texts, reading order) is the default; PDF/A-3b is for archiving, tagged too and carrying
# the monograph's figures as an attached CSV; "none" is an untagged plain PDF.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-3u", "none")
DEFAULT_PDF_VARIANT = "pdf/ua-1"
EXECUTORS = ("processes", "serial", "dask")
Executor = Literal["processes", "serial", "dask"]


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
        The report language (the atlas's first when None and ``languages`` is empty).
    languages:
        Several report languages (``("fr", "ar")``): one PDF per territory and language,
        each named ``<slug>.<lang>.pdf`` (with a single language too, so that one
        language's PDF is the same file whatever the other languages requested).
        Empty: ``lang``, else every language of the atlas (``languages`` in atlas.toml).
    pdf_variant:
        ``pdf/ua-1`` (tagged, accessible: the default), ``pdf/a-3b`` (archival, tagged,
        with the monograph's figures attached as CSV) or ``none`` (a plain PDF).
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
    languages: tuple[str, ...] = field(default=())
    pdf_variant: str = DEFAULT_PDF_VARIANT
    keep_html: bool = False
    jobs: int | None = None
    force: bool = False
    cache: bool = True
    executor: Executor = "processes"
    scheduler: Any = None
    recycle_after: int | None = 100


@dataclass(frozen=True)
class CompareOptions:
    """What to compare and where to write it.

    Attributes
    ----------
    level:
        The level whose territories are compared (None: the one under the top).
    territories:
        Codes or names of a subset of that level (all of it when empty).
    output:
        The output folder; the report goes into its ``compare/`` sub-folder.
    lang:
        The report language (the atlas's first when None).
    keep_html:
        Also write the HTML beside the PDF, for inspection.
    lang_in_name:
        Name the files after the language too, ``region.ar.pdf`` (when one comparison is
        written in several languages).
    force:
        Make the report again even when the one on disk was made from the same inputs
        (recorded in ``compare/manifest.json``).
    """

    level: str | None = None
    territories: tuple[str, ...] = field(default=())
    output: Path = Path("output")
    lang: str | None = None
    keep_html: bool = False
    lang_in_name: bool = False
    force: bool = False
