"""A structural accessibility audit of a PDF: a subset of the PDF/UA-1 checks a machine can
make (after the Matterhorn Protocol), read with pikepdf.

This is **not a PDF/UA validator**: it does not check everything veraPDF or PAC check
(e.g. the structure tree against the content order, role maps in depth, Unicode mappings
of every glyph, colour contrast, reading order, whether an alternative text is *good*).
It checks what our monographs depend on and what a careless template would break:

- catalog: marked, language tag, document title shown and set in XMP, PDF/UA identifier;
- structure: a structure tree with its parent tree, heading levels, figures' alternative
  texts, tables with rows and header cells, lists with items;
- content: text drawn outside any tagged or artifact sequence, text marked as artifact,
  tagged sequences whose structure element is outside the structure tree;
- fonts embedded; page tab order; links tagged and described; bookmarks.

Example
-------
>>> audit = audit_pdf(Path("output/region/06-casablanca-settat.fr.pdf"))  # doctest: +SKIP
>>> audit.passed, [c.name for c in audit.failed]  # doctest: +SKIP
(True, ['table-header-scope'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import pikepdf

from monographs.errors import MonographError
from monographs.render.finish import parent_tree, reachable

Severity = Literal["error", "warning"]

#: A language tag as BCP 47 writes it (language, script, region, variants, private use).
LANG_TAG = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?$|^x(?:-[A-Za-z0-9]{1,8})+$"
)
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
HEADING = re.compile(r"^H([1-6])$")
XOBJECT_DEPTH = 4  # how deep Form XObjects drawn in Form XObjects are followed


@dataclass(frozen=True)
class Check:
    """One condition checked: its stable ``name``, whether it ``passed``, how serious a
    failure is (``"error"`` fails the audit, ``"warning"`` does not) and what was found."""

    name: str
    passed: bool
    severity: Severity
    detail: str


@dataclass
class Audit:
    """The checks made on one PDF (``error`` says why a file could not be read at all)."""

    file: Path
    checks: list[Check] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        """True when the file was read and no error-level check failed."""
        return self.error is None and not any(
            not c.passed and c.severity == "error" for c in self.checks
        )

    @property
    def failed(self) -> list[Check]:
        """The checks that failed, errors and warnings."""
        return [c for c in self.checks if not c.passed]

    def to_dict(self) -> dict:
        """As plain data (for ``--json``)."""
        return {
            "file": str(self.file),
            "passed": self.passed,
            "error": self.error,
            "checks": [asdict(c) for c in self.checks],
        }


def audit_pdf(path: Path) -> Audit:
    """Check the accessibility structure of the PDF at ``path``.

    Raises :class:`MonographError` when the file is missing or not a PDF.
    """
    path = Path(path)
    if not path.exists():
        raise MonographError(f"{path}: no such file.")
    if not path.is_file():
        raise MonographError(f"{path}: not a file.")
    try:
        with pikepdf.open(path) as pdf:
            tags = _structure(pdf)
            checks = [
                *_catalog_checks(pdf),
                *_structure_checks(pdf, tags),
                *_content_checks(pdf),
                _out_of_tree(pdf),
                *_page_checks(pdf),
            ]
    except (pikepdf.PdfError, OSError) as exc:
        raise MonographError(f"{path}: not a readable PDF ({exc}).") from exc
    return Audit(path, checks)


# -- catalog -------------------------------------------------------------------------------


def _catalog_checks(pdf: pikepdf.Pdf) -> Iterator[Check]:
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    marked = isinstance(mark_info, pikepdf.Dictionary) and bool(mark_info.get("/Marked"))
    yield Check(
        "marked",
        marked,
        "error",
        "/MarkInfo /Marked true" if marked else "/MarkInfo /Marked is not true",
    )
    lang = str(root.get("/Lang", "")).strip()
    yield Check(
        "language",
        bool(LANG_TAG.match(lang)),
        "error",
        f"/Lang {lang!r}"
        + ("" if LANG_TAG.match(lang) else (" is not a language tag" if lang else " missing")),
    )
    prefs = root.get("/ViewerPreferences")
    shown = isinstance(prefs, pikepdf.Dictionary) and bool(prefs.get("/DisplayDocTitle"))
    yield Check(
        "display-title",
        shown,
        "error",
        "/ViewerPreferences /DisplayDocTitle true"
        if shown
        else "the viewer shows the file name, not the title (/DisplayDocTitle)",
    )
    try:
        meta = pdf.open_metadata()
        title = str(meta.get("dc:title", "") or "").strip()
        part = meta.get("pdfuaid:part")
    except Exception:  # unreadable XMP: treated as absent
        title, part = "", None
    yield Check(
        "title", bool(title), "error", f"XMP dc:title {title!r}" if title else "no XMP dc:title"
    )
    yield Check(
        "pdfua-identifier",
        part is not None,
        "warning",
        f"XMP pdfuaid:part {part}"
        if part is not None
        else "no XMP pdfuaid:part (the file does not claim PDF/UA; expected for PDF/A)",
    )


# -- structure -----------------------------------------------------------------------------


@dataclass
class _Element:
    tag: str
    node: pikepdf.Dictionary
    kids: list[_Element]


def _structure(pdf: pikepdf.Pdf) -> list[_Element]:
    """The structure tree's elements in document order, tags resolved through the
    role map (``[]`` without a tree)."""
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, pikepdf.Dictionary):
        return []
    role_map = tree.get("/RoleMap")
    roles = (
        {str(k): str(v) for k, v in role_map.items()}
        if isinstance(role_map, pikepdf.Dictionary)
        else {}
    )
    seen: set[tuple[int, int]] = set()

    def standard(tag: str) -> str:
        for _ in range(10):  # a role map may chain; never loop
            if tag not in roles:
                break
            tag = roles[tag]
        return tag.lstrip("/")

    def elements(node: object) -> list[_Element]:
        if isinstance(node, pikepdf.Array):
            return [e for kid in node for e in elements(kid)]
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return []  # a marked-content reference, an object reference or an MCID
        if node.is_indirect:
            if node.objgen in seen:
                return []
            seen.add(node.objgen)
        return [_Element(standard(str(node.S)), node, elements(node.get("/K")))]

    return elements(tree.get("/K"))


def _walk(elements: list[_Element]) -> Iterator[_Element]:
    for element in elements:
        yield element
        yield from _walk(element.kids)


def _structure_checks(pdf: pikepdf.Pdf, tree: list[_Element]) -> Iterator[Check]:
    root = pdf.Root.get("/StructTreeRoot")
    has_root = isinstance(root, pikepdf.Dictionary)
    has_parents = has_root and "/ParentTree" in root
    yield Check(
        "structure-tree",
        has_parents,
        "error",
        f"/StructTreeRoot with /ParentTree, {sum(1 for _ in _walk(tree))} elements"
        if has_parents
        else "no /StructTreeRoot"
        if not has_root
        else "/StructTreeRoot without /ParentTree",
    )
    everything = list(_walk(tree))
    yield _headings([e.tag for e in everything])
    figures = [e for e in everything if e.tag == "Figure"]
    bare = [i for i, f in enumerate(figures, 1) if not str(f.node.get("/Alt", "")).strip()]
    yield Check(
        "figure-alt",
        not bare,
        "error",
        f"{len(figures)} figures, all with /Alt"
        if not bare
        else f"{len(bare)} of {len(figures)} figures without /Alt (first: figure {bare[0]})",
    )
    yield from _tables([e for e in everything if e.tag == "Table"])
    yield from _lists([e for e in everything if e.tag == "L"])


def _lists(lists: list[_Element]) -> Iterator[Check]:
    """Every /L holds /LI items; an /L whose items sit in /L children instead (WeasyPrint
    splits a list laid out in CSS columns into one /L per column) is only a warning."""

    def items(lst: _Element) -> bool:
        return any(k.tag == "LI" or (k.tag == "L" and items(k)) for k in lst.kids)

    empty = [i for i, lst in enumerate(lists, 1) if not items(lst)]
    yield Check(
        "lists",
        not empty,
        "error",
        f"{len(lists)} lists, each with /LI items"
        if not empty
        else f"{len(empty)} of {len(lists)} lists without /LI (first: list {empty[0]})",
    )
    split = [i for i, lst in enumerate(lists, 1) if any(k.tag == "L" for k in lst.kids)]
    yield Check(
        "list-nesting",
        not split,
        "warning",
        "no /L directly inside an /L"
        if not split
        else f"{len(split)} lists hold their items in /L children, not /LI "
        f"(first: list {split[0]}; a list set in CSS columns)",
    )


def _headings(tags: list[str]) -> Check:
    """Numbered headings: at least one, the first H1, none skipped going down (an H4 right
    under an H2); plain ``/H`` headings are counted but not ranked."""
    levels = [int(m[1]) for t in tags if (m := HEADING.match(t))]
    plain = tags.count("H")
    if not levels:
        return Check(
            "headings",
            plain > 0,
            "error",
            f"{plain} /H headings, none numbered" if plain else "no heading",
        )
    if levels[0] != 1:
        return Check("headings", False, "error", f"the first heading is H{levels[0]}, not H1")
    for number, (before, level) in enumerate(zip(levels, levels[1:], strict=False), 2):
        if level > before + 1:
            return Check(
                "headings",
                False,
                "error",
                f"H{before} then H{level} (heading {number} of {len(levels)} skips a level)",
            )
    counts = ", ".join(f"H{n}×{levels.count(n)}" for n in sorted(set(levels)))
    return Check("headings", True, "error", f"{len(levels)} headings ({counts}), no level skipped")


def _scoped(th: pikepdf.Dictionary) -> bool:
    attributes = th.get("/A")
    if isinstance(attributes, pikepdf.Dictionary):
        attributes = [attributes]
    return isinstance(attributes, (list, pikepdf.Array)) and any(
        isinstance(a, pikepdf.Dictionary) and str(a.get("/O", "")) == "/Table" and "/Scope" in a
        for a in attributes
    )


def _tables(tables: list[_Element]) -> Iterator[Check]:
    without_rows, without_headers, cells, unscoped = [], [], 0, 0
    for number, table in enumerate(tables, 1):
        inside = list(_walk(table.kids))
        if not any(e.tag == "TR" for e in inside):
            without_rows.append(number)
        headers = [e for e in inside if e.tag == "TH"]
        if not headers:
            without_headers.append(number)
        cells += len(headers)
        unscoped += sum(1 for h in headers if not _scoped(h.node))
    problems = []
    if without_rows:
        problems.append(f"{len(without_rows)} without /TR (first: table {without_rows[0]})")
    if without_headers:
        problems.append(f"{len(without_headers)} without /TH (first: table {without_headers[0]})")
    yield Check(
        "tables",
        not problems,
        "error",
        f"{len(tables)} tables: " + "; ".join(problems)
        if problems
        else f"{len(tables)} tables, each with /TR rows and /TH headers",
    )
    yield Check(
        "table-header-scope",
        unscoped == 0,
        "warning",
        f"{cells} header cells, all with /Scope"
        if not unscoped
        else f"{unscoped} of {cells} /TH without a /Scope attribute",
    )


# -- content and fonts ---------------------------------------------------------------------


@dataclass
class _Text:
    """What the content streams hold, counted while reading them."""

    untagged: int = 0
    first_untagged_page: int | None = None
    artifact: int = 0
    tagged: int = 0
    unembedded: dict[str, int] = field(default_factory=dict)  # font name → first page
    fonts: set[tuple[int, int]] = field(default_factory=set)


def _embedded(font: pikepdf.Dictionary) -> bool:
    if str(font.get("/Subtype", "")) == "/Type3":
        return True  # glyphs drawn by the font's own content streams
    if str(font.get("/Subtype", "")) == "/Type0":
        return all(_embedded(d) for d in font.get("/DescendantFonts", []))
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _properties(operand: object, resources: pikepdf.Dictionary) -> object:
    """A BDC property list, looked up in /Properties when given by name."""
    if isinstance(operand, pikepdf.Name):
        return resources.get("/Properties", {}).get(str(operand))
    return operand


def _read(
    stream: pikepdf.Object,
    resources: pikepdf.Dictionary,
    page: int,
    tagged: bool,
    text: _Text,
    depth: int = 0,
) -> None:
    """Count the text operators of one content stream (and the Form XObjects it draws);
    ``tagged`` when the caller drew it inside a tagged or artifact sequence."""
    stack: list[str] = []  # per open sequence: "tagged", "artifact" or "" (neither)
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return
    for operands, operator in instructions:
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0]) if operands else ""
            props = (
                _properties(operands[1], resources) if op == "BDC" and len(operands) > 1 else None
            )
            has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
            stack.append("artifact" if tag == "/Artifact" else "tagged" if has_mcid else "")
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op in TEXT_OPERATORS:
            if "artifact" in stack:
                text.artifact += 1
            elif tagged or "tagged" in stack:
                text.tagged += 1
            else:
                text.untagged += 1
                if text.first_untagged_page is None:
                    text.first_untagged_page = page
        elif op == "Tf" and operands:
            font = resources.get("/Font", {}).get(str(operands[0]))
            if isinstance(font, pikepdf.Dictionary) and font.objgen not in text.fonts:
                text.fonts.add(font.objgen)
                if not _embedded(font):
                    name = str(font.get("/BaseFont", operands[0])).lstrip("/")
                    text.unembedded.setdefault(name, page)
        elif op == "Do" and operands and depth < XOBJECT_DEPTH:
            xobject = resources.get("/XObject", {}).get(str(operands[0]))
            if isinstance(xobject, pikepdf.Stream) and str(xobject.get("/Subtype")) == "/Form":
                inner = xobject.get("/Resources", resources)
                whole = "/StructParent" in xobject  # a Form XObject tagged as a whole
                _read(xobject, inner, page, tagged or whole or any(stack), text, depth + 1)


def _resources(page: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """A page's /Resources, inherited from its /Pages ancestors when it has none."""
    node: object = page
    for _ in range(64):
        if not isinstance(node, pikepdf.Dictionary):
            break
        if isinstance(node.get("/Resources"), pikepdf.Dictionary):
            return node.Resources
        node = node.get("/Parent")
    return pikepdf.Dictionary()


def _content_checks(pdf: pikepdf.Pdf) -> Iterator[Check]:
    text = _Text()
    for number, page in enumerate(pdf.pages, 1):
        _read(page.obj, _resources(page.obj), number, False, text)
    total = text.untagged + text.artifact + text.tagged
    yield Check(
        "untagged-text",
        text.untagged == 0,
        "error",
        f"{total} text operators, none outside a tagged or artifact sequence"
        if not text.untagged
        else f"{text.untagged} of {total} text operators neither tagged nor artifact "
        f"(first on page {text.first_untagged_page})",
    )
    yield Check(
        "artifact-text",
        True,
        "warning",
        f"{text.artifact} text operators marked as artifacts (running headers, "
        "footers, page numbers: not read aloud)",
    )
    names = ", ".join(f"{n} (page {p})" for n, p in text.unembedded.items())
    yield Check(
        "fonts-embedded",
        not text.unembedded,
        "error",
        f"{len(text.fonts)} fonts used, all embedded"
        if not names
        else f"{len(text.unembedded)} of {len(text.fonts)} fonts not embedded: {names}",
    )


# -- pages, links, navigation --------------------------------------------------------------


def _out_of_tree(pdf: pikepdf.Pdf) -> Check:
    """Marked content whose structure element the structure tree does not reach: neither
    real content a reader finds nor an artifact (WeasyPrint's running headers, unless
    :mod:`monographs.render.finish` marked them as artifacts)."""
    inside = reachable(pdf)
    keys = {
        int(p.obj["/StructParents"]): n
        for n, p in enumerate(pdf.pages, 1)
        if "/StructParents" in p.obj
    }
    count, first = 0, None
    for key, elements in sorted(parent_tree(pdf).items()):
        lost = sum(isinstance(e, pikepdf.Dictionary) and e.objgen not in inside for e in elements)
        if lost and key in keys:
            count += lost
            first = first or keys[key]
    return Check(
        "content-in-tree",
        not count,
        "error",
        "every tagged sequence belongs to the structure tree"
        if not count
        else f"{count} tagged sequences belong to structure elements outside the "
        f"structure tree, neither content nor artifact (first: page {first})",
    )


def _page_checks(pdf: pikepdf.Pdf) -> Iterator[Check]:
    pages = len(pdf.pages)
    no_tabs = [n for n, p in enumerate(pdf.pages, 1) if str(p.obj.get("/Tabs", "")) != "/S"]
    yield Check(
        "tab-order",
        not no_tabs,
        "warning",
        f"{pages} pages with /Tabs /S"
        if not no_tabs
        else f"{len(no_tabs)} of {pages} pages without /Tabs /S (first: page {no_tabs[0]})",
    )
    links, untagged, undescribed, first = 0, 0, 0, None
    for number, page in enumerate(pdf.pages, 1):
        for annot in page.obj.get("/Annots", []):
            if not isinstance(annot, pikepdf.Dictionary) or str(annot.get("/Subtype")) != "/Link":
                continue
            links += 1
            bad_tag = "/StructParent" not in annot
            bad_text = not str(annot.get("/Contents", "")).strip()
            untagged += bad_tag
            undescribed += bad_text
            if (bad_tag or bad_text) and first is None:
                first = number
    yield Check(
        "links",
        not (untagged or undescribed),
        "error",
        f"{links} links, all tagged (/StructParent) and described (/Contents)"
        if not (untagged or undescribed)
        else f"{links} links: {untagged} untagged, {undescribed} without /Contents "
        f"(first on page {first})",
    )
    with pdf.open_outline() as outline:
        entries = len(outline.root)
    needed = pages > 1
    yield Check(
        "bookmarks",
        entries > 0 or not needed,
        "warning",
        f"{entries} top-level bookmarks"
        if entries
        else f"no bookmarks in {pages} pages"
        if needed
        else "one page, no bookmark needed",
    )


def check_pdfs(paths: Iterable[Path | str]) -> list[Audit]:
    """Audit the accessibility structure of PDFs, one :class:`Audit` per path, in order; a
    missing or unreadable file gives an audit whose ``error`` says so (the others are still
    checked). A subset of the PDF/UA-1 checks, not a validator (see the module)."""
    audits = []
    for path in paths:
        try:
            audits.append(audit_pdf(Path(path)))
        except MonographError as exc:
            audits.append(Audit(Path(path), error=exc.message))
    return audits
