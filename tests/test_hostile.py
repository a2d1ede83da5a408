"""What issue 19's hostile cases must show beyond a problem code: no fetch, outputs safe
to open in a spreadsheet, and up-to-date decisions that survive a copied output folder.
(The cases themselves are in ``bad_inputs/hostile.py``, run by ``test_bad_inputs.py``.)"""

from __future__ import annotations

import http.server
import io
import json
import shutil
import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bad_inputs.cases import set_cell
from bad_inputs.hostile import region_file, vrt

from monographs import BuildOptions, build, load_atlas, validate
from monographs.atlas.tables import read_table
from monographs.text.spreadsheets import frame_csv, rows_csv, safe_cell, workbook

HYPERLINK = '=HYPERLINK("http://127.0.0.1:9/x","clic")'


@pytest.fixture
def server():
    """A local HTTP server counting the requests it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", hits
    srv.shutdown()


@pytest.mark.parametrize("how", ["vrt", "geojson-crs-link", "vrt-as-geojson"])
def test_a_boundary_file_never_fetches(synthetic: Path, server, how: str):
    url, hits = server
    if how == "vrt":
        (synthetic / "r.vrt").write_text(vrt(f"/vsicurl/{url}/r.geojson"), encoding="utf-8")
        region_file(synthetic, "r.vrt")
    else:
        data = {
            "type": "FeatureCollection",
            "crs": {"type": "link", "properties": {"href": f"{url}/crs.wkt"}},
            "features": [],
        }
        text = json.dumps(data) if how == "geojson-crs-link" else vrt(f"/vsicurl/{url}/r")
        (synthetic / "r.geojson").write_text(text, encoding="utf-8")
        region_file(synthetic, "r.geojson")
    report = validate(load_atlas(synthetic))
    assert [p.code for p in report.errors] == ["boundary-format-refused"]
    assert hits == []


def test_formula_like_text_is_written_as_text_and_reads_back_the_same(tmp_path: Path):
    cells = [HYPERLINK, "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "Alpha", "-5", "+3"]
    frame = pd.DataFrame({"name": cells, "value": [-5, 1.5, 2, 3, 4, 5, 6, 7, 8]})
    text = frame_csv(frame).decode("utf-8-sig")
    assert "\n\"'=HYPERLINK" in text and "\n'+1+2," in text and "\n'@SUM" in text
    assert "\n-5,7.0" in text and "\n+3,8.0" in text  # plain numbers stay numbers
    assert ",-5.0\n" in text  # a number cell
    assert safe_cell(-5) == -5 and safe_cell("Alpha") == "Alpha"
    assert rows_csv(["=h"], [[HYPERLINK, -1]]).decode("utf-8-sig").startswith("'=h\n\"'=HYP")
    # XLSX: text cells, never formulas; they read back as the same text
    book = openpyxl.load_workbook(io.BytesIO(workbook({"s": frame})))
    sheet = book.active
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert [c.value for c in sheet["A"][1:]] == cells
    assert sheet["B"][1].value == -5 and sheet["B"][1].data_type == "n"
    # the tool reads its own escaped CSV back as the text it was
    path = tmp_path / "sheet.csv"
    path.write_bytes(frame_csv(frame))
    assert read_table(path)["name"].tolist()[:4] == [HYPERLINK, "+1+2", "-2+3", "@SUM(A1)"]


def test_a_hostile_name_is_text_in_every_sheet_the_build_writes(synthetic: Path, tmp_path: Path):
    set_cell(synthetic / "territories.csv", "C", "name_fr", HYPERLINK)
    out = tmp_path / "out"
    result = build(synthetic, BuildOptions(level="region", territories=("C",), output=out, jobs=1))
    assert result.ok
    sheets = list((out / "region").glob("*.collect.*"))
    assert {p.suffix for p in sheets} == {".csv", ".xlsx"}
    for path in sheets:
        if path.suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            assert "=HYPERLINK" not in text.replace("'=HYPERLINK", "")
        else:
            ws = openpyxl.load_workbook(path).active
            assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_a_level_that_is_a_path_writes_inside_the_output(synthetic: Path, tmp_path: Path):
    from bad_inputs.hostile import rename_level

    rename_level(synthetic, "region", "../../escaped")
    out = tmp_path / "deep" / "out"
    result = build(synthetic, BuildOptions(territories=("A",), output=out, jobs=1))
    assert result.ok
    assert [p.relative_to(out).parts[0] for p in out.rglob("*.pdf")] == ["escaped"]
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "deep" / "escaped").exists()


def test_a_copied_output_folder_is_still_up_to_date(synthetic: Path, tmp_path: Path):
    first = tmp_path / "first" / "out"
    build(synthetic, BuildOptions(level="region", output=first, jobs=1))
    copy = tmp_path / "elsewhere" / "out"
    shutil.copytree(first, copy)
    again = build(synthetic, BuildOptions(level="region", output=copy, jobs=1))
    assert {m.status for m in again.monographs} == {"skipped"}
