"""Rerun the hostile and clumsy cases (issue 19) through the real command line, and count.

For each case of ``tests/bad_inputs`` (the issue's own, ``hostile.py``; with ``--all``
the project's whole corpus too) a fresh synthetic atlas is broken, then
``monographs validate ATLAS --json`` and ``monographs build`` run in subprocesses, under
``strace`` when it is installed (every ``open``/``openat`` and ``connect`` recorded). Then:

- named: the expected problem code (or message) was given, or, for a case that must be
  built, the PDF was written inside the output folder;
- internal errors and tracebacks in any output;
- fetches: ``connect`` calls to a network address;
- files read outside the atlas: files opened (symbolic links resolved) that lie in the
  case's folder outside the atlas and the output, or are ``/etc/passwd``;
- written outside the output: files of the case's folder, outside the output, that
  appeared or changed;
- then the manifest race: two processes recording 100 monographs each.

    python scripts/hostile_cases.py            # the issue's cases
    python scripts/hostile_cases.py --all      # and the project's whole corpus
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from atlas_factory import make_atlas  # noqa: E402
from bad_inputs import hostile  # noqa: E402
from bad_inputs.cases import CASES, Case  # noqa: E402

OPEN = re.compile(r'open(?:at)?\((?:AT_FDCWD, )?"([^"]+)".*\) = (\d+)')
CONNECT = re.compile(r"connect\(\d+, \{sa_family=AF_INET6?,.*\) = (0|-1 EINPROGRESS)")


def snapshot(folder: Path, skip: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file() and not p.is_relative_to(skip)
    }


def run(args: list[str], cwd: Path, trace: Path | None) -> tuple[int, str, float]:
    cmd = [sys.executable, "-m", "monographs", *args]
    if trace is not None:
        cmd = ["strace", "-f", "-qq", "-e", "trace=open,openat,connect", "-o", str(trace), *cmd]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    return proc.returncode, proc.stdout + proc.stderr, time.monotonic() - start


def reads_and_fetches(trace: Path, case_dir: Path, atlas: Path, out: Path) -> tuple[set, int]:
    outside, fetches = set(), 0
    if not trace.exists():
        return outside, 0
    for line in trace.read_text(errors="replace").splitlines():
        if m := OPEN.search(line):
            real = Path(os.path.realpath(m.group(1)))
            inside_case = real.is_relative_to(case_dir.resolve())
            ours = real.is_relative_to(atlas.resolve()) or real.is_relative_to(out.resolve())
            foreign = (inside_case and not ours) or str(real) == "/etc/passwd"
            if foreign and not real.is_dir():
                outside.add(str(real))
        elif CONNECT.search(line) and "127.0.0.53" not in line:
            fetches += 1
    return outside, fetches


def one(case: Case, master: Path, use_strace: bool) -> dict:
    case_dir = Path(tempfile.mkdtemp(prefix=f"hostile-{case.name[:30]}-"))
    atlas = Path(shutil.copytree(master, case_dir / "atlas"))
    case.breaks(atlas)
    out, cwd = case_dir / "out", case_dir / "cwd"
    cwd.mkdir()
    before = snapshot(case_dir, out)
    report = {"case": case.name, "named": True, "internal": 0, "traceback": 0, "seconds": 0.0}
    reads: set[str] = set()
    fetches = 0
    build_args = ["build", "--atlas", str(atlas), "--output", str(out), "--territory"]
    build_args += [case.territory, "--jobs", "1"]
    for label, args in (("validate", ["validate", str(atlas), "--json"]), ("build", build_args)):
        if label == "build" and not (case.status or case.build):
            continue
        trace = case_dir / f"{label}.strace" if use_strace else None
        status, output, seconds = run(args, cwd, trace)
        report["seconds"] = max(report["seconds"], round(seconds, 2))
        report["internal"] += "Internal error" in output or status == 2
        report["traceback"] += "Traceback" in output
        if trace is not None:
            found, n = reads_and_fetches(trace, case_dir, atlas, out)
            reads |= found
            fetches += n
            trace.unlink()
        if case.status:
            named = status == 1 and (
                (case.code is not None and case.code in output) or (case.message or "") in output
            )
        else:
            pdfs = list(out.rglob("*.pdf")) if label == "build" else []
            named = status == 0 and (label == "validate" or len(pdfs) == 1)
        report["named"] &= bool(named)
    after = snapshot(case_dir, out)
    report["written_outside"] = sorted(k for k in after if before.get(k) != after[k])
    report["read_outside"] = sorted(reads)
    report["fetches"] = fetches
    shutil.rmtree(case_dir, ignore_errors=True)
    return report


def _record(out: str, prefix: str, start) -> None:
    from monographs.batch.manifest import write_manifest
    from monographs.batch.results import BuildResult, MonographResult

    start.wait()
    for i in range(100):
        m = MonographResult(f"{prefix}{i:03d}", "x", "built", f"{out}/region/{prefix}{i}.pdf")
        write_manifest(BuildResult([m]), Path(out))


def race() -> int:
    """Two processes recording 100 monographs each into one manifest: entries lost."""
    out = tempfile.mkdtemp(prefix="hostile-race-")
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_record, args=(out, p, start)) for p in "PQ"]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join()
    data = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    shutil.rmtree(out, ignore_errors=True)
    return 200 - len(data["monographs"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="the project's whole corpus too")
    parser.add_argument("--no-strace", action="store_true", help="do not trace system calls")
    parser.add_argument("-k", default="", help="only cases whose name holds this")
    args = parser.parse_args()
    names = {n for n, v in vars(hostile).items() if callable(v)}
    cases = [c for c in CASES if (args.all or c.name in names) and args.k in c.name]
    use_strace = shutil.which("strace") is not None and not args.no_strace
    master = make_atlas(Path(tempfile.mkdtemp(prefix="hostile-master-")) / "atlas")
    reports = []
    for case in cases:
        r = one(case, master, use_strace)
        reports.append(r)
        flags = [k for k in ("internal", "traceback", "fetches") if r[k]]
        flags += ["read-outside"] * bool(r["read_outside"])
        flags += ["written-outside"] * bool(r["written_outside"])
        flags += [] if r["named"] else ["NOT-NAMED"]
        print(f"{r['seconds']:6.2f} s  {case.name:<48} {' '.join(flags) or 'ok'}", flush=True)
        for path in r["read_outside"] + r["written_outside"]:
            print(f"           {path}")
    lost = race()
    slowest = max(reports, key=lambda r: r["seconds"])
    summary = {
        "cases tried": len(reports),
        "named": sum(r["named"] for r in reports),
        "internal errors": sum(bool(r["internal"]) for r in reports),
        "tracebacks": sum(bool(r["traceback"]) for r in reports),
        "fetches": sum(r["fetches"] for r in reports) if use_strace else "not traced",
        "files read outside the atlas": (
            sum(len(r["read_outside"]) for r in reports) if use_strace else "not traced"
        ),
        "files written outside the output": sum(len(r["written_outside"]) for r in reports),
        "manifest entries lost in the race (2 x 100)": lost,
        "slowest case": f"{slowest['case']} ({slowest['seconds']} s, validate or build)",
    }
    print(json.dumps(summary, indent=2))
    ok = summary["named"] == len(reports) and not any(
        summary[k] for k in ("internal errors", "tracebacks", "files written outside the output")
    )
    return 0 if ok and not lost else 1


if __name__ == "__main__":
    sys.exit(main())
