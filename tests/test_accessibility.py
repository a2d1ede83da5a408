"""An accessible PDF: tagged (PDF/UA-1), language and title declared, headings, tables and
figures in the structure tree, every figure with a text alternative drawn from its data,
bookmarks, print no smaller than 8 pt, text in sufficient contrast."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest

from monographs.resources import TEMPLATES_DIR


def _tree(node, out: dict[str, list]) -> dict[str, list]:
    """Every structure element under ``node``, by tag (``/H2`` → [elements])."""
    if isinstance(node, pikepdf.Dictionary):
        tag = node.get("/S")
        if tag is not None:
            out.setdefault(str(tag), []).append(node)
        kids = node.get("/K")
        if kids is not None:
            _tree(kids, out)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            _tree(kid, out)
    return out


@pytest.fixture(scope="module")
def region_pdf(synthetic_build) -> Path:
    result, _out = synthetic_build
    built = {m.code: m for m in result.monographs}
    return Path(built["A"].file)


def test_the_default_pdf_is_pdf_ua_with_language_and_title(region_pdf: Path) -> None:
    with pikepdf.open(region_pdf) as pdf:
        assert str(pdf.Root.Lang) == "fr"
        assert bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert "Alpha" in meta.get("dc:title", "")


def test_headings_tables_lists_and_figures_are_tagged(region_pdf: Path) -> None:
    with pikepdf.open(region_pdf) as pdf:
        tags = _tree(pdf.Root.StructTreeRoot, {})
        assert len(tags["/H1"]) == 1
        assert len(tags["/H2"]) >= 5
        assert tags["/Table"] and tags["/TH"] and tags["/TD"]
        assert tags["/L"] and tags["/LI"]
        figures = tags["/Figure"]
        assert figures
        alts = [str(f.get("/Alt", "")) for f in figures]
        assert all(a.strip() for a in alts), alts


def test_figure_alternatives_are_drawn_from_the_data(region_pdf: Path) -> None:
    with pikepdf.open(region_pdf) as pdf:
        alts = [str(f.get("/Alt", "")) for f in _tree(pdf.Root.StructTreeRoot, {})["/Figure"]]
    sub_map = [a for a in alts if "Aube" in a and "Azur" in a]
    assert sub_map, alts  # the choropleth names its highest and lowest provinces
    assert re.search(r"\d", sub_map[0])  # with their values
    assert any("Alpha" in a and "Testland" in a for a in alts)  # the locator map


def test_the_pdf_has_bookmarks_for_its_chapters(region_pdf: Path) -> None:
    with pikepdf.open(region_pdf) as pdf, pdf.open_outline() as outline:
        titles = [str(item.title) for item in outline.root]
    assert "Alpha" in titles and "Chiffres clés" in titles


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def test_every_image_has_a_text_alternative(synthetic: Path) -> None:
    from dataclasses import asdict

    from monographs import load_atlas
    from monographs.content.monograph import MonographBuilder
    from monographs.render import render_html

    builder = MonographBuilder(load_atlas(synthetic))
    for code, lang in (("A", "fr"), ("A", "ar"), ("T", "en")):
        context, _, tr = builder.build(code, lang)
        html = render_html("monograph.html.j2", {**asdict(context), **tr.template_words()})
        parser = _Images()
        parser.feed(html)
        assert parser.alts, code
        assert all(a and a.strip() for a in parser.alts), (code, lang, parser.alts)


def _font_sizes(css: str) -> list[float]:
    return [float(v) for v in re.findall(r"font-size:\s*([\d.]+)pt", css)]


def test_no_print_is_smaller_than_8_pt() -> None:
    css = (TEMPLATES_DIR / "monograph.css").read_text(encoding="utf-8")
    css += (TEMPLATES_DIR / "monograph.html.j2").read_text(encoding="utf-8")
    sizes = _font_sizes(css)
    assert sizes and min(sizes) >= 8, sorted(sizes)[:5]


def _luminance(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_colours_have_wcag_aa_contrast() -> None:
    css = (TEMPLATES_DIR / "monograph.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--(\w+):\s*(#[0-9A-Fa-f]{6})", css))
    body = re.search(r"html \{[^}]*color: (#[0-9a-fA-F]{6})", css)[1]
    pairs = [  # (text, background) as the stylesheet sets them
        (body, "#FFFFFF"),
        (var["muted"], "#FFFFFF"),
        (var["missing"], "#FFFFFF"),
        (var["accent"], "#FFFFFF"),
        ("#FFFFFF", var["accent"]),
        (var["muted"], "#F4F7F9"),
        (var["missing"], "#F4F7F9"),
        (body, "#FFFBF2"),
    ]
    for text, background in pairs:
        assert _contrast(text, background) >= 4.5, (text, background)
