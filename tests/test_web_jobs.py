"""The web page's job pool: workers that crash or hang are replaced and their job
reported failed; builds beside CLI builds keep every manifest entry."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from monographs.web.jobs import JobPool, QueueFull


def wait(job, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not job.over and time.monotonic() < end:
        time.sleep(0.05)
    assert job.over


def test_the_queue_is_bounded_and_identical_jobs_join(tmp_path: Path):
    pool = JobPool(None, tmp_path, workers=1, max_queue=2)  # never started
    a = pool.submit("monograph", {"code": "01", "lang": "fr"})
    assert pool.submit("monograph", {"code": "01", "lang": "fr"}) is a
    b = pool.submit("monograph", {"code": "02", "lang": "fr"})
    assert pool.position(a) == 0 and pool.position(b) == 1
    assert pool.expected_seconds(b) > pool.expected_seconds(a)
    with pytest.raises(QueueFull) as full:
        pool.submit("monograph", {"code": "03", "lang": "fr"})
    assert full.value.retry_after > 0


@pytest.fixture(scope="module")
def pool(synthetic_master: Path, tmp_path_factory: pytest.TempPathFactory):
    p = JobPool(synthetic_master, tmp_path_factory.mktemp("jobs"), workers=1, timeout=120)
    p.start()
    assert p.wait_ready()
    yield p
    p.stop()


def test_a_crashed_worker_is_replaced_and_its_job_failed(pool):
    before = pool.worker_pids
    job = pool.submit("monograph", {"code": "A.1", "lang": "fr"})
    while job.state == "queued":
        time.sleep(0.01)
    os.kill(before[0], signal.SIGKILL)
    wait(job)
    assert job.state == "failed" and "crashed" in job.error
    after = pool.submit("monograph", {"code": "A.2", "lang": "fr"})
    wait(after)
    assert after.state == "done", after.error
    assert pool.worker_pids and pool.worker_pids != before


def test_a_job_over_its_timeout_is_failed_and_the_worker_replaced(pool):
    pool.timeout = 0.01
    try:
        job = pool.submit("monograph", {"code": "B.1", "lang": "fr"})
        wait(job)
    finally:
        pool.timeout = 120
    assert job.state == "failed" and "timeout" in job.error
    again = pool.submit("monograph", {"code": "B.1", "lang": "fr"})
    wait(again)
    assert again.state == "done", again.error


def test_an_unknown_code_fails_the_job_with_a_reason(pool):
    job = pool.submit("monograph", {"code": "NOPE", "lang": "fr"})
    wait(job)
    assert job.state == "failed" and "NOPE" in job.error


def test_web_and_cli_builds_into_one_folder_keep_every_entry(pool, synthetic_master):
    """A CLI build of every province while the web's worker builds regions into the same
    folder: the manifest keeps the entries of both."""
    from monographs import BuildOptions, build
    from monographs.batch.manifest import read_manifest

    jobs = [pool.submit("monograph", {"code": c, "lang": "fr"}) for c in ("A", "B", "C")]
    build(synthetic_master, BuildOptions(level="province", output=pool.output, jobs=1))
    for job in jobs:
        wait(job)
        assert job.state == "done", job.error
    entries = read_manifest(pool.output)
    for code in ("A", "B", "C"):
        assert entries[f"{code}\tfr"]["status"] in {"built", "skipped"}
    for code in ("A.1", "A.2", "B.1", "B.2", "C.1", "C.2"):
        assert any(k.startswith(f"{code}\t") for k in entries), code
