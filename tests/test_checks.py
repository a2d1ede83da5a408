"""Every problem code, with its exact message: one broken atlas per check.

Each case breaks a fresh copy of the synthetic atlas and names the problem code that
validation must report and the exact message of its first problem with that code (and,
where it matters, the file, row and column). A test also checks that every code the
package can report has a case here and a line in docs/atlas.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pytest
from bad_inputs import hostile
from bad_inputs.cases import (
    add_figure,
    add_toml,
    append,
    edit_toml,
    read_rows,
    rewrite_layer,
    set_cell,
    set_figure_value,
    write_rows,
)
from shapely.affinity import scale
from shapely.geometry import Point, Polygon

from monographs import load_atlas, validate

PACKAGE = Path(__file__).resolve().parent.parent / "monographs"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "atlas.md"


@dataclass(frozen=True)
class Check:
    code: str
    breaks: Callable[[Path], object]
    message: str
    where: tuple | None = None  # (file, row, column) of the problem
    severity: str = "error"
    id: str = ""


def _catalogue(root: Path, *rows: list[str]) -> None:
    append(root / "catalogue.csv", *rows)


def _names_on_regions(names: dict[str, str]) -> Callable[[Path], None]:
    """Region boundaries carrying names instead of codes, joined by name."""

    def breaks(root: Path) -> None:
        def change(frame: gpd.GeoDataFrame) -> None:
            frame["name"] = frame["code"].map(names)
            frame.drop(columns="code", inplace=True)

        rewrite_layer(root, "region", change)
        edit_toml(root, 'layer = "region"', 'layer = "region"\nname_column = "name"')

    return breaks


def _parts(root: Path) -> None:
    _catalogue(
        root,
        ["foreign_residents_women", "Étrangères", "people", "sum"],
        ["foreign_residents_men", "Étrangers", "people", "sum"],
    )
    add_figure(root, indicator="foreign_residents_women", value=1200, dimension="")
    add_figure(root, indicator="foreign_residents_men", value=1000, dimension="")


def _part_of_column(root: Path) -> None:
    rows = read_rows(root / "catalogue.csv")
    rows[0].append("part_of")
    for row in rows[1:]:
        row.append("")
    rows.append(
        ["foreign_residents_employed", "Actifs étrangers", "people", "sum", "foreign_residents"]
    )
    write_rows(root / "catalogue.csv", rows)
    add_figure(root, code="B", indicator="foreign_residents_employed", value=950, dimension="")


def _shares(root: Path) -> None:
    _catalogue(root, ["nationality_share_pct", "Part", "percent", "none"])
    add_figure(root, indicator="nationality_share_pct", value="60,5", dimension="X")
    add_figure(root, indicator="nationality_share_pct", value="49,5", dimension="Y")


def _damaged_notes(root: Path) -> None:
    """Every figure's note holds a character that was not text (42 rows: 20 reported)."""
    path = root / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([lines[0], *(line + "x\ufffd" for line in lines[1:])]) + "\n", encoding="utf-8"
    )


def _wide(pattern: str) -> Callable[[Path], None]:
    def breaks(root: Path) -> None:
        write_rows(root / "wide.csv", [["code", "pop_2030"], ["A", "1"]])
        add_toml(
            root,
            f'[[wide]]\nfile = "wide.csv"\nterritory = "code"\nsource = '
            f"\"census-2024\"\npattern = '{pattern}'",
        )

    return breaks


CHECKS = [
    # atlas.toml
    Check(
        "unknown-config-key",
        lambda r: add_toml(r, '[branding]\ncolor = "red"'),
        "unknown key `branding.color` in atlas.toml",
        ("atlas.toml", None, "branding.color"),
    ),
    Check(
        "missing-config-key",
        lambda r: edit_toml(r, 'title = "Atlas d\'essai"\n', ""),
        "atlas.toml has no `title`",
        ("atlas.toml", None, "title"),
    ),
    Check(
        "missing-config-key",
        lambda r: add_toml(r, '[[wide]]\nfile = "figures.csv"'),
        "`wide[0]` has neither a `pattern` nor `columns`",
        id="wide-without-pattern",
    ),
    Check(
        "bad-config-value",
        lambda r: edit_toml(r, 'levels = ["country", "region", "province"]', 'levels = "country"'),
        "`levels` must be a list of level names, top first",
    ),
    Check(
        "bad-config-value",
        lambda r: add_toml(r, '[branding]\ncolour = "red;}"'),
        '`branding.colour` must be a colour like "#0B4F6C", not `red;}`',
        id="colour",
    ),
    Check(
        "bad-config-value",
        lambda r: edit_toml(r, 'languages = ["fr"]', 'languages = "French"'),
        "`languages` must be a list of language codes, the main one first",
        id="languages",
    ),
    Check(
        "bad-config-value",
        lambda r: edit_toml(r, 'languages = ["fr"]', 'languages = ["fr", "qq"]'),
        "`languages`: `qq` is not a language code known for formatting numbers and dates",
        ("atlas.toml", None, "languages"),
        id="unknown-language",
    ),
    Check(
        "bad-config-value",
        _wide(r"(?P<indicator>\w+)_(\d+)"),
        "`wide[0].pattern` must capture `indicator` and `year`",
        id="wide-pattern",
    ),
    Check(
        "too-few-levels",
        lambda r: edit_toml(r, 'levels = ["country", "region", "province"]\n', ""),
        "`levels` must list at least two levels, top first",
    ),
    Check(
        "unknown-level",
        lambda r: add_toml(r, '[boundaries.district]\nfile = "boundaries.gpkg"\nlayer = "region"'),
        "boundaries are given for `district`, which is not in `levels`",
    ),
    Check(
        "unknown-level",
        lambda r: append(r / "territories.csv", ["C.3", "district", "C", "District", "", ""]),
        "territory `C.3` has level `district`, which atlas.toml does not list",
        ("territories.csv", 12, "level"),
        id="territory-level",
    ),
    Check(
        "path-outside-atlas",
        lambda r: add_toml(r, '[tables]\nsources = "../secret.csv"'),
        "`tables.sources` points outside the atlas folder; it is not read",
    ),
    Check(
        "path-outside-atlas",
        lambda r: add_toml(r, '[branding]\nlogo = "../logo.svg"'),
        "`branding.logo` points outside the atlas folder; it is not read",
        id="logo",
    ),
    # files and columns
    Check(
        "missing-file",
        lambda r: (r / "sources.csv").unlink(),
        "the sources table is missing",
        ("sources.csv", None, ""),
    ),
    Check(
        "missing-file",
        lambda r: add_toml(r, '[branding]\nlogo = "logo.svg"'),
        "the logo `logo.svg` is missing",
        ("atlas.toml", None, "branding.logo"),
        id="logo",
    ),
    Check(
        "missing-file",
        lambda r: add_toml(
            r, '[[wide]]\nfile = "census.csv"\npattern = "(?P<indicator>.+)_(?P<year>.+)"'
        ),
        "the wide figures table `census.csv` is missing",
        id="wide",
    ),
    Check(
        "missing-column",
        lambda r: write_rows(
            r / "figures.csv", [row[:5] + row[6:] for row in read_rows(r / "figures.csv")]
        ),
        "the figures table has no `source_id` column",
        ("figures.csv", None, "source_id"),
    ),
    Check(
        "unknown-mapped-column",
        lambda r: add_toml(r, '[columns.figures]\nterritory = "Code"'),
        "`columns.figures.territory`: the figures table has no column `territory` to map",
        ("atlas.toml", None, "columns.figures.territory"),
    ),
    Check(
        "mapped-column-missing",
        lambda r: add_toml(r, '[columns.figures]\nterritory_code = "Code commune"'),
        "`Code commune` (mapped to `territory_code` in atlas.toml) is not a column of this table",
        ("figures.csv", None, "Code commune"),
    ),
    Check(
        "mapped-column-missing",
        lambda r: (
            write_rows(r / "wide.csv", [["Code", "pop_2030"]]),
            add_toml(
                r,
                '[[wide]]\nfile = "wide.csv"\nterritory = "code"\npattern = '
                '"(?P<indicator>.+)_(?P<year>.+)"',
            ),
        ),
        "`code` (the territory column of `wide[0]` in atlas.toml) is not a column of this table",
        ("wide.csv", None, "code"),
        id="wide-territory",
    ),
    Check(
        "wide-no-columns",
        _wide(r"(?P<indicator>[a-z]+)-(?P<year>\d{4})"),
        "no column of this table matches `wide[0].pattern`",
        ("wide.csv", None, ""),
    ),
    # duplicates and text
    Check(
        "duplicate-territory",
        lambda r: append(r / "territories.csv", ["A", "province", "C", "Doublon", "", "province"]),
        "`A` is given twice in the territories table; the first is kept",
        ("territories.csv", 12, "code"),
    ),
    Check(
        "duplicate-source",
        lambda r: append(r / "sources.csv", ["press-1", "Another article", "", "", "", ""]),
        "`press-1` is given twice in the sources table; the first is kept",
    ),
    Check(
        "duplicate-indicator",
        lambda r: _catalogue(r, ["population", "Pop", "people", "sum"]),
        "`population` is given twice in the catalogue table; the first is kept",
    ),
    Check(
        "control-character",
        lambda r: set_cell(r / "territories.csv", "B", "name_fr", "B\x00\x07eta"),
        "`name_fr` holds invisible control characters",
        ("territories.csv", 4, "name_fr"),
    ),
    # the hierarchy
    Check(
        "unknown-parent",
        lambda r: append(r / "territories.csv", ["D.1", "province", "D", "Orphelin", "", ""]),
        "territory `D.1` has parent `D`, which is not a territory",
        ("territories.csv", 12, "parent_code"),
    ),
    Check(
        "parent-level",
        lambda r: append(r / "territories.csv", ["C.3", "province", "C.1", "Mauvais", "", ""]),
        "territory `C.3` (province) has parent `C.1` (province), which is not a level above",
    ),
    Check(
        "cyclic-hierarchy",
        lambda r: append(
            r / "territories.csv",
            ["X", "province", "Y", "X", "", ""],
            ["Y", "province", "X", "Y", "", ""],
        ),
        "the hierarchy loops: X → Y → X",
    ),
    Check(
        "top-territory",
        lambda r: append(r / "territories.csv", ["U", "country", "", "Autreland", "", ""]),
        "there must be one territory of level `country`, there are 2",
    ),
    # figures, one by one
    Check(
        "unknown-territory",
        lambda r: add_figure(r, code="Z"),
        "unknown territory code `Z`",
        ("figures.csv", 44, "territory_code"),
    ),
    Check(
        "missing-source",
        lambda r: add_figure(r, source=""),
        "this figure has no source",
        ("figures.csv", 44, "source_id"),
    ),
    Check(
        "unknown-source",
        lambda r: add_figure(r, source="blog-42"),
        "unknown source `blog-42`",
        ("figures.csv", 44, "source_id"),
    ),
    Check(
        "unknown-indicator",
        lambda r: add_figure(r, indicator="happiness"),
        "indicator `happiness` is not in the catalogue",
        ("figures.csv", 44, "indicator"),
    ),
    Check(
        "not-a-number",
        lambda r: add_figure(r, value="beaucoup"),
        "`beaucoup` is not a number",
        ("figures.csv", 44, "value"),
    ),
    Check(
        "negative-count",
        lambda r: add_figure(r, value=-5),
        "a count cannot be negative (-5)",
        ("figures.csv", 44, "value"),
    ),
    Check(
        "share-outside-0-100",
        lambda r: add_figure(r, indicator="unemployment_rate_pct", value="130,5 %"),
        "a share must lie between 0 and 100, this one is 130,5 %",
    ),
    Check(
        "implausible-value",
        lambda r: add_figure(r, value="1e308"),
        "1e308 is implausibly large for a territory's figure",
    ),
    Check(
        "bad-year",
        lambda r: add_figure(r, year="deux mille"),
        "`deux mille` is not a year between 1900 and 2100",
        ("figures.csv", 44, "year"),
    ),
    Check(
        "bad-year",
        lambda r: add_figure(r, year=2150),
        "`2150` is not a year between 1900 and 2100",
        id="out-of-range",
    ),
    Check(
        "duplicate-figure",
        lambda r: add_figure(r, dimension=""),
        "`population` 2024 for `A` from `census-2024` is given twice",
        ("figures.csv", 44, "value"),
        "warning",
    ),
    # figures against each other
    Check(
        "approvals-above-requests",
        lambda r: set_figure_value(r, "T", "regularisation_approved", "2014", "600"),
        "`regularisation_approved` for `T` in 2014 is 600, above `regularisation_requests` (500)",
        ("figures.csv", 42, "value"),
    ),
    Check(
        "parts-above-total",
        _parts,
        "`foreign_residents_women` + `foreign_residents_men` for `A` in 2024 sum to 2200, "
        "above `foreign_residents` (2000)",
        ("figures.csv", 44, "value"),
    ),
    Check(
        "parts-above-total",
        _part_of_column,
        "`foreign_residents_employed` for `B` in 2024 sum to 950, above `foreign_residents` (900)",
        id="part_of-column",
    ),
    Check(
        "shares-above-100",
        _shares,
        "the shares of `nationality_share_pct` for `A` in 2024 from `census-2024` sum to "
        "110 %, above 100 %",
        ("figures.csv", 44, "value"),
    ),
    Check(
        "sub-territory-above-parent",
        lambda r: set_figure_value(r, "A.1", "population", "2024", "200000"),
        "`population` of `A.1` in 2024 is 200000, above its parent `A`'s 175000 "
        "(figures.csv, row 27)",
        ("figures.csv", 3, "value"),
        "warning",
    ),
    Check(
        "sub-territories-above-parent",
        lambda r: set_figure_value(r, "A.1", "population", "2024", "200000"),
        "`population` of the 2 sub-territories of `A` in 2024 sum to 255000, above `A`'s 175000",
        ("figures.csv", 3, "value"),
        "warning",
    ),
    # the other tables
    Check(
        "source-without-title",
        lambda r: set_cell(r / "sources.csv", "press-1", "title", ""),
        "source `press-1` has no title",
        ("sources.csv", 3, "title"),
    ),
    Check(
        "unknown-unit",
        lambda r: set_cell(r / "catalogue.csv", "population", "unit", "souls"),
        "indicator `population` has unit `souls`",
        ("catalogue.csv", 2, "unit"),
    ),
    # boundaries
    Check(
        "territory-without-boundary",
        lambda r: append(
            r / "territories.csv", ["C.3", "province", "C", "Nouvelle", "", "province"]
        ),
        "1 territory of level `province` has no boundary: C.3",
        ("boundaries.gpkg", None, "code"),
        "warning",
    ),
    Check(
        "boundary-without-territory",
        lambda r: rewrite_layer(
            r, "province", lambda f: f.__setitem__("code", f["code"].replace("C.2", "Z.9"))
        ),
        "1 boundary of level `province` matches no territory: Z.9",
        severity="warning",
    ),
    Check(
        "boundaries-simplified",
        lambda r: (r / "atlas.toml").write_text(
            (r / "atlas.toml").read_text(encoding="utf-8")
            + "\n[limits]\nmax_vertices_per_level = 12\n",
            encoding="utf-8",
        ),
        "the boundaries of level `region` have 15 vertices; they were simplified to 13 for drawing",
        ("boundaries.gpkg", None, ""),
        severity="warning",
    ),
    Check(
        "text-too-long",
        lambda r: set_cell(r / "territories.csv", "B", "name_fr", "B" * 301),
        "`name_fr` holds 301 characters, more than 300",
        ("territories.csv", 4, "name_fr"),
    ),
    Check(
        "boundary-not-polygon",
        lambda r: rewrite_layer(
            r,
            "province",
            lambda f: f.__setitem__(
                "geometry",
                [
                    Point(1, 31) if c == "C.2" else g
                    for c, g in zip(f["code"], f.geometry, strict=True)
                ],
            ),
        ),
        "the boundary of `C.2` is a Point, not an outline",
        ("boundaries.gpkg", None, "code"),
    ),
    Check(
        "coordinates-out-of-range",
        lambda r: rewrite_layer(
            r,
            "region",
            lambda f: f.__setitem__(
                "geometry",
                [
                    scale(g, 100_000, 100_000, origin=(0, 0)) if c == "A" else g
                    for c, g in zip(f["code"], f.geometry, strict=True)
                ],
            ),
        ),
        "1 boundary of level `region` lies outside the globe once in degrees (e.g. `A` "
        "spans x 0 to 300,000, y 3,000,000 to 3,300,000); they are left off the maps",
        ("boundaries.gpkg", None, "code"),
    ),
    Check(
        "invalid-text",
        lambda r: set_cell(r / "territories.csv", "B", "name_fr", "B\ufffdeta"),
        "`name_fr` holds bytes that are not text in the file's encoding (shown as \ufffd)",
        ("territories.csv", 4, "name_fr"),
    ),
    Check(
        "more-problems",
        lambda r: _damaged_notes(r),
        "22 more cells of column `note` have the same problem",
        ("figures.csv", None, "note"),
    ),
    Check(
        "invalid-geometry-repaired",
        lambda r: rewrite_layer(
            r,
            "region",
            lambda f: f.__setitem__(
                "geometry",
                [
                    Polygon([(0, 30), (3, 33), (3, 30), (0, 33)]) if c == "A" else g
                    for c, g in zip(f["code"], f.geometry, strict=True)
                ],
            ),
        ),
        "the boundary of `A` was invalid and was repaired",
        severity="warning",
    ),
    Check(
        "empty-geometry",
        lambda r: rewrite_layer(
            r,
            "province",
            lambda f: f.__setitem__(
                "geometry",
                [
                    Polygon() if c == "C.2" else g
                    for c, g in zip(f["code"], f.geometry, strict=True)
                ],
            ),
        ),
        "the boundary of `C.2` is empty",
        severity="warning",
    ),
    Check(
        "duplicate-boundary",
        lambda r: rewrite_layer(
            r, "region", lambda f: f.__setitem__("code", f["code"].replace("B", "A"))
        ),
        "features 1, 2 all have the code `A` in column `code`; they are merged into one outline",
        ("boundaries.gpkg", None, "code"),
        severity="warning",
    ),
    Check(
        "boundary-without-key",
        lambda r: rewrite_layer(
            r, "region", lambda f: f.__setitem__("code", f["code"].replace("B", None))
        ),
        "feature 2 of level `region` has no code in column `code` (null or empty); it is "
        "left off the maps",
        ("boundaries.gpkg", None, "code"),
        severity="warning",
    ),
    Check(
        "boundary-name-repeated",
        _names_on_regions({"A": "Alpha", "B": "Bêta-Sud", "C": "BETA SUD"}),
        "features 2, 3 (`Bêta-Sud`) all match territory `B` (Bêta-Sud) of level `region`; "
        "none is joined, nothing is merged",
        ("boundaries.gpkg", None, "name"),
        severity="warning",
    ),
    Check(
        "missing-code",
        lambda r: append(r / "territories.csv", ["", "province", "C", "Sans code", "", ""]),
        "this row of the territories table has no `code`; it is left out",
        ("territories.csv", 12, "code"),
        id="territory",
    ),
    Check(
        "kind-not-named",
        lambda r: (
            edit_toml(r, 'languages = ["fr"]', 'languages = ["fr", "ar"]'),
            set_cell(r / "territories.csv", "C.2", "kind", "cercle"),
        ),
        "the kind `cercle` (1 territory) has no name in ar; those reports show it as "
        "written, marked (fr)",
        ("territories.csv", 11, "kind"),
        severity="warning",
    ),
    Check(
        "missing-code",
        lambda r: add_figure(r, code="", dimension=""),
        "this figure has no territory code",
        id="figure",
    ),
    Check(
        "alias-unknown-territory",
        lambda r: (r / "aliases.csv").write_text("code,alias\nZZ,Nowhere\n", encoding="utf-8"),
        "the alias `Nowhere` is given for `ZZ`, which is not a territory",
        ("aliases.csv", 2, "code"),
        "warning",
    ),
    Check(
        "boundary-name-unmatched",
        _names_on_regions({"A": "ALPHA", "B": "beta sud", "C": "Gamma City"}),
        "the boundary `Gamma City` matches no territory name of level `region`",
        ("boundaries.gpkg", None, "name"),
        "warning",
    ),
    Check(
        "boundary-name-ambiguous",
        lambda r: (
            append(r / "territories.csv", ["D", "region", "T", "Alpha", "", ""]),
            _names_on_regions({"A": "ALPHA", "B": "Bêta-Sud", "C": "Gamma"})(r),
        ),
        "the boundary `ALPHA` matches several territories of level `region`: A D",
        severity="warning",
    ),
]


HOSTILE = [  # issue 19: hostile and clumsy input, each a named problem
    Check(
        "not-a-regular-file",
        hostile.table_a_fifo,
        "`sources.fifo` is a FIFO (named pipe), not a file; it is not opened",
        ("sources.fifo", None, "tables.sources"),
    ),
    Check(
        "duplicate-level",
        hostile.level_listed_twice,
        "`levels` lists `region` twice",
        ("atlas.toml", None, "levels"),
    ),
    Check(
        "name-collision",
        hostile.codes_differing_by_case,
        "the codes `A.1` and `a.1` give one file name, `a-1`: one report would overwrite the other",
        ("territories.csv", 12, "code"),
    ),
    Check(
        "name-collision",
        hostile.levels_differing_by_case,
        "the levels `region` and `Region` would write into the same folder, `region`",
        ("atlas.toml", None, "levels"),
        id="levels",
    ),
    Check(
        "duplicate-column",
        hostile.two_value_columns,
        "the header names the column `value` twice; only the first is read",
        ("figures.csv", 1, "value"),
    ),
    Check(
        "header-too-long",
        hostile.header_cell_of_100_000_characters,
        "a column name is longer than 300 characters",
    ),
    Check(
        "too-many-columns",
        hostile.header_of_100_000_columns,
        "the header has at least 10,948 columns, more than 1,000",
        ("figures.csv", 1, ""),
    ),
    Check(
        "too-many-rows",
        hostile.csv_of_too_many_rows,
        "the table has more than 10 rows",
        ("figures.csv", 12, ""),
    ),
    Check(
        "workbook-too-large",
        hostile.xlsx_zip_bomb,
        "the workbook unpacks to more than 50,000,000 bytes",
        ("figures.xlsx", None, ""),
    ),
    Check(
        "mixed-encoding",
        hostile.half_windows_1252_half_utf8,
        "the file mixes encodings: row 4 is Windows-1252, row 8 UTF-8; the accents of one "
        "kind would be garbled",
        ("territories.csv", 8, ""),
    ),
    Check(
        "pattern-too-slow",
        hostile.wide_pattern_with_catastrophic_backtracking,
        "`wide[0].pattern` took over 1 s to match the column names (stopped at "
        "`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`)",
        ("atlas.toml", None, "wide[0].pattern"),
    ),
    Check(
        "unknown-aggregation",
        hostile.unknown_aggregation,
        "indicator `population` has aggregation `average`",
        ("catalogue.csv", 2, "aggregation"),
    ),
    Check(
        "narrative-over-limit",
        lambda r: (
            (r / "narratives").mkdir(),
            (r / "narratives" / "A.md").write_text("Texte " + "[" * 1000, encoding="utf-8"),
        ),
        "the narrative is not shown: it nests 1,000 levels deep (unclosed brackets, "
        "parentheses or quotes), more than 32 (`limits.max_narrative_nesting`)",
        ("narratives/A.md", None, ""),
    ),
    Check(
        "invalid-coordinates",
        hostile.geojson_with_nan_coordinates,
        "1 boundary of level `region` holds coordinates that are not numbers (NaN or "
        "infinite), e.g. `B`; left off the maps",
        ("regions.geojson", None, "code"),
    ),
    Check(
        "boundary-format-refused",
        hostile.vrt_boundary_reading_a_file_elsewhere,
        "the boundary file of level `region` is refused: it is XML (a VRT, GML or KML)",
        ("regions.vrt", None, "boundaries.region.file"),
    ),
    Check(
        "path-outside-atlas",
        hostile.boundary_file_in_the_parent_folder,
        "`boundaries.region.file` points outside the atlas folder; it is not read",
        ("atlas.toml", None, "boundaries.region.file"),
        id="boundary",
    ),
    Check(
        "not-a-number",
        hostile.programme_actions_a_word,
        "`beaucoup` is not a whole number (the programme's actions)",
        ("programmes.csv", 2, "actions"),
        id="programme-actions",
    ),
    Check(
        "bad-config-value",
        hostile.title_given_as_an_array,
        "`title` must be a text or one text per language",
        ("atlas.toml", None, "title"),
        id="title-array",
    ),
    Check(
        "bad-config-value",
        hostile.prefer_given_as_a_string,
        "`selection.prefer` must be a list of source ids or patterns",
        ("atlas.toml", None, "selection.prefer"),
        id="prefer-string",
    ),
]
CHECKS += HOSTILE


def _id(c: Check) -> str:
    return f"{c.code}-{c.id}" if c.id else c.code


@pytest.mark.parametrize("check", CHECKS, ids=_id)
def test_check_code_and_message(check: Check, synthetic: Path):
    check.breaks(synthetic)
    report = validate(load_atlas(synthetic))
    found = report.filter(check.code)
    assert found, [str(p) for p in report]
    problem = found[0]
    assert problem.message == check.message
    assert problem.severity == check.severity
    assert problem.hint, "every problem says what to do"
    if check.where:
        assert (problem.file, problem.row, problem.column) == check.where
    assert report.valid is (check.severity == "warning" and not report.errors)


def test_the_synthetic_atlas_is_clean(synthetic: Path):
    assert validate(load_atlas(synthetic)).flatten() == []


def package_codes() -> set[str]:
    """Every problem code the package can report, read from its source."""
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'Problem\(\s*"([a-z0-9-]+)"', text))
        codes |= set(re.findall(r'"(duplicate-[a-z]+)"\)', text))  # the loop in atlas/load.py
    return codes


def test_every_code_has_a_check_here_and_a_line_in_the_docs():
    codes = package_codes()
    assert len(codes) >= 40
    tested = {c.code for c in CHECKS}
    assert codes - tested == set(), "codes without a test"
    assert tested - codes == set(), "tests of codes the package does not have"
    section = DOCS.read_text(encoding="utf-8").split("### Problem codes", 1)[1]
    section = section.split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE))
    assert codes - documented == set(), "codes missing from docs/atlas.md"
    assert documented - codes == set(), "docs/atlas.md names codes the package lacks"
