"""Stage 5, RENDER: Jinja2 HTML (:mod:`.html`) laid out as PDF by WeasyPrint
(:mod:`.pdf`) behind a safe URL fetcher (:mod:`.fetcher`), finished as a tagged PDF
(:mod:`.finish`), after a last pass over its text (:mod:`.reading`: abbreviations
expanded, the glossary, each language's typography); and the audit of a PDF's
accessibility structure (:mod:`.audit`)."""

from monographs.render.audit import Audit, audit_pdf, check_pdfs
from monographs.render.html import render_html
from monographs.render.pdf import Rendered, attachment, html_to_pdf
from monographs.render.reading import Reading, finish_text

__all__ = [
    "Audit",
    "Reading",
    "Rendered",
    "attachment",
    "audit_pdf",
    "check_pdfs",
    "finish_text",
    "html_to_pdf",
    "render_html",
]
