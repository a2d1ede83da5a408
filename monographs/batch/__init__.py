"""Stage 6, BATCH: many monographs at once, and the comparison report.

:func:`build` plans the jobs (:mod:`.plan`), skips what is up to date
(:mod:`.incremental`, :mod:`.manifest`), runs the rest on an executor (:mod:`.executors`:
this process, a fork pool or Dask), one job each (:mod:`.jobs`: compute → draw → render →
write), and records the manifest; :func:`build_comparison` writes a level's comparison
report (:mod:`.compare`).
"""

from monographs.batch.build import build
from monographs.batch.compare import build_comparison
from monographs.batch.progress import reporter_for, summary
from monographs.batch.results import BuildResult, CompareResult, MonographResult

__all__ = [
    "BuildResult",
    "CompareResult",
    "MonographResult",
    "build",
    "build_comparison",
    "reporter_for",
    "summary",
]
