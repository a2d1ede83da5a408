"""The URL fetcher WeasyPrint gets: it serves the templates, the atlas and the document's
own figures (``figure:NAME``, held in memory), and refuses everything else — network,
other files, other schemes — logging each refusal."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

FIGURE_SCHEME = "figure"


DATA_KINDS = ("image/", "font/")  # what a data: URL may hold


DATA_FONT_TYPES = {
    "application/font-woff",
    "application/font-sfnt",
    "application/x-font-ttf",
    "application/x-font-otf",
    "application/x-font-woff",
    "application/vnd.ms-opentype",
    "application/vnd.ms-fontobject",
}


def data_media_type(url: str) -> str:
    """The media type of a ``data:`` URL, lower case (``text/plain`` when none is given)."""
    header = url.split(":", 1)[1].split(",", 1)[0]
    kind = header.split(";", 1)[0].strip().lower()
    return kind or "text/plain"


class RefusedFetch(ValueError):
    """A resource the document may not load."""


class SafeFetcher(URLFetcher):
    """Serve the templates, the atlas and this document's figures; refuse the rest.

    ``file:`` URLs are resolved (``..``, percent-encoded dots and symbolic links followed)
    before they are compared with the roots, so a link inside the templates that points
    outside is refused; ``data:`` URLs are served only for images and fonts.

    Parameters
    ----------
    roots:
        Folders whose files may be read (``file://`` URLs inside them).
    figures:
        In-memory resources, served as ``figure:NAME``.
    """

    def __init__(self, roots: list[Path], figures: Mapping[str, bytes]) -> None:
        super().__init__(allowed_protocols={"file", FIGURE_SCHEME, "data"})
        self.roots = [r.resolve() for r in roots]
        self.figures = figures
        self.refused: list[str] = []

    def refuse(self, url: str, why: str) -> None:
        self.refused.append(url)
        log.warning("refused to load %s (%s)", url[:200], why)
        raise RefusedFetch(f"refused: {why}")

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:  # noqa: D102
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == FIGURE_SCHEME:
            name = parts.path
            if name not in self.figures:
                self.refuse(url, "no such figure")
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, self.figures[name], {"Content-Type": mime})
        if scheme == "data":
            kind = data_media_type(url)
            if not kind.startswith(DATA_KINDS) and kind not in DATA_FONT_TYPES:
                self.refuse(url, f"data of type `{kind}` is not an image or a font")
            return super().fetch(url, headers)
        if scheme == "file" and not parts.netloc:
            raw = Path(unquote(parts.path))
            path = raw.resolve()  # follows symbolic links and `..`
            if (
                raw.is_absolute()
                and path.is_file()
                and any(path.is_relative_to(root) for root in self.roots)
            ):
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            self.refuse(url, "outside the templates and the atlas")
        self.refuse(url, f"scheme `{scheme or '?'}` is not allowed")
        raise AssertionError  # unreachable: refuse raises
