"""A territory's page (``/fr/t/06.141-casablanca``): what its report holds before it is
downloaded, the PDF (at once when up to date, else after an honest wait), its figures and
its data-collection sheet."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from monographs.web.downloads import download_names, send_bytes, send_file
from monographs.web.jobs import QueueFull
from monographs.web.pages import form_token, render
from monographs.web.reports import inside
from monographs.web.routes.common import checked_form, client, language, site
from monographs.web.routes.jobs import busy

MAX_REF = 200
#: The files of a territory's page: name in the address → (kind, extension).
FILES = {
    "report.pdf": ("report", "pdf"),
    "figures.csv": ("figures", "csv"),
    "figures.xlsx": ("figures", "xlsx"),
    "collect.csv": ("collect", "csv"),
    "collect.xlsx": ("collect", "xlsx"),
}


def territory_url(request: Request, lang: str, code: str, file: str = "") -> str:
    """A territory's canonical address in ``lang`` (and one of its files)."""
    d = site(request).directory
    url = f"/{lang}/t/{code}-{d.slug(code)}"
    return f"{url}/{file}" if file else url


def resolve(request: Request) -> tuple[str, str]:
    """The territory the address names (its code, the longest that the atlas has before a
    hyphen), and the language; 404 when none."""
    lang = language(request)
    ref = request.path_params["ref"][:MAX_REF]
    d = site(request).directory
    candidates = [ref] + [ref[:i] for i in range(len(ref) - 1, 0, -1) if ref[i] == "-"]
    for code in candidates:
        if d.has(code):
            return code, lang
    raise HTTPException(404)


def canonical(request: Request, code: str, lang: str, file: str = "") -> Response | None:
    """A permanent redirect to the canonical address when the slug is not its own."""
    want = territory_url(request, lang, code, file)
    if request.url.path != want:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(want + query, status_code=308)
    return None


def names(request: Request, code: str, lang: str, what: str, ext: str) -> tuple[str, str]:
    """The download's file names: code and name, what it is, language, edition."""
    s = site(request)
    latin = s.atlas.name(code, s.atlas.config.language)
    native = s.atlas.name(code, lang)
    edition = s.atlas.config.edition
    extra = [] if what == "report" else [what]
    ascii_name, _ = download_names([code, latin, *extra, lang, edition], ext)
    _, native_name = download_names([code, native, *extra, lang, edition], ext)
    return ascii_name, native_name


async def page(request: Request) -> Response:
    """The territory's page."""
    code, lang = resolve(request)
    if (moved := canonical(request, code, lang)) is not None:
        return moved
    s = site(request)
    d = s.directory
    context = await run_in_threadpool(s.context, code, lang)
    entry = await run_in_threadpool(s.fresh.monograph, code, lang)
    action = territory_url(request, lang, code, "report")
    level = d.atlas.level_of(code)
    held = [k for k in context.key_figures if not k.missing]
    missing_keys = [k for k in context.key_figures if k.missing]
    return render(
        request,
        "territory.html.j2",
        lang,
        place=d.place(code, lang),
        trail=d.trail(code, lang)[:-1],
        context=context,
        held=held,
        missing_keys=missing_keys,
        entry=entry,
        url=territory_url(request, lang, code),
        action=action,
        token=form_token(s.secret, action),
        children=d.children(code, lang),
        compare_url=f"/{lang}/compare/{level}" if level != d.levels[0] else "",
        level_name=d.level_name(level, lang),
        edition=s.atlas.config.edition,
    )


async def prepare(request: Request) -> Response:
    """POST: the PDF now when it is up to date, else a job and its waiting page."""
    code, lang = resolve(request)
    s = site(request)
    await checked_form(request, territory_url(request, lang, code, "report"))
    if await run_in_threadpool(s.fresh.monograph, code, lang):
        return RedirectResponse(territory_url(request, lang, code, "report.pdf"), status_code=303)
    try:
        job = s.pool.submit("monograph", {"code": code, "lang": lang}, client(request))
    except QueueFull as full:
        return busy(request, lang, full.retry_after)
    return RedirectResponse(f"/{lang}/jobs/{job.id}", status_code=303)


async def download(request: Request) -> Response:
    """A file of the territory: the PDF (only when built and up to date; otherwise the
    page that offers to prepare it), its figures or its data-collection sheet."""
    code, lang = resolve(request)
    file = request.path_params["file"]
    if file not in FILES:
        raise HTTPException(404)
    if (moved := canonical(request, code, lang, file)) is not None:
        return moved
    s = site(request)
    what, ext = FILES[file]
    if what == "figures":
        data = await run_in_threadpool(s.figures, code, lang, ext)
        return send_bytes(data, ext, names(request, code, lang, "figures", ext))
    if what == "collect":
        data = await run_in_threadpool(s.sheet, code, ext)
        return send_bytes(data, ext, names(request, code, lang, "collect", ext))
    entry = await run_in_threadpool(s.fresh.monograph, code, lang)
    if entry is None or not inside(s.output, Path(entry["path"])):
        action = territory_url(request, lang, code, "report")
        return render(
            request,
            "prepare.html.j2",
            lang,
            status=404,
            place=s.directory.place(code, lang),
            url=territory_url(request, lang, code),
            action=action,
            token=form_token(s.secret, action),
        )
    return send_file(Path(entry["path"]), "pdf", names(request, code, lang, "report", "pdf"))
