"""The URL fetcher WeasyPrint gets: it serves the templates, the atlas and the document's
own figures, and refuses everything else. Unit tests of :class:`SafeFetcher`, then a whole
monograph whose names, labels and source titles hold markup, CSS and URLs: they must show
as inert text, and nothing outside may even be asked for."""

from __future__ import annotations

import base64
import csv
import os
import re
from pathlib import Path

import pytest
from pdftext import pdf_text

from monographs import BuildOptions, build
from monographs.render import html_to_pdf
from monographs.render.fetcher import RefusedFetch, SafeFetcher
from monographs.resources import TEMPLATES_DIR

PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    """A templates folder and an atlas folder, beside a secret file outside both."""
    templates, atlas = tmp_path / "templates", tmp_path / "atlas"
    (templates / "fonts").mkdir(parents=True)
    atlas.mkdir()
    (templates / "style.css").write_text("p { color: red }")
    (templates / "fonts" / "f.ttf").write_bytes(b"\x00\x01\x00\x00font")
    (atlas / "logo.png").write_bytes(PNG_1PX)
    (tmp_path / "secret.txt").write_text("api-key")
    return templates, atlas


def fetcher_for(roots: tuple[Path, Path]) -> SafeFetcher:
    return SafeFetcher(list(roots), {"map.svg": b"<svg/>"})


def test_serves_the_templates_the_atlas_and_the_figures(roots):
    templates, atlas = roots
    fetcher = fetcher_for(roots)
    assert fetcher.fetch((templates / "style.css").as_uri()).read() == b"p { color: red }"
    assert fetcher.fetch((templates / "fonts" / "f.ttf").as_uri()).read().endswith(b"font")
    assert fetcher.fetch((atlas / "logo.png").as_uri()).read() == PNG_1PX
    assert fetcher.fetch("figure:map.svg").read() == b"<svg/>"
    # `..` that stays inside a root is fine once resolved
    assert fetcher.fetch((templates / "fonts" / ".." / "style.css").as_uri()).read()
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/a.png",
        "https://example.com/x.css",
        "HTTP://EXAMPLE.COM/a.png",
        "//example.com/a.png",
        "ftp://example.com/a",
        "gopher://example.com/",
        "javascript:alert(1)",
        "mailto:someone@example.com",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "file://example.com/share/x.png",
        "file:/etc/passwd",
        "file:etc/passwd",
        "figure:nope.svg",
        "figure:../../etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:text/css,@import url(http://example.com/x.css);",
        "data:,plain text",
        "data:application/javascript,alert(1)",
    ],
)
def test_refuses_other_schemes_hosts_and_files(roots, url):
    fetcher = fetcher_for(roots)
    with pytest.raises(RefusedFetch):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_refuses_files_outside_the_roots_however_spelt(roots, tmp_path: Path):
    templates, atlas = roots
    fetcher = fetcher_for(roots)
    outside = tmp_path / "secret.txt"
    base = templates.as_uri()
    urls = [
        outside.as_uri(),
        f"{base}/../secret.txt",
        f"{base}/%2e%2e/secret.txt",
        f"{base}/%2E%2E/secret.txt",
        f"{base}/fonts/%2e%2e%2f%2e%2e%2fsecret.txt",
        f"{base}/..%2fsecret.txt",
        f"{atlas.as_uri()}/../templates/../secret.txt",
        f"{base}/style.css/../../secret.txt",
        f"{base}/",  # a folder, not a file
        f"{base}/missing.css",
    ]
    for url in urls:
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    assert fetcher.refused == urls


def test_refuses_a_symbolic_link_inside_the_templates_that_points_outside(roots, tmp_path):
    templates, _atlas = roots
    (templates / "innocent.css").symlink_to(tmp_path / "secret.txt")
    (templates / "linked").symlink_to(tmp_path, target_is_directory=True)
    fetcher = fetcher_for(roots)
    for url in (
        (templates / "innocent.css").as_uri(),
        (templates / "linked" / "secret.txt").as_uri(),
    ):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 2


def test_a_symbolic_link_that_stays_inside_is_served(roots):
    templates, atlas = roots
    (templates / "logo.png").symlink_to(atlas / "logo.png")
    assert fetcher_for(roots).fetch((templates / "logo.png").as_uri()).read() == PNG_1PX


@pytest.mark.parametrize(
    "url",
    [
        "data:image/png;base64," + base64.b64encode(PNG_1PX).decode(),
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
        "DATA:IMAGE/PNG;base64," + base64.b64encode(PNG_1PX).decode(),
        "data:font/woff2;base64,d09GMg==",
        "data:application/font-woff;base64,d09GRg==",
    ],
)
def test_serves_data_urls_of_images_and_fonts(roots, url):
    fetcher = fetcher_for(roots)
    assert fetcher.fetch(url).read()
    assert fetcher.refused == []


def test_refusals_are_logged(roots, caplog):
    fetcher = fetcher_for(roots)
    with pytest.raises(RefusedFetch):
        fetcher.fetch("http://example.com/x.png")
    assert "refused to load http://example.com/x.png" in caplog.text


def test_a_svg_figure_cannot_pull_outside_resources(roots, tmp_path):
    """A figure is laid out by WeasyPrint, which asks the same fetcher for its links."""
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
        b'<image href="http://example.com/a.png" width="5" height="5"/>'
        b'<image xlink:href="file:///etc/hostname" width="5" height="5"/></svg>'
    )
    rendered = html_to_pdf('<img src="figure:evil.svg">', {"evil.svg": svg}, [tmp_path])
    assert "http://example.com/a.png" in rendered.refused
    assert "file:///etc/hostname" in rendered.refused


# --- a whole monograph with hostile text -------------------------------------------------

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel=stylesheet href="http://evil.invalid/x.css">',
    "<script>document.title='pwned'</script>",
    "<style>@import url(http://evil.invalid/y.css)</style>",
    "url(file:///etc/passwd)",
    '<a href="javascript:alert(1)">j</a>',
    '<iframe src="data:text/html,<b>x</b>"></iframe>',
    '<object data="file:///etc/hostname"></object>',
    '<svg><image href="http://evil.invalid/z.png"/></svg>',
    "{{ 7*7 }}{% raw %}",
]


def _edit(path: Path, key: str, column: str, value: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    i = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[i] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_hostile_names_labels_and_titles_stay_inert(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    _edit(synthetic / "territories.csv", "A", "name_fr", "Alpha " + " ".join(HOSTILE[:5]))
    _edit(synthetic / "territories.csv", "A.1", "name_fr", "Aube " + " ".join(HOSTILE[5:]))
    # (names, labels and titles are at most 300 characters: the hostile strings are spread)
    _edit(
        synthetic / "catalogue.csv", "population", "label_fr", "Population " + " ".join(HOSTILE[:5])
    )
    _edit(synthetic / "sources.csv", "census-2024", "title", "Recensement " + " ".join(HOSTILE[5:]))
    _edit(synthetic / "sources.csv", "census-2024", "publisher", HOSTILE[1])
    _edit(synthetic / "sources.csv", "census-2024", "url", "javascript:alert(1)")

    asked: list[str] = []
    real_fetch = SafeFetcher.fetch

    def spy(self: SafeFetcher, url: str, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(SafeFetcher, "fetch", spy)
    out = tmp_path / "out"
    result = build(synthetic, BuildOptions(territories=("A",), output=out, keep_html=True, jobs=1))
    assert result.ok, result
    monograph = result.monographs[0]
    assert monograph.warnings == []

    # nothing outside was even asked for: only figures and the templates' own files
    templates = TEMPLATES_DIR.resolve()
    for url in asked:
        if url.startswith("figure:"):
            continue
        assert url.startswith("file://"), url
        assert Path(url.removeprefix("file://")).resolve().is_relative_to(templates), url
    assert any(u.startswith("figure:") for u in asked)
    assert not any(w in u for u in asked for w in ("passwd", "hostname", "evil", "javascript"))

    # the HTML holds them escaped, the PDF shows them as text
    pdf = Path(monograph.file)
    assert pdf.is_relative_to(out)
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    for raw in (
        "<script>",
        '<img src="file',
        "<link rel=stylesheet",
        "<style>@import",
        "<iframe",
        "<object",
        "<svg><image",
    ):
        assert raw not in html, raw
    text = _squash(pdf_text(pdf))
    for hostile in HOSTILE:
        assert _squash(hostile) in text, hostile
    assert "49" not in re.findall(r"\{\{7\*7\}\}|49", text)  # no template evaluation

    # no file appeared anywhere but in the output folder
    outside = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and not p.is_relative_to(out) and not p.is_relative_to(synthetic)
    ]
    assert outside == []


def test_html_asking_for_outside_resources_is_refused_and_logged(tmp_path: Path, caplog):
    html = "".join(HOSTILE) + (
        '<p style="background: url(http://evil.invalid/bg.png)">x</p>'
        "<style>@font-face { font-family: X; src: url(file:///etc/passwd) }"
        " p { font-family: X }</style>"
    )
    rendered = html_to_pdf(html, {}, [tmp_path])
    assert rendered.pages >= 1
    asked = set(rendered.refused)
    assert {"file:///etc/passwd", "http://evil.invalid/x.css"} <= asked
    assert all(not u.startswith(("http", "file")) or "evil" in u or "/etc/" in u for u in asked)
    assert "refused to load" in caplog.text
    assert os.path.exists(tmp_path)  # nothing was written in the roots
    assert list(tmp_path.iterdir()) == []
