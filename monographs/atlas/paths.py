"""The one containment rule of an atlas: every path it names lies inside its folder.

Tables, wide tables, the ``collected`` and ``narratives`` folders (and every file in
them), boundary files (and a Shapefile's side files), the logo and the narratives'
images: each is resolved, symbolic links and ``..`` followed, and must land inside the
atlas folder, else it is refused as ``path-outside-atlas`` before anything opens it. Only
regular files are opened (a FIFO would block a read for good, a device never ends):
anything else is ``not-a-regular-file``. There is no allow-list: an atlas that shares
boundary files with another holds a copy (or a hard link) of them.

Every loader asks here (:func:`contained`, :func:`regular`), so that the rule is written
once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from monographs.problems import Problem

CONFIG_FILE = "atlas.toml"


def resolve_inside(root: Path, raw: str | Path) -> Path | None:
    """``root / raw`` resolved (symbolic links and ``..`` followed), or None when it lies
    outside ``root`` (an absolute path elsewhere, ``../x``, a link pointing out)."""
    root = Path(root).resolve()
    text = str(raw)
    if "\x00" in text:
        return None
    try:
        path = (root / text).resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name too long
        return None
    return path if path == root or path.is_relative_to(root) else None


def kind_of(path: Path) -> str:
    """``file``, ``folder``, ``missing`` or what else the path is (``FIFO``, ``socket``,
    ``device``), without opening it."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def outside(key: str, raw: str | Path, what: str = "file") -> Problem:
    """The problem of a path that leads outside the atlas folder."""
    return Problem(
        "path-outside-atlas",
        f"`{key}` points outside the atlas folder; it is not read",
        file=CONFIG_FILE,
        column=key,
        value=Path(str(raw)).name[:80],
        hint=f"Put the {what} inside the atlas folder and give a path relative to it "
        "(a symbolic link must point inside too).",
    )


def not_regular(key: str, path: Path, root: Path, kind: str, want: str = "file") -> Problem:
    """The problem of a path that is not a regular file (or not a folder, ``want``)."""
    label = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
    return Problem(
        "not-a-regular-file",
        f"`{label}` is a {kind}, not a {want}; it is not opened",
        file=label,
        column=key,
        value=path.name[:80],
        hint=f"Give `{key}` a regular {want} (a FIFO, a device or a socket would block "
        "or never end).",
    )


def contained(
    root: Path, raw: str | Path, key: str, problems: list[Problem], want: str = "file"
) -> Path | None:
    """The path ``raw`` names, resolved inside ``root``; None with a problem when it leads
    outside, or exists and is not a ``want`` (``file`` or ``folder``). A missing path is
    returned as is: whether it is required is for the caller to say."""
    path = resolve_inside(root, raw)
    if path is None:
        problems.append(outside(key, raw, want))
        return None
    kind = kind_of(path)
    if kind not in ("missing", want):
        problems.append(not_regular(key, path, Path(root).resolve(), kind, want))
        return None
    return path


def regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (symbolic links followed): the only kind opened."""
    return kind_of(path) == "file"


def folder_files(
    root: Path, folder: Path, key: str, suffixes: set[str], problems: list[Problem]
) -> list[Path]:
    """The regular files of ``folder`` with one of ``suffixes`` (not hidden nor Office
    lock files), each resolved inside ``root``; a link pointing out or a FIFO is a
    problem and left out."""
    files = []
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() not in suffixes or entry.name.startswith((".", "~")):
            continue
        path = contained(root, entry, f"{key}/{entry.name}", problems)
        if path is not None and regular(path):
            files.append(path)
    return files


def folder_digest(root: Path) -> str:
    """A SHA-256 of every regular file under ``root`` (relative names and contents): what
    tells a worker that has the atlas in memory whether it changed on disk."""
    root = Path(root).resolve()
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not regular(path):
            continue
        digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
        with open(path, "rb") as fh:
            for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()
