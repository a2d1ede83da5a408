"""Builds running beside each other into one output folder: no manifest entry lost, no
other build's temporary file removed, no stale entry for a file written over."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

from monographs.batch.manifest import read_manifest, write_manifest
from monographs.batch.output import remove_temporaries
from monographs.batch.results import BuildResult, MonographResult
from monographs.text import files

PER_PROCESS = 100


def _record(out: str, prefix: str, start) -> None:
    start.wait()
    for i in range(PER_PROCESS):  # one monograph at a time: the race at its tightest
        m = MonographResult(f"{prefix}{i:03d}", "x", "built", f"{out}/region/{prefix}{i}.pdf")
        write_manifest(BuildResult([m]), Path(out))


def test_two_processes_recording_100_monographs_each_lose_no_entry(tmp_path: Path):
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [ctx.Process(target=_record, args=(str(tmp_path), p, start)) for p in "PQ"]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert len(data["monographs"]) == 2 * PER_PROCESS


def test_a_build_removes_only_its_own_temporary_files(tmp_path: Path):
    region = tmp_path / "region"
    region.mkdir()
    mine = region / f".a.pdf.{files.TEMP_TAG}.abcd.tmp"
    other_alive = region / f".b.pdf.{os.getppid()}x0a0b0c.efgh.tmp"  # a live process
    dead = region / ".c.pdf.999999999x0a0b0c.ijkl.tmp"  # no such process
    for path in (mine, other_alive, dead):
        path.write_bytes(b"partial")
    remove_temporaries(tmp_path, ["country", "region"])
    assert not mine.exists() and not dead.exists()
    assert other_alive.exists(), "another live build's temporary file was removed"


def test_a_file_written_over_drops_the_entry_that_named_it(tmp_path: Path):
    pdf = f"{tmp_path}/region/a-alpha.fr.pdf"
    write_manifest(BuildResult([MonographResult("A", "Alpha", "built", pdf, lang="en")]), tmp_path)
    write_manifest(BuildResult([MonographResult("A", "Alpha", "built", pdf, lang="fr")]), tmp_path)
    entries = read_manifest(tmp_path)
    assert [(e["code"], e["lang"]) for e in entries.values()] == [("A", "fr")]


def test_a_manifest_that_is_a_json_list_reads_as_empty(tmp_path: Path):
    (tmp_path / "manifest.json").write_text("[1, 2, 3]", encoding="utf-8")
    assert read_manifest(tmp_path) == {}
    write_manifest(
        BuildResult([MonographResult("A", "Alpha", "built", "x/region/a.pdf")]), tmp_path
    )
    assert list(read_manifest(tmp_path)) == ["A\t"]
