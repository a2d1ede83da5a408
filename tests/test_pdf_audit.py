"""`monographs check-pdf`: the structural accessibility audit passes our monographs and names
what is wrong in PDFs broken on purpose (tags removed, a figure without alternative, a
heading level skipped, text outside the tags, a font not embedded)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from weasyprint import HTML

import monographs
from monographs.cli import cli
from monographs.render.audit import audit_pdf

SQUARE = (
    'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" width="10" '
    'height="10"><rect width="10" height="10"/></svg>'
)


def failed_errors(path: Path) -> set[str]:
    return {c.name for c in audit_pdf(path).failed if c.severity == "error"}


@pytest.fixture(scope="module")
def region_pdf(synthetic_build) -> Path:
    result, _out = synthetic_build
    return Path({m.code: m for m in result.monographs}["A"].file)


@pytest.fixture()
def stripped_pdf(region_pdf: Path, tmp_path: Path) -> Path:
    """Our monograph with its /Lang and /MarkInfo removed."""
    out = tmp_path / "stripped.pdf"
    with pikepdf.open(region_pdf) as pdf:
        del pdf.Root.Lang
        del pdf.Root.MarkInfo
        pdf.save(out)
    return out


def test_our_monograph_passes_every_error_level_check(region_pdf: Path) -> None:
    audit = audit_pdf(region_pdf)
    assert audit.passed, [c for c in audit.failed if c.severity == "error"]
    checks = {c.name: c for c in audit.checks}
    assert checks["pdfua-identifier"].passed  # the default variant claims PDF/UA-1
    assert "H1×1" in checks["headings"].detail
    # WeasyPrint writes no /Scope on header cells and splits a list set in CSS columns
    # into one list per column: monographs.render.finish mends both, so no warning is left
    assert checks["table-header-scope"].passed, checks["table-header-scope"].detail
    assert checks["list-nesting"].passed, checks["list-nesting"].detail
    assert not [c for c in audit.failed], audit.failed


def test_header_cells_head_their_column_in_the_head_and_their_row_in_the_body(
    region_pdf: Path,
) -> None:
    scopes: dict[str, set[str]] = {}

    def walk(node: object, parent: str, grand: str) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, parent, grand)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            tag = str(node.S)
            if tag == "/TH":
                scopes.setdefault(grand, set()).add(str(node.A.get("/Scope")))
            elif "/K" in node:
                walk(node.K, tag, parent)

    with pikepdf.open(region_pdf) as pdf:
        walk(pdf.Root.StructTreeRoot.K, "", "")
    assert scopes["/THead"] == {"/Column"}
    assert scopes.get("/TBody", {"/Row"}) == {"/Row"}  # row labels, where tables have them


def test_finishing_scopes_row_headers_and_joins_column_lists(tmp_path: Path) -> None:
    from monographs.render.finish import finish_tagged_pdf

    html = (
        '<html lang="en"><head><title>t</title><style>@page { @bottom-center {'
        ' content: "page " counter(page) } }</style></head><body><h1>Shares</h1>'
        "<table><thead><tr><th>Country</th><th>Share</th></tr></thead>"
        "<tbody><tr><th>Senegal</th><td>18 %</td></tr></tbody></table>"
        '<ul style="columns: 2">'
        + "".join(f"<li>item {i}</li>" for i in range(12))
        + "</ul></body></html>"
    )
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    before = tmp_path / "before.pdf"
    before.write_bytes(raw)
    after = tmp_path / "after.pdf"
    after.write_bytes(finish_tagged_pdf(raw))
    assert {c.name for c in audit_pdf(before).failed} >= {
        "table-header-scope",
        "list-nesting",
        "content-in-tree",
    }  # the page number
    assert not audit_pdf(after).failed, audit_pdf(after).failed
    checks = {c.name: c for c in audit_pdf(after).checks}
    assert "0 text operators marked as artifacts" not in checks["artifact-text"].detail
    assert finish_tagged_pdf(raw) == after.read_bytes()  # deterministic


def test_removing_language_and_marking_fails_exactly_those(stripped_pdf: Path) -> None:
    audit = audit_pdf(stripped_pdf)
    assert not audit.passed
    assert failed_errors(stripped_pdf) == {"language", "marked"}
    assert "missing" in {c.name: c for c in audit.checks}["language"].detail


def test_a_malformed_language_tag_fails(region_pdf: Path, tmp_path: Path) -> None:
    out = tmp_path / "lang.pdf"
    with pikepdf.open(region_pdf) as pdf:
        pdf.Root.Lang = pikepdf.String("français")
        pdf.save(out)
    assert failed_errors(out) == {"language"}


def test_a_figure_without_alt_and_a_skipped_heading_are_named(tmp_path: Path) -> None:
    out = tmp_path / "bad.pdf"
    HTML(
        string=f'<html lang="en"><title>T</title><h1>Title</h1><p>Some text.</p>'
        f"<h3>Too deep</h3><img src='{SQUARE}'></html>"
    ).write_pdf(out, pdf_variant="pdf/ua-1")
    audit = audit_pdf(out)
    assert failed_errors(out) == {"figure-alt", "headings"}
    checks = {c.name: c for c in audit.checks}
    assert "H1 then H3" in checks["headings"].detail
    assert checks["figure-alt"].detail.startswith("1 of 1 figures")


def test_a_plain_pdf_has_untagged_text(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    HTML(string='<html lang="en"><h1>Title</h1><p>Some text.</p></html>').write_pdf(out)
    checks = {c.name: c for c in audit_pdf(out).checks}
    assert not checks["structure-tree"].passed
    assert not checks["untagged-text"].passed
    assert "first on page 1" in checks["untagged-text"].detail
    assert not checks["pdfua-identifier"].passed
    assert checks["pdfua-identifier"].severity == "warning"


def test_a_font_not_embedded_is_named(tmp_path: Path) -> None:
    out = tmp_path / "font.pdf"
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page = pdf.add_blank_page()
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")
    pdf.save(out)
    checks = {c.name: c for c in audit_pdf(out).checks}
    assert not checks["fonts-embedded"].passed
    assert "Helvetica" in checks["fonts-embedded"].detail
    assert "1 of 1 text operators" in checks["untagged-text"].detail


def test_the_api_reports_an_unreadable_file_and_checks_the_others(
    region_pdf: Path, tmp_path: Path
) -> None:
    text = tmp_path / "notes.pdf"
    text.write_text("not a PDF", encoding="utf-8")
    audits = monographs.check_pdfs([tmp_path / "missing.pdf", text, region_pdf])
    assert [a.error is not None for a in audits] == [True, True, False]
    assert audits[2].passed and not audits[0].passed


def test_the_command_exit_status(region_pdf: Path, stripped_pdf: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(cli, ["check-pdf", str(region_pdf)])
    assert good.exit_code == 0, good.output
    assert "✓ marked" in good.output and "0 warning(s)" in good.output

    warned = tmp_path / "no-tab-order.pdf"  # a warning does not fail the command
    with pikepdf.open(region_pdf) as pdf:
        del pdf.pages[0].obj.Tabs
        pdf.save(warned)
    warning = runner.invoke(cli, ["check-pdf", str(warned)])
    assert warning.exit_code == 0 and "! tab-order" in warning.output, warning.output

    bad = runner.invoke(cli, ["check-pdf", str(region_pdf), str(stripped_pdf)])
    assert bad.exit_code == 1
    assert "✗ language" in bad.output and "✗ marked" in bad.output

    missing = tmp_path / "nowhere.pdf"
    unreadable = runner.invoke(cli, ["check-pdf", str(missing), str(region_pdf)])
    assert unreadable.exit_code == 2
    assert "nowhere.pdf" in unreadable.output
    assert "✓ marked" in unreadable.output  # the other file was still checked


def test_the_command_prints_json(region_pdf: Path, stripped_pdf: Path) -> None:
    result = CliRunner().invoke(cli, ["check-pdf", "--json", str(region_pdf), str(stripped_pdf)])
    assert result.exit_code == 1
    audits = json.loads(result.output)
    assert [a["passed"] for a in audits] == [True, False]
    failed = {
        c["name"] for c in audits[1]["checks"] if not c["passed"] and c["severity"] == "error"
    }
    assert failed == {"language", "marked"}


def test_a_passage_in_another_language_carries_its_language_in_the_tags(tmp_path: Path):
    """An Arabic monograph's French sources are tagged /Lang fr, so a screen reader reads
    them with a French voice (WeasyPrint declares only the document's language)."""
    from monographs import BuildOptions, build

    result = build(options=BuildOptions(territories=("06",), lang="ar", output=tmp_path))
    langs: dict[str, int] = {}

    def walk(element) -> None:
        if isinstance(element, pikepdf.Dictionary):
            if "/Lang" in element:
                langs[str(element.Lang)] = langs.get(str(element.Lang), 0) + 1
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    with pikepdf.open(result.monographs[0].file) as pdf:
        assert str(pdf.Root.Lang) == "ar"
        walk(pdf.Root.StructTreeRoot)
    assert langs.get("fr", 0) >= 10  # the sources and programme texts
