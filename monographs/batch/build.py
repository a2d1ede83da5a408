"""Building monographs: plan the jobs, skip what is up to date, run the rest, record a
manifest.

One bad territory never sinks the others: its failure is recorded in the result and the
batch goes on. Deciding what to skip needs only the tables (see
:mod:`monographs.batch.incremental`); the drawing and layout libraries are used only when
there is something to build.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import fields, replace
from functools import partial
from pathlib import Path
from typing import Any

from monographs.atlas import Atlas
from monographs.atlas.paths import folder_digest
from monographs.batch import incremental
from monographs.batch.executors import run_dask, run_processes, run_serial
from monographs.batch.jobs import build_one, dask_task, write_outputs
from monographs.batch.manifest import manifest_key, read_manifest, write_manifest
from monographs.batch.memo import checked_atlas
from monographs.batch.output import check_writable, remove_temporaries
from monographs.batch.plan import languages, levels_drawn, plan, target_of
from monographs.batch.results import BuildResult, MonographResult
from monographs.content import Facts, MonographBuilder
from monographs.errors import MonographError
from monographs.options import PDF_VARIANTS, BuildOptions


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, result: MonographResult) -> None:
        pass

    def finish(self) -> None:
        pass


def _failed(atlas: Atlas, options: BuildOptions, code: str, reason: str) -> MonographResult:
    return MonographResult(
        code, atlas.name(code, options.lang), "failed", error=reason, lang=options.lang or ""
    )


def build(
    atlas: Atlas | Path | str | None = None,
    options: BuildOptions | None = None,
    progress: Any = None,
) -> BuildResult:
    """Build the monographs ``options`` ask for, into ``options.output/<level>/``.

    Monographs whose inputs did not change since the build recorded in
    ``output/manifest.json`` (and whose PDF is still there) are skipped unless
    ``options.force``. Raises :class:`InvalidAtlas` (and writes nothing) when validation
    finds errors; a territory that fails is recorded in the result and the others are
    still built. ``progress`` is told of each monograph as it is done (see
    :mod:`monographs.batch.progress`). On Ctrl-C the manifest records what was written, no
    temporary file is left, and ``KeyboardInterrupt`` propagates.

    Examples
    --------
    >>> result = build(options=BuildOptions(territories=("06",)))
    >>> result.monographs[0].file
    'output/region/06-casablanca-settat.fr.pdf'
    """
    options = options or BuildOptions()
    progress = progress or _Silent()
    atlas = checked_atlas(atlas)
    codes = plan(atlas, options)
    langs = languages(atlas, options)
    if options.pdf_variant not in PDF_VARIANTS:
        raise MonographError(
            f"unknown PDF variant `{options.pdf_variant}`.",
            f"Choose one of: {', '.join(PDF_VARIANTS)}.",
        )
    output = Path(options.output)
    previous = read_manifest(output)
    reuse = not (options.force or not options.cache)
    results: dict[str, MonographResult] = {}  # by manifest key, in the order done
    order = [manifest_key(c, lg) for lg in langs for c in codes]

    def collected() -> BuildResult:
        return BuildResult([results[k] for k in order if k in results])

    progress.start(len(order))
    try:
        for lang in langs:
            opts = replace(options, lang=lang, languages=langs)
            targets = {code: target_of(atlas, code, opts) for code in codes}
            hashes = incremental.input_hashes(atlas, codes, opts, targets)
            keys = {c: manifest_key(c, lang) for c in codes}
            fresh = {
                c
                for c in codes
                if reuse and incremental.up_to_date(previous.get(keys[c]), hashes[c], targets[c])
            }
            todo = [c for c in codes if c not in fresh]
            if todo:
                check_writable(output)

            def done(result: MonographResult, hashes: dict[str, str] = hashes) -> None:
                if result.status == "built":
                    result.input_hash = hashes[result.code]
                results[manifest_key(result.code, result.lang)] = result
                progress.advance(result)

            for code in codes:
                if code in fresh:
                    old = previous[keys[code]]
                    entry = {f.name: old[f.name] for f in fields(MonographResult) if f.name in old}
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


def run_jobs(
    atlas: Atlas,
    codes: list[str],
    options: BuildOptions,
    on_result: Callable[[MonographResult], None],
) -> None:
    """Build ``codes`` with the executor ``options`` name, calling ``on_result`` for each.

    For worker processes, the atlas, its chosen figures, the drawing libraries and the
    simplified boundaries are loaded here before forking, so each worker starts with
    them in memory (shared copy-on-write) instead of loading them again.
    """
    failed = partial(_failed, atlas, options)
    if options.executor == "dask":
        if not options.scheduler:
            raise MonographError(
                "--executor dask needs the scheduler's address.",
                "Give it with --scheduler tcp://HOST:8786.",
            )
        run_dask(
            codes,
            atlas.root,
            options,
            options.scheduler,
            on_result,
            dask_task,
            write_outputs,
            failed,
            folder_digest(atlas.root),  # workers reload an atlas edited since
        )
        return
    if options.cache:
        from monographs.atlas.boundaries import simplify_for_print  # geopandas, when drawing

        simplify_for_print(atlas, levels_drawn(atlas, codes))
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
    """Before forking: import what every worker needs (WeasyPrint, the maps' classes)
    and draw one small chart, so that the workers inherit the libraries and matplotlib's
    font caches instead of each paying for them."""
    import monographs.figures.classes  # noqa: F401
    import monographs.render  # noqa: F401
    from monographs.figures import plotting

    fig = plotting.new_figure(4, 2)
    ax = fig.add_subplot()
    ax.barh([0, 1], [1.0, 2.0])
    ax.set_yticks([0, 1], ["Aé", "Bü"])
    ax.text(1, 1, "1 234,5 %", fontweight="bold")
    plotting.to_svg(fig)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
