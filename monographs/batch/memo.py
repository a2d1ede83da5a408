"""Work done once per state of the atlas, not once per call.

Checking an atlas takes longer than building a commune's tables (half a second for the
default atlas). Its result depends only on the atlas's files and the program, so it is
recorded: in the process, on the :class:`~monographs.atlas.Atlas` object checked (a
process that builds again, the web page's workers, checks once), and in the user's cache
folder (``$XDG_CACHE_HOME/monographs``, by default ``~/.cache/monographs``;
``MONOGRAPHS_CACHE`` names another), under the digest of the atlas folder and of the
program: a command run again on the same files skips the checks, whatever its output
folder; any change to a file, or another version, checks again. Only a valid atlas is
recorded: one with errors is checked, and refused, every time.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from monographs.atlas import Atlas, load_atlas
from monographs.atlas.paths import folder_digest
from monographs.batch.incremental import program_digest
from monographs.text.files import write_atomically
from monographs.validation import valid_atlas

log = logging.getLogger(__name__)

VALIDATED = "validated.txt"  # the digests of the atlases found valid, one a line
KEEP = 32  # digests kept (the newest)


def cache_folder() -> Path:
    """Where the records of work done once are kept (see the module's docstring)."""
    if os.environ.get("MONOGRAPHS_CACHE"):
        return Path(os.environ["MONOGRAPHS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "monographs"


def _digest(root: Path) -> str:
    return hashlib.sha256(f"{folder_digest(root)}\0{program_digest()}".encode()).hexdigest()


def checked_atlas(atlas: Atlas | Path | str | None, remember: bool = True) -> Atlas:
    """The atlas, loaded when given as a path (the default one when None), once checked:
    raises :class:`~monographs.errors.InvalidAtlas` as
    :func:`~monographs.validation.valid_atlas` does.

    An atlas object already found valid in this process is not checked again; one loaded
    here from files found valid before by the same program neither (unless not
    ``remember``: then checked, and not recorded).
    """
    if isinstance(atlas, Atlas):
        if not getattr(atlas, "_found_valid", False):
            valid_atlas(atlas)
            atlas._found_valid = True  # type: ignore[attr-defined]
        return atlas
    loaded = load_atlas(atlas)
    record = cache_folder() / VALIDATED if remember else None
    digest = _digest(loaded.root) if record is not None else ""
    known: list[str] = []
    if record is not None:
        try:
            known = record.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            known = []
    if digest and digest in known:
        log.debug("atlas %s found valid before (%s): not checked again", loaded.root, digest)
    else:
        valid_atlas(loaded)
        if record is not None:
            try:
                lines = [d for d in known if d != digest][-(KEEP - 1) :] + [digest]
                write_atomically(record, ("\n".join(lines) + "\n").encode("ascii"))
            except OSError as exc:  # a read-only output folder still builds
                log.debug("could not record the validation in %s: %s", record, exc)
    loaded._found_valid = True  # type: ignore[attr-defined]
    return loaded
