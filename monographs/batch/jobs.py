"""One monograph as a job: compute its content, draw it, lay it out, and write its files.

:func:`make_one` builds a monograph's files in memory (the PDF, its data-collection sheets,
the HTML with ``--html``) without writing anything, so that a worker process or a Dask
worker can return them; :func:`write_outputs` writes them atomically. A failure is caught
and recorded in the result: one territory never sinks the batch.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import time
import traceback
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from monographs.atlas import Atlas, load_atlas
from monographs.batch.plan import target_of
from monographs.batch.results import MonographResult
from monographs.content import Facts, MonographBuilder
from monographs.content.evidence import evidence_csv
from monographs.content.model import MissingFigure, apply_drawings
from monographs.content.sheets import collection_sheet
from monographs.content.specs import FigureSpec
from monographs.i18n import Translator
from monographs.options import DEFAULT_PDF_VARIANT, BuildOptions
from monographs.text.files import write_atomically
from monographs.text.spreadsheets import frame_csv, workbook

log = logging.getLogger(__name__)
TEMPLATE = "monograph.html.j2"


@dataclass
class LaidOut:
    """A report laid out: the PDF and its pages, the HTML and the figures it was made from,
    and the warnings (refused fetches, untranslated messages)."""

    pdf: bytes
    pages: int
    html: str
    figures: dict[str, bytes]
    warnings: list[str]


def lay_out(
    template: str,
    context: object,
    specs: list[FigureSpec],
    atlas: Atlas,
    tr: Translator,
    pdf_variant: str = DEFAULT_PDF_VARIANT,
    attachments: list | None = None,
) -> LaidOut:
    """Draw a report's figures, fill its template and lay it out as PDF: the steps the
    monograph and the comparison report share after their content is computed."""
    # the drawing and layout libraries load here, not with the module: a build that skips
    # every monograph (nothing changed) never pays for them
    from monographs.figures.draw import draw
    from monographs.render import finish_text, html_to_pdf, render_html

    drawn = draw(specs, atlas, tr)
    apply_drawings(context, drawn)
    html = render_html(template, {**asdict(context), **tr.template_words()})
    # abbreviations expanded at their first use, the glossary cut to those used, typography
    html, _reading = finish_text(html, tr.lang, getattr(context, "glossary", ()))
    rendered = html_to_pdf(
        html, drawn.files, [atlas.root], pdf_variant=pdf_variant, attachments=attachments
    )
    warnings = [f"refused to load {u}" for u in rendered.refused]
    if tr.missing:
        warnings.append(f"{len(tr.missing)} message(s) not translated to {tr.lang}")
    return LaidOut(rendered.pdf, rendered.pages, html, drawn.files, warnings)


@dataclass
class RenderedMonograph(LaidOut):
    """One monograph laid out, with the figures it lacks (for its data-collection sheet)."""

    missing: list[MissingFigure] = field(default_factory=list)


def render_monograph(
    builder: MonographBuilder, code: str, lang: str | None = None, pdf_variant: str | None = None
) -> RenderedMonograph:
    """Lay out one territory's monograph: compute its content, draw its figures, fill the
    template and lay it out. A PDF/A (``pdf/a-…``) carries the figures it draws on as an
    attached CSV.
    """
    pdf_variant = pdf_variant or DEFAULT_PDF_VARIANT
    context, specs, tr = builder.build(code, lang)
    attachments = None
    if pdf_variant.startswith("pdf/a"):
        from monographs.render import attachment

        attachments = [
            attachment(
                f"{code}.figures.csv",
                evidence_csv(builder, code, tr.lang),
                tr("The figures of this monograph, with their sources"),
            )
        ]
    done = lay_out(TEMPLATE, context, specs, builder.atlas, tr, pdf_variant, attachments)
    return RenderedMonograph(
        done.pdf, done.pages, done.html, done.figures, done.warnings, context.missing
    )


def make_one(
    builder: MonographBuilder, code: str, options: BuildOptions
) -> tuple[MonographResult, dict[Path, bytes]]:
    """Lay out one monograph and its data-collection sheets, without writing anything.

    Returns the result and the files to write (path → bytes, the PDF last). A failure
    is caught and recorded in the result (with no files), not raised.
    """
    atlas = builder.atlas
    start = time.perf_counter()
    name = atlas.name(code, options.lang)
    target = target_of(atlas, code, options)
    sheet_target = target_of(atlas, code, options, sheet=True)
    lang = options.lang or ""
    files: dict[Path, bytes] = {}
    try:
        done = render_monograph(builder, code, options.lang, options.pdf_variant)
        if len(options.languages) <= 1 or options.lang == options.languages[0]:
            sheet = collection_sheet(atlas, code, done.missing)  # once, whatever the languages
            files[sheet_target.with_suffix(".collect.csv")] = frame_csv(sheet)
            files[sheet_target.with_suffix(".collect.xlsx")] = workbook({"collect": sheet})
        if options.keep_html:
            files[target.with_suffix(".html")] = done.html.encode()
            for fname, data in done.figures.items():
                files[target.parent / f"{target.stem}.{fname}"] = data
        files[target] = done.pdf
    except Exception as exc:  # one territory's failure must not stop the batch
        log.error("%s (%s) failed: %s", name, code, exc)
        log.debug("%s", traceback.format_exc())
        return MonographResult(
            code,
            name,
            "failed",
            seconds=round(time.perf_counter() - start, 3),
            error=f"{type(exc).__name__}: {exc}",
            lang=lang,
        ), {}
    return MonographResult(
        code,
        name,
        "built",
        str(target),
        done.pages,
        len(done.pdf),
        round(time.perf_counter() - start, 3),
        [str(m) for m in done.missing],
        done.warnings,
        sha256=hashlib.sha256(done.pdf).hexdigest(),
        lang=lang,
    ), files


def write_outputs(result: MonographResult, files: dict[Path, bytes]) -> MonographResult:
    """Write a monograph's files atomically (the PDF last); a write that fails marks the
    monograph failed, naming the file and the reason, and leaves the previous PDF."""
    if result.status != "built":
        return result
    for path, data in files.items():
        try:
            write_atomically(path, data)
        except OSError as exc:
            why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
            log.error("could not write %s: %s", path, why)
            result.status = "failed"
            result.error = f"could not write {path}: {why} (the previous file is kept)"
            return result
    return result


def build_one(builder: MonographBuilder, code: str, options: BuildOptions) -> MonographResult:
    """Build and write one monograph; a failure is caught and recorded, not raised."""
    return write_outputs(*make_one(builder, code, options))


@lru_cache(maxsize=4)
def _dask_builder(atlas_path: str, digest: str = "") -> MonographBuilder:
    """The builder of a Dask worker: the atlas loaded and prepared once per worker and
    per state of its files (``digest``), so that an edited atlas is loaded again."""
    from monographs.atlas.boundaries import simplify_for_print

    atlas = load_atlas(atlas_path)
    simplify_for_print(atlas)
    return MonographBuilder(atlas, Facts(atlas))


def dask_task(
    code: str, atlas_path: str, options: BuildOptions, digest: str = ""
) -> tuple[MonographResult, dict[str, bytes]]:
    result, files = make_one(_dask_builder(atlas_path, digest), code, options)
    return result, {str(path): data for path, data in files.items()}
