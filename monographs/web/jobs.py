"""The web page's jobs: a bounded queue served by worker processes.

Each worker process (:mod:`monographs.web.worker`) loads and validates the atlas once at
start-up. A slot thread of the server feeds its worker one job at a time and watches it:
a job that outlives its timeout has its worker killed, a worker that dies (a crash, the
out-of-memory killer) is noticed; in both cases the job is reported failed and a fresh
worker takes the slot. Identical requests join one job; beyond ``max_queue`` waiting
jobs, :class:`QueueFull` is raised (the page answers 503 with Retry-After).

The server's request handlers only submit and read jobs (under a lock): none waits for a
build, so a waiting page holds no thread.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import statistics
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from monographs.web import worker as worker_module

log = logging.getLogger(__name__)

State = Literal["queued", "running", "done", "failed"]
#: Seconds a kind of job is expected to take before any has finished here.
FIRST_GUESS = {"monograph": 3.0, "comparison": 10.0}
KEEP_FINISHED = 500  # finished jobs remembered for their pages


class QueueFull(Exception):
    """More jobs wait than the queue holds; ``retry_after`` is a guess in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the queue is full; retry in {retry_after} s")
        self.retry_after = retry_after


@dataclass
class Job:
    """One report to build, and what became of it."""

    id: str
    kind: str
    params: dict[str, Any]
    requested_by: str = ""
    state: State = "queued"
    created: float = field(default_factory=time.monotonic)
    started: float | None = None
    finished: float | None = None
    result: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def over(self) -> bool:
        """True once the job is done or failed."""
        return self.state in {"done", "failed"}


class _Slot(threading.Thread):
    """One worker process and the thread that feeds and watches it."""

    def __init__(self, pool: JobPool, number: int) -> None:
        super().__init__(name=f"monographs-web-slot-{number}", daemon=True)
        self.pool = pool
        self.process: Any = None
        self.conn: Any = None
        self.ready = threading.Event()

    def _start_worker(self) -> bool:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        atlas = str(self.pool.atlas_path) if self.pool.atlas_path else None
        self.process = ctx.Process(
            target=worker_module.run,
            args=(child, atlas, str(self.pool.output)),
            name="monographs-web-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.conn = parent
        while not self.pool.stopping.is_set():
            if parent.poll(0.2):
                try:
                    what, pid, why = parent.recv()
                except (EOFError, OSError):
                    what, why = "broken", "the worker died while loading the atlas"
                if what == "ready":
                    log.info("worker %s ready", pid)
                    self.ready.set()
                    return True
                log.error("worker could not start: %s", why)
                self.pool.broken = why
                return False
            if not self.process.is_alive():
                log.error("worker died while loading the atlas (exit %s)", self.process.exitcode)
                return False
        return False

    def _stop_worker(self, kill: bool = False) -> None:
        self.ready.clear()
        if self.process is None:
            return
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()
        self.process = None

    def run(self) -> None:
        failures = 0
        while not self.pool.stopping.is_set():
            if self.process is None and not self._start_worker():
                self._stop_worker(kill=True)
                failures += 1
                if self.pool.broken or failures > 3:
                    return
                time.sleep(1)
                continue
            job = self.pool._next(self)
            if job is None:
                continue
            outcome = self._run(job)
            if outcome != "ok":
                self._stop_worker(kill=True)  # a fresh worker takes the slot
        self._stop_worker()

    def _run(self, job: Job) -> str:
        try:
            self.conn.send((job.id, job.kind, job.params))
        except (OSError, ValueError):
            self.pool._finish(job, None, "the worker stopped before the job started")
            return "crashed"
        deadline = time.monotonic() + self.pool.timeout
        while True:
            if self.conn.poll(0.1):
                try:
                    what, _id, payload = self.conn.recv()
                except (EOFError, OSError):
                    break
                if what == "done":
                    self.pool._finish(job, payload, "")
                else:
                    self.pool._finish(job, None, str(payload))
                return "ok"
            if not self.process.is_alive():
                break
            if time.monotonic() > deadline:
                log.error("job %s took over %s s: its worker is stopped", job.id, self.pool.timeout)
                self.pool._finish(job, None, f"timeout after {self.pool.timeout:g} s")
                return "timeout"
            if self.pool.stopping.is_set():
                self.pool._finish(job, None, "the server stopped")
                return "stopped"
        code = self.process.exitcode if self.process is not None else None
        log.error("worker crashed (exit %s) during job %s", code, job.id)
        self.pool._finish(job, None, f"the worker crashed (exit code {code})")
        return "crashed"


class JobPool:
    """Worker processes building reports, fed from a bounded queue.

    Parameters
    ----------
    atlas_path:
        The atlas folder (None: the embedded one); each worker loads it once.
    output:
        The output folder the workers write into (shared with CLI builds).
    workers:
        How many worker processes (each builds one report at a time).
    max_queue:
        How many jobs may wait (not counting those running); beyond, :class:`QueueFull`.
    timeout:
        Seconds a job may run before its worker is stopped and the job failed.
    """

    def __init__(
        self,
        atlas_path: Path | None,
        output: Path,
        workers: int = 1,
        max_queue: int = 64,
        timeout: float = 300.0,
    ) -> None:
        self.atlas_path = atlas_path
        self.output = Path(output)
        self.max_queue = max_queue
        self.timeout = timeout
        self.stopping = threading.Event()
        self.broken = ""
        self._lock = threading.Condition()
        self._queue: deque[Job] = deque()
        self._jobs: dict[str, Job] = {}
        self._durations: dict[str, deque[float]] = {}
        self._slots = [_Slot(self, i) for i in range(max(1, workers))]

    def start(self) -> None:
        """Start the worker processes (they load the atlas in the background)."""
        for slot in self._slots:
            slot.start()

    def stop(self) -> None:
        """Stop the workers; waiting jobs are failed."""
        self.stopping.set()
        with self._lock:
            for job in self._queue:
                job.state, job.error = "failed", "the server stopped"
            self._queue.clear()
            self._lock.notify_all()
        for slot in self._slots:
            slot.join(10)

    def wait_ready(self, timeout: float = 120.0) -> bool:
        """Wait until every worker has loaded the atlas (for tests and benchmarks)."""
        end = time.monotonic() + timeout
        return all(slot.ready.wait(max(0.0, end - time.monotonic())) for slot in self._slots)

    @property
    def worker_pids(self) -> list[int]:
        """The process ids of the running workers."""
        return [s.process.pid for s in self._slots if s.process is not None and s.ready.is_set()]

    # submitting and reading

    def submit(self, kind: str, params: dict[str, Any], requested_by: str = "") -> Job:
        """Queue a job, or join the identical one already waiting or running."""
        job_id = worker_module.job_id(kind, params)
        with self._lock:
            current = self._jobs.get(job_id)
            if current is not None and not current.over:
                log.info("%s joins job %s (%s %s)", requested_by, job_id, kind, params)
                return current
            if len(self._queue) >= self.max_queue:
                raise QueueFull(self._retry_after())
            job = Job(job_id, kind, dict(params), requested_by)
            self._jobs[job_id] = job
            self._queue.append(job)
            self._forget_old()
            self._lock.notify()
        log.info("%s queued job %s (%s %s)", requested_by, job_id, kind, params)
        return job

    def get(self, job_id: str) -> Job | None:
        """A job by its id (None when unknown or forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def position(self, job: Job) -> int:
        """How many jobs wait before this one (0: it is next, or running)."""
        with self._lock:
            for i, queued in enumerate(self._queue):
                if queued is job:
                    return i
            return 0

    def expected_seconds(self, job: Job) -> int:
        """A guess of the seconds until the job is done: the typical time of its kind,
        times the jobs before it shared among the workers, less its running time."""
        typical = self.typical(job.kind)
        if job.state == "running" and job.started is not None:
            return max(1, round(typical - (time.monotonic() - job.started)))
        ahead = self.position(job)
        with self._lock:
            running = sum(1 for j in self._jobs.values() if j.state == "running")
            before = sum(self.typical(j.kind) for j in list(self._queue)[:ahead])
        workers = len(self._slots)
        return max(1, round((before + typical * max(running, 0) / 2) / workers + typical))

    def typical(self, kind: str) -> float:
        """The median time of the last jobs of a kind (a first guess before any)."""
        times = self._durations.get(kind)
        return statistics.median(times) if times else FIRST_GUESS.get(kind, 5.0)

    def queued(self) -> int:
        """How many jobs wait."""
        with self._lock:
            return len(self._queue)

    # the slots' side

    def _next(self, slot: _Slot) -> Job | None:
        with self._lock:
            while not self._queue and not self.stopping.is_set():
                self._lock.wait(0.5)
            if self.stopping.is_set() or not self._queue:
                return None
            job = self._queue.popleft()
            job.state, job.started = "running", time.monotonic()
            return job

    def _finish(self, job: Job, result: dict[str, Any] | None, error: str) -> None:
        with self._lock:
            job.finished = time.monotonic()
            if result is not None:
                job.state, job.result = "done", result
                if result.get("status") == "built" and job.started is not None:
                    self._durations.setdefault(job.kind, deque(maxlen=20)).append(
                        job.finished - job.started
                    )
            else:
                job.state, job.error = "failed", error
        log.info("job %s for %s %s: %s", job.id, job.requested_by, job.state, error or job.kind)

    def _retry_after(self) -> int:
        return max(5, round(self.typical("monograph") * len(self._queue) / len(self._slots)))

    def _forget_old(self) -> None:
        over = [j for j in self._jobs.values() if j.over]
        for job in sorted(over, key=lambda j: j.finished or 0)[: max(0, len(over) - KEEP_FINISHED)]:
            del self._jobs[job.id]


def default_workers() -> int:
    """One worker per two cores (the server and searches keep the rest), at least one."""
    return max(1, (os.cpu_count() or 1) // 2)
