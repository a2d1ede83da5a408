"""Writing the comparison report of a level: compute the comparison and the report's
content, draw and lay it out, write the PDF with its CSV and XLSX atomically."""

from __future__ import annotations

import errno
import hashlib
import time
from pathlib import Path

from monographs.atlas import Atlas
from monographs.batch.jobs import lay_out
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
from monographs.validation import valid_atlas

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
    atlas = valid_atlas(atlas)
    folder = Path(options.output) / "compare"
    cmp = compare(atlas, options.level, options.territories)
    lang = options.lang or atlas.config.language
    tr = Translator(lang, atlas.config.locale(lang))
    context, specs = build_context(cmp, tr)
    check_writable(folder)  # before drawing: an --output that takes no file is named now
    done = lay_out(TEMPLATE, context, specs, atlas, tr)
    frame = as_frame(cmp, tr.lang)
    name = f"{stem(cmp)}.{tr.lang}" if options.lang_in_name else stem(cmp)
    target = folder / f"{name}.pdf"
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
    return CompareResult(
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
