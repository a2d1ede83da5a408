"""``output/manifest.json``: what each build wrote, by territory and language.

Entries of territories a build did not touch are kept, so that building one territory
does not forget the others; it is written atomically. Several builds may record into one
output folder at once (CLI batches beside the web page's builds): the read, merge and
write of the manifest happen under an exclusive lock on ``output/.manifest.lock``
(``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows), so that no build's
entries are lost.
"""

from __future__ import annotations

import errno
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from monographs.batch.results import BuildResult
from monographs.errors import MonographError
from monographs.text.files import write_atomically

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # pragma: no cover - Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
LOCK = ".manifest.lock"


def manifest_key(code: str, lang: str = "") -> str:
    """A manifest entry's key: the territory's code and the report's language."""
    return f"{code}\t{lang}"


def read_manifest(output: Path) -> dict[str, dict]:
    """The entries of ``output/manifest.json`` by :func:`manifest_key` (empty when absent
    or unreadable: not JSON, a JSON list, entries without a code)."""
    path = Path(output) / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data.get("monographs", []) if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise TypeError("not a manifest")
        return {
            manifest_key(e["code"], e.get("lang", "")): e for e in entries if isinstance(e, dict)
        }
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        log.warning("%s is unreadable: every monograph is built again", path)
        return {}


@contextmanager
def manifest_lock(output: Path) -> Iterator[None]:
    """Hold the output folder's manifest lock (exclusive, waits for other builds)."""
    fd = os.open(Path(output) / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        elif msvcrt is not None:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        yield
    finally:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _same_file(a: str, b: str) -> bool:
    """Whether two manifest ``file`` fields name one file (its level folder and name)."""
    return bool(a) and bool(b) and Path(a).parts[-2:] == Path(b).parts[-2:]


def write_manifest(result: BuildResult, output: Path) -> Path:
    """Record the build's monographs in ``output/manifest.json`` (atomically, under the
    folder's lock).

    Entries of territories this build did not touch are kept, so that building one
    territory does not forget the others; a territory's new entry replaces its old one,
    and an entry of another key whose file this build wrote over (``--lang en`` then
    ``--lang fr`` into one name) is dropped: the file no longer holds that report.
    A territory that failed keeps its previous PDF on disk; its entry says it failed.
    """
    path = Path(output) / MANIFEST
    try:
        Path(output).mkdir(parents=True, exist_ok=True)
        with manifest_lock(output):
            entries = read_manifest(output)
            for m in result.monographs:
                key = manifest_key(m.code, m.lang)
                if m.status == "built":
                    for other in [k for k, e in entries.items() if k != key]:
                        if _same_file(str(entries[other].get("file", "")), m.file):
                            del entries[other]
                entries[key] = asdict(m)
            data = {"monographs": [entries[k] for k in sorted(entries)]}
            write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode())
    except OSError as exc:
        why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise MonographError(
            f"could not write the manifest {path}: {why}.",
            "Free space or fix the folder's permissions, then build "
            "again: monographs already written are kept.",
        ) from exc
    return path
