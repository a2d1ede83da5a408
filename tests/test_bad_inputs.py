"""Every broken atlas of ``bad_inputs/cases.py`` through the command line.

For each case: ``monographs validate DIR --json`` gives the expected exit status and
problem code (or, when loading must stop, a clear message); ``monographs build`` refuses
it (or builds it, for warnings only); neither shows a traceback, and neither writes
anything outside the output folder — the atlas folder gains or changes no file, and a
refused build leaves no PDF. Most cases run in-process through click's runner; those
marked ``subprocess`` also run through the real console script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_inputs.cases import CASES, Case
from click.testing import CliRunner

from monographs.cli import cli

SCRIPT = Path(sys.executable).with_name("monographs")


def _params(which: str, cases: list[Case]) -> list:
    params = []
    for c in cases:
        reason = c.xfail or (c.validate_xfail if which == "validate" else c.build_xfail)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(c, id=c.name, marks=marks))
    return params


VALIDATE_CASES = _params("validate", CASES)
BUILD_CASES = _params("build", [c for c in CASES if c.status or c.build])
SUBPROCESS_CASES = [p for p in VALIDATE_CASES if p.values[0].subprocess]


@dataclass
class Run:
    """What one command did."""

    status: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (but ``skip``) with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file() and not (skip and p.is_relative_to(skip))
    }


def in_process(args: list[str]) -> Run:
    """Run the command line in this process; an unforeseen exception fails the test."""
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"`monographs {' '.join(args)}` raised instead of reporting:\n{tb}")
    return Run(result.exit_code, result.stdout, result.stderr)


def console_script(args: list[str], cwd: Path) -> Run:
    """Run the installed ``monographs`` script in a subprocess."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=180, env=env
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@dataclass
class Setup:
    atlas: Path
    out: Path
    cwd: Path
    before: dict[str, tuple[int, int]]
    around: dict[str, tuple[int, int]]


def prepare(case: Case, synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Setup:
    """Break the atlas copy, snapshot it and its surroundings, and work from an empty cwd."""
    case.breaks(synthetic)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "out"
    return Setup(synthetic, out, cwd, snapshot(synthetic), snapshot(tmp_path, skip=out))


def check_common(case: Case, run: Run, setup: Setup, tmp_path: Path) -> None:
    """What every command must respect, whatever the case."""
    assert "Traceback" not in run.output, run.output
    assert "Internal error" not in run.output, run.output
    for text in case.absent:
        assert text not in run.output, f"{text!r} shows in:\n{run.output}"
    assert snapshot(setup.atlas) == setup.before, "the atlas folder changed"
    assert snapshot(tmp_path, skip=setup.out) == setup.around, (
        "something was written outside the output folder"
    )
    assert list(setup.cwd.iterdir()) == [], "something was written in the working directory"


def check_validate(case: Case, run: Run) -> None:
    assert run.status == case.status, run.output
    if case.code:
        report = json.loads(run.stdout)
        codes = {p["code"] for p in report["problems"]}
        assert case.code in codes, run.output
        assert report["valid"] is (case.status == 0)
    if case.message:
        assert case.message in run.output, run.output


def check_build(case: Case, run: Run, out: Path) -> None:
    written = sorted(p for p in out.rglob("*") if p.is_file()) if out.exists() else []
    pdfs = [p for p in written if p.suffix == ".pdf"]
    if case.status:
        assert run.status == 1, run.output
        assert pdfs == [], "a refused build wrote PDFs"
        assert written == [], "a refused build wrote files"
        if case.code:
            assert f"[{case.code}]" in run.stderr, run.output
        if case.message:
            assert case.message in run.output, run.output
    else:
        assert run.status == 0, run.output
        assert "1 built, 0 failed" in run.stdout, run.output
        assert len(pdfs) == 1 and pdfs[0].is_relative_to(out), written
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.[a-z]{2}\.pdf", pdfs[0].name), pdfs[0].name


def build_args(case: Case, setup: Setup) -> list[str]:
    return [
        "build",
        "--atlas",
        str(setup.atlas),
        "--output",
        str(setup.out),
        "--territory",
        case.territory,
        "--jobs",
        "1",
    ]


@pytest.mark.parametrize("case", VALIDATE_CASES)
def test_validate(case: Case, synthetic: Path, tmp_path: Path, monkeypatch):
    setup = prepare(case, synthetic, tmp_path, monkeypatch)
    run = in_process(["validate", str(setup.atlas), "--json"])
    check_common(case, run, setup, tmp_path)
    check_validate(case, run)


@pytest.mark.parametrize("case", BUILD_CASES)
def test_build(case: Case, synthetic: Path, tmp_path: Path, monkeypatch):
    setup = prepare(case, synthetic, tmp_path, monkeypatch)
    run = in_process(build_args(case, setup))
    check_common(case, run, setup, tmp_path)
    check_build(case, run, setup.out)


@pytest.mark.skipif(
    not SCRIPT.is_file(), reason="the monographs console script is not installed beside this Python"
)
@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_console_script(case: Case, synthetic: Path, tmp_path: Path, monkeypatch):
    setup = prepare(case, synthetic, tmp_path, monkeypatch)
    run = console_script(["validate", str(setup.atlas), "--json"], setup.cwd)
    check_common(case, run, setup, tmp_path)
    check_validate(case, run)
    run = console_script(build_args(case, setup), setup.cwd)
    check_common(case, run, setup, tmp_path)
    check_build(case, run, setup.out)


def test_the_corpus_is_large_and_well_formed():
    names = [c.name for c in CASES]
    assert len(names) >= 30 and len(set(names)) == len(names)
    for c in CASES:
        assert c.status in (0, 1), c.name
        assert c.code or c.message or c.absent or c.status == 0, c.name
