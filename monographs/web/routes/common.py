"""What the routes share: the site, the language of the path, POST checks, the reader."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request

from monographs.web.pages import token_ok
from monographs.web.reports import LANGUAGES
from monographs.web.site import Site

MAX_BODY = 4096  # bytes of a form: a token and a few codes


def site(request: Request) -> Site:
    """The server's state."""
    return request.app.state.site


def language(request: Request) -> str:
    """The path's language; 404 for any other first segment."""
    lang = request.path_params.get("lang", "")
    if lang not in LANGUAGES:
        raise HTTPException(404)
    return lang


def client(request: Request) -> str:
    """Who asks, for the log: the address (and port) the request came from."""
    return f"{request.client.host}:{request.client.port}" if request.client else "-"


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site (its ``Origin``,
    else its ``Referer``); a request that says neither (a script, a test) passes on to
    the form token."""
    origin = request.headers.get("origin") or request.headers.get("referer") or ""
    if not origin or origin == "null":
        return not origin
    parts = urlsplit(origin)
    own = request.headers.get("host", "")
    return parts.netloc == own and parts.scheme in {"http", "https"}


async def checked_form(request: Request, action: str) -> dict[str, list[str]]:
    """The form of a POST that starts work, once its origin and token are checked (400
    for a form too long, 403 for another site or a wrong token)."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise HTTPException(400, "form too long")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(400, "form too long")
    if not same_origin(request):
        raise HTTPException(403, "cross-site request")
    try:
        form = parse_qs(body.decode("utf-8"), max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, "unreadable form") from exc
    if not token_ok(site(request).secret, action, (form.get("token") or [""])[0]):
        raise HTTPException(403, "form token")
    return form
