"""Where the web page's reports are and whether they are up to date.

The page builds nothing itself and names no path from the request: a territory's PDF is
the one ``monographs build`` writes (``OUTPUT/<level>/<code>-<slug>.<lang>.pdf``), found
through ``OUTPUT/manifest.json`` and taken as up to date by the batch's own rule (the
same input hash, the PDF on disk as it was written). A web build asks for the options a
CLI build of the atlas's languages uses, so that each reuses the other's files.

A comparison has no manifest: the worker that writes one records its input hash beside
it (``OUTPUT/compare/web-<level>-<digest>.<lang>.json``).

Used by the server (to answer at once) and by the workers (to build); both load the atlas
once, so the hashes of the atlas's inputs are computed once per process and language.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from monographs.atlas import Atlas
from monographs.batch import incremental
from monographs.batch.manifest import manifest_key, read_manifest
from monographs.batch.plan import target_of
from monographs.options import BuildOptions

#: The languages the page speaks (each has a catalogue; English is the source).
LANGUAGES = ("fr", "ar", "en")


def report_options(atlas: Atlas, lang: str, output: Path, code: str = "") -> BuildOptions:
    """The options of a web build of one territory in ``lang``: those of ``monographs
    build`` writing the atlas's languages (one PDF per language, ``<slug>.<lang>.pdf``),
    so that its input hash and file are the CLI's; a language the atlas does not list is
    added after its own."""
    langs = tuple(dict.fromkeys([*atlas.config.languages, lang]))
    return BuildOptions(
        territories=(code,) if code else (),
        output=output,
        lang=lang,
        languages=langs,
        jobs=1,
        executor="serial",
    )


@dataclass
class Freshness:
    """The input hashes of an atlas's monographs, by language, computed once."""

    atlas: Atlas
    output: Path
    _hashes: dict[str, dict[str, str]] = field(default_factory=dict)
    _territories: str = ""

    def input_hash(self, code: str, lang: str) -> str:
        """The hash the batch records for ``code``'s monograph in ``lang``."""
        if lang not in self._hashes:
            opts = report_options(self.atlas, lang, self.output)
            codes = list(self.atlas.territories.index)
            targets = {c: target_of(self.atlas, c, opts) for c in codes}
            self._hashes[lang] = incremental.input_hashes(self.atlas, codes, opts, targets)
        return self._hashes[lang][code]

    def target(self, code: str, lang: str) -> Path:
        """Where the batch writes ``code``'s PDF in ``lang``."""
        return target_of(self.atlas, code, report_options(self.atlas, lang, self.output))

    def sheet_stem(self, code: str) -> Path:
        """The stem of ``code``'s data-collection sheets (``.collect.csv``/``.xlsx``)."""
        opts = report_options(self.atlas, self.atlas.config.language, self.output)
        return target_of(self.atlas, code, opts, sheet=True)

    def monograph(self, code: str, lang: str) -> dict | None:
        """The manifest entry of ``code``'s PDF in ``lang`` when that PDF is up to date
        (and inside the output folder), else None."""
        entry = read_manifest(self.output).get(manifest_key(code, lang))
        target = self.target(code, lang)
        if not inside(self.output, target):
            return None
        if incremental.up_to_date(entry, self.input_hash(code, lang), target):
            return {**(entry or {}), "path": str(target)}
        return None

    # the comparisons

    def comparison_hash(self, level: str, codes: tuple[str, ...], lang: str) -> str:
        """A comparison's inputs: the program, the atlas's shared files and every
        territory's rows (a ranking reads the whole level), the level, codes and language."""
        if not self._territories:
            digest = hashlib.sha256()
            for code, value in sorted(incremental.territory_digests(self.atlas).items()):
                digest.update(f"{code}={value};".encode())
            self._territories = digest.hexdigest()
        digest = hashlib.sha256()
        for part in (
            incremental.program_digest(),
            incremental.atlas_digest(self.atlas),
            self._territories,
            level,
            ",".join(codes),
            lang,
        ):
            digest.update(part.encode() + b"\0")
        return digest.hexdigest()

    def record_path(self, level: str, codes: tuple[str, ...], lang: str) -> Path:
        """The file recording a web comparison's files and input hash."""
        key = hashlib.sha256(f"{level}\0{','.join(codes)}".encode()).hexdigest()[:12]
        return self.output / "compare" / f"web-{key}.{lang}.json"

    def comparison(self, level: str, codes: tuple[str, ...], lang: str) -> dict | None:
        """The record of an up-to-date comparison (its ``pdf``, ``csv`` and ``xlsx`` paths,
        pages and size), else None."""
        path = self.record_path(level, codes, lang)
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict):
            return None
        if record.get("input_hash") != self.comparison_hash(level, codes, lang):
            return None
        folder = self.output / "compare"
        out = dict(record)
        for kind in ("pdf", "csv", "xlsx"):
            file = folder / Path(str(record.get(kind, ""))).name
            if not record.get(kind) or not inside(self.output, file) or not file.is_file():
                return None
            out[kind] = str(file)
        pdf = Path(out["pdf"])
        if pdf.stat().st_size != record.get("bytes"):
            return None
        if incremental.sha256_file(pdf) != record.get("sha256"):
            return None
        return out


def inside(output: Path, path: Path) -> bool:
    """True when ``path`` stays inside the output folder (links resolved)."""
    try:
        return Path(path).resolve().is_relative_to(Path(output).resolve())
    except OSError:
        return False
