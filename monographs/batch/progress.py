"""Showing a build's progress: a bar on a terminal, plain log lines elsewhere, a summary.

The API calls a reporter (any object with ``start(total)``, ``advance(result)`` and
``finish()``); the command line picks :class:`BarProgress` when standard error is a
terminal and neither ``--quiet`` nor a ``CI`` environment variable is set, else
:class:`LineProgress`. Rich is imported only for the bar.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Protocol, TextIO

from monographs.batch.results import BuildResult, MonographResult


class Reporter(Protocol):
    """What the build tells as it goes."""

    def start(self, total: int) -> None:
        """The build is about to handle ``total`` monographs."""

    def advance(self, result: MonographResult) -> None:
        """One monograph was built, skipped or failed."""

    def finish(self) -> None:
        """The build is over (or interrupted)."""


class NoProgress:
    """Says nothing."""

    def start(self, total: int) -> None:  # noqa: D102
        pass

    def advance(self, result: MonographResult) -> None:  # noqa: D102
        pass

    def finish(self) -> None:  # noqa: D102
        pass


class LineProgress:
    """One line per monograph (``[3/12] built 01 Tanger… 2.1 s``), for logs and CI."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.total = 0
        self.done = 0
        self.started = time.monotonic()

    def start(self, total: int) -> None:  # noqa: D102
        self.total, self.done, self.started = total, 0, time.monotonic()

    def advance(self, result: MonographResult) -> None:  # noqa: D102
        self.done += 1
        if self.quiet and result.status != "failed":
            return
        what = result.error if result.status == "failed" else f"{result.seconds:.1f} s"
        print(
            f"[{self.done}/{self.total}] {result.status:<7} {result.code} {result.name} ({what})",
            file=self.stream,
            flush=True,
        )

    def finish(self) -> None:  # noqa: D102
        pass


class BarProgress:
    """A Rich progress bar: count, elapsed time and time left; failures printed above."""

    def __init__(self, stream: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(file=stream or sys.stderr)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = None

    def start(self, total: int) -> None:  # noqa: D102
        self.bar.start()
        self.task = self.bar.add_task("monographs", total=total)

    def advance(self, result: MonographResult) -> None:  # noqa: D102
        if result.status == "failed":
            self.bar.console.print(
                f"[red]failed[/red] {result.code} {result.name}: {result.error}",
                markup=True,
                highlight=False,
            )
        self.bar.update(self.task, advance=1, description=f"{result.code} {result.name}"[:30])

    def finish(self) -> None:  # noqa: D102
        self.bar.stop()


def reporter_for(stream: TextIO | None = None, quiet: bool = False) -> Reporter:
    """The bar on a terminal, plain lines otherwise (not a TTY, ``--quiet`` or ``CI``)."""
    stream = stream or sys.stderr
    tty = hasattr(stream, "isatty") and stream.isatty()
    if tty and not quiet and not os.environ.get("CI"):
        try:
            return BarProgress(stream)
        except ImportError:  # rich missing: plain lines are fine
            pass
    return LineProgress(stream, quiet=quiet)


def summary(result: BuildResult) -> list[str]:
    """The end-of-build summary: counts, then each failure with its reason."""
    counts = {
        s: sum(1 for m in result.monographs if m.status == s)
        for s in ("built", "skipped", "failed")
    }
    lines = [
        f"{counts['built']} built, {counts['failed']} failed, {counts['skipped']} "
        f"skipped (up to date); manifest: {result.manifest}"
    ]
    lines += [f"  failed {m.code} {m.name}: {m.error}" for m in result.failed]
    return lines
