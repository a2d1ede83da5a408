"""``monographs init DIR``: a small working atlas to start from.

It describes *Exampleland*, an invented country (two regions, four districts drawn as
rectangles in the South Atlantic, where no country lies), with invented figures clearly
labelled as such. ``monographs build --atlas DIR`` turns it into PDFs as it is; replace
its tables with your own, keeping the columns (``docs/atlas.md`` describes them).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from monographs.errors import MonographError

ATLAS_TOML = """\
# An example atlas, written by `monographs init`. Every figure in it is INVENTED: replace
# the tables with your own (docs/atlas.md describes every key and column), then run
#   monographs validate --atlas DIR to see what needs fixing, and
#   monographs build --atlas DIR to make the PDFs.
title = "Example atlas (synthetic data)"
country = "Exampleland"
edition = "2026"
languages = ["en", "fr"]          # the first is the default; `build --lang fr` for French
levels = ["country", "region", "district"]   # top first, any depth

[level_names.en]
country = "Country"
region = "Region"
district = "District"

[level_names.fr]
country = "Pays"
region = "Région"
district = "District"

[kind_names.fr]                   # a territory's `kind` in each report language
district = "district"

[glossary.fr]                     # abbreviations: expanded at their first use, and listed
ONS = "Office national de la statistique"  # in the annex's glossary of the reports using them

[tables]                          # CSV (any delimiter, UTF-8 or Windows-1252) or XLSX
territories = "territories.csv"
figures = "figures.csv"
sources = "sources.csv"
catalogue = "catalogue.csv"
programmes = "programmes.csv"

# Your own column names: our name = your name. For instance, if your figures table
# calls its code column "District code":
# [columns.figures]
# territory_code = "District code"

# A wide table: one column per indicator and year (population_2014, population_2024…).
[[wide]]
file = "census_wide.csv"
territory = "code"                # the column holding the territory codes
source = "example-census"         # the source of every figure in this table
pattern = "(?P<indicator>[a-z_]+)_(?P<year>\\\\d{4})"

[boundaries.region]               # GeoPackage, Shapefile (zipped or not) or GeoJSON
file = "regions.geojson"
code_column = "code"              # joined to territories.code
# name_column = "NAME"            # or join by name when the file has no codes
# crs = "EPSG:4326"               # only when the file declares no CRS

[boundaries.district]
file = "districts.geojson"
code_column = "code"

[selection]
# When sources give the same figure differently, the first source listed here wins.
prefer = ["example-census", "example-*"]

[branding]
colour = "#0B4F6C"
publisher = "Example statistics office (synthetic data)"
"""

README = """\
# Example atlas (synthetic data)

Written by `monographs init`. Exampleland does not exist and every figure here is
invented: this folder shows the shape of an atlas, not facts. Replace the tables with
your own and run `monographs validate --atlas .` then `monographs build --atlas .`.

- `atlas.toml`: the atlas's settings (commented).
- `territories.csv`: every territory, with its level and parent.
- `figures.csv`: one row per figure (tidy), each with its source.
- `census_wide.csv`: figures laid out wide (one column per indicator and year), read
  through `[[wide]]` in atlas.toml.
- `sources.csv`, `catalogue.csv`, `programmes.csv`: sources, indicators, programmes.
- `regions.geojson`, `districts.geojson`: the boundaries (rectangles).
"""

TERRITORIES = [
    ["code", "level", "parent_code", "name_en", "name_fr", "kind"],
    ["EX", "country", "", "Exampleland", "Exempleland", ""],
    ["EX-N", "region", "EX", "North Region", "Région du Nord", ""],
    ["EX-S", "region", "EX", "South Region", "Région du Sud", ""],
    ["EX-N-1", "district", "EX-N", "Harbour", "Le Port", "district"],
    ["EX-N-2", "district", "EX-N", "Highlands", "Les Hautes-Terres", "district"],
    ["EX-S-1", "district", "EX-S", "Riverside", "Bord-de-Rivière", "district"],
    ["EX-S-2", "district", "EX-S", "Plains", "Les Plaines", "district"],
]
# population 2014, 2024 per district; regions and the country are the sums
POPULATION = {
    "EX-N-1": (120_000, 141_000),
    "EX-N-2": (45_000, 43_500),
    "EX-S-1": (80_000, 92_000),
    "EX-S-2": (30_000, 31_200),
}
UNEMPLOYMENT = {"EX-N-1": "8.4", "EX-N-2": "11.2", "EX-S-1": "9.7", "EX-S-2": "12.9"}
FOREIGN = {"EX-N": (2_100, 3_400), "EX-S": (900, 1_250)}
SOURCES = [
    ["id", "title", "publisher", "url", "date", "licence"],
    [
        "example-census",
        "Example census 2014 and 2024 (synthetic data)",
        "Example statistics office",
        "",
        "2025-01",
        "CC0 (invented figures)",
    ],
    [
        "example-survey",
        "Example migration survey (synthetic data)",
        "Example migration observatory",
        "",
        "2025-06",
        "CC0 (invented figures)",
    ],
]
CATALOGUE = [
    ["id", "label_en", "label_fr", "unit", "aggregation"],
    ["population", "Population", "Population", "people", "sum"],
    ["households", "Households", "Ménages", "households", "sum"],
    ["foreign_residents", "Foreign residents", "Résidents étrangers", "people", "sum"],
    [
        "foreign_residents_share_pct",
        "Share of foreigners in the population",
        "Part des étrangers dans la population",
        "percent",
        "none",
    ],
    ["unemployment_rate_pct", "Unemployment rate", "Taux de chômage", "percent", "none"],
    [
        "regularisation_requests",
        "Regularisation requests",
        "Demandes de régularisation",
        "people",
        "sum",
    ],
    [
        "regularisation_approved",
        "Regularisation requests approved",
        "Demandes de régularisation acceptées",
        "people",
        "sum",
    ],
    [
        "nationality_share_pct",
        "Share of the nationality among foreigners",
        "Part de la nationalité parmi les étrangers",
        "percent",
        "none",
    ],
]
PROGRAMMES = [
    ["id", "number", "name_en", "name_fr", "kind", "actions", "sdg", "achievements_fr"],
    ["education", "1", "Education", "Éducation", "sectoral", "3", "4", ""],
    ["governance", "2", "Governance", "Gouvernance", "transverse", "2", "10; 17", ""],
]
# district -> (x0, y0, x1, y1) in degrees; the regions are their unions
DISTRICT_BOXES = {
    "EX-N-1": (-20, -28.5, -17, -27),
    "EX-N-2": (-17, -28.5, -14, -27),
    "EX-S-1": (-20, -30, -17, -28.5),
    "EX-S-2": (-17, -30, -14, -28.5),
}


def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _figures() -> tuple[list[list[object]], list[list[object]]]:
    """The tidy figures and the wide census table."""
    tidy: list[list[object]] = [
        ["territory_code", "indicator", "year", "dimension", "value", "source_id", "note"]
    ]
    wide: list[list[object]] = [
        ["code", "name", "population_2014", "population_2024", "households_2024"]
    ]
    totals: dict[str, list[int]] = {"EX": [0, 0], "EX-N": [0, 0], "EX-S": [0, 0]}
    for code, (p14, p24) in POPULATION.items():
        region = code.rsplit("-", 1)[0]
        for key in ("EX", region):
            totals[key][0] += p14
            totals[key][1] += p24
        wide.append([code, "", p14, p24, p24 // 4])
        tidy.append(
            [code, "unemployment_rate_pct", 2024, "", UNEMPLOYMENT[code], "example-census", ""]
        )
    for code, (p14, p24) in totals.items():
        wide.append([code, "", p14, p24, p24 // 4])
    for region, (f14, f24) in FOREIGN.items():
        tidy.append([region, "foreign_residents", 2014, "", f14, "example-census", ""])
        tidy.append([region, "foreign_residents", 2024, "", f24, "example-census", ""])
    nat14 = sum(v[0] for v in FOREIGN.values())
    nat24 = sum(v[1] for v in FOREIGN.values())
    tidy += [
        ["EX", "foreign_residents", 2014, "", nat14, "example-census", ""],
        ["EX", "foreign_residents", 2024, "", nat24, "example-census", ""],
        ["EX", "unemployment_rate_pct", 2024, "", "9.8", "example-census", ""],
        ["EX", "regularisation_requests", 2024, "", 1_200, "example-survey", ""],
        ["EX", "regularisation_approved", 2024, "", 950, "example-survey", ""],
        ["EX", "nationality_share_pct", 2024, "Nationality A", "41.5", "example-survey", ""],
        ["EX", "nationality_share_pct", 2024, "Nationality B", "22.0", "example-survey", ""],
        ["EX", "nationality_share_pct", 2024, "Nationality C", "12.5", "example-survey", ""],
    ]
    return tidy, wide


def _geojson(features: dict[str, tuple[float, float, float, float]]) -> bytes:
    data = {
        "type": "FeatureCollection",
        "name": "example (synthetic boundaries)",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
                },
            }
            for code, (x0, y0, x1, y1) in features.items()
        ],
    }
    return json.dumps(data, indent=1).encode("utf-8")


def starter_files() -> dict[str, bytes]:
    """The files of the example atlas, by name."""
    tidy, wide = _figures()
    regions = {}
    for region in ("EX-N", "EX-S"):
        boxes = [b for c, b in DISTRICT_BOXES.items() if c.startswith(region + "-")]
        regions[region] = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
    return {
        "atlas.toml": ATLAS_TOML.encode("utf-8"),
        "README.md": README.encode("utf-8"),
        "territories.csv": _csv(TERRITORIES),
        "figures.csv": _csv(tidy),
        "census_wide.csv": _csv(wide),
        "sources.csv": _csv(SOURCES),
        "catalogue.csv": _csv(CATALOGUE),
        "programmes.csv": _csv(PROGRAMMES),
        "regions.geojson": _geojson(regions),
        "districts.geojson": _geojson(DISTRICT_BOXES),
    }


def init_atlas(folder: Path | str) -> list[Path]:
    """Write the example atlas into ``folder`` (created if needed) and return its files.

    Raises
    ------
    MonographError
        When ``folder`` exists and is not an empty folder: nothing is overwritten.
    """
    folder = Path(folder)
    hint = "Choose a new folder name, e.g. `monographs init my-atlas`."
    if folder.exists() and not folder.is_dir():
        raise MonographError(f"{folder} is a file; `init` writes a new atlas into a folder.", hint)
    if folder.exists() and any(folder.iterdir()):
        raise MonographError(
            f"{folder} is not empty; `init` writes a new atlas only into an empty or new "
            "folder, so that nothing is overwritten.",
            hint,
        )
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in starter_files().items():
            path = folder / name
            with path.open("xb") as fh:  # never replaces a file that appeared meanwhile
                fh.write(data)
            written.append(path)
    except OSError as exc:
        raise MonographError(
            f"cannot write the example atlas into {folder} ({exc.strerror or exc}).",
            "Choose a folder you can write to.",
        ) from exc
    return written
