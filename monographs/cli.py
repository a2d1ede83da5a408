"""The command line: a thin layer over the Python API.

Each command calls the API, renders what it returns (a table for people, JSON with
``--json``) and sets the exit status from it. Errors become one clear paragraph; a
traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from monographs import api
from monographs.errors import InvalidAtlas, MonographError
from monographs.options import BuildOptions
from monographs.problems import Report


def _print_report(report: Report, limit: int = 50) -> None:
    for problem in report.problems[:limit]:
        click.echo(str(problem), err=True)
    if len(report) > limit:
        click.echo(f"… and {len(report) - limit} more (see --json).", err=True)


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
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


atlas_option = click.option(
    "--atlas", "atlas_path", type=click.Path(path_type=Path), default=None,
    help="The atlas folder (holding atlas.toml). Default: the embedded Moroccan atlas.")


@cli.command()
@atlas_option
@click.option("--level", default=None,
              help="The level whose territories get a monograph (default: the one under the "
                   "top, e.g. region); with --territory, where to look for the names.")
@click.option("--territory", "territories", multiple=True,
              help="A code or name to build (repeatable); accents, case and hyphens optional.")
@click.option("--output", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="The output folder.")
@click.option("--lang", default=None, help="Report language (default: the atlas's first).")
@click.option("--html", "keep_html", is_flag=True,
              help="Also write the HTML and its figures beside each PDF.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True,
              help="Rebuild every monograph, even those whose inputs did not change.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Reuse nothing (no skipping, no shared simplified maps): the plain "
                   "baseline the benchmark compares with.")
@click.option("--executor", type=click.Choice(["processes", "serial", "dask"]),
              default="processes", show_default=True,
              help="Where the monographs are built: worker processes here, this process, "
                   "or a Dask cluster (needs --scheduler).")
@click.option("--scheduler", default=None,
              help="With --executor dask: the scheduler's address, e.g. tcp://host:8786.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar nor per-monograph lines; failures and the summary only.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def build(ctx: click.Context, atlas_path: Path | None, level: str | None,
          territories: tuple[str, ...], output: Path, lang: str | None, keep_html: bool,
          jobs: int | None, force: bool, no_cache: bool, executor: str,
          scheduler: str | None, quiet: bool, as_json: bool) -> None:
    """Build monographs (PDF) into OUTPUT/<level>/, skipping those already up to date.

    A progress bar shows on a terminal (plain lines otherwise); the exit status is 1 if
    any monograph failed, 130 when interrupted.
    """
    from monographs.progress import reporter_for, summary

    options = BuildOptions(level=level, territories=territories, output=output, lang=lang,
                           keep_html=keep_html, jobs=jobs, force=force, cache=not no_cache,
                           executor=executor, scheduler=scheduler)
    try:
        result = api.build(atlas_path, options, reporter_for(quiet=quiet or as_json))
    except MonographError as exc:
        _fail(ctx, exc)
        return
    except KeyboardInterrupt:
        click.echo("Interrupted: the monographs written so far are kept and recorded in "
                   f"{output / 'manifest.json'}; build again to finish.", err=True)
        ctx.exit(130)
        return
    if as_json:
        click.echo(json.dumps(api.result_as_dict(result), ensure_ascii=False, indent=2))
    else:
        for line in summary(result):
            click.echo(line)
    ctx.exit(0 if result.ok else 1)


@cli.command("list")
@atlas_option
@click.option("--level", default=None,
              help="The level to list (default: the one under the top, e.g. region).")
@click.option("--search", default=None, help="Only names containing this (accents optional).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_cmd(ctx: click.Context, atlas_path: Path | None, level: str | None,
             search: str | None,
             as_json: bool) -> None:
    """List the territories of a level with how many of the report's figures each holds."""
    try:
        rows = api.list_territories(atlas_path, level, search)
    except MonographError as exc:
        _fail(ctx, exc)
        return
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["name"]) for r in rows), default=10)
    click.echo(f"{'code':<14} {'name':<{width}}  {'parent':<28} figures held")
    for r in rows:
        click.echo(f"{r['code']:<14} {r['name']:<{width}}  {r['parent']:<28} "
                   f"{r['held']:>3} / {r['expected']}")


@cli.command()
@click.argument("atlas_path", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
@click.pass_context
def validate(ctx: click.Context, atlas_path: Path | None, as_json: bool) -> None:
    """Check an atlas; exit 0 when it can be built, 1 otherwise."""
    try:
        report = api.validate_atlas(atlas_path)
    except MonographError as exc:
        _fail(ctx, exc)
        return
    if as_json:
        click.echo(report.to_json())
    else:
        _print_report(report, limit=len(report))
        click.echo(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s).")
    ctx.exit(0 if report.valid else 1)


def main(argv: list[str] | None = None) -> None:
    """The console script: run the command line, turning an unexpected error into one
    paragraph (with the traceback only under ``--debug``)."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=argv, prog_name="monographs", standalone_mode=True)
    except Exception as exc:  # an error we did not foresee: still no traceback by default
        if "--debug" in argv:
            raise
        click.echo(f"Internal error: {type(exc).__name__}: {exc}\nRerun with --debug for "
                   "the traceback, and report it with the command you ran.", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
