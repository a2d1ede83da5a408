"""Hostile and clumsy atlases (issue 19), as cases of the corpus.

Each breaks the synthetic atlas as an attacker or a clumsy user did: paths leading out
of the atlas (absolute, ``..``, symbolic links, a VRT reading elsewhere or the network),
FIFOs, names that become paths (``../escaped``, ``CON``), inputs that cost unbounded
work (a catastrophic pattern, a million columns, a zip bomb, unclosed brackets, NaN
coordinates), and values accepted silently before. Registered in :data:`cases.CASES`;
``scripts/hostile_cases.py`` reruns them through the console script with timings.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from bad_inputs.cases import (
    SECRET,
    add_toml,
    append,
    case,
    edit_toml,
    read_rows,
    set_cell,
    write_rows,
)

REGION_BOUNDARIES = 'file = "boundaries.gpkg"\nlayer = "region"'


def secret_file(root: Path, name: str = "secret.csv") -> Path:
    """A file outside the atlas whose content must never show (nor be read)."""
    path = root.parent / name
    path.write_text(f"{SECRET},pin\n1,2\n", encoding="utf-8")
    return path


def outside_geojson(root: Path) -> Path:
    path = root.parent / "outside.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": c, "note": SECRET},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [[3 * i, 30], [3 * i + 3, 30], [3 * i + 3, 33], [3 * i, 33]]
                                + [[3 * i, 30]]
                            ],
                        },
                    }
                    for i, c in enumerate("ABC")
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def region_file(root: Path, name: str) -> None:
    """Point the region boundaries at ``name`` (a path as atlas.toml writes it)."""
    edit_toml(root, REGION_BOUNDARIES, f"file = {json.dumps(name)}")


def rename_level(root: Path, old: str, new: str) -> None:
    """Rename a level everywhere: ``levels``, ``level_names``, ``[boundaries.…]`` and the
    territories' level column."""
    q = json.dumps(new)
    edit_toml(root, f'"{old}"', q)
    edit_toml(root, f'\n{old} = "', f'\n{q} = "')
    edit_toml(root, f"[boundaries.{old}]", f"[boundaries.{q}]")
    path = root / "territories.csv"
    rows = read_rows(path)
    for row in rows[1:]:
        if row[1] == old:
            row[1] = new
    write_rows(path, rows)


def vrt(source: str) -> str:
    return (
        "<OGRVRTDataSource><OGRVRTLayer name='region'>"
        f"<SrcDataSource>{source}</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>"
    )


def header_of_columns(root: Path, n: int) -> None:
    """figures.csv with ``n`` more columns in its header."""
    path = root / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    extra = ",".join(f"c{i}" for i in range(n))
    path.write_text("\n".join([lines[0] + "," + extra, *lines[1:]]) + "\n", encoding="utf-8")


def xlsx_bomb(root: Path, rows: int = 1_100_000) -> Path:
    """figures.xlsx: about 1 MB that unpacks to ``rows`` rows (~50 MB of XML)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
    )
    body = "".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c></row>' for i in range(1, rows + 1))
    path = root / "figures.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr("xl/worksheets/sheet1.xml", head + body + "</sheetData></worksheet>")
    add_toml(root, '[tables]\nfigures = "figures.xlsx"')
    return path


# --- paths leading out of the atlas ----------------------------------------------------


@case(1, "path-outside-atlas", absent=(SECRET,))
def boundary_file_given_as_an_absolute_path(root: Path) -> None:
    region_file(root, str(outside_geojson(root)))


@case(1, "path-outside-atlas", absent=(SECRET,), subprocess=True)
def boundary_file_in_the_parent_folder(root: Path) -> None:
    outside_geojson(root)
    region_file(root, "../outside.geojson")


@case(1, "path-outside-atlas", absent=(SECRET,))
def boundary_file_a_symlink_pointing_out(root: Path) -> None:
    shared = root.parent / "shared.gpkg"
    (root / "boundaries.gpkg").rename(shared)
    (root / "boundaries.gpkg").symlink_to(shared)


@case(1, "path-outside-atlas", absent=(SECRET,))
def collected_folder_outside(root: Path) -> None:
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.csv").write_text(f"{SECRET},pin\n", encoding="utf-8")
    add_toml(root, '[tables]\ncollected = "../elsewhere"')


@case(1, "path-outside-atlas", absent=(SECRET,))
def symlink_in_collected_pointing_out(root: Path) -> None:
    (root / "collected").mkdir()
    (root / "collected" / "sheet.collect.csv").symlink_to(secret_file(root))


@case(1, "path-outside-atlas")
def logo_a_symlink_pointing_out(root: Path) -> None:
    (root / "logo.png").symlink_to(secret_file(root, "logo.png"))
    add_toml(root, '[branding]\nlogo = "logo.png"')


@case(1, "path-outside-atlas", absent=(SECRET,))
def narrative_a_symlink_pointing_out(root: Path) -> None:
    (root / "narratives").mkdir()
    (root / "narratives" / "A.md").symlink_to(secret_file(root, "notes.md"))


@case(1, "boundary-format-refused", absent=(SECRET,))
def vrt_boundary_reading_a_file_elsewhere(root: Path) -> None:
    (root / "regions.vrt").write_text(vrt(str(outside_geojson(root))), encoding="utf-8")
    region_file(root, "regions.vrt")


@case(1, "boundary-format-refused")
def vrt_boundary_fetching_a_url(root: Path) -> None:
    """The VRT names a `/vsicurl/` source: refused before GDAL opens anything (the
    fetch count is checked against a local server in tests/test_hostile.py)."""
    (root / "regions.vrt").write_text(
        vrt("/vsicurl/http://127.0.0.1:9/regions.geojson"), encoding="utf-8"
    )
    region_file(root, "regions.vrt")


@case(1, "boundary-format-refused")
def vrt_named_geojson(root: Path) -> None:
    """A VRT in a file named .geojson: recognised by its content, not its name."""
    (root / "regions.geojson").write_text(vrt("/etc/passwd"), encoding="utf-8")
    region_file(root, "regions.geojson")


@case(1, "boundary-format-refused")
def geojson_with_a_linked_crs(root: Path) -> None:
    """GDAL fetches a GeoJSON's `crs` of type link: refused."""
    data = json.loads(outside_geojson(root).read_text(encoding="utf-8"))
    data["crs"] = {"type": "link", "properties": {"href": "http://127.0.0.1:9/crs.wkt"}}
    (root / "regions.geojson").write_text(json.dumps(data), encoding="utf-8")
    region_file(root, "regions.geojson")


@case(1, "boundary-format-refused")
def zipped_vrt(root: Path) -> None:
    with zipfile.ZipFile(root / "regions.zip", "w") as z:
        z.writestr("regions.vrt", vrt("/etc/passwd"))
    region_file(root, "regions.zip")


@case(1, "not-a-regular-file")
def boundary_file_a_fifo(root: Path) -> None:
    """A FIFO would block the read for good."""
    os.mkfifo(root / "regions.geojson")
    region_file(root, "regions.geojson")


@case(1, "not-a-regular-file")
def table_a_fifo(root: Path) -> None:
    os.mkfifo(root / "sources.fifo")
    add_toml(root, '[tables]\nsources = "sources.fifo"')


@case(1, "not-a-regular-file")
def collected_sheet_a_fifo(root: Path) -> None:
    (root / "collected").mkdir()
    os.mkfifo(root / "collected" / "sheet.collect.csv")


# --- names that become paths -----------------------------------------------------------


@case(0, build=True)
def level_named_dot_dot_escaped(root: Path) -> None:
    """Its folder is the level's slug, inside the output folder."""
    rename_level(root, "region", "../escaped")


@case(0, build=True)
def level_named_an_absolute_path(root: Path) -> None:
    rename_level(root, "region", "/tmp/abs/path")


@case(0, build=True)
def level_named_con(root: Path) -> None:
    rename_level(root, "region", "CON")


@case(0, build=True)
def level_of_300_characters(root: Path) -> None:
    rename_level(root, "region", "r" * 300)


@case(1, "duplicate-level")
def level_listed_twice(root: Path) -> None:
    edit_toml(root, '"region", "province"]', '"region", "province", "region"]')


@case(1, "name-collision")
def levels_differing_by_case(root: Path) -> None:
    edit_toml(root, '"region", "province"]', '"region", "province", "Region"]')


@case(1, "name-collision")
def codes_differing_by_case(root: Path) -> None:
    append(root / "territories.csv", ["a.1", "province", "A", "Aube", "", "province"])


@case(1, "name-collision")
def codes_differing_by_separator(root: Path) -> None:
    append(root / "territories.csv", ["A-1", "province", "A", "Aube", "", "province"])


# --- unbounded work --------------------------------------------------------------------


@case(1, "pattern-too-slow")
def wide_pattern_with_catastrophic_backtracking(root: Path) -> None:
    write_rows(root / "wide.csv", [["code", "a" * 40 + "2024x"], ["A", "1"]])
    add_toml(
        root,
        '[[wide]]\nfile = "wide.csv"\nterritory = "code"\nsource = "census-2024"\n'
        "pattern = '(?P<indicator>(a|a)+)(?P<year>\\d{4})'",
    )


@case(1, "too-many-columns")
def header_of_100_000_columns(root: Path) -> None:
    header_of_columns(root, 100_000)


@case(1, "too-many-columns")
def header_of_1_000_000_columns(root: Path) -> None:
    header_of_columns(root, 1_000_000)


@case(1, "header-too-long")
def header_cell_of_100_000_characters(root: Path) -> None:
    path = root / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + "," + "x" * 100_000, *lines[1:]]) + "\n")


@case(1, "workbook-too-large")
def xlsx_zip_bomb(root: Path) -> None:
    """About 1 MB unpacking to 1.1 million rows."""
    xlsx_bomb(root)


@case(1, "too-many-rows")
def xlsx_of_too_many_rows(root: Path) -> None:
    xlsx_bomb(root, rows=2_000)
    add_toml(root, "[limits]\nmax_rows = 1000")


@case(1, "too-many-rows")
def csv_of_too_many_rows(root: Path) -> None:
    add_toml(root, "[limits]\nmax_rows = 10")


@case(1, "narrative-over-limit", subprocess=True)
def narrative_of_100_000_unclosed_brackets(root: Path) -> None:
    (root / "narratives").mkdir()
    (root / "narratives" / "A.md").write_text("Texte " + "[" * 100_000, encoding="utf-8")


@case(1, "narrative-over-limit")
def narrative_of_two_megabytes(root: Path) -> None:
    (root / "narratives").mkdir()
    (root / "narratives" / "A.md").write_text("Texte. " * 300_000, encoding="utf-8")


def _geojson_with(root: Path, bad: object) -> None:
    data = json.loads(outside_geojson(root).read_text(encoding="utf-8"))
    data["features"][1]["geometry"]["coordinates"][0][2] = [6, bad]
    text = json.dumps(data).replace('"BAD"', "NaN")
    (root / "regions.geojson").write_text(text, encoding="utf-8")
    region_file(root, "regions.geojson")


@case(1, "invalid-coordinates")
def geojson_with_nan_coordinates(root: Path) -> None:
    _geojson_with(root, "BAD")


@case(1, "coordinates-out-of-range")
def geojson_with_1e308_coordinates(root: Path) -> None:
    _geojson_with(root, 1e308)


# --- values accepted silently before ---------------------------------------------------


@case(1, "bad-config-value")
def title_given_as_an_array(root: Path) -> None:
    edit_toml(root, 'title = "Atlas d\'essai"', 'title = ["Atlas", "essai"]')


@case(1, "bad-config-value")
def prefer_given_as_a_string(root: Path) -> None:
    edit_toml(root, 'prefer = ["census-*", "press-*"]', 'prefer = "census-*"')


@case(1, "duplicate-column")
def two_value_columns(root: Path) -> None:
    path = root / "figures.csv"
    write_rows(path, [[*row, row[4]] for row in read_rows(path)])


@case(1, "duplicate-column")
def code_twice_in_the_territories_header(root: Path) -> None:
    path = root / "territories.csv"
    write_rows(path, [[*row, row[0]] for row in read_rows(path)])


@case(1, "mixed-encoding")
def half_windows_1252_half_utf8(root: Path) -> None:
    path = root / "territories.csv"
    rows = [row[:4] for row in read_rows(path)]
    lines = [",".join(row) + "\r\n" for row in rows]
    half = len(lines) // 2
    data = b"".join(line.encode("cp1252") for line in lines[:half])
    path.write_bytes(data + b"".join(line.encode("utf-8") for line in lines[half:]))


@case(1, "not-a-number")
def programme_actions_a_word(root: Path) -> None:
    set_cell(root / "programmes.csv", "education", "actions", "beaucoup")


@case(1, "unknown-aggregation")
def unknown_aggregation(root: Path) -> None:
    set_cell(root / "catalogue.csv", "population", "aggregation", "average")


@case(0, build=True)
def atlas_toml_with_a_byte_order_mark(root: Path) -> None:
    path = root / "atlas.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
