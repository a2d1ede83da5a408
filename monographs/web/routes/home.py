"""Finding a territory: the home page (search, and browsing from the country down) and
the search results, grouped by level with each place's parent."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from monographs.web.directory import MAX_QUERY
from monographs.web.pages import negotiate, render
from monographs.web.routes.common import language, site


async def root(request: Request) -> Response:
    """``/``: to the home page in the browser's language (else the atlas's)."""
    s = site(request)
    lang = negotiate(request.headers.get("accept-language", "")) or s.atlas.config.language
    return RedirectResponse(f"/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})


async def home_redirect(request: Request) -> Response:
    """``/fr`` → ``/fr/``."""
    return RedirectResponse(f"/{language(request)}/", status_code=308)


async def health(request: Request) -> Response:
    """Whether the server is up and its workers ready (for a service manager)."""
    pool = site(request).pool
    ready = bool(pool.worker_pids)
    return PlainTextResponse("ok" if ready else "starting", status_code=200 if ready else 503)


async def home(request: Request) -> Response:
    """The home page: a search box, and the country's first level to browse."""
    lang = language(request)
    s = site(request)
    d = s.directory
    top = d.place(d.top, lang)
    return render(
        request,
        "home.html.j2",
        lang,
        top=top,
        atlas_title=s.atlas.config.title,
        edition=s.atlas.config.edition,
        children=d.children(d.top, lang),
        levels=[(lv, d.level_name(lv, lang)) for lv in d.levels[1:]],
        max_query=MAX_QUERY,
        query="",
    )


async def search(request: Request) -> Response:
    """``/fr/search?q=tanger``: the places whose names hold the words, by level."""
    lang = language(request)
    s = site(request)
    query = request.query_params.get("q", "")[:MAX_QUERY]
    level = request.query_params.get("level") or None
    if level is not None and level not in s.directory.levels:
        level = None
    groups = s.directory.search(query, lang, level)
    if request.query_params.get("format") == "json":
        return JSONResponse(
            [
                {
                    "level": g.level,
                    "places": [
                        {"code": p.code, "name": p.name, "parent": p.parent} for p in g.places
                    ],
                }
                for g in groups
            ]
        )
    return render(
        request,
        "search.html.j2",
        lang,
        query=query,
        groups=groups,
        count=sum(len(g.places) + g.more for g in groups),
        max_query=MAX_QUERY,
    )
