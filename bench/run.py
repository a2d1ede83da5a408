"""The project's benchmark: how long building monographs takes, how much memory, and how
that compares with the naive peer.

Run ``python bench/run.py`` (or ``make bench``); ``--help`` lists the options. Every
figure comes from fresh processes (wall time includes Python start-up and imports),
repeated and summarised by the median, because the machine is shared and noisy. The naive
peer (a plain script of matplotlib PNGs, Jinja2 and WeasyPrint, kept outside this
repository) runs in the same session, interleaved with our builds, when ``--peer`` or
``MONOGRAPHS_PEER`` names its command. A table at the end gives each figure beside its
target, with the ratios. Only the standard library is used. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import pstats
import re
import shlex
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
ALL_COMMUNES = 1503  # the communes of the default atlas

# The targets of issue 15 ("Fast enough to be used"), on 2 cores.
TARGET_WALL_VS_PEER = 1.0  # peer's wall / ours, 12 regions in one language: at least
TARGET_PAGES_VS_PEER = 3.0  # our pages / the peer's, same 12 regions: at least
TARGET_PAGES_PER_CPU_VS_PEER = 2.0  # pages per CPU-second, ours / the peer's: at least
TARGET_SECOND_LANGUAGE = 0.6  # (fr+ar - fr) / fr: below
TARGET_COMMUNE_CLI_S = 3.0  # one commune, one language, cold, from the CLI: below
TARGET_COMMUNE_API_S = 1.0  # one commune through the API, in a warm process: below
TARGET_ALL_COMMUNES_S = 15 * 60.0  # the 1,503 communes, one language: below
TARGET_COMMUNES_MEMORY = 1.2  # peak memory at N over N/10 communes: at most
TARGET_REBUILD_S = 1.0  # no-change rebuild of the 12 regions: below
TARGET_COMPARE_S = 5.0  # comparison report of the 12 regions, cold: below
TARGET_MEMORY_B = 1.5 * GIB  # peak sum of RSS of a build: below

# What a process that has built one commune already does next, through the Python API:
# argv = output folder, then commune codes; the first is the warm-up. Prints the seconds
# of each build after the first, as JSON.
API_SCRIPT = """
import json, sys, time
from pathlib import Path
from monographs import BuildOptions, build, load_atlas
out, codes = Path(sys.argv[1]), sys.argv[2:]
atlas = load_atlas()
times = []
for code in codes:
    start = time.perf_counter()
    result = build(atlas, BuildOptions(level="commune", territories=(code,), lang="fr",
                                       output=out))
    times.append(time.perf_counter() - start)
    assert result.ok and result.count("built") == 1, result.to_dict()
print(json.dumps(times[1:]))
"""

# The pages of PDFs, counted with pikepdf by the interpreter that runs monographs.
PAGES_SCRIPT = """
import json, sys
import pikepdf
print(json.dumps(sum(len(pikepdf.open(p).pages) for p in sys.argv[1:])))
"""


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
    jobs: int | None = None,
    level: str | None = "region",
    territories: Sequence[str] = (),
    plain: bool = False,
    lang: str | None = None,
) -> list[str]:
    """The arguments of one ``monographs build``: default jobs when ``jobs`` is None;
    ``plain`` turns every cache off (``--no-cache``); ``lang`` as ``--lang`` (the atlas's
    languages, French and Arabic, when None)."""
    args = [*monographs_command(), "build", "--quiet", "--output", str(output)]
    if plain:
        args.append("--no-cache")
    if level:
        args += ["--level", level]
    for territory in territories:
        args += ["--territory", territory]
    if jobs is not None:
        args += ["--jobs", str(jobs)]
    if lang:
        args += ["--lang", lang]
    return args


def count_pages(pdfs: Sequence[Path]) -> int:
    """The pages of these PDFs (untimed; 0 when none or unreadable)."""
    if not pdfs:
        return 0
    try:
        out = subprocess.run(
            [str(python_for_monographs()), "-c", PAGES_SCRIPT, *map(str, pdfs)],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(json.loads(out.stdout))
    except (OSError, ValueError, subprocess.CalledProcessError):
        return 0


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
    pages: int = 0  # manifest (or the PDFs counted), every monograph built
    stdout: str = ""  # kept only when asked for (``--json`` outputs)
    error: str = ""


def _maxrss_bytes(ru_maxrss: int) -> int:
    """``ru_maxrss`` in bytes: it is in KiB on Linux, in bytes on macOS."""
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def timed(
    label: str,
    args: list[str],
    output: Path | None = None,
    env: dict[str, str] | None = None,
    capture: bool = False,
) -> Run:
    """Run ``args`` once, measuring wall time, CPU time and memory; read the manifest
    (when ``output`` is given); keep the standard output with ``capture``.

    ``os.wait4`` returns the resource usage of the child together with the workers it
    reaped, like ``getrusage(RUSAGE_CHILDREN)`` in a wrapper process but without one.
    """
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryFile() as stdout:
        start = time.perf_counter()
        proc = subprocess.Popen(
            args,
            cwd=REPO,
            stdout=stdout if capture else subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, **(env or {})},
        )
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
        stdout.seek(0)
        out = stdout.read().decode(errors="replace") if capture else ""
    run = Run(
        label,
        wall,
        usage.ru_utime + usage.ru_stime,
        _maxrss_bytes(usage.ru_maxrss),
        sampler.peak_rss,
        sampler.peak_pss,
        proc.returncode,
        stdout=out,
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
    run.pages = sum(int(e.get("pages") or 0) for e in entries if e.get("status") == "built")


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
    web_rows: list = field(default_factory=list)  # the web page's figures (--web)

    def add(self, key: str, run: Run) -> Run:
        """Record ``run`` under ``key``."""
        self.runs.setdefault(key, []).append(run)
        return run

    def get(self, key: str) -> list[Run]:
        """The runs recorded under ``key`` (none when that part was skipped)."""
        return self.runs.get(key, [])


def peer_command(option: str | None) -> list[str] | None:
    """The naive peer's command (``--peer``, else ``MONOGRAPHS_PEER``), split as a shell
    would; None when neither names one."""
    text = option or os.environ.get("MONOGRAPHS_PEER", "")
    return shlex.split(text) if text.strip() else None


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


def measure_peer(results: Results, root: Path, peer: list[str], i: int) -> None:
    """The naive peer's 12 regions, one core, into a fresh folder (``PEER_OUT``); its
    pages counted afterwards."""
    out = fresh_dir(root)
    run = results.add(
        "peer", timed(f"peer: 12 regions (naive) #{i + 1}", peer, env={"PEER_OUT": str(out)})
    )
    pdfs = sorted(out.rglob("*.pdf"))
    run.built, run.pages = len(pdfs), count_pages(pdfs)


def measure_regions(
    results: Results, root: Path, repeat: int, peer: list[str] | None, baseline: bool
) -> None:
    """The 12 regions, interleaved so that drift in the machine's load hits all alike:
    the peer; ours in French (one language), cold; ours in French and Arabic (the atlas's
    languages), cold, then again into the same folder (a no-change rebuild); with
    ``baseline``, also ``--jobs 1 --no-cache``."""
    for i in range(repeat):
        if peer:
            measure_peer(results, root, peer, i)
        out = fresh_dir(root)
        results.add(
            "regions_fr",
            timed(f"12 regions, fr, cold, default jobs #{i + 1}", build_args(out, lang="fr"), out),
        )
        out = fresh_dir(root)
        results.add(
            "regions_fr_ar",
            timed(f"12 regions, fr+ar, cold, default jobs #{i + 1}", build_args(out), out),
        )
        results.add(
            "rebuild", timed(f"12 regions, fr+ar, no-change rebuild #{i + 1}", build_args(out), out)
        )
        if baseline:
            out = fresh_dir(root)
            results.add(
                "regions_j1",
                timed(
                    f"12 regions, fr, --jobs 1, caches off #{i + 1}",
                    build_args(out, 1, plain=True, lang="fr"),
                    out,
                ),
            )


def measure_single(
    results: Results, root: Path, repeat: int, commune: str, api_codes: list[str]
) -> None:
    """One commune from a cold start (in French, and in the atlas's two languages), and
    communes built one after the other through the API in one process."""
    for i in range(repeat):
        out = fresh_dir(root)
        results.add(
            "commune_fr",
            timed(
                f"one commune, fr (--territory {commune}) #{i + 1}",
                build_args(out, None, "commune", [commune], lang="fr"),
                out,
            ),
        )
        out = fresh_dir(root)
        results.add(
            "commune_fr_ar",
            timed(
                f"one commune, fr+ar (--territory {commune}) #{i + 1}",
                build_args(out, None, "commune", [commune]),
                out,
            ),
        )
    out = fresh_dir(root)
    run = timed(
        f"API: {len(api_codes) - 1} communes after a first one",
        [str(python_for_monographs()), "-c", API_SCRIPT, str(out), *api_codes],
        capture=True,
    )
    try:
        run.seconds = [float(s) for s in json.loads(run.stdout)]
    except ValueError:
        run.error = run.error or "the API script printed no timings"
    results.add("commune_api", run)


def measure_compare(results: Results, root: Path, repeat: int) -> None:
    """The comparison report of the 12 regions (French) cold, then again into the same
    folder, where nothing changed: it should be skipped."""
    for i in range(repeat):
        out = fresh_dir(root)
        args = [
            *monographs_command(),
            "compare",
            "--level",
            "region",
            "--lang",
            "fr",
            "--output",
            str(out),
            "--json",
        ]
        results.add(
            "compare", timed(f"comparison report, 12 regions, cold #{i + 1}", args, capture=True)
        )
        results.add(
            "compare_again", timed(f"comparison report, again #{i + 1}", args, capture=True)
        )


def compare_status(run: Run) -> str:
    """What a ``compare --json`` run says it did: ``built`` or ``skipped``."""
    try:
        data = json.loads(run.stdout)
    except ValueError:
        return "failed"
    data = data[0] if isinstance(data, list) else data
    return str(data.get("status", "built"))


def measure_provinces(results: Results, root: Path, repeat: int, codes: list[str]) -> None:
    """The regions and the prefectures/provinces in one process (``--territory`` per
    code, since ``--level`` takes one level), French, default jobs."""
    for i in range(repeat):
        out = fresh_dir(root)
        results.add(
            "all",
            timed(
                f"{len(codes)} regions+provinces, fr, default jobs #{i + 1}",
                build_args(out, None, None, codes, lang="fr"),
                out,
            ),
        )


def measure_communes(results: Results, root: Path, codes: list[str]) -> None:
    """The first communes in French, default jobs: a tenth of them first, then all, so
    that the two memory peaks can be compared (flat means no growth)."""
    for key, some in (("communes_few", codes[: max(len(codes) // 10, 2)]), ("communes", codes)):
        out = fresh_dir(root)
        results.add(
            key,
            timed(
                f"{len(some)} communes, fr, default jobs",
                build_args(out, None, None, some, lang="fr"),
                out,
            ),
        )


# ------------------------------------------------------------------------ the table


@dataclass
class Row:
    """One line of the final table: a figure's samples, its target and a note."""

    figure: str
    samples: list[float]
    unit: str = "s"  # "s", "B", "x" (a ratio), "p/s" (pages per CPU-second), "" (a count)
    target: float | None = None
    at_least: bool = False  # the target is a lower bound (else an upper one)
    note: str = ""
    verdict_override: str = ""  # e.g. "met"/"MISSED" decided from the runs, not the median

    @property
    def median(self) -> float:
        """The median of the samples."""
        return statistics.median(self.samples) if self.samples else float("nan")

    def verdict(self) -> str:
        """Whether the median meets the target."""
        if self.verdict_override:
            return self.verdict_override
        if self.target is None or not self.samples:
            return ""
        ok = self.median >= self.target if self.at_least else self.median < self.target
        return "met" if ok else "MISSED"

    def target_text(self) -> str:
        """The target as printed: ``< 3.00 s``, ``>= 2.00x``."""
        if self.target is None:
            return "skipped" if self.verdict_override else ""
        return f"{'>=' if self.at_least else '<'} {fmt(self.target, self.unit)}"


def fmt(value: float, unit: str) -> str:
    """A duration, a size, a ratio or a count, readable."""
    if value != value:  # NaN: nothing measured
        return "-"
    if unit == "B":
        return f"{value / GIB:.2f} GiB" if value >= GIB else f"{value / MIB:.0f} MiB"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "p/s":
        return f"{value:.1f} p/s"
    if unit == "":
        return f"{value:.0f}"
    if value >= 600:
        return f"{value / 60:.1f} min"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def medians(runs: list[Run], attr: str) -> float:
    """The median of one attribute over runs."""
    return statistics.median(getattr(r, attr) for r in runs)


def paired(a: list[Run], b: list[Run], f: Callable[[Run, Run], float]) -> list[float]:
    """``f`` of the i-th run of ``a`` and the i-th of ``b`` (runs made side by side)."""
    return [f(x, y) for x, y in zip(a, b, strict=False)]


def per_cpu_second(run: Run) -> float:
    """Pages made per CPU-second."""
    return run.pages / run.cpu if run.cpu else 0.0


def peer_rows(res: Results) -> list[Row]:
    """The 12 regions against the naive peer: wall, pages, pages per CPU-second."""
    ours, peer = res.get("regions_fr"), res.get("peer")
    rows = []
    if peer:
        rows.append(Row("peer: 12 regions (naive, one core), wall", [r.wall for r in peer]))
        rows.append(Row("peer: its pages", [r.pages for r in peer], unit=""))
        rows.append(
            Row("peer: pages per CPU-second", [per_cpu_second(r) for r in peer], unit="p/s")
        )
    if not ours:
        return rows
    rows.append(Row("12 regions, fr, cold, default jobs: wall", [r.wall for r in ours]))
    rows.append(Row("12 regions, fr: pages", [r.pages for r in ours], unit=""))
    rows.append(
        Row("12 regions, fr: pages per CPU-second", [per_cpu_second(r) for r in ours], unit="p/s")
    )
    if not peer:
        rows.append(Row("(no peer: --peer or MONOGRAPHS_PEER names none; ratios skipped)", []))
        return rows
    rows.append(
        Row(
            "  peer's wall / ours (12 regions, one language)",
            paired(peer, ours, lambda p, o: p.wall / o.wall),
            unit="x",
            target=TARGET_WALL_VS_PEER,
            at_least=True,
        )
    )
    rows.append(
        Row(
            "  our pages / the peer's",
            paired(ours, peer, lambda o, p: o.pages / max(p.pages, 1)),
            unit="x",
            target=TARGET_PAGES_VS_PEER,
            at_least=True,
        )
    )
    rows.append(
        Row(
            "  pages per CPU-second, ours / the peer's",
            paired(
                ours,
                peer,
                lambda o, p: per_cpu_second(o) / per_cpu_second(p) if per_cpu_second(p) else 0.0,
            ),
            unit="x",
            target=TARGET_PAGES_PER_CPU_VS_PEER,
            at_least=True,
        )
    )
    return rows


def language_rows(res: Results) -> list[Row]:
    """What a second language costs in the same build, wall and CPU."""
    fr, both = res.get("regions_fr"), res.get("regions_fr_ar")
    if not fr or not both:
        return []
    return [
        Row("12 regions, fr+ar, cold, default jobs: wall", [r.wall for r in both]),
        Row(
            "  second language (ar) / the first (fr), wall",
            paired(both, fr, lambda b, f: (b.wall - f.wall) / f.wall),
            unit="x",
            target=TARGET_SECOND_LANGUAGE,
        ),
        Row(
            "  second language (ar) / the first (fr), CPU",
            paired(both, fr, lambda b, f: (b.cpu - f.cpu) / f.cpu),
            unit="x",
            target=TARGET_SECOND_LANGUAGE,
        ),
    ]


def single_rows(res: Results, commune: str) -> list[Row]:
    """One commune, cold from the command line and warm through the API."""
    rows = []
    if res.get("commune_fr"):
        rows.append(
            Row(
                f"one commune ({commune}), fr, cold, CLI",
                [r.wall for r in res.get("commune_fr")],
                target=TARGET_COMMUNE_CLI_S,
            )
        )
    if res.get("commune_fr_ar"):
        rows.append(
            Row(
                f"one commune ({commune}), fr+ar, cold, CLI",
                [r.wall for r in res.get("commune_fr_ar")],
            )
        )
    api = [s for r in res.get("commune_api") for s in r.seconds]
    if res.get("commune_api"):
        rows.append(
            Row(
                "one commune, fr, API, after a first one in the process",
                api,
                target=TARGET_COMMUNE_API_S,
            )
        )
    return rows


def rebuild_rows(res: Results) -> list[Row]:
    """The no-change rebuild and the comparison report, cold and again."""
    rows = []
    if res.get("rebuild"):
        skipped = all(r.skipped and not r.built for r in res.get("rebuild"))
        rows.append(
            Row(
                "no-change rebuild, 12 regions, fr+ar (24 skipped)",
                [r.wall for r in res.get("rebuild")],
                target=TARGET_REBUILD_S,
                note="" if skipped else "some were rebuilt",
            )
        )
    if res.get("compare"):
        rows.append(
            Row(
                "comparison report, 12 regions, fr, cold",
                [r.wall for r in res.get("compare")],
                target=TARGET_COMPARE_S,
            )
        )
        again = res.get("compare_again")
        states = [compare_status(r) for r in again]
        rows.append(
            Row(
                "  again, nothing changed",
                [r.wall for r in again],
                verdict_override="met" if all(s == "skipped" for s in states) else "MISSED",
                note=", ".join(sorted(set(states))),
            )
        )
    return rows


def commune_rows(res: Results) -> list[Row]:
    """The many communes: wall time (projected to all of them) and memory growth."""
    few, many = res.get("communes_few"), res.get("communes")
    if not few or not many:
        return []
    n_few, n = few[0].built + few[0].failed, many[0].built + many[0].failed
    wall = [r.wall for r in many]
    whole = n >= ALL_COMMUNES
    rows = [
        Row(
            f"{n} communes, fr, default jobs",
            wall,
            target=TARGET_ALL_COMMUNES_S if whole else None,
            note=""
            if whole
            else f"x{ALL_COMMUNES / n:.1f} for all {ALL_COMMUNES}: "
            f"{fmt(statistics.median(wall) * ALL_COMMUNES / n, 's')} projected "
            f"(target {fmt(TARGET_ALL_COMMUNES_S, 's')})",
        ),
        Row(f"  peak memory, {n_few} communes: sum of RSS", [r.tree_rss for r in few], unit="B"),
        Row(
            f"  peak memory, {n} communes: sum of RSS",
            [r.tree_rss for r in many],
            unit="B",
            target=TARGET_MEMORY_B,
        ),
        Row(
            f"  peak memory at {n} / at {n_few}",
            paired(many, few, lambda m, f: m.tree_rss / f.tree_rss),
            unit="x",
            target=TARGET_COMMUNES_MEMORY + 1e-9,
        ),
    ]
    return rows


def other_rows(res: Results) -> list[Row]:
    """Start-up, seconds per monograph, CPU, memory of the 12 regions, provinces."""
    rows = []
    if res.get("startup"):
        rows.append(
            Row("start-up only (import monographs.cli)", [r.wall for r in res.get("startup")])
        )
    for key, name in [("regions_fr", "fr"), ("regions_fr_ar", "fr+ar")]:
        runs = res.get(key)
        if not runs:
            continue
        seconds = [s for r in runs for s in r.seconds]
        busy = statistics.median(r.cpu / r.wall for r in runs)
        rows.append(Row(f"12 regions, {name}: s per monograph (manifest)", seconds))
        rows.append(
            Row(
                f"12 regions, {name}: CPU time",
                [r.cpu for r in runs],
                note=f"{busy:.2f} cores busy",
            )
        )
        rows.append(
            Row(
                f"12 regions, {name}: peak sum of RSS",
                [r.tree_rss for r in runs],
                unit="B",
                target=TARGET_MEMORY_B,
            )
        )
    if res.get("regions_j1"):
        rows.append(
            Row(
                "12 regions, fr, --jobs 1, caches off: wall",
                [r.wall for r in res.get("regions_j1")],
            )
        )
    if res.get("all"):
        n = res.get("all")[0].built + res.get("all")[0].failed
        rows.append(
            Row(f"{n} regions+provinces, fr, default jobs: wall", [r.wall for r in res.get("all")])
        )
    return rows


def print_table(rows: list[Row]) -> None:
    """The final table: figure, median, spread, runs, target and verdict, note."""
    width = max(len(r.figure) for r in rows)
    print(
        f"\n{'figure':<{width}}  {'median':>10}  {'min-max':>21}  {'n':>3}  "
        f"{'target':>10}  {'':6}  note"
    )
    print("-" * (width + 70))
    for r in rows:
        spread = (
            f"{fmt(min(r.samples), r.unit)}-{fmt(max(r.samples), r.unit)}"
            if len(r.samples) > 1
            else ""
        )
        print(
            f"{r.figure:<{width}}  {fmt(r.median, r.unit):>10}  {spread:>21}  "
            f"{len(r.samples):>3}  {r.target_text():>10}  {r.verdict():6}  {r.note}"
        )


NOTES = """
What is measured:
- wall: a fresh process from spawn to exit (Python start-up, imports, atlas loading and
  validation, the build, the manifest), each into a new empty folder (the OS file cache is
  warm: this is a cold process, not a cold disk). n is the number of runs; figures are
  medians; a ratio's samples pair runs made side by side (its median is shown).
- the peer: the naive pipeline (matplotlib PNGs, Jinja2, WeasyPrint; 7-page reports, one
  process), run in the same session, before each of our 12-region builds; its pages are
  counted in its PDFs.
- default jobs: no --jobs (one worker per core, {cores} here). fr: --lang fr; fr+ar: the
  atlas's two languages, the default.
- second language: (wall or CPU of the fr+ar build - that of the fr build) / that of the
  fr build.
- pages per CPU-second: pages made / (user + system seconds of the process and its
  workers, from wait4()).
- no-change rebuild: the fr+ar build again into the same folder: every monograph skipped.
- API: one process loads the atlas, builds one commune, then others one at a time with
  monographs.build(atlas, BuildOptions(...)); each of those is a sample.
- comparison report: `monographs compare --level region --lang fr`, then the same again;
  "skipped" is what `--json` says the second did.
- communes (--communes N): the first N/10 and the first N communes in French; memory is
  the peak over time of the summed RSS of the build and its workers, read every {interval} s
  from /proc (pages shared after fork count once per process: an upper bound).
- s per monograph: the `seconds` of manifest.json (one monograph's own build, in a worker
  competing for the cores), median over every monograph of every run.
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


def profile(root: Path, top: int, lang: str | None) -> None:
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
    ] + (["--lang", lang] if lang else [])
    timed(f"12 regions{', ' + lang if lang else ''}, --jobs 1, under cProfile", args, out)
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
    p.add_argument("--quick", action="store_true", help="one run of each figure (as --repeat 1)")
    p.add_argument(
        "--repeat", type=int, default=3, metavar="N", help="runs of each figure (default 3)"
    )
    p.add_argument(
        "--peer",
        default=None,
        metavar="COMMAND",
        help="the naive peer's command, e.g. \"$HOME/peer-venv/bin/python "
        'PATH/naive/build.py" (default: $MONOGRAPHS_PEER; skipped when '
        "neither is set). It gets PEER_OUT, a fresh folder for its PDFs.",
    )
    p.add_argument(
        "--commune",
        default="Tanger",
        help="the commune to build alone, by name or code, looked up among the "
        "communes (default Tanger)",
    )
    p.add_argument(
        "--communes",
        type=int,
        default=0,
        metavar="N",
        help=f"also build the first N communes in French ({ALL_COMMUNES} for all; "
        "e.g. 150 for a projection) and report the peak memory of a tenth "
        "of them and of all: flat means no growth",
    )
    p.add_argument(
        "--provinces",
        action="store_true",
        help="also build the 12 regions and 75 provinces in one build",
    )
    p.add_argument(
        "--baseline", action="store_true", help="also build the 12 regions with --jobs 1 --no-cache"
    )
    p.add_argument("--no-compare", action="store_true", help="skip the comparison report")
    p.add_argument(
        "--web",
        action="store_true",
        help="also measure the web page (monographs serve; needs the [web] extra): search, "
        "an up-to-date PDF, an unbuilt commune, 20 communes at once (bench/web.py)",
    )
    p.add_argument(
        "--web-only", action="store_true", help="measure only the web page (implies --web)"
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
    p.add_argument(
        "--lang", default=None, help="with --profile: the languages to build (default: the atlas's)"
    )
    p.add_argument("--top", type=int, default=15, help="hot spots to list with --profile")
    args = p.parse_args(argv)
    if args.quick:
        args.repeat = 1
    if args.web_only:
        args.web = True
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def run_benchmark(args: argparse.Namespace, root: Path) -> Results:
    """Every measurement the options ask for, in order, each run printed as it ends."""
    results = Results()
    peer = peer_command(args.peer)
    if peer is None:
        print(
            "no peer: give its command with --peer or MONOGRAPHS_PEER (see "
            "bench/README.md); the ratios to it are skipped.",
            flush=True,
        )
    print("warming up (listing the territories, untimed)…", flush=True)
    commune_codes = list_codes("commune")
    codes = list_codes("region") + list_codes("province") if args.provinces else []
    communes = commune_codes[: args.communes] if args.communes else []
    api_codes = [commune_codes[i] for i in (0, 1, 400, 800, 1200) if i < len(commune_codes)]
    step: list[tuple[str, Callable[[], None]]] = [
        ("start-up", lambda: measure_startup(results, args.repeat)),
        ("12 regions", lambda: measure_regions(results, root, args.repeat, peer, args.baseline)),
        (
            "single communes",
            lambda: measure_single(results, root, args.repeat, args.commune, api_codes),
        ),
    ]
    if args.web_only:
        step = []
    if args.web:
        step.append(("web page", lambda: measure_web(results, root, args.repeat)))
    if not args.no_compare and not args.web_only:
        step.append(("comparison report", lambda: measure_compare(results, root, args.repeat)))
    if codes:
        step.append(("regions + provinces", lambda: measure_provinces(results, root, 1, codes)))
    if communes:
        step.append(("communes", lambda: measure_communes(results, root, communes)))
    for name, measure in step:
        print(f"{name}:", flush=True)
        measure()
    return results


def measure_web(results: Results, root: Path, repeat: int) -> None:
    """The web page's figures (bench/web.py), kept as rows for the table."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import web

    results.web_rows = [
        Row(figure, samples, unit, target, at_least, note)
        for figure, samples, unit, target, at_least, note in web.measure(
            str(python_for_monographs()), root, repeat
        )
    ]


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
            profile(root, args.top, args.lang)
            return 0
        context = context_lines()
        print("\n".join(context), flush=True)
        results = run_benchmark(args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    rows = (
        peer_rows(results)
        + language_rows(results)
        + single_rows(results, args.commune)
        + rebuild_rows(results)
        + commune_rows(results)
        + other_rows(results)
        + results.web_rows
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
