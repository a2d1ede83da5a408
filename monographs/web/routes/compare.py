"""Comparing 2 to 12 territories of one level, the codes in the address
(``/fr/compare/region?codes=01,02,06``): the comparison PDF, its CSV and its XLSX."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from monographs.i18n.messages import N_
from monographs.web.downloads import download_names, send_file
from monographs.web.jobs import QueueFull
from monographs.web.pages import form_token, render
from monographs.web.reports import inside
from monographs.web.routes.common import checked_form, client, language, site
from monographs.web.routes.jobs import busy

MIN_CODES, MAX_CODES = 2, 12
MAX_CODE = 40
FILES = {"comparison.pdf": "pdf", "comparison.csv": "csv", "comparison.xlsx": "xlsx"}


def level_of(request: Request) -> str:
    """The level of the address (404 for one the atlas lacks, or the top)."""
    level = request.path_params["level"]
    if level not in site(request).directory.levels[1:]:
        raise HTTPException(404)
    return level


def parse_codes(request: Request) -> list[str]:
    """The codes of ``?codes=01,02`` (also repeated: ``?codes=01&codes=02``), as given."""
    raw = request.query_params.getlist("codes")[: MAX_CODES * 2]
    codes = [c.strip()[:MAX_CODE] for part in raw for c in part[:600].split(",") if c.strip()]
    return list(dict.fromkeys(codes))[: MAX_CODES * 2]


def problem(request: Request, level: str, codes: list[str]) -> str:
    """Why the codes cannot be compared (in English: a message id), or ""."""
    atlas = site(request).atlas
    if not codes:
        return ""
    if any(c not in atlas.territories.index or atlas.level_of(c) != level for c in codes):
        return N_("Some of these codes are not territories of this level.")
    if not MIN_CODES <= len(codes) <= MAX_CODES:
        return N_("Choose between 2 and 12 territories.")
    return ""


def compare_url(lang: str, level: str, codes: list[str], file: str = "") -> str:
    """The comparison's address (and one of its files)."""
    return f"/{lang}/compare/{level}" + (f"/{file}" if file else "") + f"?codes={','.join(codes)}"


async def choose_level(request: Request) -> Response:
    """The levels that can be compared."""
    lang = language(request)
    d = site(request).directory
    return render(
        request,
        "compare_levels.html.j2",
        lang,
        levels=[(lv, d.level_name(lv, lang)) for lv in d.levels[1:]],
    )


async def page(request: Request) -> Response:
    """The choice of territories, and the comparison of those chosen."""
    lang = language(request)
    level = level_of(request)
    s = site(request)
    d = s.directory
    codes = parse_codes(request)
    why = problem(request, level, codes)
    ordered = sorted(codes)
    if codes and not why and request.url.query != f"codes={','.join(ordered)}":
        return RedirectResponse(compare_url(lang, level, ordered), status_code=308)
    chosen = [d.place(c, lang) for c in ordered if d.has(c)] if not why else []
    record = None
    if chosen:
        record = await run_in_threadpool(s.fresh.comparison, level, tuple(ordered), lang)
    action = f"/{lang}/compare/{level}/report?codes={','.join(ordered)}"
    places = d.at_level(level, lang)
    groups = [(parent, list(items)) for parent, items in groupby(places, key=lambda p: p.parent)]
    return render(
        request,
        "compare.html.j2",
        lang,
        status=400 if why else 200,
        level=level,
        level_name=d.level_name(level, lang),
        chosen=chosen,
        chosen_codes=set(ordered),
        problem=why,
        record=record,
        files={f: compare_url(lang, level, ordered, f) for f in FILES},
        action=action,
        token=form_token(s.secret, action),
        groups=groups,
        grouped=len(places) > 30,
        max_codes=MAX_CODES,
    )


async def prepare(request: Request) -> Response:
    """POST: the comparison now when it is up to date, else a job and its waiting page."""
    lang = language(request)
    level = level_of(request)
    s = site(request)
    codes = sorted(parse_codes(request))
    action = f"/{lang}/compare/{level}/report?codes={','.join(codes)}"
    await checked_form(request, action)
    if not codes or problem(request, level, codes):
        raise HTTPException(400, "codes")
    if await run_in_threadpool(s.fresh.comparison, level, tuple(codes), lang):
        return RedirectResponse(compare_url(lang, level, codes, "comparison.pdf"), status_code=303)
    params = {"level": level, "codes": codes, "lang": lang}
    try:
        job = s.pool.submit("comparison", params, client(request))
    except QueueFull as full:
        return busy(request, lang, full.retry_after)
    return RedirectResponse(f"/{lang}/jobs/{job.id}", status_code=303)


async def download(request: Request) -> Response:
    """The comparison's PDF, CSV or XLSX when up to date; otherwise its page."""
    lang = language(request)
    level = level_of(request)
    file = request.path_params["file"]
    if file not in FILES:
        raise HTTPException(404)
    codes = sorted(parse_codes(request))
    if not codes or problem(request, level, codes):
        raise HTTPException(400, "codes")
    s = site(request)
    record = await run_in_threadpool(s.fresh.comparison, level, tuple(codes), lang)
    ext = FILES[file]
    if record is None or not inside(s.output, Path(record[ext])):
        return RedirectResponse(compare_url(lang, level, codes), status_code=303)
    parts = ["comparison", level, *codes, lang, s.atlas.config.edition]
    return send_file(Path(record[ext]), ext, download_names(parts, ext))
