"""The default atlas's indicator definitions in Arabic and English: every indicator has
both, they keep the French's numbers, the build script's source of them is the table's,
and an Arabic or English monograph's annex shows them in its own language."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from monographs import load_atlas
from monographs.content.monograph import MonographBuilder
from monographs.resources import DEFAULT_ATLAS

ROOT = Path(__file__).resolve().parent.parent
# the translations scripts/build_default_atlas.py merges into catalogue.csv
TRANSLATED = ROOT / "scripts" / "sources" / "morocco" / "definitions_translated.csv"
LANGUAGES = ("ar", "en")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return read(DEFAULT_ATLAS / "catalogue.csv")


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def digits(text: str) -> Counter[str]:
    return Counter(re.findall(r"[0-9]+", text))


def test_the_new_columns_follow_the_french_definition(catalogue):
    columns = list(catalogue.columns)
    at = columns.index("definition_fr")
    assert columns[at : at + 3] == ["definition_fr", "definition_ar", "definition_en"]
    assert len(catalogue) == 66


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_indicator_has_a_definition_in_each_language(catalogue, lang):
    empty = catalogue.loc[catalogue[f"definition_{lang}"].str.strip() == "", "id"]
    assert empty.tolist() == []


def test_the_arabic_definitions_are_in_arabic(catalogue):
    latin_only = [
        row.id for row in catalogue.itertuples() if not ARABIC_LETTER.search(row.definition_ar)
    ]
    assert latin_only == []


def test_the_english_definitions_are_not_the_french(catalogue):
    same = catalogue.loc[catalogue["definition_en"] == catalogue["definition_fr"], "id"]
    assert same.tolist() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translation_keeps_the_numbers_of_the_french(catalogue, lang):
    changed = {
        row["id"]: (sorted(digits(row["definition_fr"]).elements()), row[f"definition_{lang}"])
        for _, row in catalogue.iterrows()
        if digits(row[f"definition_{lang}"]) != digits(row["definition_fr"])
    }
    assert changed == {}


def test_the_table_holds_the_translations_the_build_script_merges(catalogue):
    """catalogue.csv's columns are those scripts/build_default_atlas.py writes from
    definitions_translated.csv (the French there is the text translated)."""
    translated = read(TRANSLATED)
    assert list(translated.columns) == ["id", "definition_fr", "definition_ar", "definition_en"]
    assert not translated["id"].duplicated().any()
    columns = ["id", "definition_fr", "definition_ar", "definition_en"]
    expected = translated.set_index("id").sort_index()
    assert catalogue[columns].set_index("id").sort_index().equals(expected)


@pytest.mark.parametrize("lang", [*LANGUAGES, "fr"])
def test_a_monograph_shows_the_definitions_of_its_language(atlas, lang):
    context, _, _ = MonographBuilder(atlas).build("06", lang)
    notes = context.indicator_notes
    assert notes
    assert {n.definition_lang for n in notes} == {lang}
    definitions = set(atlas.catalogue[f"definition_{lang}"])
    assert all(n.definition in definitions for n in notes)
