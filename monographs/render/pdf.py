"""Laying out a report: HTML → WeasyPrint → PDF, behind the safe fetcher, then finished
as a tagged PDF (:mod:`monographs.render.finish`). Same HTML and figures, same bytes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pydyf
from weasyprint import HTML, Attachment
from weasyprint.pdf import tags as _weasyprint_tags

from monographs.errors import RenderError
from monographs.render.fetcher import SafeFetcher
from monographs.render.finish import finish_tagged_pdf
from monographs.resources import TEMPLATES_DIR

PDF_IDENTIFIER = b"monographs"
ATTACHMENT_DATE = datetime(2000, 1, 1, tzinfo=UTC)


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
        document = HTML(
            string=html, base_url=templates_dir.as_uri() + "/", url_fetcher=fetcher
        ).render(pdf_tags=tags)
        pdf = document.write_pdf(
            pdf_identifier=PDF_IDENTIFIER,
            pdf_variant=variant,
            pdf_tags=tags,
            attachments=attachments or None,
            uncompressed_pdf=False,
        )
    except Exception as exc:
        raise RenderError(
            f"WeasyPrint could not lay out the document ({exc}).",
            "Run with --debug and report it with the --html output.",
        ) from exc
    if tags:
        pdf = finish_tagged_pdf(pdf)  # table headers scoped, which WeasyPrint leaves out
    return Rendered(pdf, len(document.pages), fetcher.refused)


def attachment(name: str, data: bytes, description: str) -> Attachment:
    """A file to embed in the PDF (``name`` as the reader's attachment list shows it),
    marked as the document's source data (the PDF/A-3 ``/AFRelationship /Data``).

    Its dates are fixed, so that the same document gives the same bytes."""
    return Attachment(
        string=data,
        name=name,
        description=description,
        relationship="Data",
        created=ATTACHMENT_DATE,
        modified=ATTACHMENT_DATE,
    )


def _tag_languages() -> None:
    """Give each structure element of a tagged PDF the language of its HTML element.

    WeasyPrint 70 declares the document's language (``/Lang`` in the catalog) but not that
    of a passage in another language (``<ol lang="fr">`` in an Arabic report), so a screen
    reader reads it with the document's voice. Its tree builder is a generator that calls
    itself by its module name: wrapped here, every element it yields for a box whose HTML
    element has a ``lang`` gets ``/Lang`` (the innermost wins). Without that builder (another
    WeasyPrint), nothing is changed and ``tests/test_pdf_audit.py`` says so.
    """
    build = getattr(_weasyprint_tags, "_build_box_tree", None)
    if build is None or getattr(build, "tags_languages", False):
        return

    def build_with_lang(box, *args):  # noqa: ANN001, ANN202 - WeasyPrint's own signature
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and hasattr(element, "get") else None
        for struct in build(box, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    build_with_lang.tags_languages = True  # type: ignore[attr-defined]
    _weasyprint_tags._build_box_tree = build_with_lang


_tag_languages()
