"""The comparison report: every territory of a level side by side, for partners.

One PDF (``OUTPUT/compare/<level>[-<codes>].pdf``) holding a national overview of the key
figures, a page per key indicator (a map of all territories — two years side by side with
the same classes where the atlas holds both — and a ranking with the national value
marked), a territory × indicator table of values, a completeness matrix and the source
conflicts of the level. The same values are written beside it as CSV and XLSX.

The flow is the monograph's: :func:`compare` computes a :class:`Comparison` (plain data,
inspectable on its own); :mod:`monographs.content.comparison_page` turns it into the
context of ``compare.html.j2`` and the figures to draw;
:func:`monographs.batch.compare.build_comparison` draws, lays out and writes the PDF, CSV
and XLSX atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from monographs.atlas import Atlas
from monographs.atlas.names import find_territory
from monographs.content.citing import label, unit
from monographs.content.facts import Facts, Figure
from monographs.content.ranking import ranks
from monographs.content.sections.key_figures import KEY_FIGURES
from monographs.errors import MonographError
from monographs.i18n import Translator
from monographs.text.spreadsheets import workbook

TEMPLATE = "compare.html.j2"
OVERVIEW = [
    "population",
    "foreign_residents",
    "foreign_residents_share_pct",
    "foreign_residents@change",
    "foreign_residents_women_pct",
    "unemployment_rate_pct",
]
MAX_BARS = 30  # a ranking longer than this shows the highest only
MAX_MAP_LABELS = 24  # more units than this: the maps carry no codes (they would collide)
#: A value's state in the comparison: held, only an earlier year held, or missing.
State = Literal["held", "older", "missing"]
HELD: State = "held"
OLDER: State = "older"
MISSING: State = "missing"


@dataclass(frozen=True)
class Measure:
    """A column of the comparison: an indicator in a year, or its change between two.

    ``map_years`` are the years drawn side by side on its map (the last two the level
    holds, or one).
    """

    key: str
    indicator: str
    year: int | None
    start: int | None = None
    map_years: tuple[int, ...] = ()

    @property
    def change(self) -> bool:
        """True for a change between two years (in percent)."""
        return self.start is not None

    @property
    def period(self) -> str:
        """``2024`` or ``2014–2024``."""
        return f"{self.start}–{self.year}" if self.change else str(self.year)


@dataclass
class Comparison:
    """The values compared: per territory and measure, with the nation's beside them.

    ``values[(code, key)]`` is None where the territory lacks the figure; ``years`` and
    ``sources`` say which year and sources a held value comes from.
    """

    atlas: Atlas
    level: str
    codes: list[str]
    measures: list[Measure]
    values: dict[tuple[str, str], float | None]
    national: dict[str, float | None]
    years: dict[tuple[str, str], str]
    sources: dict[tuple[str, str], tuple[str, ...]]
    map_values: dict[tuple[str, str, int], float | None]
    conflicts: list[Figure]
    subset: bool = False
    facts_years: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    facts: Facts | None = field(default=None, repr=False)
    #: the figures each value is made of (``(code, key)``, the nation's too): the one shown,
    #: or the two a change divides
    figures: dict[tuple[str, str], tuple[Figure, ...]] = field(default_factory=dict, repr=False)

    def column(self, key: str) -> dict[str, float | None]:
        """A measure's values by territory code."""
        return {c: self.values[(c, key)] for c in self.codes}

    def ranks(self, key: str) -> dict[str, int]:
        """Rank of each territory holding the measure (1 = highest; equal values share a
        rank)."""
        return ranks(self.column(key))

    def state(self, code: str, key: str) -> State:
        """``held``, ``older`` (only an earlier year is held) or ``missing``."""
        if self.values[(code, key)] is not None:
            return HELD
        m = self.measure(key)
        if not m.change:
            years = self.facts_years.get((code, m.indicator), [])
            if years:
                return OLDER
        return MISSING

    def measure(self, key: str) -> Measure:
        """The measure of a key."""
        return next(m for m in self.measures if m.key == key)


def resolve(
    atlas: Atlas, level: str | None, territories: tuple[str, ...]
) -> tuple[str, list[str], bool]:
    """The level and the codes compared (a subset when ``territories`` names some)."""
    level = atlas.level_or_default(level)
    if level == atlas.config.levels[0]:
        raise MonographError(
            f"`{level}` is the top level: there is nothing to compare.",
            f"Compare one of: {', '.join(atlas.config.levels[1:])}.",
        )
    queries = [q.strip() for item in territories for q in item.split(",") if q.strip()]
    if not queries:
        return level, atlas.at_level(level), False
    codes: list[str] = []
    for q in queries:
        code = find_territory(atlas, q, level)
        if code not in codes:
            codes.append(code)
    if len(codes) < 2:
        raise MonographError(
            "a comparison needs at least two territories.",
            "Name two or more with --territories, or leave it out to compare the whole level.",
        )
    return level, sorted(codes), True


def measures(atlas: Atlas, facts: Facts, codes: list[str]) -> list[Measure]:
    """The key figures the comparison shows: each indicator of the report held by one of
    the territories or by the nation, in its latest year, and the change between the last
    two census years for those the monograph shows a change of."""
    out: list[Measure] = []
    for indicator, with_change, _rank in KEY_FIGURES:
        if indicator not in atlas.catalogue.index:
            continue
        level_years = sorted({y for c in codes for y in facts.years(c, indicator)})
        years = level_years or facts.years(atlas.top, indicator)
        if not years:
            continue
        out.append(Measure(indicator, indicator, years[-1], map_years=tuple(level_years[-2:])))
        if with_change and len(level_years) > 1:
            out.append(
                Measure(
                    f"{indicator}@change",
                    indicator,
                    level_years[-1],
                    start=level_years[-2],
                    map_years=(level_years[-1],),
                )
            )
    return out


def compare(
    atlas: Atlas,
    level: str | None = None,
    territories: tuple[str, ...] = (),
    facts: Facts | None = None,
) -> Comparison:
    """Compute the comparison of a level's territories (or of a subset of them)."""
    level, codes, subset = resolve(atlas, level, territories)
    facts = facts or Facts(atlas)
    ms = measures(atlas, facts, codes)
    values: dict[tuple[str, str], float | None] = {}
    years: dict[tuple[str, str], str] = {}
    sources: dict[tuple[str, str], tuple[str, ...]] = {}
    national: dict[str, float | None] = {}
    map_values: dict[tuple[str, str, int], float | None] = {}
    made_of: dict[tuple[str, str], tuple[Figure, ...]] = {}
    for m in ms:
        for code in [*codes, atlas.top]:
            if m.change:
                a = facts.get(code, m.indicator, m.start)
                b = facts.get(code, m.indicator, m.year)
                value = facts.change(code, m.indicator, m.start, m.year)
                figs = [f for f in (a, b) if f] if value is not None else []
            else:
                fig = facts.get(code, m.indicator, m.year)
                value = fig.value if fig else None
                figs = [fig] if fig else []
            made_of[(code, m.key)] = tuple(figs)
            if code == atlas.top:
                national[m.key] = value
                continue
            values[(code, m.key)] = value
            if value is not None:
                years[(code, m.key)] = m.period
                sources[(code, m.key)] = tuple(dict.fromkeys(s for f in figs for s in f.sources))
            for y in m.map_years:
                map_values[(code, m.key, y)] = (
                    value if m.change else facts.value(code, m.indicator, y)
                )
    indicators = {m.indicator for m in ms}
    fy = {(c, i): facts.years(c, i) for c in codes for i in indicators}
    conflicts = [
        f
        for f in facts.conflicts(set(codes) | {atlas.top})
        if f.indicator in indicators or f.territory != atlas.top
    ]
    return Comparison(
        atlas,
        level,
        codes,
        ms,
        values,
        national,
        years,
        sources,
        map_values,
        conflicts,
        subset,
        fy,
        facts,
        made_of,
    )


# ---- exports ----------------------------------------------------------------------------
def as_frame(cmp: Comparison, lang: str | None = None) -> pd.DataFrame:
    """The comparison as a tidy table: one row per territory and measure (the nation's
    last), with the rank and the sources; a missing value is an empty cell."""
    atlas = cmp.atlas
    lang = lang or atlas.config.language
    rows = []
    for m in cmp.measures:
        ranks = cmp.ranks(m.key)
        for code in [*cmp.codes, atlas.top]:
            value = cmp.national[m.key] if code == atlas.top else cmp.values[(code, m.key)]
            parent = atlas.parent(code)
            rows.append(
                {
                    "territory_code": code,
                    "territory_name": atlas.name(code, lang),
                    "level": atlas.level_of(code),
                    "parent_code": parent or "",
                    "indicator": m.indicator,
                    "measure": "change_pct" if m.change else "value",
                    "label": measure_label(atlas, m, lang),
                    "unit": "percent" if m.change else unit(atlas, m.indicator),
                    "period": m.period,
                    "value": value,
                    "rank": ranks.get(code) if code != atlas.top else None,
                    "of": len(ranks) if code != atlas.top else None,
                    "status": "national" if code == atlas.top else cmp.state(code, m.key),
                    "source_id": ";".join(cmp.sources.get((code, m.key), ())),
                }
            )
    frame = pd.DataFrame(rows)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["of"] = frame["of"].astype("Int64")
    return frame


def measure_label(atlas: Atlas, m: Measure, lang: str, tr: Translator | None = None) -> str:
    """A measure's label: the indicator's, and for a change its years."""
    base = label(atlas, m.indicator, lang)
    if not m.change:
        return base
    change = tr("Change {start}–{end}") if tr else "Change {start}–{end}"
    return f"{base} — {change.format(start=m.start, end=m.year).lower()}"


def heading(atlas: Atlas, m: Measure, tr: Translator) -> str:
    """A measure's label with its year (a change's label says its years already)."""
    text = measure_label(atlas, m, tr.lang, tr)
    return text if m.change else f"{text} ({m.period})"


def to_xlsx(cmp: Comparison, frame: pd.DataFrame, tr: Translator) -> bytes:
    """A workbook: ``values`` (the tidy table of the CSV), ``table`` (territory ×
    measure), ``completeness`` and ``conflicts``."""
    atlas = cmp.atlas
    wide = pd.DataFrame(
        [
            [
                code,
                atlas.name(code, tr.lang),
                *(
                    cmp.national[m.key] if code == atlas.top else cmp.values[(code, m.key)]
                    for m in cmp.measures
                ),
            ]
            for code in [*cmp.codes, atlas.top]
        ],
        columns=[
            "territory_code",
            "territory_name",
            *(heading(atlas, m, tr) for m in cmp.measures),
        ],
    )
    complete = pd.DataFrame(
        [
            [code, atlas.name(code, tr.lang), *(cmp.state(code, m.key) for m in cmp.measures)]
            for code in cmp.codes
        ],
        columns=[
            "territory_code",
            "territory_name",
            *(heading(atlas, m, tr) for m in cmp.measures),
        ],
    )
    conflicts = pd.DataFrame(
        [
            {
                "territory_code": f.territory,
                "indicator": f.indicator,
                "year": f.year,
                "dimension": f.dimension,
                "shown": f.value,
                "shown_source": f.source_id,
                "others": "; ".join(f"{a.value:g} ({a.source_id})" for a in f.alternatives),
            }
            for f in cmp.conflicts
        ],
        columns=[
            "territory_code",
            "indicator",
            "year",
            "dimension",
            "shown",
            "shown_source",
            "others",
        ],
    )
    return workbook(
        {"values": frame, "table": wide, "completeness": complete, "conflicts": conflicts},
        freeze={"table": "C2", "completeness": "C2", "conflicts": "C2"},
        min_width=8,
        max_width=45,
        sample=200,
    )
