"""Writing the comparison report of a level: compute the comparison and the report's
content, draw and lay it out, write the PDF with its CSV and XLSX atomically."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import logging
import time
from pathlib import Path

from monographs.atlas import Atlas
from monographs.batch import incremental
from monographs.batch.jobs import lay_out
from monographs.batch.manifest import MANIFEST, manifest_lock
from monographs.batch.memo import checked_atlas
from monographs.batch.output import check_writable
from monographs.batch.results import CompareResult
from monographs.content.comparison import Comparison, as_frame, compare, to_xlsx
from monographs.content.comparison_page import build_context
from monographs.errors import MonographError
from monographs.i18n import Translator
from monographs.options import CompareOptions
from monographs.text.files import write_atomically
from monographs.text.slugs import slugify
from monographs.text.spreadsheets import frame_csv

log = logging.getLogger(__name__)
TEMPLATE = "compare.html.j2"


def stem(cmp: Comparison) -> str:
    """``region``, or ``region-04-06-09`` for a subset (a hash when it is long)."""
    if not cmp.subset:
        return slugify(cmp.level)
    joined = "-".join(cmp.codes)
    if len(joined) > 40:
        joined = "subset-" + hashlib.sha1(",".join(cmp.codes).encode()).hexdigest()[:8]
    return slugify(f"{cmp.level}-{joined}")


def _write(path: Path, data: bytes) -> None:
    """Write one file of the report atomically; a refusal (a read-only folder, a full
    disk) is a :class:`MonographError` naming the file, the previous one kept."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise MonographError(
            f"could not write {path}: {why}; the previous file is kept.",
            "Free space or fix the folder's permissions (or choose another --output), "
            "then run compare again.",
        ) from exc


def build_comparison(
    atlas: Atlas | Path | str | None = None, options: CompareOptions | None = None
) -> CompareResult:
    """Build the comparison report ``options`` ask for, with its CSV and XLSX.

    Raises :class:`~monographs.errors.InvalidAtlas` when validation finds errors, and
    :class:`~monographs.errors.MonographError` for a level or territory that cannot be
    compared; nothing is written then.

    Examples
    --------
    >>> build_comparison(options=CompareOptions(territories=("04", "06", "09"))).file
    ... # doctest: +SKIP
    'output/compare/region-04-06-09.pdf'
    """
    options = options or CompareOptions()
    start = time.perf_counter()
    atlas = checked_atlas(atlas)
    folder = Path(options.output) / "compare"
    cmp = compare(atlas, options.level, options.territories)
    lang = options.lang or atlas.config.language
    tr = Translator(lang, atlas.config.locale(lang))
    context, specs = build_context(cmp, tr)
    name = f"{stem(cmp)}.{tr.lang}" if options.lang_in_name else stem(cmp)
    target = folder / f"{name}.pdf"
    input_hash = comparison_hash(atlas, cmp, options, tr.lang)
    if not options.force:
        previous = up_to_date_comparison(folder, target, input_hash)
        if previous is not None:
            previous.seconds = round(time.perf_counter() - start, 3)
            return previous
    check_writable(folder)  # before drawing: an --output that takes no file is named now
    done = lay_out(TEMPLATE, context, specs, atlas, tr)
    frame = as_frame(cmp, tr.lang)
    files = {
        target: done.pdf,
        target.with_suffix(".csv"): frame_csv(frame),
        target.with_suffix(".xlsx"): to_xlsx(cmp, frame, tr),
    }
    if options.keep_html:
        files[target.with_suffix(".html")] = done.html.encode()
    for path, data in files.items():
        _write(path, data)
    missing = sum(1 for c in cmp.codes for m in cmp.measures if cmp.values[(c, m.key)] is None)
    result = CompareResult(
        str(target),
        str(target.with_suffix(".csv")),
        str(target.with_suffix(".xlsx")),
        cmp.level,
        cmp.codes,
        done.pages,
        len(done.pdf),
        round(time.perf_counter() - start, 3),
        len(cmp.measures),
        missing,
        done.warnings,
    )
    record_comparison(folder, result, input_hash, files)
    return result


def comparison_hash(atlas: Atlas, cmp: Comparison, options: CompareOptions, lang: str) -> str:
    """A hash of what a comparison report is made from: the program, the files every report
    reads, every territory's rows and figures (a comparison ranks a whole level against the
    nation), and the options that change its files."""
    digest = hashlib.sha256()
    digest.update(incremental.program_digest().encode())
    digest.update(incremental.atlas_digest(atlas).encode())
    for code, value in sorted(incremental.territory_digests(atlas).items()):
        digest.update(f"{code}={value};".encode())
    digest.update(
        json.dumps(
            {"level": cmp.level, "codes": list(cmp.codes), "lang": lang, "html": options.keep_html}
        ).encode()
    )
    return digest.hexdigest()


def _read_records(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return (
            {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}
        )
    except (OSError, ValueError):
        return {}


def up_to_date_comparison(folder: Path, target: Path, input_hash: str) -> CompareResult | None:
    """The result recorded for ``target`` when it was made from the same inputs and its
    files are on disk as they were written; None otherwise."""
    entry = _read_records(folder).get(target.name)
    if not entry or entry.get("input_hash") != input_hash:
        return None
    for path, sha in (entry.get("sha256") or {}).items():
        file = folder / path
        if not file.is_file() or incremental.sha256_file(file) != sha:
            return None
    fields = {f.name for f in dataclasses.fields(CompareResult)}
    kept = {k: v for k, v in entry.get("result", {}).items() if k in fields}
    try:
        result = CompareResult(**kept)
    except TypeError:
        return None
    result.status = "skipped"
    return result


def record_comparison(
    folder: Path, result: CompareResult, input_hash: str, files: dict[Path, bytes]
) -> None:
    """Record what a comparison wrote in ``compare/manifest.json`` (under the output
    folder's lock, atomically), so that the same request with nothing changed is skipped."""
    entry = {
        "input_hash": input_hash,
        "sha256": {p.name: hashlib.sha256(d).hexdigest() for p, d in files.items()},
        "result": dataclasses.asdict(result),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with manifest_lock(folder):
            records = _read_records(folder)
            records[Path(result.file).name] = entry
            write_atomically(
                folder / MANIFEST,
                json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True).encode(),
            )
    except OSError as exc:  # the report is written; only the skip next time is lost
        log.warning("could not record the comparison in %s: %s", folder / MANIFEST, exc)
