"""What the server holds while it runs: the atlas (for names, search and what a report
holds), the freshness of the built reports, the job pool, and the form secret."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monographs.atlas import Atlas
from monographs.content import Facts, MonographBuilder
from monographs.content.evidence import evidence_csv
from monographs.content.sheets import collection_sheet
from monographs.text.spreadsheets import frame_csv, workbook
from monographs.validation import valid_atlas
from monographs.web.directory import Directory
from monographs.web.jobs import JobPool
from monographs.web.reports import Freshness

CACHE_SIZE = 128


@dataclass
class Site:
    """The server's state, made once at start-up by :func:`monographs.web.create_app`."""

    atlas: Atlas
    output: Path
    pool: JobPool
    directory: Directory = field(init=False)
    fresh: Freshness = field(init=False)
    builder: MonographBuilder = field(init=False)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _contexts: OrderedDict[tuple[str, str], Any] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        self.directory = Directory(self.atlas)
        self.fresh = Freshness(self.atlas, self.output)
        self.builder = MonographBuilder(self.atlas, Facts(self.atlas))

    @classmethod
    def load(cls, atlas_path: Path | None, output: Path, pool: JobPool) -> Site:
        """Load and validate the atlas (raises InvalidAtlas when it has errors)."""
        return cls(valid_atlas(atlas_path), Path(output), pool)

    def context(self, code: str, lang: str) -> Any:
        """The content of ``code``'s monograph in ``lang`` (what the report holds),
        computed once and kept for the last territories asked for."""
        key = (code, lang)
        with self._lock:
            if key in self._contexts:
                self._contexts.move_to_end(key)
                return self._contexts[key]
            context, _specs, _tr = self.builder.build(code, lang)
            self._contexts[key] = context
            while len(self._contexts) > CACHE_SIZE:
                self._contexts.popitem(last=False)
            return context

    def figures(self, code: str, lang: str, ext: str) -> bytes:
        """The figures ``code``'s monograph draws on, with their sources (CSV or XLSX)."""
        with self._lock:
            data = evidence_csv(self.builder, code, lang)
        if ext == "csv":
            return data
        import io

        import pandas as pd

        frame = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
        return workbook({"figures": frame})

    def sheet(self, code: str, ext: str) -> bytes:
        """``code``'s data-collection sheet: the figures its report lacks, to fill in."""
        missing = self.context(code, self.atlas.config.language).missing
        with self._lock:
            frame = collection_sheet(self.atlas, code, missing)
        return frame_csv(frame) if ext == "csv" else workbook({"collect": frame})
