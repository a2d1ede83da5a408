"""Errors as pages in the reader's language (the language of the address, else the
browser's), never tracebacks: 400, 403, 404, 405, 500, 503."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from monographs.i18n.messages import N_
from monographs.web.pages import negotiate, render
from monographs.web.reports import LANGUAGES

log = logging.getLogger("monographs.web")

#: status → (title, explanation) message ids
MESSAGES = {
    400: (
        N_("The request is not understood"),
        N_(
            "The address or the form holds something the page cannot read. "
            "Start again from the home page."
        ),
    ),
    403: (
        N_("This request is refused"),
        N_(
            "Forms that start work are accepted only from this site's own pages. "
            "Reload the page and try again."
        ),
    ),
    404: (
        N_("Page not found"),
        N_("No page has this address. Search for the territory by its name instead."),
    ),
    405: (
        N_("The request is not understood"),
        N_(
            "The address or the form holds something the page cannot read. "
            "Start again from the home page."
        ),
    ),
    500: (
        N_("Something went wrong"),
        N_(
            "The page met an error it did not expect. "
            "It has been written to the server's log; try again in a moment."
        ),
    ),
    503: (
        N_("The server is busy"),
        N_("Too many reports are being prepared. Try again in a moment."),
    ),
}


def page_language(request: Request) -> str:
    """The language of the error page."""
    first = request.url.path.split("/")[1] if "/" in request.url.path else ""
    if first in LANGUAGES:
        return first
    return negotiate(request.headers.get("accept-language", "")) or "fr"


def error_page(request: Request, status: int) -> Response:
    """The page of an error status."""
    status = status if status in MESSAGES else (500 if status >= 500 else 400)
    title, text = MESSAGES[status]
    return render(
        request, "error.html.j2", page_language(request), status=status, title=title, text=text
    )


async def http_error(request: Request, exc: Exception) -> Response:
    """An HTTPException (404, 400…) as a page."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return error_page(request, status)


async def server_error(request: Request, exc: Exception) -> Response:
    """An unexpected error: logged with its traceback, shown as a page without one."""
    log.exception("error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_page(request, 500)
