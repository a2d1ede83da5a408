"""The figures a report shows: one chosen value per territory, indicator, year and dimension.

Where several sources give the same figure, the atlas's rule (``selection.prefer`` in
``atlas.toml``: source ids or glob patterns, best first; then the most recent source) picks
the one shown, and every other value is kept beside it for the annex. Some figures are
derived by plain arithmetic from figures held (a share from a count and a population, a
change between two censuses); they say so and cite the sources they come from.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch

import numpy as np
import pandas as pd

from monographs.atlas import Atlas
from monographs.content.ranking import rank_among


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another source's value for the same figure."""

    value: float
    source_id: str
    note: str = ""
    base: str = ""
    quality: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """One number with where it comes from.

    ``sources`` has one id for a figure read from a table, and the ids of its inputs for a
    derived one (``derived`` is then the rule, e.g. ``foreign_residents / population``).
    """

    territory: str
    indicator: str
    year: int
    value: float
    sources: tuple[str, ...]
    dimension: str = ""
    note: str = ""
    derived: str = ""
    alternatives: tuple[Alternative, ...] = field(default=())
    base: str = ""  # the series the figure belongs to (a census's exploitation…); "" unknown
    quality: str = ""  # "", "interim", "approximate" or "lower-bound" (see QUALITIES)
    #: a count above its parent territory's for the same indicator, year and dimension
    #: (two sources or bases, usually: the validation warning ``sub-territory-above-parent``)
    above_parent: bool = False

    @property
    def source_id(self) -> str:
        """The first source (the only one for a figure read from a table)."""
        return self.sources[0]

    @property
    def conflicting(self) -> bool:
        """True when another source gives a different value."""
        return any(abs(a.value - self.value) > 1e-9 for a in self.alternatives)


Key = tuple[str, str, int, str]  # territory, indicator, year, dimension
#: What a figure may say of itself (the ``quality`` column): counted before the campaign
#: or count ended (interim), computed by its source from a rounded figure (approximate),
#: or "at least" (lower-bound). The report marks each wherever it states it.
QUALITIES = ("interim", "approximate", "lower-bound")
#: The mark of a count above its parent territory's (:attr:`Figure.above_parent`), among
#: the qualities a report's legend explains.
ABOVE_PARENT = "above-parent"
#: The units of counts, which add up from a territory to its parent.
COUNT_UNITS = ("people", "households")
#: The urban share a commune's kind decides (the census counts a rural commune's people as
#: rural, an urban commune's as urban).
STRUCTURAL_URBAN_SHARE = {"rural": 0.0, "urban": 100.0}
#: A published share within this many percentage points of the share computed from the
#: counts is the same share, rounded.
SHARE_TOLERANCE = 0.05


def _preference(source_id: str, prefer: list[str]) -> int:
    for i, pattern in enumerate(prefer):
        if fnmatch(source_id, pattern):
            return i
    return len(prefer)


class Facts:
    """The chosen figures of an atlas, with look-ups by territory, indicator and year.

    Build it once per atlas and share it between monographs.
    """

    def __init__(self, atlas: Atlas, territories: set[str] | None = None) -> None:
        self.atlas = atlas
        self.territories = territories  # None: every territory
        self._by_key: dict[Key, Figure] = {}
        self._years: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self._dims: dict[tuple[str, str, int], list[str]] = defaultdict(list)
        self._of_territory: dict[str, list[Key]] = defaultdict(list)
        #: changes not computed because their two years rest on different bases:
        #: (territory, indicator, start, end, start's base, end's base)
        self.dropped: set[tuple[str, str, int, int, str, str]] = set()
        self._select()
        for years in self._years.values():
            years.sort()
        self._align_bases()
        self._derive()
        for years in self._years.values():
            years.sort()
        self._mark_above_parent()

    @classmethod
    def around(cls, atlas: Atlas, codes: list[str]) -> Facts:
        """The figures the monographs of a few territories read, and no others: each
        territory's and every territory's below it (its cities' refugees, its children's
        maps), its ancestors' and their children's (for the parent and national values
        and the ranks among siblings). Much quicker to build than every figure of a large
        atlas when one commune is asked for, and the same figures for those monographs:
        a report built alone is the report built in a batch."""
        scope: set[str] = set()
        for code in codes:
            scope.add(code)
            frontier = [code]
            while frontier:
                frontier = [c for f in frontier for c in atlas.children(f)]
                scope.update(frontier)
            parent = atlas.parent(code)
            while parent is not None:
                scope.add(parent)
                scope.update(atlas.children(parent))
                parent = atlas.parent(parent)
        return cls(atlas, scope)

    # ---- building -------------------------------------------------------------------
    def _select(self) -> None:
        """Choose one value per key, the others kept as alternatives.

        Sorted with numpy (no Python tuple per row), so that a million figures fit in
        memory; the order is that of Python's sort on (key, preference, date, source).
        """
        f = self.atlas.figures
        ok = (
            f["value"].notna()
            & f["year"].notna()
            & (f["source_id"] != "")
            & f["territory_code"].isin(self.atlas.territories.index)
        )
        if self.territories is not None:
            ok &= f["territory_code"].isin(self.territories)
        f = f.loc[ok]
        if f.empty:
            return
        dates = self.atlas.sources["date"].to_dict() if "date" in self.atlas.sources else {}
        prefer = self.atlas.config.prefer_sources
        src_codes, src_ids = pd.factorize(f["source_id"], sort=False)
        src_ids = list(src_ids)
        unidentified = unidentified_sources(self.atlas)
        ranked = sorted(
            range(len(src_ids)),
            key=lambda i: (
                src_ids[i] in unidentified,  # never preferred to an identified source
                _preference(src_ids[i], prefer),
                _neg_date(str(dates.get(src_ids[i], ""))),
                src_ids[i],
            ),
        )
        src_rank = np.empty(len(src_ids), dtype=np.int64)
        src_rank[ranked] = np.arange(len(src_ids))
        terr = pd.factorize(f["territory_code"], sort=True)[0]
        ind = pd.factorize(f["indicator"], sort=True)[0]
        dim = pd.factorize(f["dimension"], sort=True)[0]
        year = f["year"].to_numpy(dtype=np.int64)
        order = np.lexsort((src_rank[src_codes], dim, year, ind, terr))  # stable
        first = np.ones(len(order), dtype=bool)
        first[1:] = (
            (np.diff(terr[order]) != 0)
            | (np.diff(ind[order]) != 0)
            | (np.diff(year[order]) != 0)
            | (np.diff(dim[order]) != 0)
        )
        group = np.cumsum(first) - 1
        for optional in ("base", "quality"):  # an atlas built in code may leave them out
            if optional not in f:
                f = f.assign(**{optional: ""})
        cols = [
            f[c].to_numpy()[order].tolist()
            for c in (
                "territory_code",
                "indicator",
                "dimension",
                "source_id",
                "note",
                "base",
                "quality",
            )
        ]
        t, i, d, sid, note, base, quality = cols
        year_codes, year_values = pd.factorize(year[order])
        year_ints = [int(y) for y in year_values]  # one int object per distinct year
        years = [year_ints[c] for c in year_codes.tolist()]
        values = f["value"].to_numpy(dtype=float)[order].tolist()
        alternatives: dict[int, list[Alternative]] = defaultdict(list)
        for j in np.flatnonzero(~first).tolist():
            alternatives[int(group[j])].append(
                Alternative(values[j], sid[j], note[j], base[j], quality[j])
            )
        cited = {s: (s,) for s in src_ids}  # one tuple per source, shared
        gc_was_on = gc.isenabled()
        gc.disable()  # a million acyclic objects: the cycle collector only slows it down
        try:
            for g, j in enumerate(np.flatnonzero(first).tolist()):
                self._add(
                    Figure(
                        t[j],
                        i[j],
                        years[j],
                        values[j],
                        cited[sid[j]],
                        d[j],
                        note[j],
                        alternatives=tuple(alternatives.get(g, ())),
                        base=base[j],
                        quality=quality[j],
                    )
                )
        finally:
            if gc_was_on:
                gc.enable()

    def _add(self, fig: Figure) -> None:
        key = (fig.territory, fig.indicator, fig.year, fig.dimension)
        if key not in self._by_key:
            self._of_territory[fig.territory].append(key)
            self._years[(fig.territory, fig.indicator, fig.dimension)].append(fig.year)
            if fig.dimension:
                self._dims[(fig.territory, fig.indicator, fig.year)].append(fig.dimension)
        self._by_key[key] = fig

    def _mark_above_parent(self) -> None:
        """Flag each count above its parent's (same indicator, year and dimension), so that
        the report marks it wherever it states it."""
        units = self.atlas.catalogue.get("unit")
        if units is None:
            return
        counts = set(units.index[units.isin(COUNT_UNITS)])
        parents = self.atlas.territories["parent_code"].to_dict()
        for key, fig in list(self._by_key.items()):
            code, indicator, year, dim = key
            if indicator not in counts:
                continue
            parent = parents.get(code)
            above = self._by_key.get((parent, indicator, year, dim)) if parent else None
            if above is not None and fig.value > above.value:
                self._by_key[key] = replace(fig, above_parent=True)

    def _reference_base(self, code: str, indicator: str, year: int, dim: str) -> str:
        """The base a figure is compared on: the nation's figure of the same year (shares
        of the national total, ranks), else the latest year of the territory's series
        (changes over time); "" when neither says."""
        nation = self.atlas.top
        if code != nation:
            nat = self._by_key.get((nation, indicator, year, dim))
            if nat is not None and nat.base:
                return nat.base
        years = self._years.get((code, indicator, dim))
        if years:
            latest = self._by_key.get((code, indicator, years[-1], dim))
            if latest is not None:
                return latest.base
        return ""

    def _align_bases(self) -> None:
        """Take each figure on the base it is compared on, when the atlas holds it there.

        A figure given on two bases (2014's foreign residents: the census's legal
        population and its detailed exploitation) is shown on the base of the nation's
        figure of that year, else on that of the latest year of its series, so that a
        change, a share or a rank divides like by like; the value on the other base stays
        beside it as a conflict. The preference rule of ``selection.prefer`` decides among
        the figures of one base."""
        for key, fig in list(self._by_key.items()):
            if not fig.base or not fig.alternatives:
                continue
            ref = self._reference_base(*key)
            if not ref or fig.base == ref:
                continue
            alt = next((a for a in fig.alternatives if a.base == ref), None)
            if alt is None:
                continue
            demoted = Alternative(fig.value, fig.source_id, fig.note, fig.base, fig.quality)
            others = tuple(a for a in fig.alternatives if a is not alt) + (demoted,)
            self._by_key[key] = Figure(
                fig.territory,
                fig.indicator,
                fig.year,
                alt.value,
                (alt.source_id,),
                fig.dimension,
                alt.note,
                alternatives=others,
                base=alt.base,
                quality=alt.quality,
            )

    def _derive(self) -> None:
        """Shares computed from the counts the report shows beside them: foreign residents
        over the population, and over the nation's foreign residents. A published share
        that disagrees with the computed one (beyond :data:`SHARE_TOLERANCE`) is kept as
        a conflicting value, not shown as a second truth."""
        self._structural()
        nation = self.atlas.top
        national_share = "foreign_residents_share_of_national_foreigners_pct"
        for (code, indicator, dim), years in list(self._years.items()):
            if indicator != "foreign_residents" or dim:
                continue
            for year in years:
                count = self.get(code, "foreign_residents", year)
                self._share(
                    code,
                    "foreign_residents_share_pct",
                    year,
                    count,
                    self.get(code, "population", year),
                    "foreign_residents / population",
                )
                if code != nation and national_share in self.atlas.catalogue.index:
                    self._share(
                        code,
                        national_share,
                        year,
                        count,
                        self.get(nation, "foreign_residents", year),
                        "foreign_residents / national foreign_residents",
                    )

    def _structural(self) -> None:
        """Values a territory's kind decides: a rural commune has no urban population (0 %),
        an urban one is urban whole (100 %) — shown, not left as missing — for each year
        its population is held, at the lowest level of the atlas."""
        atlas = self.atlas
        indicator = "urban_population_share_pct"
        if indicator not in atlas.catalogue.index or "kind" not in atlas.territories:
            return
        t = atlas.territories
        lowest = t.index[
            (t["level"] == atlas.config.levels[-1]) & t["kind"].isin(list(STRUCTURAL_URBAN_SHARE))
        ]
        for code in lowest:
            if self.territories is not None and code not in self.territories:
                continue
            kind = str(t.at[code, "kind"])
            for year in list(self._years.get((code, "population", ""), [])):
                pop = self.get(code, "population", year)
                if pop is None or self.get(code, indicator, year) is not None:
                    continue
                self._add(
                    Figure(
                        code,
                        indicator,
                        year,
                        STRUCTURAL_URBAN_SHARE[kind],
                        pop.sources,
                        derived=f"kind: {kind}",
                    )
                )

    def _share(
        self,
        code: str,
        indicator: str,
        year: int,
        part: Figure | None,
        whole: Figure | None,
        rule: str,
    ) -> None:
        if part is None or whole is None or whole.value <= 0:
            return
        if part.base and whole.base and part.base != whole.base:
            self.dropped.add((code, indicator, year, year, part.base, whole.base))
            return
        exact = 100 * part.value / whole.value
        held = self.get(code, indicator, year)
        if held is not None and abs(held.value - exact) <= SHARE_TOLERANCE + 1e-9:
            return  # the published share is the computed one, rounded
        # kept unrounded but for float noise: a share stored as 9.45 (14 001 / 148 152 is
        # 9.4504…) would print 9,4 % at one decimal, where the counts give 9,5 %
        value = round(exact, 6)
        others: tuple[Alternative, ...] = ()
        if held is not None:
            others = (
                Alternative(held.value, held.source_id, held.note, held.base, held.quality),
                *held.alternatives,
            )
        self._add(
            Figure(
                code,
                indicator,
                year,
                value,
                (*part.sources, *whole.sources),
                derived=rule,
                alternatives=others,
                base=part.base,
                quality=part.quality or whole.quality,
            )
        )

    # ---- look-ups -------------------------------------------------------------------
    def get(
        self, code: str, indicator: str, year: int | None = None, dimension: str = ""
    ) -> Figure | None:
        """The chosen figure; the latest year held when ``year`` is None."""
        if year is None:
            years = self._years.get((code, indicator, dimension))
            if not years:
                return None
            year = years[-1]
        return self._by_key.get((code, indicator, year, dimension))

    def value(
        self, code: str, indicator: str, year: int | None = None, dimension: str = ""
    ) -> float | None:
        """The chosen value, or None when missing."""
        fig = self.get(code, indicator, year, dimension)
        return None if fig is None else fig.value

    def years(self, code: str, indicator: str, dimension: str = "") -> list[int]:
        """The years held for a territory and indicator, oldest first."""
        return list(self._years.get((code, indicator, dimension), []))

    def breakdown(self, code: str, indicator: str, year: int | None = None) -> list[Figure]:
        """The figures of an indicator by dimension (nationality, age group…), largest first."""
        if year is None:
            candidates = [y for (c, i, y) in self._dims if c == code and i == indicator]
            if not candidates:
                return []
            year = max(candidates)
        figs = [
            self._by_key[(code, indicator, year, d)]
            for d in self._dims.get((code, indicator, year), [])
        ]
        return sorted(figs, key=lambda fg: (-fg.value, fg.dimension))

    def change(self, code: str, indicator: str, start: int, end: int) -> float | None:
        """The change between two years, or None: in percentage points (the difference)
        for a percentage (a rate, a share: its unit is ``percent``), else relative, in
        percent (a count that grew by 12 %)."""
        a, b = self.get(code, indicator, start), self.get(code, indicator, end)
        if a is None or b is None:
            return None
        if a.base and b.base and a.base != b.base:  # not like with like: no change shown
            self.dropped.add((code, indicator, start, end, a.base, b.base))
            return None
        cat = self.atlas.catalogue
        if indicator in cat.index and str(cat.at[indicator, "unit"]) == "percent":
            return b.value - a.value  # 41,1 % then 43,4 %: +2,3 points, not +5,6 %
        if a.value == 0:
            return None
        return 100 * (b.value - a.value) / a.value

    def rank(self, code: str, indicator: str, year: int) -> tuple[int, int] | None:
        """Rank (1 = highest) among the territories of the same level and parent holding the
        figure for that year, and how many hold it; None if this one does not."""
        atlas = self.atlas
        parent = atlas.parent(code)
        siblings = atlas.children(parent) if parent else [code]
        return rank_among({s: self.value(s, indicator, year) for s in siblings}, code)

    def figures_of(self, code: str) -> list[Figure]:
        """Every chosen figure of a territory."""
        return [self._by_key[key] for key in self._of_territory.get(code, [])]

    def conflicts(self, codes: set[str] | None = None) -> list[Figure]:
        """Chosen figures that other sources give differently, for some territories."""
        return sorted(
            (
                fg
                for fg in self._by_key.values()
                if fg.conflicting and (codes is None or fg.territory in codes)
            ),
            key=lambda fg: (fg.territory, fg.indicator, fg.year, fg.dimension),
        )


def unidentified_sources(atlas: Atlas) -> set[str]:
    """The sources the atlas cannot say who published or where: no title, or neither a
    publisher nor an address. They are cited, marked as unidentified, and never
    preferred to an identified source."""
    s = atlas.sources
    if s.empty:
        return set()

    def blank(column: str):
        return s[column].astype(str).str.strip() == "" if column in s else True

    return set(s.index[blank("title") | (blank("publisher") & blank("url"))])


def _neg_date(date: str) -> str:
    """Sort key putting the most recent ISO date first (empty dates last)."""
    if not date:
        return "~"
    return "".join(chr(ord("9") - int(c) + ord("0")) if c.isdigit() else c for c in date)


def as_frame(figures: list[Figure]) -> pd.DataFrame:
    """Figures as a table (for CSV export and tests)."""
    return pd.DataFrame(
        [
            {
                "territory_code": fg.territory,
                "indicator": fg.indicator,
                "year": fg.year,
                "dimension": fg.dimension,
                "value": fg.value,
                "source_id": ";".join(fg.sources),
                "note": fg.note or fg.derived,
            }
            for fg in figures
        ]
    )
