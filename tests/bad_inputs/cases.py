"""A corpus of broken atlases, described as data.

Each case is a function that takes a fresh copy of the synthetic atlas
(:func:`atlas_factory.make_atlas`) and breaks it, registered with :func:`case` together
with what ``monographs validate`` must answer: its exit status (1 when there is an
error, 0 for warnings only) and either a problem code of the JSON report or, when loading
must stop, a fragment of the one-paragraph error message.

To add a case, write one more decorated function; ``tests/test_bad_inputs.py`` runs them
all. A case the product does not handle well yet carries ``xfail="why"`` (or
``validate_xfail``/``build_xfail`` when only one command misbehaves) until it is fixed;
the marks are strict, so a fix makes the test fail until the mark is removed.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Polygon, box

PASSWD = "/etc/passwd"
PASSWD_LEAK = "root:x:0:0"  # the first line of /etc/passwd: must never be echoed
SECRET = "api-key-5f0c3e"  # the header of a file outside the atlas
HOSTILE = '<script>alert(1)</script><img src="file:///etc/passwd"> ../../etc'


@dataclass(frozen=True)
class Case:
    """One broken atlas and what the command line must say about it."""

    name: str
    breaks: Callable[[Path], object]
    status: int  # exit status of `monographs validate DIR --json`
    code: str | None = None  # a problem code the JSON report must hold
    message: str | None = None  # when loading stops: a fragment of the error paragraph
    absent: tuple[str, ...] = ()  # text no output may hold (a leaked file, a raw error)
    build: bool = False  # status-0 cases: also build `territory` (status-1 ones always are)
    territory: str = "A"
    subprocess: bool = False  # also run through the real console script
    xfail: str | None = None  # the product misbehaves, in validate and in build
    validate_xfail: str | None = None  # …in validate only
    build_xfail: str | None = None  # …in build only

    def __str__(self) -> str:
        return self.name


CASES: list[Case] = []


def case(
    status: int, code: str | None = None, message: str | None = None, **kw
) -> Callable[[Callable[[Path], object]], Callable[[Path], object]]:
    """Register a breaking function as a case (decorator)."""

    def register(func: Callable[[Path], object]) -> Callable[[Path], object]:
        CASES.append(Case(func.__name__, func, status, code, message, **kw))
        return func

    return register


# --- helpers -------------------------------------------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write_rows(
    path: Path, rows: list[list[object]], *, encoding: str = "utf-8", delimiter: str = ","
) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def append(path: Path, *rows: list[object]) -> None:
    write_rows(path, [*read_rows(path), *rows])


def set_cell(path: Path, key: str, column: str, value: str) -> None:
    """Set ``column`` of the rows whose first cell is ``key``."""
    rows = read_rows(path)
    i = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[i] = value
    write_rows(path, rows)


def edit_toml(root: Path, old: str, new: str) -> None:
    path = root / "atlas.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_toml(root: Path, text: str) -> None:
    path = root / "atlas.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def figure(
    code: str = "A",
    indicator: str = "population",
    year: object = 2024,
    value: object = 5,
    source: str = "census-2024",
    dimension: str = "extra",
) -> list[object]:
    """A figures row (with its own dimension so that it is not a duplicate)."""
    return [code, indicator, year, dimension, value, source, ""]


def add_figure(root: Path, **kw: object) -> None:
    append(root / "figures.csv", figure(**kw))  # type: ignore[arg-type]


def set_figure_value(root: Path, code: str, indicator: str, year: str, value: str) -> None:
    path = root / "figures.csv"
    rows = read_rows(path)
    for row in rows[1:]:
        if row[:3] == [code, indicator, year]:
            row[4] = value
    write_rows(path, rows)


def rewrite_layer(root: Path, layer: str, change: Callable[[gpd.GeoDataFrame], object]) -> None:
    """Rewrite ``boundaries.gpkg`` with one layer changed in place by ``change``."""
    gpkg = root / "boundaries.gpkg"
    layers = {name: gpd.read_file(gpkg, layer=name) for name in ("region", "province")}
    change(layers[layer])
    gpkg.unlink()
    for name, frame in layers.items():
        frame.to_file(gpkg, layer=name)


def random_bytes(n: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(n)


def figures_xlsx(root: Path) -> Path:
    """figures.csv as figures.xlsx, which atlas.toml then names."""
    path = root / "figures.xlsx"
    pd.read_csv(root / "figures.csv", dtype=str, keep_default_na=False).to_excel(path, index=False)
    add_toml(root, '[tables]\nfigures = "figures.xlsx"')
    return path


# --- encodings and file formats ------------------------------------------------------


@case(0)
def utf16_with_bom(root: Path) -> None:
    """Excel's "Unicode text": UTF-16 with a byte-order mark, read as such."""
    path = root / "territories.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


@case(0)
def utf16_without_bom(root: Path) -> None:
    path = root / "territories.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16-le"))
    # read as UTF-16 all the same (the NUL bytes give it away)
    assert b"c\x00o\x00d\x00e" in path.read_bytes()


@case(0)
def latin1_with_accents(root: Path) -> None:
    """Windows-1252 with accents (Bêta-Sud, Béryl, Cèdre) is read as such."""
    path = root / "territories.csv"
    rows = [[c for c in row[:4]] for row in read_rows(path)]  # drop the Arabic names
    write_rows(path, rows, encoding="cp1252")


@case(0)
def semicolons_and_decimal_commas(root: Path) -> None:
    """The French spreadsheet CSV: semicolons, decimal commas, grouped thousands."""
    path = root / "figures.csv"
    rows = read_rows(path)
    for row in rows[1:]:
        if row[1] == "unemployment_rate_pct":
            row[4] = f"{row[4]},5"
        elif row[4].isdigit():
            row[4] = f"{int(row[4]):,}".replace(",", "\u202f")
    write_rows(path, rows, delimiter=";")


@case(1, message="cannot read this CSV")
def garbage_bytes_as_figures(root: Path) -> None:
    (root / "figures.csv").write_bytes(random_bytes(2048))


@case(1, "missing-source")
def truncated_figures(root: Path) -> None:
    """The last row cut in the middle (a copy interrupted)."""
    path = root / "figures.csv"
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b",press-1")])


@case(1, message="cannot read this CSV")
def ragged_rows(root: Path) -> None:
    path = root / "figures.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("A,population,2024,x,5,census-2024,,,one,too,many\n")


@case(1, message="the file is empty")
def empty_figures(root: Path) -> None:
    (root / "figures.csv").write_bytes(b"")


@case(1, "top-territory")
def header_only_territories(root: Path) -> None:
    path = root / "territories.csv"
    write_rows(path, read_rows(path)[:1])


@case(1, "unknown-indicator")
def header_only_catalogue(root: Path) -> None:
    path = root / "catalogue.csv"
    write_rows(path, read_rows(path)[:1])


@case(1, "missing-file")
def missing_sources_table(root: Path) -> None:
    (root / "sources.csv").unlink()


@case(1, message="cannot read this workbook")
def truncated_xlsx_figures(root: Path) -> None:
    path = figures_xlsx(root)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@case(1, message="cannot read this workbook")
def csv_named_xlsx(root: Path) -> None:
    figures_xlsx(root).write_bytes((root / "figures.csv").read_bytes())


@case(1, "not-a-number")
def xlsx_with_an_error_cell(root: Path) -> None:
    path = figures_xlsx(root)
    frame = pd.read_excel(path, dtype=str)
    frame.loc[0, "value"] = "#DIV/0!"
    frame.to_excel(path, index=False)


# --- columns and values --------------------------------------------------------------


@case(1, "missing-column")
def figures_without_source_column(root: Path) -> None:
    path = root / "figures.csv"
    write_rows(path, [row[:5] + row[6:] for row in read_rows(path)])


@case(1, "missing-column", absent=("_file", "_row"))
def misspelt_column(root: Path) -> None:
    path = root / "figures.csv"
    rows = read_rows(path)
    rows[0][5] = "Source ID"
    write_rows(path, rows)


@case(1, "not-a-number")
def value_is_a_word(root: Path) -> None:
    add_figure(root, value="beaucoup")


@case(1, "not-a-number")
def value_is_nan_text(root: Path) -> None:
    add_figure(root, value="NaN")


@case(1, "not-a-number")
def value_overflows_to_infinity(root: Path) -> None:
    add_figure(root, value="1e999")


@case(1, "not-a-number")
def value_is_markup(root: Path) -> None:
    add_figure(root, value="<script>alert(1)</script>")


@case(1, "bad-year")
def year_is_a_word(root: Path) -> None:
    add_figure(root, year="deux mille")


@case(1, "bad-year")
def year_with_two_digits(root: Path) -> None:
    add_figure(root, year=24)


@case(1, "bad-year")
def year_with_a_fraction(root: Path) -> None:
    add_figure(root, year="2024,5")


@case(1, "negative-count")
def negative_count(root: Path) -> None:
    add_figure(root, value=-5)


@case(1, "share-outside-0-100")
def share_over_100(root: Path) -> None:
    add_figure(root, indicator="unemployment_rate_pct", value="130,5 %")


@case(1, "implausible-value")
def huge_value(root: Path) -> None:
    """1e308 is a finite number, but no territory's figure: refused as a slip."""
    set_figure_value(root, "A", "population", "2024", "1e308")


@case(1, "unknown-territory")
def unknown_territory(root: Path) -> None:
    add_figure(root, code="Z")


@case(1, "missing-source")
def missing_source(root: Path) -> None:
    add_figure(root, source="")


@case(1, "unknown-source")
def unknown_source(root: Path) -> None:
    add_figure(root, source="blog-42")


@case(1, "unknown-indicator")
def unknown_indicator(root: Path) -> None:
    add_figure(root, indicator="happiness")


@case(1, "unknown-source")
def collected_sheet_with_unknown_source(root: Path) -> None:
    (root / "collected").mkdir()
    write_rows(
        root / "collected" / "c-gamma.collect.csv",
        [
            ["territory_code", "indicator", "year", "dimension", "value", "source_id", "note"],
            ["C", "foreign_residents", 2024, "", 120, "my-notebook", ""],
        ],
    )


@case(0, "duplicate-figure")
def duplicate_figure(root: Path) -> None:
    add_figure(root, dimension="")


@case(1, "unknown-unit")
def unknown_unit(root: Path) -> None:
    set_cell(root / "catalogue.csv", "population", "unit", "souls")


@case(1, "source-without-title")
def source_without_title(root: Path) -> None:
    set_cell(root / "sources.csv", "press-1", "title", "")


@case(1, "duplicate-source")
def duplicate_source_id(root: Path) -> None:
    append(root / "sources.csv", ["press-1", "Another article", "", "", "", ""])


# --- the hierarchy -------------------------------------------------------------------


@case(1, "duplicate-territory")
def duplicate_territory_code(root: Path) -> None:
    append(root / "territories.csv", ["A", "province", "C", "Doublon", "", "province"])


@case(1, "unknown-parent")
def orphan_parent(root: Path) -> None:
    append(root / "territories.csv", ["D.1", "province", "D", "Orphelin", "", "province"])


@case(1, "cyclic-hierarchy")
def cyclic_hierarchy(root: Path) -> None:
    append(
        root / "territories.csv",
        ["X", "province", "Y", "Boucle X", "", ""],
        ["Y", "province", "X", "Boucle Y", "", ""],
    )


@case(1, "parent-level")
def parent_at_the_same_level(root: Path) -> None:
    append(root / "territories.csv", ["C.3", "province", "C.1", "Mauvais parent", "", ""])


@case(1, "unknown-level")
def unknown_level(root: Path) -> None:
    append(root / "territories.csv", ["C.3", "district", "C", "District", "", ""])


@case(1, "top-territory")
def two_countries(root: Path) -> None:
    append(root / "territories.csv", ["U", "country", "", "Autreland", "", ""])


@case(0, build=True, territory="A", subprocess=True)
def hostile_names(root: Path) -> None:
    """Markup and path pieces in a name: shown as text, the file name stays a slug."""
    set_cell(root / "territories.csv", "A", "name_fr", "Alpha " + HOSTILE)


@case(0, "territory-without-boundary", build=True, territory="../../etc/x")
def hostile_code(root: Path) -> None:
    """A territory code that is a path: its monograph still lands in the output folder."""
    append(
        root / "territories.csv",
        ["../../etc/x", "province", "C", "../../../tmp/evil", "", "province"],
    )
    add_figure(root, code="../../etc/x", dimension="")


@case(1, "control-character")
def control_characters_in_a_name(root: Path) -> None:
    """NUL and a bell in a name."""
    set_cell(root / "territories.csv", "B", "name_fr", "B\x00\x07eta-Sud")


@case(0, build=True, territory="B")
def bidi_override_and_line_break_in_a_name(root: Path) -> None:
    """A right-to-left override, a zero-width joiner and a line break: text, drawn as is."""
    set_cell(root / "territories.csv", "B", "name_fr", "B\u202eeta\u200d\nSud")


# --- atlas.toml ----------------------------------------------------------------------


@case(1, message="not valid TOML", subprocess=True)
def toml_syntax_error(root: Path) -> None:
    add_toml(root, "[selection\nprefer = ")


@case(1, message="not valid TOML")
def toml_in_latin1(root: Path) -> None:
    path = root / "atlas.toml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


@case(1, "unknown-config-key")
def unknown_keys(root: Path) -> None:
    add_toml(root, '[branding]\ncolor = "red"')


@case(1, "too-few-levels")
def no_levels(root: Path) -> None:
    edit_toml(root, 'levels = ["country", "region", "province"]\n', "")


@case(1, "bad-config-value")
def levels_is_a_string(root: Path) -> None:
    edit_toml(root, 'levels = ["country", "region", "province"]', 'levels = "country"')


@case(1, "bad-config-value", subprocess=True)
def tables_is_a_string(root: Path) -> None:
    edit_toml(root, "levels = [", 'tables = "figures.csv"\nlevels = [')


@case(1, message="max_table_bytes")
def limit_is_not_a_number(root: Path) -> None:
    add_toml(root, '[limits]\nmax_table_bytes = "big"')


@case(1, message="over the limit")
def table_over_the_limit(root: Path) -> None:
    add_toml(root, "[limits]\nmax_table_bytes = 100")


@case(1, "unknown-level")
def boundaries_for_an_unknown_level(root: Path) -> None:
    add_toml(root, '[boundaries.district]\nfile = "boundaries.gpkg"\nlayer = "region"')


@case(1, "path-outside-atlas", absent=(PASSWD_LEAK,), subprocess=True)
def table_path_escapes_the_atlas(root: Path) -> None:
    """Refused without being read: it lies outside the atlas folder."""
    add_toml(root, '[tables]\nfigures = "../../../../../../../../etc/passwd"')


@case(1, "path-outside-atlas", absent=(PASSWD_LEAK,))
def absolute_table_path(root: Path) -> None:
    add_toml(root, f'[tables]\nsources = "{PASSWD}"')


@case(1, "path-outside-atlas", absent=(SECRET,))
def table_path_reads_a_file_outside(root: Path) -> None:
    (root.parent / "secret.csv").write_text(f"{SECRET},pin\n1,2\n", encoding="utf-8")
    add_toml(root, '[tables]\nsources = "../secret.csv"')


# --- boundaries ----------------------------------------------------------------------


@case(1, "boundary-format-refused", subprocess=True)
def corrupt_geopackage(root: Path) -> None:
    """Random bytes are no format OGR is given (it would probe every driver): refused."""
    (root / "boundaries.gpkg").write_bytes(random_bytes(8192, seed=1))


@case(1, message="cannot read boundaries")
def truncated_geopackage(root: Path) -> None:
    path = root / "boundaries.gpkg"
    path.write_bytes(path.read_bytes()[:2000])


@case(1, message="not found")
def missing_boundary_file(root: Path) -> None:
    (root / "boundaries.gpkg").unlink()


@case(1, message="cannot read boundaries")
def unknown_boundary_layer(root: Path) -> None:
    edit_toml(root, 'layer = "province"', 'layer = "provinces"')


@case(1, message="no column `hcp_code`")
def wrong_code_column(root: Path) -> None:
    edit_toml(root, 'layer = "region"', 'layer = "region"\ncode_column = "hcp_code"')


def _regions_frame(crs: str | None) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["A", "B", "C"]},
        geometry=[box(3 * i, 30, 3 * i + 3, 33) for i in range(3)],
        crs=crs,
    )


@case(1, message="no coordinate reference system")
def shapefile_without_prj(root: Path) -> None:
    _regions_frame(None).to_file(root / "regions.shp")
    assert not (root / "regions.prj").exists()
    edit_toml(root, 'file = "boundaries.gpkg"\nlayer = "region"', 'file = "regions.shp"')


@case(0)
def geojson_without_crs(root: Path) -> None:
    """GeoJSON is WGS 84 by definition (RFC 7946): no `crs` member is needed."""
    _regions_frame(None).to_file(root / "regions.geojson", driver="GeoJSON")
    assert '"crs"' not in (root / "regions.geojson").read_text()
    edit_toml(root, 'file = "boundaries.gpkg"\nlayer = "region"', 'file = "regions.geojson"')


@case(0, "invalid-geometry-repaired", build=True, territory="A")
def bow_tie_polygon(root: Path) -> None:
    bow_tie = Polygon([(0, 30), (3, 33), (3, 30), (0, 33)])

    def change(frame: gpd.GeoDataFrame) -> None:
        frame.loc[frame["code"] == "A", "geometry"] = bow_tie

    rewrite_layer(root, "region", change)


@case(0, "empty-geometry")
def empty_geometry(root: Path) -> None:
    def change(frame: gpd.GeoDataFrame) -> None:
        frame.loc[frame["code"] == "C.2", "geometry"] = Polygon()

    rewrite_layer(root, "province", change)


@case(0, "duplicate-boundary")
def duplicate_boundary(root: Path) -> None:
    def change(frame: gpd.GeoDataFrame) -> None:
        frame.loc[frame["code"] == "B", "code"] = "A"

    rewrite_layer(root, "region", change)


@case(0, "boundary-without-territory")
def boundary_without_territory(root: Path) -> None:
    def change(frame: gpd.GeoDataFrame) -> None:
        frame.loc[frame["code"] == "C.2", "code"] = "Z.9"

    rewrite_layer(root, "province", change)


# --- more file formats, sizes and awkward cells (issue 7) ----------------------------


def _use_region_file(root: Path, name: str) -> None:
    edit_toml(root, 'file = "boundaries.gpkg"\nlayer = "region"', f'file = "{name}"')


@case(1, message="no attribute table")
def zipped_shapefile_without_dbf(root: Path) -> None:
    """A zipped Shapefile whose attribute table (.dbf) was left out: no codes to join."""
    import zipfile

    shp = root / "shp"
    shp.mkdir()
    _regions_frame("EPSG:4326").to_file(shp / "regions.shp")
    with zipfile.ZipFile(root / "regions.zip", "w") as zf:
        for part in sorted(shp.iterdir()):
            if part.suffix != ".dbf":
                zf.write(part, part.name)
    for part in shp.iterdir():
        part.unlink()
    shp.rmdir()
    _use_region_file(root, "regions.zip")


@case(1, message="cannot read boundaries")
def geojson_that_is_not_json(root: Path) -> None:
    (root / "regions.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{', encoding="utf-8"
    )
    _use_region_file(root, "regions.geojson")


@case(1, "boundary-not-polygon")
def geojson_of_points(root: Path) -> None:
    """Centroids instead of outlines: nothing to draw a map with."""
    frame = _regions_frame("EPSG:4326")
    frame.geometry = frame.geometry.centroid
    frame.to_file(root / "regions.geojson", driver="GeoJSON")
    _use_region_file(root, "regions.geojson")


@case(1, message="over the limit")
def boundary_file_over_the_limit(root: Path) -> None:
    add_toml(root, "[limits]\nmax_boundary_bytes = 1000")


@case(1, "coordinates-out-of-range")
def metres_declared_as_degrees(root: Path) -> None:
    """Projected coordinates (metres) in a file that says it is in degrees."""
    frame = gpd.GeoDataFrame(
        {"code": ["A", "B", "C"]},
        geometry=[box(300_000 * i, 3_300_000, 300_000 * (i + 1), 3_600_000) for i in range(3)],
        crs="EPSG:4326",
    )
    frame.to_file(root / "regions.gpkg", layer="region")
    _use_region_file(root, "regions.gpkg")


def _workbook(root: Path, sheets: dict[str, pd.DataFrame], header: bool = True) -> None:
    path = root / "figures.xlsx"
    with pd.ExcelWriter(path) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False, header=header)
    add_toml(root, '[tables]\nfigures = "figures.xlsx"')


def _figures_frame(root: Path) -> pd.DataFrame:
    return pd.read_csv(root / "figures.csv", dtype=str, keep_default_na=False)


@case(1, "missing-column")
def xlsx_with_notes_before_the_figures(root: Path) -> None:
    """Two sheets, the first a page of notes: the first sheet is read, and said so."""
    _workbook(
        root,
        {"Notes": pd.DataFrame({"Lisez-moi": ["Données 2024"]}), "Figures": _figures_frame(root)},
    )


@case(0)
def xlsx_with_an_empty_first_sheet(root: Path) -> None:
    """Excel's empty `Feuil1` before the data: the first sheet with cells is read."""
    _workbook(root, {"Feuil1": pd.DataFrame(), "Figures": _figures_frame(root)})


@case(1, "missing-column")
def xlsx_with_a_merged_title_above_the_header(root: Path) -> None:
    import openpyxl

    frame = _figures_frame(root)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Chiffres de Testland"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(frame.columns))
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    wb.save(root / "figures.xlsx")
    add_toml(root, '[tables]\nfigures = "figures.xlsx"')


@case(1, message="not a text table", absent=("SQLite format",))
def figures_that_are_a_geopackage(root: Path) -> None:
    (root / "figures.csv").write_bytes((root / "boundaries.gpkg").read_bytes())


@case(1, message="cannot read this CSV")
def a_row_of_ten_thousand_cells(root: Path) -> None:
    with (root / "figures.csv").open("a", encoding="utf-8") as fh:
        fh.write("A,population,2024,x,5,census-2024," + ",".join(["9"] * 10_000) + "\n")


@case(1, "text-too-long")
def a_five_megabyte_cell(root: Path) -> None:
    add_figure(root, dimension="big", source="census-2024")
    set_cell(root / "sources.csv", "press-1", "title", "Très long " * 500_000)


@case(1, "control-character")
def nul_bytes_in_the_figures(root: Path) -> None:
    path = root / "figures.csv"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"A.1,population,2014", b"A.1\x00\x00,population,2014", 1))


@case(1, "invalid-text")
def utf8_with_invalid_bytes_in_the_middle(root: Path) -> None:
    """A UTF-8 file (accents and Arabic) damaged in one place: not re-read as Windows-1252,
    which would garble every accent; the damaged cell is named."""
    path = root / "territories.csv"
    data = path.read_bytes()
    assert "Bêta".encode() in data
    path.write_bytes(data.replace("Cèdre".encode(), b"C\xe8dre", 1))


@case(0)
def byte_order_mark_in_the_middle(root: Path) -> None:
    """Two exports pasted together: the second one's byte-order mark sits at a row start."""
    path = root / "figures.csv"
    path.write_bytes(
        path.read_bytes()
        .replace(b"\r\nB.1,", b"\r\n\xef\xbb\xbfB.1,", 1)
        .replace(b"\nB.1,", b"\n\xef\xbb\xbfB.1,", 1)
    )


@case(1, "bad-year")
def excel_dates_as_years(root: Path) -> None:
    frame = _figures_frame(root)
    frame["year"] = pd.to_datetime(frame["year"] + "-01-01")
    _workbook(root, {"Figures": frame})


@case(0)
def years_written_as_floats(root: Path) -> None:
    """`2014.0`, as a spreadsheet exporting numbers as floats writes them: a whole year."""
    path = root / "figures.csv"
    rows = read_rows(path)
    for row in rows[1:]:
        row[2] = f"{row[2]}.0"
    write_rows(path, rows)


@case(0)
def percentages_with_a_sign(root: Path) -> None:
    path = root / "figures.csv"
    rows = read_rows(path)
    for row in rows[1:]:
        if row[1] == "unemployment_rate_pct":
            row[4] = f"{row[4]} %"
    write_rows(path, rows)


@case(0, build=True, territory="A")
def negative_zero(root: Path) -> None:
    add_figure(root, indicator="regularisation_requests", year=2024, value="-0", dimension="")


@case(1, "text-too-long")
def a_name_of_ten_thousand_characters(root: Path) -> None:
    set_cell(root / "territories.csv", "B", "name_fr", "Bêta" * 2_500)


@case(0, "territory-without-boundary", build=True, territory="..")
def a_code_that_is_dot_dot(root: Path) -> None:
    append(root / "territories.csv", ["..", "province", "C", "..", "", "province"])
    add_figure(root, code="..", dimension="")


@case(0, "territory-without-boundary", build=True, territory="C/../../x")
def a_code_with_slashes(root: Path) -> None:
    append(
        root / "territories.csv", ["C/../../x", "province", "C", "/etc/cron.d/x", "", "province"]
    )
    add_figure(root, code="C/../../x", dimension="")


@case(0, build=True, territory="B.1")
def two_provinces_with_the_same_name(root: Path) -> None:
    """Homonyms: the codes keep their files apart."""
    set_cell(root / "territories.csv", "B.1", "name_fr", "Aube")


@case(0, build=True, territory="C.1")
def a_name_only_in_arabic(root: Path) -> None:
    set_cell(root / "territories.csv", "C.1", "name_fr", "")
    set_cell(root / "territories.csv", "C.1", "name_ar", "سيدر")


# --- hostile and clumsy input (issue 19): registered from their own module ------------

# registering their cases in CASES: issue 19's hostile input, issue 18's real data
from bad_inputs import hostile, real_data  # noqa: E402,F401
