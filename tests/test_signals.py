"""Each signal rule on tiny synthetic figures: what it states, and the figures it cites."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol

from monographs.atlas import Atlas
from monographs.atlas.config import AtlasConfig
from monographs.content.facts import Facts
from monographs.content.signals import COMPUTES, RULES, SENTENCES, compute
from monographs.i18n import Translator
from monographs.i18n.translator import _catalogue

EN = Translator("en")
UNITS = {
    "population": "people",
    "foreign_residents": "people",
    "foreign_residents_share_pct": "percent",
    "unemployment_rate_pct": "percent",
    "foreign_residents_women_pct": "percent",
    "regularisation_approved_share_pct": "percent",
    "foreign_residents_share_of_national_foreigners_pct": "percent",
}


def tiny_facts(rows: list[tuple[str, str, int, float]], regions: int = 3) -> Facts:
    """Facts of a country ``T`` with regions ``R1``…; rows are (code, indicator, year,
    value), each from source ``s-<code>``."""
    codes = ["T", *[f"R{i}" for i in range(1, regions + 1)]]
    territories = pd.DataFrame(
        {
            "code": codes,
            "level": ["country"] + ["region"] * regions,
            "parent_code": [""] + ["T"] * regions,
            "name_en": ["Testland", *[f"Region {i}" for i in range(1, regions + 1)]],
        },
        index=codes,
    )
    figures = pd.DataFrame(
        [
            {
                "territory_code": c,
                "indicator": i,
                "year": y,
                "dimension": "",
                "value": float(v),
                "source_id": f"s-{c}",
                "note": "",
            }
            for c, i, y, v in rows
        ]
    )
    figures["year"] = figures["year"].astype("Int64")
    sources = pd.DataFrame(
        {"id": [f"s-{c}" for c in codes], "title": codes, "date": ""},
        index=[f"s-{c}" for c in codes],
    )
    catalogue = pd.DataFrame(
        {
            "id": list(UNITS),
            "label_en": [k.replace("_", " ") for k in UNITS],
            "unit": list(UNITS.values()),
        },
        index=list(UNITS),
    )
    config = AtlasConfig(
        root=Path("."),
        title="t",
        country="Testland",
        edition="",
        languages=["en"],
        levels=["country", "region"],
        level_names={},
        tables={},
        boundaries={},
    )
    empty = pd.DataFrame()
    return Facts(Atlas(config, territories, figures, sources, catalogue, empty, empty))


def run(facts: Facts, code: str, rule: str):
    return list(RULES[rule](facts, code, EN))


@pytest.mark.parametrize(
    ("own", "nat", "word"),
    [
        ((100, 200), (1000, 1500), "faster relative growth"),
        ((100, 120), (1000, 1500), "slower relative growth"),
        ((100, 80), (1000, 1500), "a fall"),
        ((100, 150), (1000, 1500), "the same relative change"),
    ],
)
def test_growth_vs_nation(own, nat, word):
    facts = tiny_facts(
        [
            ("R1", "foreign_residents", 2014, own[0]),
            ("R1", "foreign_residents", 2024, own[1]),
            ("T", "foreign_residents", 2014, nat[0]),
            ("T", "foreign_residents", 2024, nat[1]),
        ]
    )
    [signal] = run(facts, "R1", "growth_vs_nation")
    assert word in signal.text
    assert "2014" in signal.text and "2024" in signal.text
    assert {f.territory for f in signal.figures} == {"R1", "T"}
    assert len(signal.figures) == 4


def test_growth_needs_both_years_here_and_is_not_stated_for_the_nation():
    facts = tiny_facts(
        [
            ("R1", "foreign_residents", 2024, 200),
            ("T", "foreign_residents", 2014, 1000),
            ("T", "foreign_residents", 2024, 1500),
        ]
    )
    assert run(facts, "R1", "growth_vs_nation") == []
    assert run(facts, "T", "growth_vs_nation") == []


def test_share_above_and_below_the_national_share():
    facts = tiny_facts(
        [
            ("R1", "foreign_residents_share_pct", 2024, 0.8),
            ("R2", "foreign_residents_share_pct", 2024, 0.2),
            ("R3", "foreign_residents_share_pct", 2024, 0.4),
            ("T", "foreign_residents_share_pct", 2024, 0.4),
        ]
    )
    [above] = run(facts, "R1", "above_or_below_national")
    assert "above the national value in 2024" in above.text
    assert "0.8%" in above.text.replace("\u00a0", "") and "0.4%" in above.text.replace("\u00a0", "")
    assert [f.value for f in above.figures] == [0.8, 0.4]
    [below] = run(facts, "R2", "above_or_below_national")
    assert "below the national value" in below.text
    assert run(facts, "R3", "above_or_below_national") == []  # equal: nothing to state


def test_womens_share_and_unemployment_against_the_nation_of_the_same_year():
    facts = tiny_facts(
        [
            ("R1", "foreign_residents_women_pct", 2024, 48),
            ("T", "foreign_residents_women_pct", 2024, 44),
            ("R1", "unemployment_rate_pct", 2024, 18.8),
            ("T", "unemployment_rate_pct", 2024, 21.3),
            ("T", "unemployment_rate_pct", 2014, 16.2),
        ]
    )
    texts = [s.text for s in run(facts, "R1", "above_or_below_national")]
    assert any(t.startswith("foreign residents women pct") and "above" in t for t in texts)
    assert any(
        t.startswith("unemployment rate pct") and "below" in t and "2024" in t for t in texts
    )


def test_highest_and_lowest_among_siblings():
    rows = [
        ("R1", "population", 2024, 500),
        ("R2", "population", 2024, 300),
        ("R3", "population", 2024, 100),
    ]
    facts = tiny_facts(rows)
    [hi] = run(facts, "R1", "sibling_extremes")
    assert "highest value of: population (500, 2024)" in hi.text
    assert "Among the 3 of 3 territories" in hi.text and "Testland" in hi.text
    assert {f.territory for f in hi.figures} == {"R1", "R2", "R3"}
    [lo] = run(facts, "R3", "sibling_extremes")
    assert "lowest value" in lo.text
    assert run(facts, "R2", "sibling_extremes") == []


def test_no_extremes_among_too_few_siblings():
    facts = tiny_facts(
        [("R1", "population", 2024, 500), ("R2", "population", 2024, 300)], regions=2
    )
    assert run(facts, "R1", "sibling_extremes") == []


def test_regularised_here_with_and_without_the_share_of_foreigners():
    facts = tiny_facts(
        [
            ("R1", "regularisation_approved_share_pct", 2014, 25),
            ("R1", "foreign_residents_share_of_national_foreigners_pct", 2014, 35.1),
            ("R2", "regularisation_approved_share_pct", 2014, 10),
        ]
    )
    [s1] = run(facts, "R1", "regularised_here")
    assert "25.0" in s1.text and "35.1" in s1.text and "2014 campaign" in s1.text
    assert len(s1.figures) == 2
    [s2] = run(facts, "R2", "regularised_here")
    assert "10.0" in s2.text and "foreign residents" not in s2.text


def test_compute_runs_every_rule_in_order_and_gives_no_advice():
    facts = tiny_facts(
        [
            ("R1", "population", 2014, 100),
            ("R1", "population", 2024, 200),
            ("R2", "population", 2024, 50),
            ("R3", "population", 2024, 60),
            ("T", "population", 2014, 1000),
            ("T", "population", 2024, 1100),
        ]
    )
    signals = compute(facts, "R1", EN)
    assert [s.rule for s in signals] == ["growth_vs_nation", "sibling_extremes"]
    for s in signals:
        assert not any(w in s.text.lower() for w in ("should", "must", "recommend"))


# ---- the same rule in every language ----------------------------------------------------
#: the word each language's sentences use to say that a change of a count is relative
RELATIVE = {"en": "relative", "fr": "relative", "ar": "نسبي"}
#: how each language says "n of m" (``Among the 9 of 12 territories``)
OF = {"en": "{n} of {m}", "fr": "{n} territoires sur {m}", "ar": "{n} من أصل {m}"}


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def catalogues() -> dict[str, dict[str, str]]:
    """Each language's translations (a regional variant's over its language's)."""
    out = {lang: _catalogue(lang) for lang in ("fr", "ar", "en")}
    out["ar_MA"] = {**out["ar"], **_catalogue("ar_MA")}
    return out


def test_each_rule_says_its_computation_with_the_same_placeholders_in_every_language():
    assert set(SENTENCES) == set(RULES) == set(COMPUTES)
    for rule_id, cases in SENTENCES.items():
        for case, msgid in cases.items():
            for lang, cat in catalogues().items():
                text = cat.get(msgid, "")
                assert text, (lang, rule_id, case)
                assert placeholders(text) == placeholders(msgid), (lang, rule_id, case)
                base = lang.split("_")[0]
                if rule_id == "growth_vs_nation":
                    assert RELATIVE[base] in text, (lang, case, text)
                if rule_id == "sibling_extremes":
                    assert OF[base] in text, (lang, case, text)


def numbers(text: str, tr: Translator) -> list[float]:
    """The numbers of a sentence, read with the separators of its locale (bidi marks and
    spaces of digit groups dropped; a sign only before a number that follows no Latin letter
    or digit, so that ``6-11`` is two numbers)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    group = re.escape(get_group_symbol(tr.locale))
    dec = re.escape(get_decimal_symbol(tr.locale))
    pattern = rf"(?<![0-9A-Za-z.,])([+\-−]?)(\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{dec}(\d+))?"
    out = []
    for sign, whole, frac in re.findall(pattern, text):
        value = float(re.sub(r"\D", "", whole) + ("." + frac if frac else ""))
        out.append(-value if sign in "-−" and sign else value)
    return sorted(out)


@pytest.fixture(scope="module")
def default_facts():
    from monographs import load_atlas

    return Facts(load_atlas())


def test_signals_of_a_report_state_the_same_numbers_in_fr_ar_and_en(default_facts):
    atlas = default_facts.atlas
    codes = [*atlas.at_level("region"), *atlas.at_level("province")[::10]]
    codes += atlas.at_level("commune")[::400]
    translators = {lang: Translator(lang, atlas.config.locale(lang)) for lang in ("fr", "ar", "en")}
    compared = 0
    for code in codes:
        said = {lang: compute(default_facts, code, tr) for lang, tr in translators.items()}
        cases = {lang: [(s.rule, s.case) for s in found] for lang, found in said.items()}
        assert cases["fr"] == cases["ar"] == cases["en"], code
        for fr, ar, en in zip(said["fr"], said["ar"], said["en"], strict=True):
            assert fr.case in SENTENCES[fr.rule]
            got = [
                numbers(s.text, translators[lg]) for s, lg in ((fr, "fr"), (ar, "ar"), (en, "en"))
            ]
            assert got[0] == got[1] == got[2], (code, fr.text, ar.text, en.text)
            compared += 1
    assert compared > 100


def test_the_comparison_reports_sentences_state_the_same_numbers_in_fr_ar_and_en(default_facts):
    from monographs.content.comparison import compare
    from monographs.content.comparison_page import build_context

    atlas = default_facts.atlas
    cmp = compare(atlas, "region", facts=default_facts)
    said = {}
    for lang in ("fr", "ar", "en"):
        tr = Translator(lang, atlas.config.locale(lang))
        said[lang] = [numbers(s, tr) for s in build_context(cmp, tr)[0].signals]
    assert said["fr"] and said["fr"] == said["ar"] == said["en"]
