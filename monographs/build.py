"""Building monographs: plan the jobs, run them, record a manifest.

One bad territory never sinks the others: its failure is recorded in the result and the
batch goes on.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from monographs.atlas import Atlas, load_atlas
from monographs.errors import InvalidAtlas, MonographError
from monographs.facts import Facts
from monographs.i18n import available_languages
from monographs.options import BuildOptions
from monographs.render import (
    DEFAULT_PDF_VARIANT,
    PDF_VARIANTS,
    attachment,
    html_to_pdf,
    render_html,
    write_atomically,
)
from monographs.report import MonographBuilder, evidence_csv
from monographs.sheets import collection_sheet, sheet_csv, sheet_xlsx
from monographs.slugs import territory_slug
from monographs.territories import find_territory
from monographs.validate import validate

log = logging.getLogger(__name__)
TEMPLATE = "monograph.html.j2"


@dataclass
class MonographResult:
    """What happened to one territory's monograph."""

    code: str
    name: str
    status: str  # built | failed
    file: str = ""
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    lang: str = ""


@dataclass
class BuildResult:
    """The outcome of a build: one result per territory, in order."""

    monographs: list[MonographResult] = field(default_factory=list)
    manifest: Path | None = None

    @property
    def ok(self) -> bool:
        """True when no monograph failed."""
        return all(m.status != "failed" for m in self.monographs)

    @property
    def failed(self) -> list[MonographResult]:
        """The monographs that failed."""
        return [m for m in self.monographs if m.status == "failed"]


def render_monograph(builder: MonographBuilder, code: str, lang: str | None = None,
                     pdf_variant: str = DEFAULT_PDF_VARIANT,
                     ) -> tuple[bytes, int, str, dict[str, bytes], list[str], list[str]]:
    """Lay out one territory's monograph.

    Returns the PDF bytes, its page count, the HTML, the embedded figures, the missing
    figures and any warnings (refused fetches, untranslated messages). A PDF/A
    (``pdf/a-…``) carries the figures it draws on as an attached CSV.
    """
    context, figures, tr = builder.build(code, lang)
    html = render_html(TEMPLATE, {**asdict(context), "_": tr.gettext,
                                  "missing_mark": tr.missing_mark, "comma": tr.comma,
                                  "semicolon": tr.semicolon})
    attachments = None
    if pdf_variant.startswith("pdf/a"):
        attachments = [attachment(
            f"{code}.figures.csv", evidence_csv(builder, code, tr.lang),
            tr("The figures of this monograph, with their sources"))]
    rendered = html_to_pdf(html, figures, [builder.atlas.root], pdf_variant=pdf_variant,
                           attachments=attachments)
    warnings = [f"refused to load {u}" for u in rendered.refused]
    if tr.missing:
        warnings.append(f"{len(tr.missing)} message(s) not translated to {tr.lang}")
    return rendered.pdf, rendered.pages, html, figures, context.missing, warnings


def plan(atlas: Atlas, options: BuildOptions) -> list[str]:
    """The codes to build: the named territories, or every territory of the level."""
    level = options.level
    if level is not None and level not in atlas.config.levels:
        raise MonographError(f"unknown level `{level}`.",
                             f"Levels of this atlas: {', '.join(atlas.config.levels)}.")
    if options.territories:
        return [find_territory(atlas, q, level) for q in options.territories]
    return atlas.at_level(level or atlas.config.levels[1])


def build(atlas: Atlas | Path | str | None = None, options: BuildOptions | None = None
          ) -> BuildResult:
    """Build the monographs ``options`` ask for, into ``options.output/<level>/``.

    Raises :class:`InvalidAtlas` (and writes nothing) when validation finds errors; a
    territory that fails is recorded in the result and the others are still built.

    Examples
    --------
    >>> result = build(options=BuildOptions(territories=("06",)))
    >>> result.monographs[0].file
    'output/region/06-casablanca-settat.pdf'
    """
    options = options or BuildOptions()
    if not isinstance(atlas, Atlas):
        atlas = load_atlas(atlas)
    report = validate(atlas)
    if not report.valid:
        raise InvalidAtlas(report)
    codes = plan(atlas, options)
    langs = languages(atlas, options)
    if options.pdf_variant not in PDF_VARIANTS:
        raise MonographError(f"unknown PDF variant `{options.pdf_variant}`.",
                             f"Choose one of: {', '.join(PDF_VARIANTS)}.")
    # a few territories (one city now) need only the figures around them
    facts = Facts.around(atlas, codes) if len(codes) <= 3 else Facts(atlas)
    builder = MonographBuilder(atlas, facts)
    results: list[MonographResult] = []
    for lang in langs:
        results += run_jobs(builder, codes, replace(options, lang=lang, languages=langs))
    result = BuildResult(results)
    result.manifest = write_manifest(result, options.output)
    return result


def languages(atlas: Atlas, options: BuildOptions) -> tuple[str, ...]:
    """The report languages of a build: ``options.languages``, else ``options.lang``, else
    the atlas's languages; each must have a catalogue (or be English, the source)."""
    langs = tuple(dict.fromkeys(options.languages or (
        (options.lang,) if options.lang else tuple(atlas.config.languages))))
    offered = available_languages()
    unknown = [lg for lg in langs if lg not in offered]
    if unknown or not langs:
        raise MonographError(f"no translation for language `{', '.join(unknown)}`.",
                             f"Languages offered: {', '.join(offered)}.")
    return langs


_BUILDER: MonographBuilder | None = None  # the builder a forked worker inherits


def _build_in_worker(code: str, options: BuildOptions) -> MonographResult:
    assert _BUILDER is not None
    return build_one(_BUILDER, code, options)


def run_jobs(builder: MonographBuilder, codes: list[str], options: BuildOptions
             ) -> list[MonographResult]:
    """Build the territories, in worker processes when there are several cores and jobs.

    Workers are forked after the atlas, its chosen figures and the boundaries are loaded,
    so each starts with them in memory (shared copy-on-write) instead of loading them
    again. Results come back in the order of ``codes``. A worker that dies marks its
    territory as failed; the others go on.
    """
    global _BUILDER
    jobs = options.jobs or os.cpu_count() or 1
    jobs = min(jobs, len(codes))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [build_one(builder, code, options) for code in codes]
    for level in builder.atlas.config.boundaries:  # load once, before forking
        builder.atlas.boundaries(level)
    _BUILDER = builder
    results: list[MonographResult] = []
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_build_in_worker, code, options) for code in codes]
            for code, future in zip(codes, futures, strict=True):
                try:
                    results.append(future.result())
                except BrokenProcessPool as exc:
                    results.append(MonographResult(
                        code, builder.atlas.name(code), "failed",
                        error=f"the worker process died ({exc})"))
    finally:
        _BUILDER = None
    return results


def build_one(builder: MonographBuilder, code: str, options: BuildOptions) -> MonographResult:
    """Build one monograph; a failure is caught and recorded, not raised."""
    atlas = builder.atlas
    start = time.perf_counter()
    level = atlas.level_of(code)
    name = atlas.name(code, options.lang)
    stem = territory_slug(code, atlas.name(code, atlas.config.language))
    several = len(options.languages) > 1
    # one language: <slug>.pdf; several: <slug>.<lang>.pdf, one per language
    doc_stem = f"{stem}.{options.lang}" if several and options.lang else stem
    target = Path(options.output) / level / f"{doc_stem}.pdf"
    sheet_target = Path(options.output) / level / f"{stem}.pdf"
    try:
        pdf, pages, html, figures, missing, warnings = render_monograph(
            builder, code, options.lang, options.pdf_variant)
        write_atomically(target, pdf)
        if not several or options.lang == options.languages[0]:  # the sheets: once
            sheet = collection_sheet(atlas, code, missing)
            write_atomically(sheet_target.with_suffix(".collect.csv"), sheet_csv(sheet))
            write_atomically(sheet_target.with_suffix(".collect.xlsx"), sheet_xlsx(sheet))
        if options.keep_html:
            write_atomically(target.with_suffix(".html"), html.encode())
            for fname, data in figures.items():
                write_atomically(target.parent / f"{doc_stem}.{fname}", data)
    except Exception as exc:  # one territory's failure must not stop the batch
        log.error("%s (%s) failed: %s", name, code, exc)
        log.debug("%s", traceback.format_exc())
        return MonographResult(code, name, "failed", seconds=time.perf_counter() - start,
                               error=f"{type(exc).__name__}: {exc}", lang=options.lang or "")
    return MonographResult(code, name, "built", str(target), pages, len(pdf),
                           round(time.perf_counter() - start, 3), [str(m) for m in missing],
                           warnings, lang=options.lang or "")


def write_manifest(result: BuildResult, output: Path) -> Path:
    """Record the build's monographs in ``output/manifest.json`` (atomically).

    Entries of territories this build did not touch are kept, so that building one
    territory does not forget the others; a territory's new entry replaces its old one.
    """
    path = Path(output) / "manifest.json"
    entries: dict[str, dict] = {}
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            entries = {_entry_key(e): e for e in old.get("monographs", [])}
        except (ValueError, KeyError, TypeError):
            log.warning("%s was unreadable and is written anew", path)
    for m in result.monographs:
        entries.pop(f"{m.code}\t", None)  # an entry written before languages were recorded
        entries[_entry_key(asdict(m))] = asdict(m)
    data = {"monographs": [entries[k] for k in sorted(entries)]}
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode())
    return path


def _entry_key(entry: dict) -> str:
    """A manifest entry's key: the territory's code, and its language when it has one."""
    return f"{entry['code']}\t{entry.get('lang', '')}"
