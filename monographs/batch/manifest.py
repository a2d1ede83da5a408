"""``output/manifest.json``: what each build wrote, by territory and language.

Entries of territories a build did not touch are kept, so that building one territory
does not forget the others; it is written atomically.
"""

from __future__ import annotations

import errno
import json
import logging
from dataclasses import asdict
from pathlib import Path

from monographs.batch.results import BuildResult
from monographs.errors import MonographError
from monographs.text.files import write_atomically

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


def manifest_key(code: str, lang: str = "") -> str:
    """A manifest entry's key: the territory's code and the report's language."""
    return f"{code}\t{lang}"


def read_manifest(output: Path) -> dict[str, dict]:
    """The entries of ``output/manifest.json`` by :func:`manifest_key` (empty when absent
    or unreadable)."""
    path = Path(output) / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {manifest_key(e["code"], e.get("lang", "")): e for e in data.get("monographs", [])}
    except (ValueError, KeyError, TypeError, OSError):
        log.warning("%s is unreadable: every monograph is built again", path)
        return {}


def write_manifest(result: BuildResult, output: Path) -> Path:
    """Record the build's monographs in ``output/manifest.json`` (atomically).

    Entries of territories this build did not touch are kept, so that building one
    territory does not forget the others; a territory's new entry replaces its old one.
    A territory that failed keeps its previous PDF on disk; its entry says it failed.
    """
    path = Path(output) / MANIFEST
    entries = read_manifest(output)
    for m in result.monographs:
        entries[manifest_key(m.code, m.lang)] = asdict(m)
    data = {"monographs": [entries[k] for k in sorted(entries)]}
    try:
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode())
    except OSError as exc:
        why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise MonographError(
            f"could not write the manifest {path}: {why}.",
            "Free space or fix the folder's permissions, then build "
            "again: monographs already written are kept.",
        ) from exc
    return path
