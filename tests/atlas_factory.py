"""A small synthetic country built in code: 3 regions and 6 provinces drawn as squares.

Names, codes and figures are invented for tests only. Region A has every figure; region
C lacks its foreign residents, so the reports must show them as missing.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

REGIONS = [("A", "Alpha", "ألفا"), ("B", "Bêta-Sud", "بيتا"), ("C", "Gamma", "غاما")]
PROVINCES = [
    ("A.1", "A", "Aube"),
    ("A.2", "A", "Azur"),
    ("B.1", "B", "Béryl"),
    ("B.2", "B", "Brume"),
    ("C.1", "C", "Cèdre"),
    ("C.2", "C", "Corail"),
]
# population by year for each province; a region's is the sum
POPULATION = {
    "A.1": (100_000, 120_000),
    "A.2": (50_000, 55_000),
    "B.1": (80_000, 70_000),
    "B.2": (20_000, 30_000),
    "C.1": (10_000, 12_000),
    "C.2": (40_000, 41_000),
}
FOREIGN = {"A": (1_000, 2_000), "B": (300, 900)}  # region C: missing on purpose
YEARS = (2014, 2024)

ATLAS_TOML = """\
title = "Atlas d'essai"
country = "Testland"
edition = "2026"
languages = ["fr"]
levels = ["country", "region", "province"]

[level_names.fr]
country = "Pays"
region = "Région"
province = "Province"

[boundaries.region]
file = "boundaries.gpkg"
layer = "region"

[boundaries.province]
file = "boundaries.gpkg"
layer = "province"

[selection]
prefer = ["census-*", "press-*"]

[strategy]
name = "Stratégie d'essai"
campaigns_intro = "Deux campagnes d'essai :"

[[strategy.campaigns]]
year = 2014
title = "Campagne d'essai 2014"

[[strategy.campaigns]]
year = 2017
title = "Campagne d'essai 2017"
"""

CATALOGUE = [
    ("population", "Population", "people", "sum"),
    ("households", "Ménages", "households", "sum"),
    ("foreign_residents", "Résidents étrangers", "people", "sum"),
    ("foreign_residents_share_pct", "Part des étrangers dans la population", "percent", "none"),
    ("unemployment_rate_pct", "Taux de chômage", "percent", "none"),
    ("regularisation_requests", "Demandes de régularisation", "people", "sum"),
    ("regularisation_approved", "Demandes de régularisation acceptées", "people", "sum"),
]


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def figures_rows() -> list[list[object]]:
    """The figures of the synthetic country (tidy)."""
    rows: list[list[object]] = []
    totals = {r: [0, 0] for r, *_ in REGIONS}
    for code, region, _name in PROVINCES:
        for i, year in enumerate(YEARS):
            rows.append([code, "population", year, "", POPULATION[code][i], "census-2024", ""])
            totals[region][i] += POPULATION[code][i]
        rows.append([code, "households", 2024, "", POPULATION[code][1] // 4, "census-2024", ""])
        rows.append([code, "unemployment_rate_pct", 2024, "", 10 + len(code), "census-2024", ""])
    for region, (p14, p24) in totals.items():
        rows.append([region, "population", 2014, "", p14, "census-2024", ""])
        rows.append([region, "population", 2024, "", p24, "census-2024", ""])
    nat = [sum(v[i] for v in totals.values()) for i in range(2)]
    rows += [
        ["T", "population", 2014, "", nat[0], "census-2024", ""],
        ["T", "population", 2024, "", nat[1], "census-2024", ""],
    ]
    for region, (f14, f24) in FOREIGN.items():
        rows.append([region, "foreign_residents", 2014, "", f14, "census-2024", ""])
        rows.append([region, "foreign_residents", 2024, "", f24, "census-2024", ""])
    rows += [
        ["T", "foreign_residents", 2014, "", 1_500, "census-2024", ""],
        ["T", "foreign_residents", 2024, "", 3_100, "census-2024", ""],
        # a conflict: the press gives another national count for 2024
        ["T", "foreign_residents", 2024, "", 3_000, "press-1", "autre base"],
        ["T", "regularisation_requests", 2014, "", 500, "press-1", ""],
        ["T", "regularisation_approved", 2014, "", 400, "press-1", ""],
        ["A", "regularisation_requests", 2014, "", 200, "press-1", ""],
    ]
    return rows


def make_atlas(root: Path) -> Path:
    """Write the synthetic atlas into ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "atlas.toml").write_text(ATLAS_TOML, encoding="utf-8")
    territories = [["T", "country", "", "Testland", "تستلاند", ""]]
    territories += [[c, "region", "T", n, ar, ""] for c, n, ar in REGIONS]
    territories += [[c, "province", r, n, "", "province"] for c, r, n in PROVINCES]
    _write_csv(
        root / "territories.csv",
        ["code", "level", "parent_code", "name_fr", "name_ar", "kind"],
        territories,
    )
    _write_csv(
        root / "figures.csv",
        ["territory_code", "indicator", "year", "dimension", "value", "source_id", "note"],
        figures_rows(),
    )
    _write_csv(
        root / "sources.csv",
        ["id", "title", "publisher", "url", "date", "licence"],
        [
            [
                "census-2024",
                "Recensement de Testland 2024",
                "Institut de la statistique",
                "",
                "2025-01-01",
                "CC BY 4.0",
            ],
            [
                "press-1",
                "Article de presse sur les étrangers",
                "Le Quotidien",
                "",
                "2025-03-01",
                "",
            ],
        ],
    )
    _write_csv(
        root / "catalogue.csv",
        ["id", "label_fr", "unit", "aggregation"],
        [list(c) for c in CATALOGUE],
    )
    _write_csv(
        root / "programmes.csv",
        ["id", "number", "name_fr", "kind", "actions", "sdg", "achievements_fr"],
        [
            ["education", 1, "Éducation", "sectoral", 3, "4", "Écoles ouvertes | Cours"],
            ["governance", 2, "Gouvernance", "transverse", 2, "10; 17", ""],
        ],
    )
    # squares: region i spans x in [3i, 3i+3]; its provinces split it in two
    regions, provinces = [], []
    for i, (code, _n, _a) in enumerate(REGIONS):
        regions.append({"code": code, "geometry": box(3 * i, 30, 3 * i + 3, 33)})
        provinces.append({"code": f"{code}.1", "geometry": box(3 * i, 30, 3 * i + 3, 31.5)})
        provinces.append({"code": f"{code}.2", "geometry": box(3 * i, 31.5, 3 * i + 3, 33)})
    gpkg = root / "boundaries.gpkg"
    gpd.GeoDataFrame(regions, crs="EPSG:4326").to_file(gpkg, layer="region")
    gpd.GeoDataFrame(provinces, crs="EPSG:4326").to_file(gpkg, layer="province")
    return root


# English names and catalogue labels, and Arabic labels, for the tests of the report's
# languages (make_atlas leaves them out: the other tests see a French-only atlas). The
# provinces keep no Arabic nor English name, so that the fallback mark shows.
NAMES_EN = {"T": "Testland", "A": "Alpha", "B": "Beta South", "C": "Gamma"}
LABELS = {  # id: (English, Arabic)
    "population": ("Population", "السكان"),
    "households": ("Households", "الأسر"),
    "foreign_residents": ("Foreign residents", "المقيمون الأجانب"),
    "foreign_residents_share_pct": (
        "Share of foreigners in the population",
        "نسبة الأجانب من مجموع السكان",
    ),
    "unemployment_rate_pct": ("Unemployment rate", "معدل البطالة"),
    "regularisation_requests": ("Regularisation requests", "طلبات تسوية الوضعية"),
    "regularisation_approved": ("Regularisation requests approved", "طلبات تسوية الوضعية المقبولة"),
}


def add_translations(root: Path) -> Path:
    """Give the atlas at ``root`` English names (country, regions) and English and Arabic
    catalogue labels."""
    import pandas as pd

    path = root / "territories.csv"
    t = pd.read_csv(path, dtype=str, keep_default_na=False)
    t["name_en"] = t["code"].map(NAMES_EN).fillna("")
    t.to_csv(path, index=False)
    path = root / "catalogue.csv"
    c = pd.read_csv(path, dtype=str, keep_default_na=False)
    c["label_en"] = c["id"].map({k: v[0] for k, v in LABELS.items()}).fillna("")
    c["label_ar"] = c["id"].map({k: v[1] for k, v in LABELS.items()}).fillna("")
    c.to_csv(path, index=False)
    return root


# ---- additions for the section tests: a richer copy of the synthetic atlas -------------

RICH_CATALOGUE = [
    # id, label, unit, aggregation, programme, definition
    ("population", "Population", "people", "sum", "", "Personnes résidant dans le territoire."),
    ("households", "Ménages", "households", "sum", "4", "Ménages recensés."),
    (
        "foreign_residents",
        "Résidents étrangers",
        "people",
        "sum",
        "",
        "Personnes de nationalité étrangère recensées.",
    ),
    (
        "foreign_residents_share_pct",
        "Part des étrangers dans la population",
        "percent",
        "none",
        "",
        "",
    ),
    ("unemployment_rate_pct", "Taux de chômage", "percent", "none", "7", "Chômeurs / actifs."),
    ("regularisation_requests", "Demandes de régularisation", "people", "sum", "8", ""),
    ("regularisation_approved", "Demandes de régularisation acceptées", "people", "sum", "8", ""),
    ("refugees", "Réfugiés", "people", "sum", "5", "Réfugiés reconnus par le HCR."),
    ("migrant_children_enrolled", "Enfants migrants scolarisés", "people", "sum", "1", ""),
]
RICH_PROGRAMMES = [
    ["education", 1, "Éducation et culture", "sectoral", 12, "4", "Écoles ouvertes | Cours"],
    ["logement", 4, "Logement", "sectoral", 2, "11", "Logement social"],
    ["assistance", 5, "Assistance sociale et humanitaire", "sectoral", 5, "1; 16", ""],
    ["emploi", 7, "Emploi", "sectoral", 8, "8", "Accès au marché du travail"],
    ["governance", 11, "Gouvernance", "transverse", 17, "10; 17", ""],
]
RICH_FIGURES = [
    ["T", "unemployment_rate_pct", 2024, "", 13, "census-2024", ""],
    ["A", "unemployment_rate_pct", 2024, "", 12, "census-2024", ""],
    ["B", "unemployment_rate_pct", 2024, "", 15, "census-2024", ""],
    ["C", "unemployment_rate_pct", 2024, "", 9, "census-2024", ""],
    ["T", "regularisation_requests", 2017, "", 900, "press-1", ""],
    ["T", "regularisation_approved", 2017, "", 450, "press-1", ""],
    ["A.1", "refugees", 2021, "", 77, "press-1", ""],
    ["T", "refugees", 2021, "", 300, "press-1", ""],
    ["T", "migrant_children_enrolled", 2021, "", 120, "press-1", ""],
]
RICH_ACTORS = [
    ["A", "Direction régionale de l'éducation", "1", "administration", "dre@example.org"],
    ["A", "Association Accueil", "emploi", "association", ""],
    ["T", "Ministère de l'emploi", "7", "administration", ""],
]


def make_rich_atlas(root: Path) -> Path:
    """The synthetic atlas plus what the later sections read: catalogue programmes and
    definitions, sectoral programmes, regional unemployment, a second campaign, refugees in
    a province, and actors for region A (none for B or C). No narrative: tests add one."""
    make_atlas(root)
    _write_csv(
        root / "catalogue.csv",
        ["id", "label_fr", "unit", "aggregation", "programme", "definition_fr"],
        [list(c) for c in RICH_CATALOGUE],
    )
    _write_csv(
        root / "programmes.csv",
        ["id", "number", "name_fr", "kind", "actions", "sdg", "achievements_fr"],
        RICH_PROGRAMMES,
    )
    with (root / "figures.csv").open("a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(RICH_FIGURES)
    _write_csv(
        root / "actors.csv", ["territory_code", "name", "programme", "kind", "contact"], RICH_ACTORS
    )
    return root
