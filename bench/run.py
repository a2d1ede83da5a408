"""The project's benchmark: how long building monographs takes, and how much memory.

Run ``python bench/run.py`` (or ``make bench``); ``--help`` lists the options. Every
figure comes from fresh ``monographs`` processes (wall time includes Python start-up and
imports), repeated and summarised by the median, because the machine is shared and noisy.
A compact table at the end gives each figure, its target where one exists and its ratio
to a baseline. Only the standard library is used. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GIB = 1024**3
MIB = 1024**2
SAMPLE_INTERVAL = 0.1  # seconds between two looks at the process tree's RSS
PSS_INTERVAL = 1.0  # at most this long between two looks at its PSS

# The targets (upper bounds) the project aims at.
TARGET_REGIONS_S = 12.0
TARGET_REGIONS_PROVINCES_S = 60.0
TARGET_REBUILD_S = 2.0
TARGET_MEMORY_B = 1.5 * GIB


# --------------------------------------------------------------------------- commands


def python_for_monographs() -> Path:
    """The interpreter that has ``monographs`` installed: this one, else the repo's venv."""
    if importlib.util.find_spec("monographs") is not None:
        return Path(sys.executable)
    venv_python = REPO / ".venv" / "bin" / "python"
    if venv_python.exists():
        return venv_python
    sys.exit("bench: `monographs` is not installed here; run `make install` first.")


def monographs_command() -> list[str]:
    """How to run the command line as users do: the console script beside the interpreter
    (not resolved through symlinks, so that the venv stays active), else ``-m``."""
    python = python_for_monographs()
    script = python.parent / "monographs"
    return [str(script)] if script.exists() else [str(python), "-m", "monographs"]


def list_codes(level: str) -> list[str]:
    """The codes of a level's territories, from ``monographs list --json`` (untimed)."""
    out = subprocess.run(
        [*monographs_command(), "list", "--level", level, "--json"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [row["code"] for row in json.loads(out)]


def build_args(
    output: Path,
    jobs: int | None,
    level: str | None = "region",
    territories: Sequence[str] = (),
    plain: bool = False,
) -> list[str]:
    """The arguments of one ``monographs build``: default jobs when ``jobs`` is None;
    ``plain`` turns every cache off (``--no-cache``: no skipping, no shared simplified
    maps, no shared charts), the baseline the optimised build is compared with."""
    args = [*monographs_command(), "build", "--quiet", "--output", str(output)]
    if plain:
        args.append("--no-cache")
    if level:
        args += ["--level", level]
    for territory in territories:
        args += ["--territory", territory]
    if jobs is not None:
        args += ["--jobs", str(jobs)]
    return args


# --------------------------------------------------------------------- memory sampling


def _children_by_parent() -> dict[int, list[int]]:
    """Every process's children, read from ``/proc/<pid>/stat`` (the slow way)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:  # the process ended meanwhile
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # after "(comm)": state, ppid
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def children_of(pid: int) -> list[int]:
    """A process's children, from ``/proc/<pid>/task/<tid>/children`` (one per thread:
    a worker may be forked by any thread)."""
    kids: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            with open(f"{task.path}/children", encoding="ascii") as f:
                kids.extend(int(k) for k in f.read().split())
    except OSError:  # the process or thread ended meanwhile
        pass
    return kids


HAVE_CHILDREN_FILES = Path(f"/proc/self/task/{os.getpid()}/children").exists()


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    table = None if HAVE_CHILDREN_FILES else _children_by_parent()
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children_of(pid) if table is None else table.get(pid, []))
    return tree


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss(pid: int) -> int:
    """A process's resident set size in bytes, from ``/proc/<pid>/statm`` (cheap; 0 once
    the process is gone)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def pss(pid: int) -> int:
    """A process's proportional set size in bytes, from ``/proc/<pid>/smaps_rollup``
    (costly: the kernel walks the page tables; 0 once the process is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class TreeMemorySampler(threading.Thread):
    """Polls the memory of a process and its descendants until stopped.

    Keeps the peak of the summed RSS (counts pages that forked workers share with their
    parent once per process: an upper bound) and of the summed PSS (shares each page among
    the processes mapping it: the memory the build really occupies). RSS is read every
    :data:`SAMPLE_INTERVAL`; PSS, which costs some 10 ms a process to read, only when the
    RSS sum reaches a new peak or :data:`PSS_INTERVAL` has passed, so that sampling takes
    a few per cent of one core at most.
    """

    available = Path("/proc/self/smaps_rollup").exists()

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_rss = 0
        self.peak_pss = 0
        self._last_pss = 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        """Sample now, then every :data:`SAMPLE_INTERVAL` seconds until :meth:`stop`."""
        while True:
            self._sample()
            if self._stop_event.wait(SAMPLE_INTERVAL):
                return

    def _sample(self) -> None:
        tree = process_tree(self.pid)
        total = sum(rss(pid) for pid in tree)
        now = time.monotonic()
        if total > self.peak_rss or now - self._last_pss >= PSS_INTERVAL:
            self.peak_pss = max(self.peak_pss, sum(pss(pid) for pid in tree))
            self._last_pss = now
        self.peak_rss = max(self.peak_rss, total)

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop_event.set()
        self.join()


# ------------------------------------------------------------------------- one run


@dataclass
class Run:
    """One timed ``monographs`` process and what it built."""

    label: str
    wall: float  # seconds, start of the process to its exit
    cpu: float  # user + system seconds of the process and its reaped workers
    max_process_rss: int  # bytes: the largest single process (ru_maxrss from wait4)
    tree_rss: int  # bytes: peak of the summed RSS of the process tree (sampled)
    tree_pss: int  # bytes: peak of the summed PSS of the process tree (sampled)
    returncode: int
    built: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: list[float] = field(default_factory=list)  # manifest, one per monograph
    error: str = ""


def _maxrss_bytes(ru_maxrss: int) -> int:
    """``ru_maxrss`` in bytes: it is in KiB on Linux, in bytes on macOS."""
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def timed(label: str, args: list[str], output: Path | None = None) -> Run:
    """Run ``args`` once, measuring wall time, CPU time and memory; read the manifest.

    ``os.wait4`` returns the resource usage of the child together with the workers it
    reaped, like ``getrusage(RUSAGE_CHILDREN)`` in a wrapper process but without one.
    """
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=stderr)
        sampler = TreeMemorySampler(proc.pid)
        if sampler.available:
            sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            if sampler.is_alive():
                sampler.stop()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        error = stderr.read().decode(errors="replace").strip()
    run = Run(
        label,
        wall,
        usage.ru_utime + usage.ru_stime,
        _maxrss_bytes(usage.ru_maxrss),
        sampler.peak_rss,
        sampler.peak_pss,
        proc.returncode,
        error=error[-2000:] if proc.returncode else "",
    )
    if output is not None:
        read_manifest(run, output / "manifest.json")
    report(run)
    return run


def read_manifest(run: Run, path: Path) -> None:
    """Fill ``run``'s counts and per-monograph seconds from a build's manifest."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["monographs"]
    except (OSError, ValueError, KeyError):
        run.error = run.error or f"no readable manifest at {path}"
        return
    run.built = sum(1 for e in entries if e.get("status") == "built")
    run.skipped = sum(1 for e in entries if e.get("status") == "skipped")
    run.failed = sum(1 for e in entries if e.get("status") == "failed")
    run.seconds = [float(e["seconds"]) for e in entries if e.get("status") == "built"]


def report(run: Run) -> None:
    """One progress line per run, so that a long benchmark shows it is alive."""
    counts = f", {run.built} built" if run.built or run.failed else ""
    counts += f", {run.skipped} skipped" if run.skipped else ""
    counts += f", {run.failed} FAILED" if run.failed else ""
    status = f", exit {run.returncode}" if run.returncode else ""
    print(
        f"  {run.label:<44} {run.wall:6.1f} s wall {run.cpu:6.1f} s CPU "
        f"{run.tree_rss / MIB:6.0f} MiB RSS{counts}{status}",
        flush=True,
    )
    if run.error:
        print("    " + run.error.splitlines()[-1][:200], flush=True)


def fresh_dir(root: Path) -> Path:
    """A new empty output folder under ``root``."""
    return Path(tempfile.mkdtemp(prefix="out-", dir=root))


# ------------------------------------------------------------------------ the plan


@dataclass
class Results:
    """Every run, grouped by what it measures."""

    runs: dict[str, list[Run]] = field(default_factory=dict)

    def add(self, key: str, run: Run) -> Run:
        """Record ``run`` under ``key``."""
        self.runs.setdefault(key, []).append(run)
        return run

    def get(self, key: str) -> list[Run]:
        """The runs recorded under ``key`` (none when that part was skipped)."""
        return self.runs.get(key, [])


def measure_startup(results: Results, repeat: int) -> None:
    """Python start-up and the imports of the command line, nothing built."""
    python = str(python_for_monographs())
    for i in range(repeat):
        results.add(
            "startup",
            timed(
                f"start-up: import monographs.cli #{i + 1}", [python, "-c", "import monographs.cli"]
            ),
        )


def measure_regions(results: Results, root: Path, repeat: int) -> None:
    """The 12 regions: cold with default jobs, then a no-change rebuild into the same
    folder, then cold with ``--jobs 1``; interleaved so that drift hits both alike."""
    for i in range(repeat):
        out = fresh_dir(root)
        results.add(
            "regions", timed(f"12 regions, cold, default jobs #{i + 1}", build_args(out, None), out)
        )
        results.add(
            "rebuild", timed(f"12 regions, no-change rebuild #{i + 1}", build_args(out, None), out)
        )
        out = fresh_dir(root)
        results.add(
            "regions_j1",
            timed(
                f"12 regions, cold, --jobs 1, caches off #{i + 1}",
                build_args(out, 1, plain=True),
                out,
            ),
        )


def measure_single(results: Results, root: Path, repeat: int, commune: str) -> None:
    """One region (06) and one commune, each from a cold start."""
    for i in range(repeat):
        out = fresh_dir(root)
        results.add(
            "one_region",
            timed(
                f"one region (--territory 06) #{i + 1}", build_args(out, None, None, ["06"]), out
            ),
        )
        out = fresh_dir(root)
        results.add(
            "one_commune",
            timed(
                f"one commune (--territory {commune}) #{i + 1}",
                build_args(out, None, None, [commune]),
                out,
            ),
        )


def measure_regions_provinces(results: Results, root: Path, repeat: int, codes: list[str]) -> None:
    """The regions and the prefectures/provinces in one process (``--territory`` per
    code, since ``--level`` takes one level), default jobs and ``--jobs 1``."""
    n = len(codes)
    for i in range(repeat):
        out = fresh_dir(root)
        results.add(
            "all",
            timed(
                f"{n} regions+provinces, default jobs #{i + 1}",
                build_args(out, None, None, codes),
                out,
            ),
        )
        out = fresh_dir(root)
        results.add(
            "all_j1",
            timed(
                f"{n} regions+provinces, --jobs 1, caches off #{i + 1}",
                build_args(out, 1, None, codes, plain=True),
                out,
            ),
        )


def measure_communes(results: Results, root: Path, codes: list[str]) -> None:
    """The first communes, default jobs: does memory stay flat as monographs go by?
    A tenth of them first, then all, so that the two peaks can be compared."""
    for key, some in (("communes_few", codes[: max(len(codes) // 10, 2)]), ("communes", codes)):
        out = fresh_dir(root)
        results.add(
            key,
            timed(f"{len(some)} communes, default jobs", build_args(out, None, None, some), out),
        )


# ------------------------------------------------------------------------ the table


@dataclass
class Row:
    """One line of the final table."""

    figure: str
    samples: list[float]
    unit: str = "s"  # "s" or "B"
    target: float | None = None
    ratio: str = ""

    @property
    def median(self) -> float:
        """The median of the samples."""
        return statistics.median(self.samples)

    def verdict(self) -> str:
        """Whether the median meets the target."""
        if self.target is None:
            return ""
        return "met" if self.median < self.target else "MISSED"


def fmt(value: float, unit: str) -> str:
    """A duration or a size, readable."""
    if unit == "B":
        return f"{value / GIB:.2f} GiB" if value >= GIB else f"{value / MIB:.0f} MiB"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def ratio(a: float, b: float, what: str) -> str:
    """``a`` as a multiple of ``b``, named."""
    return f"x{a / b:.2f} {what}" if b else ""


def medians(runs: list[Run], attr: str) -> float:
    """The median of one attribute over runs."""
    return statistics.median(getattr(r, attr) for r in runs)


def per_monograph(runs: list[Run]) -> list[float]:
    """Every monograph's manifest seconds over runs."""
    return [s for r in runs for s in r.seconds]


def timing_rows(res: Results) -> list[Row]:
    """The wall-time rows: cold builds, baselines, rebuild, single monographs."""
    rows: list[Row] = []
    get = res.get
    if get("startup"):
        rows.append(Row("start-up only (import monographs.cli)", [r.wall for r in get("startup")]))
    pairs = [
        ("regions", "regions_j1", "regions", TARGET_REGIONS_S),
        ("all", "all_j1", "regions+provinces", TARGET_REGIONS_PROVINCES_S),
    ]
    for key, key_j1, name, target in pairs:
        if not get(key):
            continue
        n = get(key)[0].built + get(key)[0].failed
        base = medians(get(key_j1), "wall")
        rows.append(
            Row(
                f"{name} ({n}), cold, --jobs 1, caches off",
                [r.wall for r in get(key_j1)],
                ratio="baseline",
            )
        )
        rows.append(
            Row(
                f"{name} ({n}), cold, default jobs",
                [r.wall for r in get(key)],
                target=target,
                ratio=ratio(medians(get(key), "wall"), base, "-j1"),
            )
        )
    if get("rebuild"):
        rows.append(
            Row(
                "12 regions, no-change rebuild (skips all)",
                [r.wall for r in get("rebuild")],
                target=TARGET_REBUILD_S,
                ratio=ratio(
                    medians(get("rebuild"), "wall"), medians(get("regions"), "wall"), "cold"
                ),
            )
        )
    for key, name in [
        ("one_region", "one region (06), cold"),
        ("one_commune", "one commune, cold"),
    ]:
        if get(key):
            own = statistics.median(per_monograph(get(key)) or [0.0])
            rows.append(
                Row(
                    name,
                    [r.wall for r in get(key)],
                    ratio=ratio(medians(get(key), "wall"), own, f"its own {own:.1f} s"),
                )
            )
    return rows


def per_monograph_rows(res: Results) -> list[Row]:
    """Median manifest seconds per monograph, serial and parallel."""
    rows: list[Row] = []
    for key, key_j1, name in [
        ("regions", "regions_j1", "region"),
        ("all", "all_j1", "region/province"),
    ]:
        serial, parallel = per_monograph(res.get(key_j1)), per_monograph(res.get(key))
        if not serial or not parallel:
            continue
        rows.append(Row(f"s per {name} monograph, --jobs 1, caches off", serial, ratio="baseline"))
        rows.append(
            Row(
                f"s per {name} monograph, default jobs",
                parallel,
                ratio=ratio(statistics.median(parallel), statistics.median(serial), "-j1"),
            )
        )
    return rows


def cpu_rows(res: Results) -> list[Row]:
    """CPU seconds (user + system, all processes) of the cold builds: less noisy than
    wall time on a shared machine, and CPU/wall shows how many cores were kept busy."""
    rows: list[Row] = []
    for key, name in [
        ("regions_j1", "12 regions, --jobs 1"),
        ("regions", "12 regions, default jobs"),
        ("all_j1", "regions+provinces, --jobs 1"),
        ("all", "regions+provinces, default jobs"),
    ]:
        runs = res.get(key)
        if runs:
            busy = statistics.median(r.cpu / r.wall for r in runs)
            rows.append(
                Row(f"CPU time, {name}", [r.cpu for r in runs], ratio=f"{busy:.2f} cores busy")
            )
    return rows


def memory_rows(res: Results) -> list[Row]:
    """Peak memory of the largest build that ran (with default jobs), against -j1."""
    key, key_j1 = ("all", "all_j1") if res.get("all") else ("regions", "regions_j1")
    runs, base = res.get(key), res.get(key_j1)
    if not runs:
        return []
    name = "regions+provinces" if key == "all" else "12 regions"
    rows = []
    specs = [
        ("tree_rss", "sum of RSS, all processes", TARGET_MEMORY_B),
        ("tree_pss", "sum of PSS, all processes", None),
        ("max_process_rss", "largest single process RSS", None),
    ]
    for attr, what, target in specs:
        if attr != "max_process_rss" and not TreeMemorySampler.available:
            continue
        rows.append(
            Row(
                f"peak memory, {name}: {what}",
                [getattr(r, attr) for r in runs],
                unit="B",
                target=target,
                ratio=ratio(medians(runs, attr), medians(base, attr), "-j1"),
            )
        )
    few, many = res.get("communes_few"), res.get("communes")
    if few and many:
        n_few, n = few[0].built + few[0].failed, many[0].built + many[0].failed
        rows.append(
            Row(
                f"peak memory, {n_few} communes: sum of RSS",
                [r.tree_rss for r in few],
                unit="B",
                target=TARGET_MEMORY_B,
            )
        )
        rows.append(
            Row(
                f"peak memory, {n} communes: sum of RSS",
                [r.tree_rss for r in many],
                unit="B",
                target=TARGET_MEMORY_B,
                ratio=ratio(
                    medians(many, "tree_rss"),
                    medians(few, "tree_rss"),
                    f"{n_few} communes (1.00 = flat)",
                ),
            )
        )
        rows.append(Row(f"{n} communes, default jobs", [r.wall for r in many]))
    return rows


def print_table(rows: list[Row]) -> None:
    """The final table: figure, median, spread, runs, target and verdict, ratio."""
    width = max(len(r.figure) for r in rows)
    print(f"\n{'figure':<{width}}  {'median':>9}  {'min-max':>17}  {'n':>3}  {'target':>12}  ratio")
    print("-" * (width + 62))
    for r in rows:
        spread = (
            f"{fmt(min(r.samples), r.unit)}-{fmt(max(r.samples), r.unit)}"
            if len(r.samples) > 1
            else ""
        )
        target = f"<{fmt(r.target, r.unit)} {r.verdict()}" if r.target is not None else ""
        print(
            f"{r.figure:<{width}}  {fmt(r.median, r.unit):>9}  {spread:>17}  "
            f"{len(r.samples):>3}  {target:>12}  {r.ratio}"
        )


NOTES = """
What is measured:
- wall: a fresh `monographs` process from spawn to exit (Python start-up, imports, atlas
  loading and validation, the build, the manifest), each into a new empty folder (the OS
  file cache is warm: this is a cold process, not a cold disk).
- default jobs: no --jobs (one worker per core, {cores} here); --jobs 1 --no-cache builds
  serially in one process with nothing shared between monographs (the plain baseline of
  the ratios). n is the number of runs; figures are medians.
- s per monograph: the `seconds` of output/manifest.json (one monograph's own build, in a
  worker under default jobs, where workers compete for the cores), median over every
  monograph of every run.
- no-change rebuild: the same build again into the same folder: every monograph is
  skipped (same input hash, PDF as written), without importing the drawing libraries.
- communes (--communes N): peak sum of RSS of N/10 communes and of N; a ratio near 1.00
  means memory stays flat as monographs go by.
- one region / one commune: wall time, and its ratio to that monograph's own build time
  (the rest is start-up, imports, loading and validating the atlas).
- memory: sum of RSS = peak over time of the resident memory summed over the build
  process and its workers, read every {interval} s from /proc (pages the forked workers
  share with their parent count once per process: an upper bound, compared with the
  target); sum of PSS = the same with shared pages divided among the processes sharing
  them (the memory really used; read at each new RSS peak, at least every second);
  largest single process = ru_maxrss from wait4(), the peak of the one biggest process
  (parent or worker), as getrusage(RUSAGE_CHILDREN) gives.
- CPU time: user + system seconds of the process and its workers (from wait4()); less
  sensitive than wall time to other load on a shared machine.
"""


# ------------------------------------------------------------------------ context


def context_lines() -> list[str]:
    """Where and on what the benchmark ran: the commit (and whether the tree is edited),
    Python, cores, load."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        # the package holds its templates, catalogues and default atlas too
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "monographs"], cwd=REPO, capture_output=True, text=True
        ).stdout.splitlines()
        commit = f"{head}" + (
            f" + {len(dirty)} uncommitted file(s) in monographs/" if dirty else ""
        )
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return [
        f"date {datetime.now():%Y-%m-%d %H:%M}  commit {commit}",
        f"python {platform.python_version()}  cores {os.cpu_count()}  load average {load()}",
    ]


def load() -> str:
    """The 1-minute load average (other work on the machine skews the timings)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "n/a"


# -------------------------------------------------------------------------- profile


def profile(root: Path, top: int) -> None:
    """Build the 12 regions serially under cProfile and print the hot spots.

    Serial, because cProfile does not follow forked workers. Profiling roughly doubles
    the run time; read the proportions, not the seconds.
    """
    out, stats_file = fresh_dir(root), root / "build.prof"
    args = [
        str(python_for_monographs()),
        "-m",
        "cProfile",
        "-o",
        str(stats_file),
        "-m",
        "monographs",
        "build",
        "--level",
        "region",
        "--jobs",
        "1",
        "--output",
        str(out),
    ]
    timed("12 regions, --jobs 1, under cProfile", args, out)
    stats = pstats.Stats(str(stats_file))
    package = re.escape(f"{REPO / 'monographs'}{os.sep}")
    print(f"\nThe project's {top} costliest functions (cumulative time, callees included):")
    stats.sort_stats("cumulative").print_stats(package, top)
    print(f"The {top} functions with the most own time (any package):")
    stats.sort_stats("tottime").print_stats(top)


# ----------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line of the benchmark."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--quick", action="store_true", help="skip the regions+provinces builds (the long part)"
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="N",
        help="runs of each 12-region and single-monograph figure (default 3)",
    )
    p.add_argument(
        "--repeat-large",
        type=int,
        default=1,
        metavar="N",
        help="runs of each regions+provinces build (default 1)",
    )
    p.add_argument(
        "--commune",
        default="Tanger",
        help="the commune to build alone, found by name or code (default "
        "Tanger, which names only the commune 01.511.01.0; check a name "
        "with `monographs list --level commune --search NAME`)",
    )
    p.add_argument(
        "--communes",
        type=int,
        default=0,
        metavar="N",
        help="also build the first N communes (e.g. 200) and report the peak "
        "memory of a tenth of them and of all: flat means no growth",
    )
    p.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write every run and the table as JSON to PATH",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="instead of the benchmark, profile one serial 12-region build "
        "with cProfile and print the hot spots",
    )
    p.add_argument("--top", type=int, default=15, help="hot spots to list with --profile")
    args = p.parse_args(argv)
    if args.repeat < 1 or args.repeat_large < 1:
        p.error("--repeat and --repeat-large must be at least 1")
    return args


def run_benchmark(args: argparse.Namespace, root: Path) -> Results:
    """Every measurement the options ask for, in order, each run printed as it ends."""
    results = Results()
    print("warming up (listing the territories, untimed)…", flush=True)
    codes = list_codes("region") + ([] if args.quick else list_codes("province"))
    communes = list_codes("commune")[: args.communes] if args.communes else []
    step: list[tuple[str, Callable[[], None]]] = [
        ("start-up", lambda: measure_startup(results, args.repeat)),
        ("12 regions", lambda: measure_regions(results, root, args.repeat)),
        ("single monographs", lambda: measure_single(results, root, args.repeat, args.commune)),
    ]
    if not args.quick:
        step.append(
            (
                "regions + provinces",
                lambda: measure_regions_provinces(results, root, args.repeat_large, codes),
            )
        )
    if communes:
        step.append(("communes", lambda: measure_communes(results, root, communes)))
    for name, measure in step:
        print(f"{name}:", flush=True)
        measure()
    return results


def write_json(path: Path, results: Results, rows: list[Row], context: list[str]) -> None:
    """Every run and every row of the table, as JSON."""
    data = {
        "context": context,
        "runs": {k: [asdict(r) for r in v] for k, v in results.runs.items()},
        "table": [{**asdict(r), "median": r.median, "verdict": r.verdict()} for r in rows],
    }
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; exit 1 when a build failed (its timings then mean little).

    Missed targets do not change the exit status: this is a measurement, not a test.
    """
    args = parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="monographs-bench-"))
    try:
        if args.profile:
            profile(root, args.top)
            return 0
        context = context_lines()
        print("\n".join(context), flush=True)
        results = run_benchmark(args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    rows = (
        timing_rows(results)
        + per_monograph_rows(results)
        + cpu_rows(results)
        + memory_rows(results)
    )
    context.append(f"load average at the end {load()}")
    print("\n" + context[-1])
    print_table(rows)
    print(NOTES.format(cores=os.cpu_count(), interval=SAMPLE_INTERVAL).rstrip())
    if args.json:
        write_json(args.json, results, rows, context)
    bad = [r for runs in results.runs.values() for r in runs if r.returncode or r.failed]
    if bad:
        print(f"\n{len(bad)} run(s) had failures: " + ", ".join(r.label for r in bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
