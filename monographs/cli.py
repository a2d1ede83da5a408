"""The command line: a thin layer over the Python API.

Each command calls the API, renders what it returns (a table for people, JSON with
``--json``) and sets the exit status from it. Errors become one clear paragraph; a
traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

import monographs
from monographs import InvalidAtlas, MonographError, Report
from monographs.errors import Terminated


def _print_report(report: Report, limit: int = 50) -> None:
    for problem in report.problems[:limit]:
        click.echo(str(problem), err=True)
    if len(report) > limit:
        click.echo(f"… and {len(report) - limit} more (see --json).", err=True)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (``kill PID``, a service manager stopping us) handled as Ctrl-C is: the
    work stops, the manifest records what was written, no temporary file is left."""

    def stop(signum: int, frame: object) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (an embedding server): leave it to it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupted(ctx: click.Context, exc: KeyboardInterrupt, output: Path, what: str) -> None:
    click.echo(
        f"{'Terminated' if isinstance(exc, Terminated) else 'Interrupted'}: {what}",
        err=True,
    )
    ctx.exit(143 if isinstance(exc, Terminated) else 130)


def _quoted(text: str) -> str:
    """A word as a shell reads it back: quoted when it holds spaces or special signs."""
    import shlex

    return shlex.quote(str(text))


def _command(verb: str, atlas: Path | None, extra: tuple[str, ...] = ()) -> str:
    """A command to print as a hint, that works as printed: with ``--atlas`` when the
    atlas is not the default one."""
    words = ["monographs", verb]
    if atlas is not None:
        words += ["--atlas", _quoted(str(atlas))]
    words += [_quoted(w) for w in extra]
    return " ".join(words)


class Context:
    """What every command shares: the --debug switch."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug


def _fail(ctx: click.Context, exc: Exception) -> None:
    if isinstance(exc, InvalidAtlas):
        _print_report(exc.report)
    if ctx.obj and ctx.obj.debug:
        raise exc
    click.echo(f"Error: {exc}", err=True)
    ctx.exit(1 if isinstance(exc, MonographError) else 2)


@click.group()
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.version_option(package_name="monographs")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Territorial migration monographs: one PDF per territory, from an atlas of figures
    and boundaries (the embedded Moroccan atlas by default)."""
    ctx.obj = Context(debug)
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


atlas_option = click.option(
    "--atlas",
    "atlas_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The atlas folder (holding atlas.toml). Default: the embedded Moroccan atlas.",
)


@cli.command()
@atlas_option
@click.option(
    "--level",
    default=None,
    help="The level whose territories get a monograph (default: the one under the "
    "top, e.g. region); with --territory, where to look for the names.",
)
@click.option(
    "--territory",
    "territories",
    multiple=True,
    help="A code or name to build (repeatable); accents, case and hyphens optional.",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The output folder.",
)
@click.option(
    "--lang",
    default=None,
    help="Report language(s): fr, ar or en; several separated by commas (fr,ar) "
    "write one PDF per language, <slug>.<lang>.pdf (default: the atlas's "
    "languages).",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(monographs.PDF_VARIANTS),
    default=monographs.DEFAULT_PDF_VARIANT,
    show_default=True,
    help="pdf/ua-1: tagged for screen readers; pdf/a-3b: archival, tagged, with "
    "the figures attached as CSV; none: a plain PDF.",
)
@click.option(
    "--html", "keep_html", is_flag=True, help="Also write the HTML and its figures beside each PDF."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core).",
)
@click.option(
    "--force", is_flag=True, help="Rebuild every monograph, even those whose inputs did not change."
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Reuse nothing (no skipping, no shared simplified maps): the plain "
    "baseline the benchmark compares with.",
)
@click.option(
    "--executor",
    type=click.Choice(monographs.EXECUTORS),
    default="processes",
    show_default=True,
    help="Where the monographs are built: worker processes here, this process, "
    "or a Dask cluster (needs --scheduler).",
)
@click.option(
    "--scheduler",
    default=None,
    help="With --executor dask: the scheduler's address, e.g. tcp://host:8786.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress bar nor per-monograph lines; failures and the summary only.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def build(
    ctx: click.Context,
    atlas_path: Path | None,
    level: str | None,
    territories: tuple[str, ...],
    output: Path,
    lang: str | None,
    pdf_variant: str,
    keep_html: bool,
    jobs: int | None,
    force: bool,
    no_cache: bool,
    executor: str,
    scheduler: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Build monographs (PDF) into OUTPUT/<level>/, skipping those already up to date.

    A progress bar shows on a terminal (plain lines otherwise); the exit status is 1 if
    any monograph failed, 130 when interrupted.
    """
    langs = tuple(x.strip() for x in (lang or "").split(",") if x.strip())
    options = monographs.BuildOptions(
        level=level,
        territories=territories,
        output=output,
        lang=langs[0] if len(langs) == 1 else None,
        languages=langs if len(langs) > 1 else (),
        pdf_variant=pdf_variant,
        keep_html=keep_html,
        jobs=jobs,
        force=force,
        cache=not no_cache,
        executor=executor,
        scheduler=scheduler,
    )
    try:
        with sigterm_as_interrupt():
            result = monographs.build(
                atlas_path, options, monographs.reporter_for(quiet=quiet or as_json)
            )
    except MonographError as exc:
        _fail(ctx, exc)
        return
    except KeyboardInterrupt as exc:
        _interrupted(
            ctx,
            exc,
            output,
            "the monographs written so far are kept and recorded in "
            f"{output / 'manifest.json'}; build again to finish.",
        )
        return
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in monographs.summary(result):
            click.echo(line)
    ctx.exit(0 if result.ok else 1)


@cli.command("list")
@atlas_option
@click.option(
    "--level",
    default=None,
    help="The level to list (default: the one under the top, e.g. region; "
    "every level with --search).",
)
@click.option(
    "--search",
    default=None,
    help="Only names or aliases containing this (accents, case, hyphens optional).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_cmd(
    ctx: click.Context,
    atlas_path: Path | None,
    level: str | None,
    search: str | None,
    as_json: bool,
) -> None:
    """List the territories of a level with how many of the report's figures each holds."""
    try:
        rows = monographs.list_territories(atlas_path, level, search)
    except MonographError as exc:
        _fail(ctx, exc)
        return
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(
            "No territory matches." + (" Try fewer letters, or another level." if search else ""),
            err=True,
        )
        ctx.exit(1)
    width = max((len(r["name"]) for r in rows), default=10)
    lw = max(len(f"{r['level']} {r['kind']}") for r in rows) + 1
    click.echo(f"{'code':<14} {'name':<{width}}  {'level':<{lw}} {'parent':<28} figures held")
    for r in rows:
        lev = f"{r['level']} {r['kind']}".strip() if r["kind"] != r["level"] else r["level"]
        click.echo(
            f"{r['code']:<14} {r['name']:<{width}}  {lev:<{lw}} {r['parent']:<28} "
            f"{r['held']:>3} / {r['expected']}"
        )
    if search:
        click.echo(
            f"{len(rows)} found. Build one with: "
            + _command("build", atlas_path, ("--level", rows[0]["level"]))
            + f" --territory {_quoted(rows[0]['code'])}",
            err=True,
        )


@cli.command("compare")
@atlas_option
@click.option(
    "--level",
    default=None,
    help="The level whose territories are compared (default: the one under the top, e.g. region).",
)
@click.option(
    "--territories",
    "territories",
    multiple=True,
    help="Only these territories: codes or names, comma-separated or repeated (e.g. 04,06,09).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The output folder (the report goes in OUTPUT/compare/).",
)
@click.option(
    "--lang",
    default=None,
    help="Report language(s): fr, ar or en; several separated by commas (fr,ar) "
    "write one report per language, region.<lang>.pdf (default: the atlas's "
    "first).",
)
@click.option("--html", "keep_html", is_flag=True, help="Also write the HTML beside the PDF.")
@click.option(
    "--force",
    is_flag=True,
    help="Make the report again, even when the one on disk was made from the same inputs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def compare_cmd(
    ctx: click.Context,
    atlas_path: Path | None,
    level: str | None,
    territories: tuple[str, ...],
    output: Path,
    lang: str | None,
    keep_html: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Compare the territories of a level in one PDF (maps, rankings, values, completeness,
    conflicts), with the values as CSV and XLSX beside it."""
    langs = [part.strip() for part in (lang or "").split(",") if part.strip()] or [None]
    results = []
    for one in langs:
        options = monographs.CompareOptions(
            level=level,
            territories=territories,
            output=output,
            lang=one,
            keep_html=keep_html,
            lang_in_name=len(langs) > 1,
            force=force,
        )
        try:
            with sigterm_as_interrupt():
                results.append(monographs.build_comparison(atlas_path, options))
        except MonographError as exc:
            _fail(ctx, exc)
            return
        except KeyboardInterrupt as exc:
            _interrupted(ctx, exc, output, "the reports written so far are kept.")
            return
    if as_json:
        data = [asdict(r) for r in results]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        return
    for result in results:
        if result.status == "skipped":
            click.echo(f"up to date  {result.file}  (same inputs; --force to make it again)")
            continue
        click.echo(
            f"wrote  {result.file}  ({result.pages} pages, "
            f"{result.bytes / 1024:.0f} KiB, {result.seconds:.1f} s; "
            f"{len(result.territories)} territories, {result.measures} figures each, "
            f"{result.missing} missing)"
        )
        click.echo(f"       {result.csv}\n       {result.xlsx}")
        for w in result.warnings:
            click.echo(f"warning: {w}", err=True)


@cli.command()
@click.argument("atlas_arg", metavar="[ATLAS]", required=False, type=click.Path(path_type=Path))
@atlas_option
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@click.option(
    "--join-report",
    "join_report",
    type=click.Path(path_type=Path),
    default=None,
    help="Write how every boundary feature joined a territory, by code or by name, and "
    "the territories left without one (CSV), to this file.",
)
@click.pass_context
def validate(
    ctx: click.Context,
    atlas_arg: Path | None,
    atlas_path: Path | None,
    as_json: bool,
    join_report: Path | None,
) -> None:
    """Check an atlas (--atlas DIR, or DIR alone); exit 0 when it can be built, 1
    otherwise."""
    if atlas_arg is not None and atlas_path is not None and atlas_arg != atlas_path:
        _fail(
            ctx,
            MonographError(
                f"two atlases given: `{atlas_arg}` and `--atlas {atlas_path}`.",
                "Give one: `monographs validate --atlas DIR`.",
            ),
        )
        return
    atlas_path = atlas_path or atlas_arg
    try:
        atlas = monographs.load_atlas(atlas_path)
        report = monographs.validate(atlas)
        if join_report is not None:
            n = monographs.write_join_report(atlas, join_report)
            click.echo(f"join report: {n} record(s) in {join_report}", err=True)
    except MonographError as exc:
        _fail(ctx, exc)
        return
    if as_json:
        click.echo(report.to_json())
    else:
        _print_report(report, limit=len(report))
        click.echo(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s).")
    ctx.exit(0 if report.valid else 1)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.pass_context
def init(ctx: click.Context, folder: Path) -> None:
    """Write a small example atlas (invented figures) into FOLDER, a new or empty folder;
    `monographs build --atlas FOLDER` turns it into PDFs."""
    try:
        files = monographs.init_atlas(folder)
    except MonographError as exc:
        _fail(ctx, exc)
        return
    click.echo(f"wrote an example atlas ({len(files)} files, invented figures) in {folder}")
    click.echo(f"next: {_command('validate', folder)} && {_command('build', folder)}")


@cli.command("check-pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
@click.pass_context
def check_pdf(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Audit the accessibility structure of PDFs: a subset of the PDF/UA-1 checks a machine
    can make (tags, language, title, headings, figure alternatives, tables, lists, untagged
    text, fonts, links, bookmarks), not a full validator.

    Exit status: 0 when no error-level check failed (warnings do not count), 1 when one
    did, 2 when a file is missing or not a PDF (the other files are still checked).
    """
    audits = monographs.check_pdfs(files)
    if as_json:
        click.echo(json.dumps([a.to_dict() for a in audits], ensure_ascii=False, indent=2))
    else:
        for audit in audits:
            if audit.error is not None:
                click.echo(f"Error: {audit.error}", err=True)
                continue
            errors = sum(1 for c in audit.failed if c.severity == "error")
            warnings = len(audit.failed) - errors
            click.echo(
                f"{audit.file}: {'passed' if audit.passed else 'FAILED'} "
                f"({errors} error(s), {warnings} warning(s))"
            )
            width = max(len(c.name) for c in audit.checks)
            for c in audit.checks:
                mark = "✓" if c.passed else "✗" if c.severity == "error" else "!"
                click.echo(f"  {mark} {c.name:<{width}}  {c.detail}")
    if any(a.error is not None for a in audits):
        ctx.exit(2)
    ctx.exit(0 if all(a.passed for a in audits) else 1)


@cli.command()
@atlas_option
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The output folder, shared with `monographs build` (its up-to-date PDFs are reused).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes building reports (default: one per two cores).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    atlas_path: Path | None,
    output: Path,
    host: str,
    port: int,
    workers: int | None,
) -> None:
    """Serve the web page: search a territory, read what its report holds, download it
    (PDF, figures, data-collection sheet) in French, Arabic or English, compare
    territories. Needs the web extra: pip install 'monographs[web]'."""
    try:
        from monographs.web import serve as run
    except ImportError as exc:
        click.echo(
            f"Error: the web page needs the web extra ({exc.name} is missing).\n"
            "Install it with: pip install 'monographs[web]'",
            err=True,
        )
        ctx.exit(2)
        return
    click.echo(f"monographs: the page is at http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    try:
        run(atlas_path, output, host, port, workers)
    except MonographError as exc:
        _fail(ctx, exc)


def main(argv: list[str] | None = None) -> None:
    """The console script: run the command line, turning an unexpected error into one
    paragraph (with the traceback only under ``--debug``)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=argv, prog_name="monographs", standalone_mode=True)
    except Exception as exc:  # an error we did not foresee: still no traceback by default
        if "--debug" in argv:
            raise
        click.echo(
            f"Internal error: {type(exc).__name__}: {exc}\nRerun with --debug for "
            "the traceback, and report it with the command you ran.",
            err=True,
        )
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
