"""Rendering reads only what it should: hostile strings render as inert text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pdftext import pdf_text

from monographs import BuildOptions, build
from monographs.render import html_to_pdf
from monographs.render.fetcher import RefusedFetch, SafeFetcher
from monographs.text.files import write_atomically

HOSTILE = '<img src="file:///etc/passwd"><link href="http://example.com/x.css"><script>x</script>'


def test_fetcher_refuses_network_other_files_and_schemes(tmp_path: Path):
    fetcher = SafeFetcher([tmp_path], {"ok.svg": b"<svg/>"})
    (tmp_path / "inside.css").write_text("p {}")
    assert fetcher.fetch((tmp_path / "inside.css").as_uri()).read() == b"p {}"
    assert fetcher.fetch("figure:ok.svg").read() == b"<svg/>"
    for url in (
        "http://example.com/a.png",
        "https://example.com/",
        "file:///etc/passwd",
        (tmp_path / ".." / "x").as_uri(),
        "ftp://example.com/a",
        "figure:nope.svg",
    ):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


def test_html_fetching_outside_is_refused_and_logged(tmp_path: Path):
    html = '<p>x</p><img src="file:///etc/hostname"><img src="http://127.0.0.1:9/a.png">'
    rendered = html_to_pdf(html, {}, [tmp_path])
    assert rendered.refused == ["file:///etc/hostname", "http://127.0.0.1:9/a.png"]


def test_hostile_territory_name_is_inert_text(synthetic: Path, tmp_path: Path):
    path = synthetic / "territories.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for row in rows:
        if row[0] == "A":
            row[3] = "Alpha " + HOSTILE
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    result = build(synthetic, BuildOptions(territories=("A",), output=tmp_path, keep_html=True))
    assert result.ok
    m = result.monographs[0]
    assert m.warnings == []  # nothing was even tried
    assert (
        '<img src="file:///etc/passwd">'
        not in (tmp_path / "region").joinpath(Path(m.file).with_suffix(".html").name).read_text()
    )
    assert 'src="file:///etc/passwd"' in pdf_text(m.file)  # shown as text


def test_atomic_write_keeps_the_previous_file_on_failure(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.pdf"
    write_atomically(target, b"old")

    def boom(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
