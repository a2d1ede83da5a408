"""Batches: nothing built twice, a manifest that says what happened, progress, Dask."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from monographs import BuildOptions, build
from monographs.batch.incremental import sha256_file
from monographs.batch.progress import LineProgress, reporter_for, summary
from monographs.batch.results import MonographResult
from monographs.cli import cli

MANIFEST_FIELDS = {
    "code",
    "name",
    "file",
    "input_hash",
    "pages",
    "bytes",
    "seconds",
    "status",
    "warnings",
    "sha256",
}


def statuses(result) -> dict[str, str]:
    return {m.code: m.status for m in result.monographs}


@pytest.fixture
def built(synthetic: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The synthetic atlas's regions, built once into a private folder."""
    out = tmp_path / "out"
    result = build(synthetic, BuildOptions(level="region", output=out, jobs=1))
    assert statuses(result) == {"A": "built", "B": "built", "C": "built"}
    return synthetic, out


def test_a_rebuild_without_change_skips_everything(built):
    atlas, out = built
    before = {p.name: p.stat().st_mtime_ns for p in (out / "region").glob("*.pdf")}
    result = build(atlas, BuildOptions(level="region", output=out, jobs=1))
    assert statuses(result) == {"A": "skipped", "B": "skipped", "C": "skipped"}
    assert result.ok
    after = {p.name: p.stat().st_mtime_ns for p in (out / "region").glob("*.pdf")}
    assert before == after


def test_force_rebuilds_and_gives_the_same_bytes(built):
    atlas, out = built
    old = {p.name: p.read_bytes() for p in (out / "region").glob("*.pdf")}
    result = build(atlas, BuildOptions(level="region", output=out, jobs=1, force=True))
    assert set(statuses(result).values()) == {"built"}
    assert {p.name: p.read_bytes() for p in (out / "region").glob("*.pdf")} == old


def test_a_changed_figure_rebuilds_only_the_monographs_that_show_it(built):
    atlas, out = built
    figures = atlas / "figures.csv"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(
        text.replace("A.1,population,2024,,120000", "A.1,population,2024,,121000"), encoding="utf-8"
    )
    result = build(atlas, BuildOptions(level="region", output=out, jobs=1))
    # A lists its province A.1; B and C do not read A.1's figures
    assert statuses(result) == {"A": "built", "B": "skipped", "C": "skipped"}


def test_a_changed_sibling_figure_rebuilds_the_siblings_that_rank_against_it(built):
    atlas, out = built
    figures = atlas / "figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines()
    lines.append("B,unemployment_rate_pct,2024,,99,census-2024,")
    figures.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(atlas, BuildOptions(level="region", output=out, jobs=1))
    assert set(statuses(result).values()) == {"built"}


def test_a_missing_or_altered_pdf_is_built_again(built):
    atlas, out = built
    (out / "region" / "a-alpha.fr.pdf").unlink()
    pdf_b = out / "region" / "b-beta-sud.fr.pdf"
    data = bytearray(pdf_b.read_bytes())
    data[-20] ^= 0xFF  # same size, other bytes
    pdf_b.write_bytes(bytes(data))
    result = build(atlas, BuildOptions(level="region", output=out, jobs=1))
    assert statuses(result) == {"A": "built", "B": "built", "C": "skipped"}


def test_other_options_are_other_inputs(built):
    atlas, out = built
    result = build(atlas, BuildOptions(level="region", output=out, jobs=1, keep_html=True))
    assert set(statuses(result).values()) == {"built"}


def test_the_manifest_records_each_monograph(built):
    _, out = built
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["code"]: e for e in data["monographs"]}
    assert set(entries) == {"A", "B", "C"}
    for entry in entries.values():
        assert set(entry) >= MANIFEST_FIELDS
        path = Path(entry["file"])
        assert path.stat().st_size == entry["bytes"]
        assert sha256_file(path) == entry["sha256"]
        assert len(entry["input_hash"]) == 64
        assert entry["status"] == "built"
    assert entries["A"]["input_hash"] != entries["B"]["input_hash"]


def test_outputs_are_readable_by_others(built):
    _, out = built
    mode = (out / "region" / "a-alpha.fr.pdf").stat().st_mode & 0o777
    assert mode & 0o044  # not the private mode of a temporary file


def test_plain_lines_when_not_a_terminal_and_a_summary():
    stream = io.StringIO()
    reporter = reporter_for(stream)
    assert isinstance(reporter, LineProgress)
    reporter.start(2)
    reporter.advance(MonographResult("A", "Alpha", "built", seconds=1.25))
    reporter.advance(MonographResult("B", "Bêta", "failed", error="ValueError: boom"))
    reporter.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[1/2] built") and "A Alpha" in lines[0]
    assert lines[1].startswith("[2/2] failed") and "ValueError: boom" in lines[1]


def test_quiet_lines_show_only_failures():
    stream = io.StringIO()
    reporter = reporter_for(stream, quiet=True)
    reporter.start(2)
    reporter.advance(MonographResult("A", "Alpha", "built"))
    reporter.advance(MonographResult("B", "Bêta", "failed", error="boom"))
    assert stream.getvalue().count("\n") == 1 and "boom" in stream.getvalue()


def test_a_bar_on_a_terminal(monkeypatch):
    from monographs.batch.progress import BarProgress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    reporter = reporter_for(Tty())
    assert isinstance(reporter, BarProgress)
    reporter.start(1)
    reporter.advance(MonographResult("A", "Alpha", "built"))
    reporter.finish()
    monkeypatch.setenv("CI", "1")
    assert isinstance(reporter_for(Tty()), LineProgress)


def test_cli_summary_counts_built_and_skipped(built):
    atlas, out = built
    res = CliRunner().invoke(
        cli, ["build", "--atlas", str(atlas), "--output", str(out), "--jobs", "1"]
    )
    assert res.exit_code == 0, res.output
    assert "0 built, 0 failed, 3 skipped (up to date)" in res.output
    res = CliRunner().invoke(
        cli,
        ["build", "--atlas", str(atlas), "--output", str(out), "--jobs", "1", "--force", "--quiet"],
    )
    assert res.exit_code == 0, res.output
    assert "3 built, 0 failed, 0 skipped" in res.output
    assert "[1/3]" not in res.output


def test_summary_names_each_failure():
    from monographs.batch.results import BuildResult

    result = BuildResult(
        [
            MonographResult("A", "Alpha", "built"),
            MonographResult("B", "Bêta", "failed", error="RenderError: x"),
        ]
    )
    lines = summary(result)
    assert lines[0].startswith("1 built, 1 failed, 0 skipped")
    assert "B Bêta: RenderError: x" in lines[1]


def test_worker_processes_give_the_bytes_of_a_serial_build(built, tmp_path: Path):
    atlas, out = built
    out2 = tmp_path / "out2"
    result = build(atlas, BuildOptions(level="region", output=out2, jobs=2))
    assert set(statuses(result).values()) == {"built"}
    for pdf in (out / "region").glob("*.pdf"):
        assert (out2 / "region" / pdf.name).read_bytes() == pdf.read_bytes()


def test_dask_on_a_local_cluster_builds_the_same_monographs(built, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    atlas, out = built
    out2 = tmp_path / "dask"
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = build(
            atlas, BuildOptions(level="region", output=out2, executor="dask", scheduler=client)
        )
    assert statuses(result) == {"A": "built", "B": "built", "C": "built"}
    for pdf in (out / "region").glob("*.pdf"):
        assert (out2 / "region" / pdf.name).read_bytes() == pdf.read_bytes()
    assert (out2 / "region" / "a-alpha.collect.csv").is_file()
    again = build(
        atlas,
        BuildOptions(level="region", output=out2, executor="dask", scheduler="tcp://127.0.0.1:1"),
    )  # nothing to do
    assert set(statuses(again).values()) == {"skipped"}


def test_dask_without_a_scheduler_is_a_clear_error(built, tmp_path: Path):
    atlas, _ = built
    from monographs.errors import MonographError

    with pytest.raises(MonographError, match="--scheduler"):
        build(atlas, BuildOptions(level="region", output=tmp_path / "x", executor="dask"))


def test_recycled_workers_build_everything(synthetic: Path, tmp_path: Path):
    result = build(
        synthetic, BuildOptions(level="province", output=tmp_path / "o", jobs=2, recycle_after=2)
    )
    assert len(result.monographs) == 6 and result.ok
    assert [m.code for m in result.monographs] == sorted(m.code for m in result.monographs)
    shutil.rmtree(tmp_path / "o")
