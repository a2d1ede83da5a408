"""Writing files so that a crash, a full disk or Ctrl-C never leaves half of one.

Each temporary file is named after the process that writes it (``.NAME.<tag>.XXXX.tmp``,
the tag holding the process id, inherited by forked workers), so that a build cleaning up
after Ctrl-C removes its own temporary files and those of builds that died, never those of
another build still writing into the same folder.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

#: This process's tag in its temporary files' names (workers forked from it share it).
TEMP_TAG = f"{os.getpid()}x{secrets.token_hex(3)}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder, then rename it.

    A crash, a full disk or Ctrl-C leaves either the previous file or the new one, never
    half of one, and no temporary file. The file gets the usual permissions (``0o666``
    less the umask), not the private ones of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_TAG}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: alive
    return True


def stale_temporary(path: Path) -> bool:
    """Whether ``path`` is a temporary file of this process (and its workers) or of a
    process that no longer runs; another live build's temporary file is not stale."""
    name = path.name
    if not (name.startswith(".") and name.endswith(".tmp")):
        return False
    if f".{TEMP_TAG}." in name:
        return True
    for part in name.split("."):
        pid, sep, token = part.partition("x")
        if sep and pid.isdigit() and len(token) == 6:
            return not _alive(int(pid))
    return False  # an older name: leave it
