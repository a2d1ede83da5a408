"""The catalogue's source notes in Arabic and English, from the French the build writes.

A note is made of a few kinds of sentences (:func:`build_default_atlas.census_note`, the
caveats ``FACT_BASES``, ``UNHCR_NOTE``, ``REGUL_NOTE``): each is translated here by its
pattern. The HCP's headings quoted « … » and proper names stay as written. A note is
printed in the report, so it names no column, table or source id (the annex gives each
indicator's source numbers beside it). A note holding a sentence no
pattern knows stops the build (translate it here). No dependency: the build script
imports it, and it can be run on a catalogue alone::

    python scripts/source_notes.py monographs/atlases/morocco/catalogue.csv
"""

from __future__ import annotations

import re
import sys

LANGUAGES = ("ar", "en")

# Whole sentences, French -> (Arabic, English).
SENTENCES: dict[str, tuple[str, str]] = {
    "Données HCR à la date indiquée dans la note de chaque chiffre.": (
        "بيانات المفوضية السامية للأمم المتحدة لشؤون اللاجئين في التاريخ المذكور في ملاحظة كل رقم.",
        "UNHCR data at the date given in the note of each figure.",
    ),
    "Chiffres UNICEF et HCR.": (
        "أرقام منظمة الأمم المتحدة للطفولة (اليونيسف) والمفوضية السامية للأمم المتحدة لشؤون "
        "اللاجئين.",
        "UNICEF and UNHCR figures.",
    ),
    "Calculé ici (urbain / total, population municipale).": (
        "محسوب هنا (السكان الحضريون / المجموع، من السكان البلديين).",
        "Computed here (urban / total, municipal population).",
    ),
    (
        "Deux bases 2014 coexistent : 86 206 étrangers (population légale, décret 2015) et "
        "84 001 (exploitation détaillée, note HCP 2017) ; la note de chaque chiffre dit "
        "laquelle."
    ): (
        "توجد لسنة 2014 قاعدتان: 86206 أجنبيا (السكان القانونيون، مرسوم 2015) و84001 "
        "(الاستغلال المفصل، مذكرة المندوبية السامية للتخطيط لسنة 2017)؛ وتبيّن ملاحظة كل رقم "
        "القاعدة التي يعتمدها.",
        "Two 2014 bases coexist: 86,206 foreigners (legal population, 2015 decree) and 84,001 "
        "(detailed exploitation, HCP note of 2017); the note of each figure says which.",
    ),
    (
        "Campagne 1 : 2014 (année 2014) ; campagne 2 : déc. 2016-fin 2017 (année 2017) ; "
        "chiffres provisoires ou définitifs selon la note."
    ): (
        "الحملة الأولى: 2014 (سنة 2014)؛ الحملة الثانية: من ديسمبر 2016 إلى نهاية 2017 (سنة "
        "2017)؛ أرقام مؤقتة أو نهائية حسب الملاحظة.",
        "Campaign 1: 2014 (year 2014); campaign 2: Dec. 2016 to the end of 2017 (year 2017); "
        "interim or final figures, as the note says.",
    ),
    (
        "2014, six villes à arrondissements (Casablanca, Rabat, Salé, Fès, Marrakech, "
        "Tanger) : somme des arrondissements."
    ): (
        "2014، المدن الست المقسمة إلى مقاطعات (الدار البيضاء، الرباط، سلا، فاس، مراكش، طنجة): "
        "مجموع المقاطعات.",
        "2014, the six cities divided into arrondissements (Casablanca, Rabat, Salé, Fès, "
        "Marrakech, Tanger): sum of the arrondissements.",
    ),
}
# HCP, RGPH 2024 « heading » ; RGPH 2014 « heading ».
_PART = r"RGPH \d{4} « [^»]+ »"
CENSUS = re.compile(rf"HCP, ({_PART}(?: ; {_PART})*)\.")
CENSUS_PART = re.compile(r"RGPH (\d{4}) « ([^»]+) »")


def _census(match: re.Match[str], lang: str) -> str:
    parts = CENSUS_PART.findall(match.group(1))
    if lang == "ar":
        census = "الإحصاء العام للسكان والسكنى"
        said = "؛ ".join(f"{census} {year} «{heading}»" for year, heading in parts)
        return f"المندوبية السامية للتخطيط، {said}."
    said = "; ".join(f"RGPH {year} “{heading}”" for year, heading in parts)
    return f"HCP, {said}."


def translate(note: str, lang: str) -> str:
    """A French source note in ``lang`` (``ar`` or ``en``); a sentence no pattern knows
    raises ValueError naming it."""
    rest, out = note.strip(), []
    while rest:
        for fr, (ar, en) in SENTENCES.items():
            if rest.startswith(fr):
                out.append(ar if lang == "ar" else en)
                rest = rest[len(fr) :].strip()
                break
        else:
            for pattern, render in ((CENSUS, _census),):
                match = pattern.match(rest)
                if match:
                    out.append(render(match, lang))
                    rest = rest[match.end() :].strip()
                    break
            else:
                raise ValueError(f"no translation of this source note's sentence: {rest!r}")
    return " ".join(out)


def main(path: str) -> None:
    """Fill ``source_note_ar`` and ``source_note_en`` of a catalogue from ``source_note``."""
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        columns = list(rows[0]) if rows else []
    for lang in LANGUAGES:
        if f"source_note_{lang}" not in columns:
            columns.append(f"source_note_{lang}")
    for row in rows:
        for lang in LANGUAGES:
            row[f"source_note_{lang}"] = translate(row.get("source_note", ""), lang)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
