"""The output folder: checked before writing, and cleaned of an interrupted write's
temporary files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from monographs.errors import MonographError


def check_writable(output: Path) -> None:
    """Make sure the output folder exists and takes files, or say clearly why not."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".monographs-check.", dir=output)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise MonographError(
            f"cannot write into the output folder {output}: {exc.strerror or exc}.",
            "Choose another folder with --output, or fix its permissions or free space.",
        ) from exc


def remove_temporaries(output: Path, levels: list[str]) -> None:
    """Remove temporary files an interrupted write may have left (``.NAME.*.tmp``)."""
    for folder in [output, *(output / lv for lv in levels)]:
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
