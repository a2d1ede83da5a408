"""The output folder: checked before writing, and cleaned of an interrupted write's
temporary files."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from monographs.errors import MonographError
from monographs.text.files import stale_temporary
from monographs.text.slugs import level_slug


def check_writable(output: Path) -> None:
    """Make sure the output folder exists and takes files, or say clearly why not."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".monographs-check.", dir=output)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        if isinstance(exc, FileExistsError | NotADirectoryError) or (
            output.exists() and not output.is_dir()
        ):
            why = "it is a file, not a folder (or a folder on its path is)"
        elif exc.errno == errno.ENOSPC:
            why = "the disk is full"
        else:
            why = exc.strerror or str(exc)
        raise MonographError(
            f"cannot write into the output folder {output}: {why}.",
            "Choose another folder with --output, or fix its permissions or free space.",
        ) from exc


def remove_temporaries(output: Path, levels: list[str]) -> None:
    """Remove the temporary files an interrupted write of this build left (``.NAME.<tag>.*
    .tmp``), and those of builds that died; another build's, still writing into the same
    folder, are left alone."""
    folders = {output, output / "compare", *(output / level_slug(lv) for lv in levels)}
    for folder in folders:
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                if stale_temporary(tmp):
                    tmp.unlink(missing_ok=True)
