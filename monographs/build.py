"""Building monographs: plan the jobs, skip what is up to date, run the rest, record a
manifest.

One bad territory never sinks the others: its failure is recorded in the result and the
batch goes on. Deciding what to skip needs only the tables (see
:mod:`monographs.incremental`); the drawing and layout libraries are imported when there
is something to build.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monographs import incremental
from monographs.atlas import Atlas, load_atlas
from monographs.errors import InvalidAtlas, MonographError
from monographs.files import write_atomically
from monographs.i18n import available_languages
from monographs.options import BuildOptions
from monographs.slugs import territory_slug
from monographs.territories import find_territory
from monographs.validate import validate

if TYPE_CHECKING:
    from monographs.report import MonographBuilder

log = logging.getLogger(__name__)
TEMPLATE = "monograph.html.j2"
PRINT_WIDTH_PT = 480  # the widest map of a monograph (17 cm), in points
PRINT_TOLERANCE_PT = 0.2  # how far a simplified border may move on paper (0.07 mm)


@dataclass
class MonographResult:
    """What happened to one territory's monograph.

    ``status`` is ``built``, ``skipped`` (up to date: its inputs and PDF unchanged since
    the build recorded in the manifest) or ``failed`` (``error`` says why).
    """

    code: str
    name: str
    status: str  # built | skipped | failed
    file: str = ""
    pages: int = 0
    bytes: int = 0
    seconds: float = 0.0
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    input_hash: str = ""
    sha256: str = ""
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

    def count(self, status: str) -> int:
        """How many monographs have this status."""
        return sum(1 for m in self.monographs if m.status == status)


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, result: MonographResult) -> None:
        pass

    def finish(self) -> None:
        pass


def render_monograph(builder: MonographBuilder, code: str, lang: str | None = None,
                     pdf_variant: str | None = None,
                     ) -> tuple[bytes, int, str, dict[str, bytes], list[str], list[str]]:
    """Lay out one territory's monograph.

    Returns the PDF bytes, its page count, the HTML, the embedded figures, the missing
    figures and any warnings (refused fetches, untranslated messages). A PDF/A
    (``pdf/a-…``) carries the figures it draws on as an attached CSV.
    """
    from monographs.render import DEFAULT_PDF_VARIANT, attachment, html_to_pdf, render_html
    from monographs.report import evidence_csv

    pdf_variant = pdf_variant or DEFAULT_PDF_VARIANT
    context, figures, tr = builder.build(code, lang)
    html = render_html(TEMPLATE, {**asdict(context), **tr.template_words()})
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
        codes = [find_territory(atlas, q, level) for q in options.territories]
        return list(dict.fromkeys(codes))
    return atlas.at_level(level or atlas.config.levels[1])


def target_of(atlas: Atlas, code: str, options: BuildOptions, sheet: bool = False) -> Path:
    """Where a territory's PDF goes: ``output/<level>/<code>-<slug>.pdf``, or
    ``<code>-<slug>.<lang>.pdf`` when a build writes several languages. With ``sheet``,
    the stem of its data-collection sheets (one per territory, whatever the languages)."""
    stem = territory_slug(code, atlas.name(code, atlas.config.language))
    if len(options.languages) > 1 and options.lang and not sheet:
        stem = f"{stem}.{options.lang}"
    return Path(options.output) / atlas.level_of(code) / f"{stem}.pdf"


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


def levels_drawn(atlas: Atlas, codes: list[str]) -> list[str]:
    """The levels whose boundaries the monographs of ``codes`` draw: the first level
    under the top (the locator's background), each territory's own level, its parent's
    and its children's."""
    levels = atlas.config.levels
    wanted = set(levels[1:2])
    for level in {atlas.level_of(c) for c in codes}:
        i = levels.index(level)
        wanted |= set(levels[max(i - 1, 0):i + 2])
    return [lv for lv in levels if lv in wanted]


def prepare(atlas: Atlas, levels: list[str] | None = None) -> None:
    """Compute once what every monograph of a build shares: the boundaries of ``levels``
    (all by default), loaded and simplified for print.

    A level is drawn at most over its parent's extent on a 17 cm map (the regions over
    the whole country); its borders are simplified so that no point moves more than
    0.2 pt on paper there. The maps look the same and WeasyPrint reads several times
    fewer points.
    """
    import numpy as np
    import shapely

    for i, level in enumerate(atlas.config.levels):
        if levels is not None and level not in levels:
            continue
        frame = atlas.boundaries(level)
        if frame is None or not len(frame) or frame.attrs.get("print_simplified"):
            continue
        bounds = shapely.bounds(frame.geometry.values)
        sides = np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
        if i <= 1:
            minx, miny, maxx, maxy = frame.total_bounds
            extent = max(maxx - minx, maxy - miny)
        else:  # the median extent of a parent's children together
            parents = atlas.territories["parent_code"].reindex(frame.index)
            groups = {}
            for code, parent in parents.items():
                groups.setdefault(parent, []).append(frame.index.get_loc(code))
            extents = []
            for rows in groups.values():
                b = bounds[rows]
                extents.append(max(b[:, 2].max() - b[:, 0].min(), b[:, 3].max() - b[:, 1].min()))
            extent = float(np.median(extents)) if extents else float(np.median(sides))
        if not np.isfinite(extent) or extent <= 0:
            continue
        tolerance = extent / PRINT_WIDTH_PT * PRINT_TOLERANCE_PT
        simplified = frame.copy()
        simplified["geometry"] = shapely.simplify(frame.geometry.values, tolerance,
                                                  preserve_topology=True)
        simplified.attrs["print_simplified"] = tolerance
        atlas._boundaries[level] = simplified  # the cache Atlas.boundaries reads


def make_one(builder: MonographBuilder, code: str, options: BuildOptions
             ) -> tuple[MonographResult, dict[Path, bytes]]:
    """Lay out one monograph and its data-collection sheets, without writing anything.

    Returns the result and the files to write (path → bytes, the PDF last). A failure
    is caught and recorded in the result (with no files), not raised.
    """
    from monographs.sheets import collection_sheet, sheet_csv, sheet_xlsx

    atlas = builder.atlas
    start = time.perf_counter()
    name = atlas.name(code, options.lang)
    target = target_of(atlas, code, options)
    sheet_target = target_of(atlas, code, options, sheet=True)
    lang = options.lang or ""
    files: dict[Path, bytes] = {}
    try:
        pdf, pages, html, figures, missing, warnings = render_monograph(
            builder, code, options.lang, options.pdf_variant)
        if len(options.languages) <= 1 or options.lang == options.languages[0]:
            sheet = collection_sheet(atlas, code, missing)  # once, whatever the languages
            files[sheet_target.with_suffix(".collect.csv")] = sheet_csv(sheet)
            files[sheet_target.with_suffix(".collect.xlsx")] = sheet_xlsx(sheet)
        if options.keep_html:
            files[target.with_suffix(".html")] = html.encode()
            for fname, data in figures.items():
                files[target.parent / f"{target.stem}.{fname}"] = data
        files[target] = pdf
    except Exception as exc:  # one territory's failure must not stop the batch
        log.error("%s (%s) failed: %s", name, code, exc)
        log.debug("%s", traceback.format_exc())
        return MonographResult(code, name, "failed",
                               seconds=round(time.perf_counter() - start, 3),
                               error=f"{type(exc).__name__}: {exc}", lang=lang), {}
    finally:
        if not options.cache:
            _clear_caches()
    import hashlib

    return MonographResult(code, name, "built", str(target), pages, len(pdf),
                           round(time.perf_counter() - start, 3), [str(m) for m in missing],
                           warnings, sha256=hashlib.sha256(pdf).hexdigest(), lang=lang), files


def _clear_caches() -> None:
    from monographs import draw

    draw._breakdown_svg.cache_clear()


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
            "Choose another folder with --output, or fix its permissions or free space."
        ) from exc


def remove_temporaries(output: Path, levels: list[str]) -> None:
    """Remove temporary files an interrupted write may have left (``.NAME.*.tmp``)."""
    for folder in [output, *(output / lv for lv in levels)]:
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


def _failed(atlas: Atlas, options: BuildOptions, code: str, reason: str) -> MonographResult:
    return MonographResult(code, atlas.name(code, options.lang), "failed", error=reason,
                           lang=options.lang or "")


def build(atlas: Atlas | Path | str | None = None, options: BuildOptions | None = None,
          progress: Any = None) -> BuildResult:
    """Build the monographs ``options`` ask for, into ``options.output/<level>/``.

    Monographs whose inputs did not change since the build recorded in
    ``output/manifest.json`` (and whose PDF is still there) are skipped unless
    ``options.force``. Raises :class:`InvalidAtlas` (and writes nothing) when validation
    finds errors; a territory that fails is recorded in the result and the others are
    still built. ``progress`` is told of each monograph as it is done (see
    :mod:`monographs.progress`). On Ctrl-C the manifest records what was written, no
    temporary file is left, and ``KeyboardInterrupt`` propagates.

    Examples
    --------
    >>> result = build(options=BuildOptions(territories=("06",)))
    >>> result.monographs[0].file
    'output/region/06-casablanca-settat.pdf'
    """
    options = options or BuildOptions()
    progress = progress or _Silent()
    if not isinstance(atlas, Atlas):
        atlas = load_atlas(atlas)
    report = validate(atlas)
    if not report.valid:
        raise InvalidAtlas(report)
    codes = plan(atlas, options)
    langs = languages(atlas, options)
    from monographs.render import PDF_VARIANTS

    if options.pdf_variant not in PDF_VARIANTS:
        raise MonographError(f"unknown PDF variant `{options.pdf_variant}`.",
                             f"Choose one of: {', '.join(PDF_VARIANTS)}.")
    output = Path(options.output)
    previous = incremental.read_manifest(output)
    reuse = not (options.force or not options.cache)
    results: dict[str, MonographResult] = {}  # by manifest key, in the order done
    order = [incremental.manifest_key(c, lg) for lg in langs for c in codes]

    def collected() -> BuildResult:
        return BuildResult([results[k] for k in order if k in results])

    progress.start(len(order))
    try:
        for lang in langs:
            opts = replace(options, lang=lang, languages=langs)
            targets = {code: target_of(atlas, code, opts) for code in codes}
            hashes = incremental.input_hashes(atlas, codes, opts, targets)
            keys = {c: incremental.manifest_key(c, lang) for c in codes}
            fresh = {c for c in codes if reuse and incremental.up_to_date(
                previous.get(keys[c]), hashes[c], targets[c])}
            todo = [c for c in codes if c not in fresh]
            if todo:
                check_writable(output)

            def done(result: MonographResult, hashes: dict[str, str] = hashes) -> None:
                if result.status == "built":
                    result.input_hash = hashes[result.code]
                results[incremental.manifest_key(result.code, result.lang)] = result
                progress.advance(result)

            for code in codes:
                if code in fresh:
                    old = previous[keys[code]]
                    entry = {f.name: old[f.name] for f in fields(MonographResult)
                             if f.name in old}
                    done(MonographResult(**{**entry, "status": "skipped", "seconds": 0.0}))
            if todo:
                run_jobs(atlas, todo, opts, done)
    except KeyboardInterrupt:
        progress.finish()
        remove_temporaries(output, atlas.config.levels)
        partial_result = collected()
        if any(m.status == "built" for m in partial_result.monographs):
            write_manifest(partial_result, output)
        raise
    progress.finish()
    result = collected()
    result.manifest = write_manifest(result, output)
    return result


def run_jobs(atlas: Atlas, codes: list[str], options: BuildOptions,
             on_result: Callable[[MonographResult], None]) -> None:
    """Build ``codes`` with the executor ``options`` name, calling ``on_result`` for each.

    For worker processes, the atlas, its chosen figures, the drawing libraries and the
    simplified boundaries are loaded here before forking, so each worker starts with
    them in memory (shared copy-on-write) instead of loading them again.
    """
    failed = partial(_failed, atlas, options)
    if options.executor == "dask":
        from monographs.executors import run_dask

        if not options.scheduler:
            raise MonographError("--executor dask needs the scheduler's address.",
                                 "Give it with --scheduler tcp://HOST:8786.")
        run_dask(codes, atlas.root, options, options.scheduler, on_result, write_outputs,
                 failed)
        return
    from monographs.executors import run_processes, run_serial
    from monographs.facts import Facts
    from monographs.report import MonographBuilder

    if options.cache:
        prepare(atlas, levels_drawn(atlas, codes))
    # a few territories (one city now) need only the figures around them
    facts = Facts.around(atlas, codes) if len(codes) <= 3 else Facts(atlas)
    builder = MonographBuilder(atlas, facts)
    work = partial(build_one, builder, options=options)
    jobs = min(options.jobs or os.cpu_count() or 1, len(codes))
    if jobs <= 1 or options.executor == "serial" or not _can_fork():
        run_serial(codes, work, on_result)
        return
    _warm_up()

    run_processes(codes, work, jobs, on_result, failed, options.recycle_after)


def _warm_up() -> None:
    """Before forking: import what every worker needs (WeasyPrint, mapclassify and scipy)
    and draw one small chart, so that the workers inherit the libraries and matplotlib's
    font caches instead of each paying for them."""
    import mapclassify  # noqa: F401

    import monographs.render  # noqa: F401
    from monographs import plotting

    fig = plotting.new_figure(4, 2)
    ax = fig.add_subplot()
    ax.barh([0, 1], [1.0, 2.0])
    ax.set_yticks([0, 1], ["Aé", "Bü"])
    ax.text(1, 1, "1 234,5 %", fontweight="bold")
    plotting.to_svg(fig)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def write_manifest(result: BuildResult, output: Path) -> Path:
    """Record the build's monographs in ``output/manifest.json`` (atomically).

    Entries of territories this build did not touch are kept, so that building one
    territory does not forget the others; a territory's new entry replaces its old one.
    A territory that failed keeps its previous PDF on disk; its entry says it failed.
    """
    path = Path(output) / incremental.MANIFEST
    entries = incremental.read_manifest(output)
    for m in result.monographs:
        entries[incremental.manifest_key(m.code, m.lang)] = asdict(m)
    data = {"monographs": [entries[k] for k in sorted(entries)]}
    try:
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode())
    except OSError as exc:
        why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise MonographError(f"could not write the manifest {path}: {why}.",
                             "Free space or fix the folder's permissions, then build "
                             "again: monographs already written are kept.") from exc
    return path
