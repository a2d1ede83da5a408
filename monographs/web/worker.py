"""A worker process of the web page: loads and validates the atlas once, then builds one
report at a time on request (a territory's PDF, a comparison).

It runs in a process of its own (started with ``spawn``), talking to its slot in the
server (:mod:`monographs.web.jobs`) over a pipe: it sends ``("ready", pid)`` once the
atlas is loaded, then, for each ``(job_id, kind, params)``, ``("done", job_id, result)``
or ``("failed", job_id, reason)``. A crash or a hang is the server's to notice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from monographs.atlas.boundaries import simplify_for_print
from monographs.batch.incremental import sha256_file
from monographs.batch.jobs import build_one
from monographs.batch.manifest import manifest_key, read_manifest, write_manifest
from monographs.batch.output import check_writable
from monographs.batch.results import BuildResult, MonographResult
from monographs.content import Facts, MonographBuilder
from monographs.errors import MonographError
from monographs.options import CompareOptions
from monographs.text.files import write_atomically
from monographs.validation import valid_atlas
from monographs.web.reports import Freshness, report_options

log = logging.getLogger(__name__)


class Builder:
    """What a worker holds: the atlas, its chosen figures and the freshness hashes."""

    def __init__(self, atlas_path: Path | None, output: Path) -> None:
        self.atlas = valid_atlas(atlas_path)
        simplify_for_print(self.atlas)
        self.builder = MonographBuilder(self.atlas, Facts(self.atlas))
        self.output = output
        self.fresh = Freshness(self.atlas, output)

    def monograph(self, code: str, lang: str) -> dict[str, Any]:
        """Build ``code``'s PDF in ``lang`` unless it is up to date; record it in the
        manifest (under the output folder's lock, beside CLI builds)."""
        if code not in self.atlas.territories.index:
            raise MonographError(f"no territory has the code `{code}`.")
        entry = self.fresh.monograph(code, lang)
        if entry is not None:
            return {"status": "skipped", **entry}
        check_writable(self.output)
        opts = report_options(self.atlas, lang, self.output, code)
        result: MonographResult = build_one(self.builder, code, opts)
        if result.status == "built":
            result.input_hash = self.fresh.input_hash(code, lang)
        write_manifest(BuildResult([result]), self.output)
        if result.status != "built":
            raise MonographError(result.error or "the monograph could not be built.")
        entry = read_manifest(self.output).get(manifest_key(code, lang), asdict(result))
        return {**entry, "path": str(self.fresh.target(code, lang))}

    def comparison(self, level: str, codes: list[str], lang: str) -> dict[str, Any]:
        """Write the comparison of ``codes`` (their PDF, CSV and XLSX) and its record."""
        from monographs.batch import build_comparison

        key = tuple(codes)
        record = self.fresh.comparison(level, key, lang)
        if record is not None:
            return {"status": "skipped", **record}
        options = CompareOptions(
            level=level, territories=key, output=self.output, lang=lang, lang_in_name=True
        )
        done = build_comparison(self.atlas, options)
        pdf = Path(done.file)
        record = {
            "pdf": pdf.name,
            "csv": Path(done.csv).name,
            "xlsx": Path(done.xlsx).name,
            "pages": done.pages,
            "bytes": done.bytes,
            "sha256": sha256_file(pdf),
            "input_hash": self.fresh.comparison_hash(level, key, lang),
        }
        path = self.fresh.record_path(level, key, lang)
        write_atomically(path, json.dumps(record, indent=2).encode())
        return {"status": "built", **(self.fresh.comparison(level, key, lang) or record)}


def run(conn: Connection, atlas_path: str | None, output: str) -> None:
    """The worker's loop (the target of its process)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        worker = Builder(Path(atlas_path) if atlas_path else None, Path(output))
    except Exception as exc:  # the atlas cannot be loaded: say so and stop
        conn.send(("broken", os.getpid(), f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid(), ""))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job_id, kind, params = message
        try:
            if kind == "monograph":
                result = worker.monograph(params["code"], params["lang"])
            elif kind == "comparison":
                result = worker.comparison(params["level"], list(params["codes"]), params["lang"])
            else:
                raise MonographError(f"unknown job kind `{kind}`.")
            conn.send(("done", job_id, result))
        except Exception as exc:
            log.error("job %s (%s %s) failed: %s", job_id, kind, params, exc)
            conn.send(("failed", job_id, str(exc) or type(exc).__name__))


def job_id(kind: str, params: dict[str, Any]) -> str:
    """A job's id: the same for identical requests, so that they join one job."""
    text = json.dumps([kind, params], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
