"""The page's routes, one module per thing a reader does: find a territory
(:mod:`.home`), read about its report and download it (:mod:`.territory`), compare
territories (:mod:`.compare`), wait for a report (:mod:`.jobs`); :mod:`.errors` turns
every error into a page in the reader's language."""

from __future__ import annotations

from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from monographs.resources import FONTS_DIR
from monographs.web.pages import STATIC
from monographs.web.routes import compare, home, jobs, territory


def routes() -> list:
    """Every route of the page."""
    return [
        Route("/", home.root),
        Route("/healthz", home.health),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
        Mount("/fonts", app=StaticFiles(directory=str(FONTS_DIR)), name="fonts"),
        Route("/jobs/{job_id:str}.json", jobs.status_json),
        Route("/{lang:str}/", home.home),
        Route("/{lang:str}", home.home_redirect),
        Route("/{lang:str}/search", home.search),
        Route("/{lang:str}/t/{ref:str}", territory.page),
        Route("/{lang:str}/t/{ref:str}/report", territory.prepare, methods=["POST"]),
        Route("/{lang:str}/t/{ref:str}/{file:str}", territory.download),
        Route("/{lang:str}/compare/", compare.choose_level),
        Route("/{lang:str}/compare/{level:str}", compare.page),
        Route("/{lang:str}/compare/{level:str}/report", compare.prepare, methods=["POST"]),
        Route("/{lang:str}/compare/{level:str}/{file:str}", compare.download),
        Route("/{lang:str}/jobs/{job_id:str}", jobs.page),
    ]
