"""Section 11, the annexes: the figures sources give differently, the definitions of the
figures cited (years and sources), and the completeness of the data per section."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monographs.content.citing import (
    conflict_entry,
    definition,
    label,
    source_note,
    territory_name,
    unit,
)
from monographs.content.model import Conflict
from monographs.content.rows import Scope
from monographs.content.sections.key_figures import KEY_FIGURES
from monographs.content.sections.population import BREAKDOWNS, SERIES_INDICATOR
from monographs.content.sections.protection import CAMPAIGN_INDICATORS, PROTECTION_INDICATORS
from monographs.i18n.messages import N_
from monographs.text.scripts import quoted_passages

UNITS = [N_("people"), N_("percent"), N_("households"), N_("persons_per_household"), N_("number")]


@dataclass
class IndicatorNote:
    """A figure the report uses: its label, definition, the years and sources used."""

    label: str
    unit: str
    years: str
    refs: str
    definition: str
    definition_lang: str = ""  # the language the definition is written in
    source_note: str = ""  # where the figures come from, their caveats (the catalogue's)
    source_note_lang: str = ""  # the language the note is written in
    #: the note in (passage, language) parts: a translated note's quotations are in the
    #: atlas's language ("" for the note's own)
    source_note_parts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CompletenessRow:
    """How many of a section's expected figures (those the nation holds) the territory
    holds: ``cells`` has ``held / expected`` per year of ``completeness_years`` (empty
    where nothing is expected), then the totals."""

    section: str
    cells: list[str]
    held: int
    expected: int
    share: str


def conflicts(s: Scope) -> list[Conflict]:
    """The figures of the territory, its parent and the nation that sources give
    differently and that the report states: every value, the gap, the one shown
    (breakdowns of the territory only)."""
    atlas, tr, cite, code = s.atlas, s.tr, s.cite, s.code
    out = []
    related = {code, atlas.top} | ({atlas.parent(code)} if atlas.parent(code) else set())
    for fig in s.facts.conflicts(related):
        if fig.territory != code and fig.dimension:
            continue
        if (fig.territory, fig.indicator, fig.year, fig.dimension) not in cite.stated:
            continue  # a figure the report does not state: its sources are not its own
        where = (
            "" if fig.territory == code else f" ({territory_name(atlas, fig.territory, tr.lang)})"
        )
        out.append(
            conflict_entry(atlas, fig, tr, cite, label(atlas, fig.indicator, tr.lang) + where)
        )
    return out


def not_computed(s: Scope) -> list[str]:
    """The changes and shares of the territory not computed because the figures they would
    divide rest on different bases (a gap, said as such)."""
    out = []
    for code, indicator, start, end, base_a, base_b in sorted(s.facts.dropped):
        if code != s.code:
            continue
        years = str(start) if start == end else f"{start}–{end}"
        out.append(
            s.tr(
                "{label} ({years}): not computed, the figures it would divide rest on "
                "different bases ({a}; {b})."
            ).format(label=label(s.atlas, indicator, s.tr.lang), years=years, a=base_a, b=base_b)
        )
    return out


#: An average household size farther than this from population ÷ households is not
#: their rounding (HCP publishes it with one decimal): the annex says why they differ.
HOUSEHOLD_SIZE_TOLERANCE = 0.05


def household_sizes(s: Scope) -> list[str]:
    """For each territory whose average household size the report states beside its
    population and its households of the same year, when population ÷ households is not
    the size (beyond its rounding): why. The HCP divides the people of ordinary households
    by the households; the population also counts the people outside ordinary households
    (277 inhabitants, 93 households and a size of 2,0 are all true)."""
    out = []
    stated = s.cite.stated
    for code, indicator, year, dim in sorted(stated):
        if indicator != "households_average_size" or dim:
            continue
        pop = s.facts.get(code, "population", year)
        households = s.facts.get(code, "households", year)
        size = s.facts.get(code, indicator, year)
        if pop is None or households is None or size is None or households.value <= 0:
            continue
        if not {(code, "population", year, ""), (code, "households", year, "")} <= set(stated):
            continue
        ratio = pop.value / households.value
        if abs(ratio - size.value) <= HOUSEHOLD_SIZE_TOLERANCE:
            continue
        tr = s.tr
        out.append(
            tr(
                "{size_label} of {territory} ({year}): {size}, while the population divided "
                "by the households gives {ratio} ({population} ÷ {households}). The average "
                "size divides the people of ordinary households by the households; the "
                "population also counts the people who do not live in an ordinary "
                "household (barracks, boarding schools, prisons, hospitals…)."
            ).format(
                size_label=label(s.atlas, indicator, tr.lang),
                territory=territory_name(s.atlas, code, tr.lang),
                year=year,
                size=tr.figure(size.value, "persons_per_household"),
                ratio=tr.figure(ratio, "persons_per_household"),
                population=tr.number(pop.value),
                households=tr.number(households.value),
            )
        )
    return out


def completeness_groups(s: Scope) -> list[tuple[str, list[str]]]:
    """The sections whose completeness is counted, each with its indicators."""
    atlas, tr = s.atlas, s.tr
    cat = atlas.catalogue
    sectoral = {
        str(n)
        for n, k in zip(
            atlas.programmes.get("number", []), atlas.programmes.get("kind", []), strict=False
        )
        if k == "sectoral"
    }
    shown = set(CAMPAIGN_INDICATORS) | set(PROTECTION_INDICATORS)
    services = [
        str(i)
        for i, p in cat.get("programme", pd.Series(dtype=str)).items()
        if str(i) not in shown and sectoral & {x.strip() for x in str(p).split(";")}
    ]
    return [
        (tr("Key figures"), [i for i, _c, _r in KEY_FIGURES]),
        (tr("The foreign population"), [SERIES_INDICATOR, *BREAKDOWNS]),
        (tr("Regularisation and protection"), [*CAMPAIGN_INDICATORS, *PROTECTION_INDICATORS]),
        (tr("Access to basic services"), services),
    ]


def completeness(
    s: Scope, groups: list[tuple[str, list[str]]]
) -> tuple[list[str], list[CompletenessRow]]:
    """Per section and year: how many of the figures the nation holds the territory holds
    too (a breakdown counts as one figure). Returns the years and the rows."""
    facts, tr = s.facts, s.tr
    counts: list[tuple[str, dict[int, int], dict[int, int]]] = []
    for section, indicators in groups:
        expected: dict[int, int] = {}
        held: dict[int, int] = {}
        for ind in dict.fromkeys(indicators):
            if not s.has(ind):
                continue
            nat_years = set(facts.years(s.nation, ind)) | {
                f.year for f in facts.figures_of(s.nation) if f.indicator == ind and f.dimension
            }
            for y in nat_years:
                expected[y] = expected.get(y, 0) + 1
                if facts.get(s.code, ind, y) is not None or facts.breakdown(s.code, ind, y):
                    held[y] = held.get(y, 0) + 1
        counts.append((section, expected, held))
    years = sorted({y for _s, e, _h in counts for y in e})
    rows = []
    for section, expected, held in counts:
        h, e = sum(held.values()), sum(expected.values())
        rows.append(
            CompletenessRow(
                section,
                [f"{held.get(y, 0)} / {expected[y]}" if y in expected else "" for y in years],
                h,
                e,
                tr.percent(100 * h / e, 0) if e else tr.missing_mark,
            )
        )
    return [str(y) for y in years], rows


def indicator_notes(s: Scope) -> list[IndicatorNote]:
    """Every indicator the report cited: definition, years and sources (call last)."""
    atlas, tr = s.atlas, s.tr
    out = []
    for ind, (years, sources) in s.cite.used.items():
        ys = sorted(years)
        text = definition(atlas, ind, tr.lang)
        # definition() falls back to French: say which, so the cell gets its language
        col = f"definition_{tr.lang}"
        own = bool(text) and col in atlas.catalogue.columns and bool(atlas.catalogue.at[ind, col])
        note, note_lang = source_note(atlas, ind, tr.lang)
        first = atlas.config.language
        parts = quoted_passages(note, first) if note_lang != first else [(note, "")]
        out.append(
            IndicatorNote(
                label(atlas, ind, tr.lang),
                tr(unit(atlas, ind)),
                tr.comma.join(str(y) for y in ys),
                s.cite.cite(*sorted(sources)),
                text,
                tr.lang if own else "fr",
                note,
                note_lang,
                parts,
            )
        )
    return sorted(out, key=lambda n: n.label.lower())
