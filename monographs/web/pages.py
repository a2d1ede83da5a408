"""Rendering the page's HTML: the Jinja2 templates, in the reader's language.

Every word of the templates goes through the project's gettext catalogues (``_`` is the
:class:`~monographs.i18n.Translator` of the page's language, extracted with the reports'
messages by ``scripts/update_catalogues.py``). Every page carries ``lang`` and ``dir``;
the language links carry ``hreflang`` and ``lang`` of their own.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from monographs.i18n import Translator
from monographs.resources import PACKAGE_DIR
from monographs.web.reports import LANGUAGES

TEMPLATES = PACKAGE_DIR / "web" / "templates"
STATIC = PACKAGE_DIR / "web" / "static"
#: Each language's own name, as its speakers write it.
LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}


@cache
def environment() -> Environment:
    """The templates' environment (autoescaped HTML)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda s: quote(str(s), safe="")
    return env


@cache
def translator(lang: str) -> Translator:
    """The page's translator for ``lang`` (one per language, shared)."""
    return Translator(lang)


def switch_path(request: Request, lang: str) -> str:
    """The same page in another language: the path's first segment replaced."""
    parts = request.url.path.split("/")
    if len(parts) > 1 and parts[1] in LANGUAGES:
        parts[1] = lang
        path = "/".join(parts)
    else:
        path = f"/{lang}/"
    return path + (f"?{request.url.query}" if request.url.query else "")


def render(
    request: Request, template: str, lang: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page of ``template`` in ``lang``, with the words and links every page shares."""
    tr = translator(lang)
    languages = [
        {"code": lg, "name": LANGUAGE_NAMES[lg], "href": switch_path(request, lg)}
        for lg in LANGUAGES
    ]
    html = (
        environment()
        .get_template(template)
        .render(
            lang=lang,
            dir=tr.direction,
            _=tr.gettext,
            number=tr.number,
            languages=languages,
            path=request.url.path,
            **context,
        )
    )
    headers = {"Content-Language": lang}
    return HTMLResponse(html, status_code=status, headers={**headers, **security_headers()})


def security_headers() -> dict[str, str]:
    """Headers every page carries: nothing loads from elsewhere, no framing."""
    return {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }


def form_token(secret: bytes, action: str) -> str:
    """The token a form that starts work carries: an HMAC of its action path."""
    return hmac.new(secret, action.encode(), hashlib.sha256).hexdigest()[:32]


def token_ok(secret: bytes, action: str, token: str) -> bool:
    """True when ``token`` is the one :func:`form_token` gives for ``action``."""
    return hmac.compare_digest(form_token(secret, action), token[:64])


def negotiate(accept_language: str) -> str:
    """The page's language for a first visit, from the browser's Accept-Language."""
    best, best_q = "", -1.0
    for part in accept_language[:200].split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        code = tag.split("-")[0].lower()
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best


def template_path(name: str) -> Path:
    """A template's file (for the tests)."""
    return TEMPLATES / name
