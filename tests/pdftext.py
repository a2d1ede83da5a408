"""Reading a PDF's text in tests, with the no-break spaces folded to plain spaces."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path | str) -> str:
    """All the text of a PDF, pages joined, no-break spaces made plain."""
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text.replace("\u202f", " ").replace("\u00a0", " ")
