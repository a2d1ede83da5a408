"""Faults during a batch: a territory that raises, a worker killed, a folder that takes no
files, a full disk, Ctrl-C. Each leaves the others built, the previous PDFs intact, no
temporary file, and a manifest that tells the truth."""

from __future__ import annotations

import errno
import importlib
import json
import os
import signal
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from monographs import BuildOptions, build
from monographs.batch.incremental import sha256_file
from monographs.cli import cli
from monographs.errors import MonographError

jobs_module = importlib.import_module("monographs.batch.jobs")
output_module = importlib.import_module("monographs.batch.output")


def statuses(result) -> dict[str, str]:
    return {m.code: m.status for m in result.monographs}


def manifest(out: Path) -> dict[str, dict]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["code"]: e for e in data["monographs"]}


def temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp") or ".monographs-check" in p.name]


def pdfs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (out / "region").glob("*.pdf")}


def sabotage(monkeypatch, code: str, action) -> None:
    """Make ``render_monograph`` run ``action()`` for one territory."""
    real = jobs_module.render_monograph

    def render(builder, c, lang=None, pdf_variant=None):
        if c == code:
            action()
        return real(builder, c, lang, pdf_variant)

    monkeypatch.setattr(jobs_module, "render_monograph", render)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_territory_that_raises_is_reported_and_the_others_are_built(
    synthetic: Path, tmp_path: Path, monkeypatch, jobs: int
):
    def boom():
        raise ValueError("no figures for Bêta")

    sabotage(monkeypatch, "B", boom)
    out = tmp_path / "out"
    result = build(synthetic, BuildOptions(level="region", output=out, jobs=jobs))
    assert statuses(result) == {"A": "built", "B": "failed", "C": "built"}
    assert not result.ok
    assert "no figures for Bêta" in result.failed[0].error
    assert manifest(out)["B"]["status"] == "failed"


def test_the_command_exits_1_and_names_the_failure(synthetic: Path, tmp_path: Path, monkeypatch):
    def boom():
        raise ValueError("no figures for Bêta")

    sabotage(monkeypatch, "B", boom)
    res = CliRunner().invoke(
        cli, ["build", "--atlas", str(synthetic), "--output", str(tmp_path / "o"), "--jobs", "1"]
    )
    assert res.exit_code == 1
    assert "2 built, 1 failed" in res.output
    assert "failed B Bêta-Sud: ValueError: no figures for Bêta" in res.output
    assert "Traceback" not in res.output


def test_a_killed_worker_does_not_sink_the_batch_and_a_rerun_completes_it(
    synthetic: Path, tmp_path: Path, monkeypatch
):
    sabotage(monkeypatch, "B", lambda: os.kill(os.getpid(), signal.SIGKILL))
    out = tmp_path / "out"
    result = build(synthetic, BuildOptions(level="region", output=out, jobs=2))
    assert statuses(result) == {"A": "built", "B": "failed", "C": "built"}
    assert "worker process" in result.failed[0].error
    monkeypatch.undo()
    again = build(synthetic, BuildOptions(level="region", output=out, jobs=2))
    assert statuses(again) == {"A": "skipped", "B": "built", "C": "skipped"}
    assert not temporaries(out)


def test_a_worker_killed_once_is_replaced_and_its_territory_built(
    synthetic: Path, tmp_path: Path, monkeypatch
):
    marker = tmp_path / "killed-once"

    def kill_once():
        if not marker.exists():
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)

    sabotage(monkeypatch, "A", kill_once)
    result = build(synthetic, BuildOptions(level="region", output=tmp_path / "out", jobs=2))
    assert marker.exists()
    assert statuses(result) == {"A": "built", "B": "built", "C": "built"}


def test_an_output_folder_that_takes_no_files_is_a_clear_error(
    synthetic: Path, tmp_path: Path, monkeypatch
):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(MonographError, match="a-file"):
        build(synthetic, BuildOptions(level="region", output=blocked))

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    out = tmp_path / "out"
    monkeypatch.setattr(output_module.tempfile, "mkstemp", refuse)
    res = CliRunner().invoke(cli, ["build", "--atlas", str(synthetic), "--output", str(out)])
    assert res.exit_code == 1
    assert f"cannot write into the output folder {out}: Permission denied" in res.output
    assert "Traceback" not in res.output


def test_a_full_disk_keeps_the_previous_pdfs_and_says_so(
    synthetic: Path, tmp_path: Path, monkeypatch
):
    out = tmp_path / "out"
    build(synthetic, BuildOptions(level="region", output=out, jobs=1))
    before = pdfs(out)
    seen = []

    class Recorder:
        def start(self, total):
            pass

        def advance(self, result):
            seen.append(result)

        def finish(self):
            pass

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(MonographError, match="manifest.*the disk is full"):
        build(synthetic, BuildOptions(level="region", output=out, jobs=1, force=True), Recorder())
    monkeypatch.undo()
    assert [r.status for r in seen] == ["failed"] * 3
    assert all("the disk is full" in r.error and str(out) in r.error for r in seen)
    assert pdfs(out) == before
    assert not temporaries(out)
    assert {e["status"] for e in manifest(out).values()} == {"built"}  # the previous one


def test_ctrl_c_leaves_no_temporary_file_and_a_true_manifest(
    synthetic: Path, tmp_path: Path, monkeypatch
):
    out = tmp_path / "out"
    real_fsync = os.fsync
    calls = []

    def interrupted(fd):
        calls.append(fd)
        if len(calls) == 5:  # A's three files and the first file of B
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(synthetic, BuildOptions(level="region", output=out, jobs=1))
    monkeypatch.undo()
    assert not temporaries(out)
    entries = manifest(out)
    assert set(entries) == {"A"}
    assert sha256_file(Path(entries["A"]["file"])) == entries["A"]["sha256"]
    again = build(synthetic, BuildOptions(level="region", output=out, jobs=1))
    assert statuses(again) == {"A": "skipped", "B": "built", "C": "built"}


def test_ctrl_c_exits_130(synthetic: Path, tmp_path: Path, monkeypatch):
    def interrupt():
        raise KeyboardInterrupt

    sabotage(monkeypatch, "B", interrupt)
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli, ["build", "--atlas", str(synthetic), "--output", str(out), "--jobs", "1"]
    )
    assert res.exit_code == 130
    assert "Interrupted" in res.output
    assert set(manifest(out)) == {"A"}
    assert not temporaries(out)


# --- issue 19: faults that were internal errors -----------------------------------------


def _compare(synthetic: Path, out: Path) -> object:
    return CliRunner().invoke(
        cli, ["compare", "--atlas", str(synthetic), "--output", str(out), "--lang", "fr"]
    )


def _named(res, *fragments: str) -> None:
    assert res.exit_code == 1, res.output
    assert "Internal error" not in res.output and "Traceback" not in res.output
    for fragment in fragments:
        assert fragment in res.output, res.output


def test_compare_into_an_output_that_is_a_file(synthetic: Path, tmp_path: Path):
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    _named(_compare(synthetic, blocked), "cannot write into the output folder", "a-file")


def test_compare_whose_compare_folder_is_a_file(synthetic: Path, tmp_path: Path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "compare").write_text("x")
    _named(_compare(synthetic, tmp_path / "out"), "it is a file, not a folder")


def test_compare_into_a_read_only_folder(synthetic: Path, tmp_path: Path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output_module.tempfile, "mkstemp", refuse)
    _named(_compare(synthetic, tmp_path / "out"), "Permission denied", "out")


def test_compare_onto_a_full_disk(synthetic: Path, tmp_path: Path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    res = _compare(synthetic, tmp_path / "out")
    _named(res, "the disk is full", "region.pdf")
    assert not temporaries(tmp_path / "out")


def test_an_unreachable_dask_scheduler_is_named(synthetic: Path, tmp_path: Path):
    pytest.importorskip("distributed")
    address = "tcp://127.0.0.1:9"
    opts = BuildOptions(level="region", output=tmp_path / "o", executor="dask", scheduler=address)
    with pytest.raises(MonographError, match="127.0.0.1:9"):
        build(synthetic, opts)


def test_dask_workers_rebuild_from_the_atlas_as_it_is_now(synthetic: Path, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    from bad_inputs.cases import set_cell

    out = tmp_path / "out"
    opts = BuildOptions(level="region", territories=("A",), output=out, executor="dask")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        first = build(synthetic, replace(opts, scheduler=client))
        set_cell(synthetic / "territories.csv", "A", "name_fr", "Alpha Renommée")
        again = build(synthetic, replace(opts, scheduler=client, force=True))
    assert first.monographs[0].name == "Alpha"
    assert again.monographs[0].name == "Alpha Renommée"


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_sigterm_behaves_like_ctrl_c(synthetic: Path, tmp_path: Path):
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "monographs", "build", "--atlas", str(synthetic), "--output",
         str(out), "--level", "province", "-j", "2", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not list((out / "province").glob("*.pdf")) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert "Terminated" in stderr and "Traceback" not in stderr
    deadline = time.monotonic() + 3
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "workers still running"
    assert not temporaries(out)
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["monographs"]
    assert entries and all(sha256_file(Path(e["file"])) == e["sha256"] for e in entries)
