"""Running the jobs of a build: in this process, in forked worker processes, or on Dask.

Every executor takes the codes to build and calls ``on_result`` in this process as each
monograph is done, whatever its status, so that progress and the manifest follow the
build as it goes.

- **serial**: one after the other, here.
- **processes**: a fork pool; the workers inherit the atlas, its figures and its simplified
  boundaries already in memory (copy-on-write) and write their own files. A worker that
  dies (killed, out of memory) breaks the pool: a new pool takes the territories not done;
  one that was running during two breaks is then tried alone, and marked failed if its
  worker dies again, so that one poisonous territory cannot sink the batch.
- **dask**: the same jobs on a ``dask.distributed`` cluster. Each worker loads the atlas
  once (cached by path) and returns the files' bytes; this process writes them, so the
  workers need the atlas and the package, not the output folder.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monographs.errors import MonographError, Terminated

if TYPE_CHECKING:
    from monographs.batch.results import MonographResult
    from monographs.options import BuildOptions

log = logging.getLogger(__name__)

Work = Callable[[str], "MonographResult"]
OnResult = Callable[["MonographResult"], None]
WORKER_DIED = "the worker process building it died ({why}); the others went on"
SCHEDULER_TIMEOUT = 5  # seconds to reach a Dask scheduler before saying it is unreachable

_WORK: Work | None = None  # what a forked worker runs (inherited at fork)
_STARTED: Any = None  # a queue where a forked worker names the territory it starts


def run_serial(codes: list[str], work: Work, on_result: OnResult) -> None:
    """Build one after the other in this process."""
    for code in codes:
        on_result(work(code))


def _worker_init() -> None:
    """In each forked worker: Ctrl-C is the build's to handle (the worker finishes its
    monograph, no traceback), and SIGTERM ends the worker at once (the build sends it on
    its own SIGTERM; the worker's temporary file is then removed by the build)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _call(code: str) -> MonographResult:
    assert _WORK is not None, "the worker was not forked from a build"
    if _STARTED is not None:
        _STARTED.put(code)
    return _WORK(code)


def _started() -> set[str]:
    """The territories workers started since the last call (drains the queue)."""
    codes = set()
    while _STARTED is not None and not _STARTED.empty():
        codes.add(_STARTED.get())
    return codes


def _round(codes: list[str], jobs: int, on_result: OnResult) -> tuple[set[str], str, set[str]]:
    """One pool over ``codes``: returns the codes done, why the pool broke ("" if not)
    and the codes that were started (those running when it broke are among them)."""
    done: set[str] = set()
    broke = ""
    pool = ProcessPoolExecutor(
        min(jobs, len(codes)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_init,
    )
    futures: dict[Future, str] = {pool.submit(_call, c): c for c in codes}
    pending = set(futures)
    try:
        while pending and not broke:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                try:
                    result = fut.result()
                except BrokenProcessPool as exc:
                    broke = str(exc) or "killed"
                    continue
                done.add(futures[fut])
                on_result(result)
    except BaseException as exc:  # Ctrl-C: record what the running workers finish, then stop
        if isinstance(exc, Terminated):  # SIGTERM: stop the workers now
            _stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
        for fut, code in futures.items():
            if code not in done and fut.done() and not fut.cancelled():
                try:
                    result = fut.result()
                except BaseException:  # its worker was stopped
                    continue
                on_result(result)
        raise
    pool.shutdown(wait=True, cancel_futures=True)
    return done, broke, _started()


def run_processes(
    codes: list[str],
    work: Work,
    jobs: int,
    on_result: OnResult,
    failed: Callable[[str, str], MonographResult],
    recycle_after: int | None = None,
) -> None:
    """Build in a fork pool of ``jobs`` workers, surviving workers that die.

    ``failed(code, reason)`` makes the result of a territory given up on;
    ``recycle_after`` starts a fresh pool every so many monographs (memory stays flat
    whatever a library keeps between documents).
    """
    global _WORK, _STARTED
    _WORK = work
    _STARTED = multiprocessing.get_context("fork").SimpleQueue()
    breaks: Counter[str] = Counter()
    todo = list(codes)
    try:
        while todo:
            chunk = todo[:recycle_after] if recycle_after else todo
            suspects = [c for c in chunk if breaks[c] >= 2]
            chunk = [c for c in chunk if breaks[c] < 2]
            for code in suspects:  # alone, so that its death names it
                done, why, _ = _round([code], 1, on_result)
                if not done:
                    on_result(failed(code, WORKER_DIED.format(why=why or "unknown")))
                todo.remove(code)
            if not chunk:
                continue
            done, why, started = _round(chunk, jobs, on_result)
            if why:  # only the territories running when it broke are suspects
                log.warning("a worker process died (%s); restarting the pool", why)
                breaks.update(c for c in chunk if c in started and c not in done)
            todo = [c for c in todo if c not in done]
    finally:
        _WORK = None
        if _STARTED is not None:
            _STARTED.close()
        _STARTED = None


# ------------------------------------------------------------------------------- dask


def run_dask(
    codes: list[str],
    atlas_path: Path,
    options: BuildOptions,
    scheduler: Any,
    on_result: OnResult,
    task: Callable[..., tuple[MonographResult, dict[str, bytes]]],
    write: Callable[[MonographResult, dict[Path, bytes]], MonographResult],
    failed: Callable[[str, str], MonographResult],
    digest: str = "",
) -> None:
    """Build on a Dask cluster: ``scheduler`` is its address (``tcp://host:8786``) or a
    ``distributed.Client``. Each worker runs ``task(code, atlas_path=…, options=…,
    digest=…)`` and returns the files' bytes; ``write`` stores them here. ``digest`` (the
    atlas files' hash) is part of each job, so that a worker that holds an older state of
    the atlas in memory loads it again. An address that answers nothing within
    :data:`SCHEDULER_TIMEOUT` seconds is a :class:`MonographError` naming it."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise MonographError(
            "the Dask executor needs dask.distributed.",
            "Install it with: pip install 'monographs[dask]'.",
        ) from exc
    import dataclasses

    if isinstance(scheduler, Client):
        client = scheduler
    else:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise MonographError(
                f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}: "
                f"{str(exc)[:200]}).",
                "Start it (`dask scheduler`), check the address and port (e.g. "
                "tcp://HOST:8786) and that this machine can reach it; or build here "
                "without --executor dask.",
            ) from exc
    options = dataclasses.replace(options, scheduler=None)  # a Client does not travel
    try:
        futures = client.map(
            task, codes, atlas_path=str(atlas_path), options=options, digest=digest, pure=False
        )
        code_of = {f.key: c for f, c in zip(futures, codes, strict=True)}
        try:
            for fut in as_completed(futures):
                code = code_of[fut.key]
                try:
                    result, files = fut.result()
                except Exception as exc:  # the task or its worker died
                    on_result(failed(code, f"the Dask task failed ({type(exc).__name__}: {exc})"))
                    continue
                on_result(write(result, {Path(p): d for p, d in files.items()}))
        except BaseException:
            client.cancel(futures)
            raise
    finally:
        if client is not scheduler:
            client.close()
