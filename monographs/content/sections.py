"""The sections of a monograph after the foreign population: regularisation and
protection, access to basic services (one part per SNIA sectoral programme), governance
and actors, benchmarks against the sibling territories, signals, and the annexes of
definitions and data completeness.

A :class:`Sections` object computes them for one territory and one language, citing every
figure it states and recording the figures the territory lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monographs.atlas import Atlas
from monographs.content import signals
from monographs.content.alt import highest_lowest
from monographs.content.citing import Citations, definition, label, unit
from monographs.content.context import (
    Actor,
    BenchmarkChart,
    Campaign,
    CityFigures,
    CompletenessRow,
    IndicatorNote,
    KeyFigure,
    MapFigure,
    MissingFigure,
    Programme,
    Protection,
    ServicePart,
    SignalRow,
)
from monographs.content.facts import Facts
from monographs.content.specs import Bars, FigureSpec
from monographs.i18n import Translator
from monographs.i18n.messages import N_

# The regularisation campaigns: (title, year the atlas files the campaign's figures under)
CAMPAIGNS: list[tuple[str, int]] = [
    (N_("First campaign (2014)"), 2014),
    (N_("Second campaign (December 2016 – 2017)"), 2017),
]
CAMPAIGN_INDICATORS = ["regularisation_requests", "regularisation_approved",
                       "regularisation_approval_rate_pct", "regularisation_approved_share_pct",
                       "regularisation_approved_women_pct"]
PROTECTION_INDICATORS = ["refugees", "asylum_seekers", "refugees_and_asylum_seekers"]
CITY_INDICATORS = ["refugees", "refugees_and_asylum_seekers"]
MIGRANT_PREFIXES = ("foreign_", "refugee", "asylum", "regularisation", "migrant",
                    "nationality")
# Indicators placed against the siblings in the benchmarks (a count's change is drawn as
# "change"), in this order.
BENCHMARKS: list[tuple[str, str]] = [
    ("foreign_residents_share_pct", "value"), ("foreign_residents", "value"),
    ("foreign_residents", "change"), ("foreign_residents_women_pct", "value"),
    ("population", "change"), ("urban_population_share_pct", "value"),
    ("unemployment_rate_pct", "value"), ("activity_rate_pct", "value"),
    ("illiteracy_rate_10_plus_pct", "value"), ("schooling_rate_6_11_pct", "value"),
    ("households_basic_or_slum_pct", "value"),
]
MAX_BARS = 16  # beyond, a benchmark shows the highest and lowest and the territory
ACTOR_COLUMNS = "territory_code, name, programme, kind, contact"
UNITS = [N_("people"), N_("percent"), N_("households"), N_("persons_per_household"),
         N_("number")]


def add_missing(missing: list[MissingFigure], gap: MissingFigure) -> None:
    """Add a gap to the list unless the same figure is already there."""
    if all((m.indicator, m.year, m.dimensions) != (gap.indicator, gap.year, gap.dimensions)
           for m in missing):
        missing.append(gap)


def descendants(atlas: Atlas, code: str) -> list[str]:
    """Every territory below ``code``, level by level."""
    out, frontier = [], [code]
    while frontier:
        frontier = [c for f in frontier for c in atlas.children(f)]
        out.extend(frontier)
    return out


@dataclass
class Sections:
    """Computes the later sections of one monograph (see the module's docstring)."""

    atlas: Atlas
    facts: Facts
    code: str
    tr: Translator
    cite: Citations
    missing: list[MissingFigure]
    specs: list[FigureSpec] = field(default_factory=list)

    @property
    def nation(self) -> str:
        return self.atlas.top

    @property
    def parent(self) -> str | None:
        p = self.atlas.parent(self.code)
        return p if p != self.nation else None

    def has(self, indicator: str) -> bool:
        return indicator in self.atlas.catalogue.index

    # ---- one row: the territory beside its parent and the nation -----------------------
    def row(self, indicator: str, year: int | None = None, *, record_gap: bool = True,
            title: str = "") -> KeyFigure | None:
        """The territory's figure beside its parent's and the nation's (latest year the
        territory, else the nation, holds); None when nobody holds it."""
        facts, tr = self.facts, self.tr
        if year is None:
            own_years = facts.years(self.code, indicator)
            nat_years = facts.years(self.nation, indicator)
            year = own_years[-1] if own_years else nat_years[-1] if nat_years else None
        if year is None:
            return None
        own = facts.get(self.code, indicator, year)
        par = facts.get(self.parent, indicator, year) if self.parent else None
        nat = facts.get(self.nation, indicator, year) if self.code != self.nation else None
        if own is None and par is None and nat is None:
            return None
        u = unit(self.atlas, indicator)
        lab = title or label(self.atlas, indicator, tr.lang)
        if own is None and record_gap:
            add_missing(self.missing, MissingFigure(indicator, year, label(
                self.atlas, indicator, tr.lang)))
        return KeyFigure(
            label=lab, value=tr.figure(own.value if own else None, u),
            parent=tr.figure(par.value, u) if par else "",
            national=tr.figure(nat.value, u) if nat else "", year=str(year), rank="",
            refs=self.cite.figs(own, par, nat), missing=own is None,
            note=tr("computed") if own is not None and own.derived else "")

    def _rate_row(self, year: int) -> KeyFigure | None:
        """The approval rate of a campaign: held, else computed from approvals and
        requests (and said to be)."""
        facts, tr = self.facts, self.tr

        def rate(code: str | None) -> tuple[float | None, list, bool]:
            if code is None:
                return None, [], False
            held = facts.get(code, "regularisation_approval_rate_pct", year)
            if held is not None:
                return held.value, [held], False
            req = facts.get(code, "regularisation_requests", year)
            app = facts.get(code, "regularisation_approved", year)
            if req is None or app is None or req.value <= 0:
                return None, [], False
            return 100 * app.value / req.value, [req, app], True

        own, own_f, own_c = rate(self.code)
        par, par_f, _ = rate(self.parent)
        nat, nat_f, nat_c = rate(self.nation) if self.code != self.nation else (None, [], False)
        if own is None and par is None and nat is None:
            return None
        computed = own_c or (own is None and nat_c)
        return KeyFigure(
            label=label(self.atlas, "regularisation_approval_rate_pct", tr.lang)
            if self.has("regularisation_approval_rate_pct") else tr("Approval rate"),
            value=tr.percent(own), parent=tr.percent(par) if par is not None else "",
            national=tr.percent(nat) if nat is not None else "", year=str(year), rank="",
            refs=self.cite.figs(*own_f, *par_f, *nat_f), missing=own is None,
            note=tr("computed") if computed else "")

    # ---- regularisation and protection -------------------------------------------------
    def protection(self) -> Protection:
        """The campaigns (territory, parent, nation) and the refugees and asylum seekers."""
        tr, facts = self.tr, self.facts
        campaigns = []
        for title, year in CAMPAIGNS:
            rows = []
            for indicator in CAMPAIGN_INDICATORS:
                rate = indicator == "regularisation_approval_rate_pct"
                if not self.has(indicator) and not rate:
                    continue
                if rate:  # held, or computed from requests and approvals
                    r = self._rate_row(year)
                else:
                    r = self.row(indicator, year,
                                 record_gap=indicator in ("regularisation_requests",
                                                          "regularisation_approved"))
                if r is not None:
                    rows.append(r)
            if rows:
                campaigns.append(Campaign(tr(title), rows))
        national_rows = []
        for indicator in PROTECTION_INDICATORS:
            if not self.has(indicator):
                continue
            years = facts.years(self.nation, indicator) or facts.years(self.code, indicator)
            if years:
                r = self.row(indicator, years[-1])
                if r is not None:
                    national_rows.append(r)
        headers, cities = self._cities()
        return Protection(campaigns, national_rows, headers, cities)

    def _cities(self) -> tuple[list[str], list[CityFigures]]:
        """Refugee counts held for the territory's cities (and itself), by indicator and
        year."""
        facts, tr = self.facts, self.tr
        places = [self.code, *descendants(self.atlas, self.code)]
        columns = sorted({(ind, y) for c in places for ind in CITY_INDICATORS
                          if self.has(ind) for y in facts.years(c, ind)},
                         key=lambda iy: (iy[1], iy[0]))
        if not columns:
            return [], []
        rows = []
        for c in places:
            figs = [facts.get(c, ind, y) for ind, y in columns]
            if not any(figs):
                continue
            rows.append(CityFigures(
                self.atlas.name(c, tr.lang),
                [tr.figure(f.value, "people") if f else "" for f in figs],
                self.cite.figs(*figs)))
        headers = [f"{label(self.atlas, ind, tr.lang)} {y}" for ind, y in columns]
        return headers, rows

    # ---- access to basic services -------------------------------------------------------
    def services(self, programmes: list[Programme], actors: dict[str, list[Actor]]
                 ) -> list[ServicePart]:
        """One part per sectoral programme, with the figures the catalogue files under it."""
        cat = self.atlas.catalogue
        tr = self.tr
        by_programme: dict[str, list[str]] = {}
        if "programme" in cat.columns:
            for ind, prog in cat["programme"].items():
                for p in str(prog).replace(",", ";").split(";"):
                    if p.strip():
                        by_programme.setdefault(p.strip(), []).append(str(ind))
        parts = []
        for prog in programmes:
            if prog.kind != tr("sectoral"):
                continue
            migrant, context = [], []
            shown_elsewhere = False
            for ind in by_programme.get(prog.number, []):
                if ind in PROTECTION_INDICATORS or ind in CAMPAIGN_INDICATORS:
                    shown_elsewhere = True
                    continue
                r = self.row(ind)
                if r is None:
                    continue
                (migrant if ind.startswith(MIGRANT_PREFIXES) else context).append(r)
            note = tr("The counts of refugees and asylum seekers are in the section on "
                      "regularisation and protection.") if shown_elsewhere else ""
            parts.append(ServicePart(prog.number, prog.name, prog.actions, prog.sdg,
                                     prog.achievements, migrant, context,
                                     actors.get(prog.number, []), note,
                                     prog.achievements_lang))
        return parts

    # ---- governance and actors ----------------------------------------------------------
    def actors(self, programmes: list[Programme]) -> dict[str, list[Actor]]:
        """The actors of the territory and of the territories above it, by programme
        number (a programme may be given by its number or its id)."""
        table = self.atlas.actors
        if table.empty:
            return {}
        ids = {str(p): str(n) for p, n in zip(self.atlas.programmes.get("id", []),
                                               self.atlas.programmes.get("number", []),
                                               strict=False)}
        chain = [self.code]
        while (p := self.atlas.parent(chain[-1])) is not None:
            chain.append(p)
        out: dict[str, list[Actor]] = {}
        for _, r in table.iterrows():
            where = str(r.get("territory_code", "")).strip()
            if where not in chain or not str(r.get("name", "")).strip():
                continue
            for prog in str(r.get("programme", "")).replace(",", ";").split(";"):
                number = ids.get(prog.strip(), prog.strip())
                if number:
                    out.setdefault(number, []).append(Actor(
                        str(r["name"]).strip(), str(r.get("kind", "")).strip(),
                        self.atlas.name(where, self.tr.lang), str(r.get("contact", "")).strip()))
        return out

    # ---- benchmarks ---------------------------------------------------------------------
    def benchmarks(self) -> list[BenchmarkChart]:
        """The territory among its siblings, one chart per indicator two or more hold."""
        atlas, facts, tr = self.atlas, self.facts, self.tr
        parent = atlas.parent(self.code)
        if parent is None:
            return []
        siblings = atlas.children(parent)
        if len(siblings) < 2:
            return []
        out = []
        for indicator, kind in BENCHMARKS:
            if not self.has(indicator):
                continue
            nat_years = facts.years(self.nation, indicator)
            if kind == "change":
                if len(nat_years) < 2:
                    continue
                start, end = nat_years[-2], nat_years[-1]
                values = {s: facts.change(s, indicator, start, end) for s in siblings}
                national = facts.change(self.nation, indicator, start, end)
                u, year = "percent", ""
                title = tr("{label}: change {start}–{end}").format(
                    label=label(atlas, indicator, tr.lang), start=start, end=end)
                figs = [facts.get(s, indicator, y) for s in [*siblings, self.nation]
                        for y in (start, end)]

                def fmt(v: float | None) -> str:
                    return tr.signed_percent(v)
            else:
                own_years = facts.years(self.code, indicator)
                y = own_years[-1] if own_years else nat_years[-1] if nat_years else None
                if y is None:
                    continue
                figs = [facts.get(s, indicator, y) for s in [*siblings, self.nation]]
                values = {s: facts.value(s, indicator, y) for s in siblings}
                # a count is not compared with the nation's total, only a rate or a share
                national = facts.value(self.nation, indicator, y) \
                    if unit(atlas, indicator) not in ("people", "households") else None
                u, year = unit(atlas, indicator), str(y)
                title = label(atlas, indicator, tr.lang)

                def fmt(v: float | None, u: str = u) -> str:
                    return tr.figure(v, u)
            held = {s: v for s, v in values.items() if v is not None}
            if len(held) < 2:
                continue
            order = sorted(siblings, key=lambda s: (values[s] is None, -(values[s] or 0)))
            order = shown_bars(order, self.code, held)
            names = [atlas.name(s, tr.lang) for s in order]
            own_name = atlas.name(self.code, tr.lang)
            name = f"bench-{indicator}-{kind}.svg"
            ref = (tr("national {value}").format(value=fmt(national)), national) \
                if national is not None else None
            self.specs.append(Bars(name, "benchmark", tuple(names),
                                   tuple(values[s] for s in order), u,
                                   change=kind == "change", highlight=own_name,
                                   reference=ref))
            hi, lo = highest_lowest(held)
            own = values.get(self.code)
            if own is not None:
                place = tr("{territory}: {value}, rank {rank} of {n}").format(
                    territory=own_name, value=fmt(own),
                    rank=sum(1 for v in held.values() if v > own) + 1, n=len(held))
            else:
                place = tr("{territory}: not held").format(territory=own_name)
            alt = tr("{title}{year}. Highest: {hi} ({hv}); lowest: {lo} ({lv}); {place}."
                     ).format(title=title, year=f" ({year})" if year else "",
                              hi=atlas.name(hi, tr.lang), hv=fmt(held[hi]),
                              lo=atlas.name(lo, tr.lang), lv=fmt(held[lo]), place=place)
            if national is not None:
                alt += " " + tr("National value: {nat}.").format(nat=fmt(national))
            if len(order) < len(siblings):
                alt += " " + tr("The chart shows the {k} highest and lowest of the {n} "
                                "territories, and this one.").format(k=MAX_BARS // 2,
                                                                      n=len(held))
            out.append(BenchmarkChart(title, MapFigure(f"figure:{name}", title, alt), year,
                                      self.cite.figs(*figs)))
        return out

    # ---- signals and annexes ------------------------------------------------------------
    def signals(self) -> list[SignalRow]:
        """The signals of the territory, each citing the figures it states."""
        return [SignalRow(s.text, self.cite.figs(*s.figures))
                for s in signals.compute(self.facts, self.code, self.tr)]

    def indicator_notes(self) -> list[IndicatorNote]:
        """Every indicator the report cited: definition, years and sources (call last)."""
        atlas, tr = self.atlas, self.tr
        out = []
        for ind, (years, sources) in self.cite.used.items():
            ys = sorted(years)
            text = definition(atlas, ind, tr.lang)
            # definition() falls back to French: say which, so the cell gets its language
            col = f"definition_{tr.lang}"
            own = bool(text) and col in atlas.catalogue.columns \
                and bool(atlas.catalogue.at[ind, col])
            out.append(IndicatorNote(
                label(atlas, ind, tr.lang), tr(unit(atlas, ind)),
                tr.comma.join(str(y) for y in ys), self.cite.cite(*sorted(sources)),
                text, tr.lang if own else "fr"))
        return sorted(out, key=lambda n: n.label.lower())

    def completeness(self, groups: list[tuple[str, list[str]]]
                     ) -> tuple[list[str], list[CompletenessRow]]:
        """Per section and year: how many of the figures the nation holds the territory
        holds too (a breakdown counts as one figure). Returns the years and the rows."""
        facts, tr = self.facts, self.tr
        counts: list[tuple[str, dict[int, int], dict[int, int]]] = []
        for section, indicators in groups:
            expected: dict[int, int] = {}
            held: dict[int, int] = {}
            for ind in dict.fromkeys(indicators):
                if not self.has(ind):
                    continue
                nat_years = set(facts.years(self.nation, ind)) | {
                    f.year for f in facts.figures_of(self.nation)
                    if f.indicator == ind and f.dimension}
                for y in nat_years:
                    expected[y] = expected.get(y, 0) + 1
                    if facts.get(self.code, ind, y) is not None or \
                            facts.breakdown(self.code, ind, y):
                        held[y] = held.get(y, 0) + 1
            counts.append((section, expected, held))
        years = sorted({y for _s, e, _h in counts for y in e})
        rows = []
        for section, expected, held in counts:
            h, e = sum(held.values()), sum(expected.values())
            rows.append(CompletenessRow(
                section, [f"{held.get(y, 0)} / {expected[y]}" if y in expected else ""
                          for y in years],
                h, e, tr.percent(100 * h / e, 0) if e else tr.missing_mark))
        return [str(y) for y in years], rows


def shown_bars(order: list[str], code: str, held: dict[str, float]) -> list[str]:
    """The bars of a benchmark: every sibling when they are few; else the ``MAX_BARS // 2``
    highest and lowest holding the figure, and the territory itself, in ``order``."""
    if len(order) <= MAX_BARS:
        return order
    ranked = [s for s in order if s in held]
    keep = set(ranked[:MAX_BARS // 2]) | set(ranked[-(MAX_BARS // 2):]) | {code}
    return [s for s in order if s in keep]


def actors_file(atlas: Atlas) -> str:
    """Where the atlas's actors table is (or would be), relative to the atlas."""
    path = atlas.config.tables.get("actors")
    if path is None:
        return "actors.csv"
    try:
        return str(path.relative_to(atlas.root))
    except ValueError:
        return path.name


def sub_counts(atlas: Atlas, facts: Facts, code: str) -> tuple[str, pd.Series, int | None]:
    """The count drawn as circles on the sub-territories: foreign residents when at least
    half of them hold it for the latest year, else the population."""
    children = atlas.children(code)
    for indicator in ("foreign_residents", "population"):
        years = facts.years(atlas.top, indicator)
        if not years or indicator not in atlas.catalogue.index:
            continue
        values = pd.Series({c: facts.value(c, indicator, years[-1]) for c in children},
                           dtype=float)
        if values.notna().sum() * 2 >= len(children) and values.notna().any():
            return indicator, values, years[-1]
    return "", pd.Series(dtype=float), None
