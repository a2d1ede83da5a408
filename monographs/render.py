"""Laying out a monograph: Jinja2 HTML → WeasyPrint → PDF, written atomically.

WeasyPrint gets a URL fetcher that serves only the templates folder, the atlas folder and
the figures drawn for this document (``figure:NAME`` URLs, held in memory), and refuses
everything else — network, other files, other schemes — logging each refusal.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from monographs.errors import RenderError
from monographs.pdf_finish import finish_tagged_pdf

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
FIGURE_SCHEME = "figure"
PDF_IDENTIFIER = b"monographs"

# The PDF variants offered. PDF/UA-1 (tagged: structure tree, language, title, alternative
# texts, reading order) is the default; PDF/A-3b is for archiving, tagged too and carrying
# the monograph's figures as an attached CSV; "none" is an untagged plain PDF.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-3u", "none")
DEFAULT_PDF_VARIANT = "pdf/ua-1"
ATTACHMENT_DATE = datetime(2000, 1, 1, tzinfo=UTC)


DATA_KINDS = ("image/", "font/")  # what a data: URL may hold
DATA_FONT_TYPES = {"application/font-woff", "application/font-sfnt", "application/x-font-ttf",
                   "application/x-font-otf", "application/x-font-woff",
                   "application/vnd.ms-opentype", "application/vnd.ms-fontobject"}


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
            if raw.is_absolute() and path.is_file() \
                    and any(path.is_relative_to(root) for root in self.roots):
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            self.refuse(url, "outside the templates and the atlas")
        self.refuse(url, f"scheme `{scheme or '?'}` is not allowed")
        raise AssertionError  # unreachable: refuse raises


@lru_cache(maxsize=4)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The Jinja2 environment: autoescape on for every template, undefined names fail."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(template: str, context: Mapping[str, Any],
                templates_dir: Path = TEMPLATES_DIR) -> str:
    """Fill a template with a context (a mapping or a dataclass's ``asdict``)."""
    return environment(templates_dir).get_template(template).render(**context)


@dataclass
class Rendered:
    """A laid-out document: its PDF bytes and page count, and what the fetcher refused."""

    pdf: bytes
    pages: int
    refused: list[str] = field(default_factory=list)


def html_to_pdf(
    html: str,
    figures: Mapping[str, bytes],
    roots: list[Path],
    *,
    pdf_variant: str | None = None,
    attachments: list[Any] | None = None,
    templates_dir: Path = TEMPLATES_DIR,
    pdf_tags: bool | None = None,
) -> Rendered:
    """Lay out HTML as PDF with the safe fetcher; same HTML and figures → same bytes.

    ``pdf_variant`` is one of :data:`PDF_VARIANTS` (``"none"`` or None: a plain PDF);
    ``pdf_tags`` tags the PDF for accessibility (by default: for every variant but a plain
    PDF; PDF/UA is always tagged); ``attachments`` are embedded files (see
    :func:`attachment`).
    """
    fetcher = SafeFetcher([templates_dir, *roots], figures)
    variant = None if pdf_variant in (None, "none") else pdf_variant
    tags = variant is not None if pdf_tags is None else pdf_tags
    try:
        document = HTML(string=html, base_url=templates_dir.as_uri() + "/",
                        url_fetcher=fetcher).render(pdf_tags=tags)
        pdf = document.write_pdf(
            pdf_identifier=PDF_IDENTIFIER, pdf_variant=variant, pdf_tags=tags,
            attachments=attachments or None, uncompressed_pdf=False,
        )
    except Exception as exc:
        raise RenderError(f"WeasyPrint could not lay out the document ({exc}).",
                          "Run with --debug and report it with the --html output.") from exc
    if tags:
        pdf = finish_tagged_pdf(pdf)  # table headers scoped, which WeasyPrint leaves out
    return Rendered(pdf, len(document.pages), fetcher.refused)


def attachment(name: str, data: bytes, description: str) -> Attachment:
    """A file to embed in the PDF (``name`` as the reader's attachment list shows it),
    marked as the document's source data (the PDF/A-3 ``/AFRelationship /Data``).

    Its dates are fixed, so that the same document gives the same bytes."""
    return Attachment(string=data, name=name, description=description, relationship="Data",
                      created=ATTACHMENT_DATE, modified=ATTACHMENT_DATE)
