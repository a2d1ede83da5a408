"""Computing one monograph's content: the figures it states, compared, ranked and cited."""

from __future__ import annotations

import pandas as pd

from monographs.atlas import Atlas
from monographs.content.alt import extremes_alt
from monographs.content.citing import (
    Citations,
    label,
    level_name,
    name_fallbacks,
    source_entries,
    territory_name,
    unit,
)
from monographs.content.context import (
    Breakdown,
    Conflict,
    KeyFigure,
    MapFigure,
    MissingFigure,
    MonographContext,
    Programme,
    SeriesRow,
    SubTerritory,
)
from monographs.content.facts import Facts, Figure
from monographs.content.formats import map_format
from monographs.content.narratives import load_narrative
from monographs.content.sections import (
    CAMPAIGN_INDICATORS,
    PROTECTION_INDICATORS,
    Sections,
    actors_file,
    sub_counts,
)
from monographs.content.specs import Bars, Choropleth, FigureSpec, Locator, Symbols
from monographs.i18n import Translator, fallback_marker

# (indicator, show the change since the previous year held, rank among siblings)
KEY_FIGURES: list[tuple[str, bool, bool]] = [
    ("population", True, True),
    ("households", False, False),
    ("foreign_residents", True, True),
    ("foreign_residents_share_pct", False, True),
    ("foreign_residents_share_of_national_foreigners_pct", False, False),
    ("foreign_residents_women_pct", False, False),
    ("urban_population_share_pct", False, False),
    ("activity_rate_pct", False, False),
    ("unemployment_rate_pct", False, True),
    ("illiteracy_rate_10_plus_pct", False, False),
    ("schooling_rate_6_11_pct", False, False),
    ("households_basic_or_slum_pct", False, False),
    ("regularisation_requests", False, False),
    ("regularisation_approved", False, False),
    ("refugees", False, False),
]


# Breakdowns of the foreign population, drawn when the territory or the nation holds them.
BREAKDOWNS: list[str] = [
    "nationality_share_pct",
    "foreign_residents_origin_region_pct",
    "foreign_residents_age_group_pct",
    "foreign_residents_migration_motive_pct",
    "foreign_residents_arrival_period_pct",
    "refugees_by_nationality",
]
SERIES_INDICATOR = "foreign_residents"


class MonographBuilder:
    """Builds the context and figures of monographs from one atlas (shared between them)."""

    def __init__(self, atlas: Atlas, facts: Facts | None = None) -> None:
        self.atlas = atlas
        self.facts = facts or Facts(atlas)

    # ---- key figures ----------------------------------------------------------------
    def _key_rows(self, code: str, tr: Translator, cite: Citations,
                  missing: list[MissingFigure]) -> list[KeyFigure]:
        atlas, facts = self.atlas, self.facts
        parent = atlas.parent(code)
        nation = atlas.top
        rows: list[KeyFigure] = []
        for indicator, with_change, with_rank in KEY_FIGURES:
            if indicator not in atlas.catalogue.index:
                continue
            u = unit(atlas, indicator)
            fig = facts.get(code, indicator)
            ref_years = facts.years(nation, indicator) or (
                facts.years(parent, indicator) if parent else [])
            year = fig.year if fig else (ref_years[-1] if ref_years else None)
            if fig is None and year is None:
                continue  # the atlas holds this indicator nowhere: not a gap of this territory
            lab = label(atlas, indicator, tr.lang)
            if fig is None:
                missing.append(MissingFigure(indicator, int(year), lab))
            parent_fig = facts.get(parent, indicator, year) if parent and parent != nation \
                else None
            nat_fig = facts.get(nation, indicator, year) if code != nation else None
            refs = [f for f in (fig, parent_fig, nat_fig) if f is not None]
            rank = ""
            if with_rank and fig is not None and code != nation:
                r = facts.rank(code, indicator, fig.year)
                if r and r[1] > 1:
                    rank = tr("{rank} / {total}").format(rank=r[0], total=r[1])
            note = tr("computed") if fig is not None and fig.derived else ""
            rows.append(KeyFigure(
                label=lab, value=tr.figure(fig.value if fig else None, u),
                parent=tr.figure(parent_fig.value, u) if parent_fig else "",
                national=tr.figure(nat_fig.value, u) if nat_fig else "",
                year=str(year), rank=rank,
                refs=cite.figs(*refs),
                missing=fig is None, note=note))
            if with_change:
                rows.extend(self._change_row(code, indicator, lab, tr, cite, missing))
        return rows

    def _change_row(self, code: str, indicator: str, lab: str, tr: Translator,
                    cite: Citations, missing: list[MissingFigure]) -> list[KeyFigure]:
        atlas, facts = self.atlas, self.facts
        nation = atlas.top
        years = facts.years(nation, indicator) or facts.years(code, indicator)
        if len(years) < 2:
            return []
        start, end = years[-2], years[-1]
        parent = atlas.parent(code)

        def change(c: str | None) -> tuple[float | None, list[Figure]]:
            if c is None:
                return None, []
            a, b = facts.get(c, indicator, start), facts.get(c, indicator, end)
            return facts.change(c, indicator, start, end), [f for f in (a, b) if f]

        own, own_figs = change(code)
        par, par_figs = change(parent) if parent and parent != nation else (None, [])
        nat, nat_figs = change(nation) if code != nation else (None, [])
        name = tr("Change {start}–{end}").format(start=start, end=end)
        for y in (start, end):
            gap = MissingFigure(indicator, y, lab)
            if facts.get(code, indicator, y) is None and gap not in missing:
                missing.append(gap)
        rank = ""
        if own is not None and code != nation and parent:
            sibs = [facts.change(s, indicator, start, end) for s in atlas.children(parent)]
            held = [v for v in sibs if v is not None]
            if len(held) > 1:
                rank = tr("{rank} / {total}").format(
                    rank=sum(1 for v in held if v > own) + 1, total=len(held))
        figs = own_figs + par_figs + nat_figs
        return [KeyFigure(
            label=f"{lab} — {name.lower()}", value=tr.signed_percent(own),
            parent=tr.signed_percent(par) if par is not None else "",
            national=tr.signed_percent(nat) if nat is not None else "",
            year=f"{start}–{end}", rank=rank,
            refs=cite.figs(*figs), missing=own is None,
            note=tr("computed"))]

    # ---- sub-territories --------------------------------------------------------------
    def _sub_table(self, code: str, tr: Translator, cite: Citations
                   ) -> tuple[list[str], list[SubTerritory], dict[str, float | None], str]:
        atlas, facts = self.atlas, self.facts
        children = atlas.children(code)
        nation = atlas.top
        pop_years = facts.years(nation, "population")
        end = pop_years[-1] if pop_years else None
        start = pop_years[-2] if len(pop_years) > 1 else None
        columns: list[tuple[str, str, int | None, str]] = []  # header, indicator, year, kind
        if start:
            columns.append((f"{label(atlas, 'population', tr.lang)} {start}", "population",
                            start, "value"))
        if end:
            columns.append((f"{label(atlas, 'population', tr.lang)} {end}", "population", end,
                            "value"))
        if start and end:
            columns.append((tr("Change {start}–{end}").format(start=start, end=end),
                            "population", None, "change"))
        for ind in ("households", "foreign_residents", "unemployment_rate_pct"):
            if ind in atlas.catalogue.index:
                yrs = facts.years(nation, ind)
                columns.append((f"{label(atlas, ind, tr.lang)} {yrs[-1] if yrs else ''}".strip(),
                                ind, yrs[-1] if yrs else None, "value"))
        rows: list[SubTerritory] = []
        changes: dict[str, float | None] = {}
        for child in children:
            cells = []
            for _h, ind, year, kind in columns:
                if kind == "change":
                    ch = facts.change(child, ind, start, end) if start and end else None
                    changes[child] = ch
                    cells.append(tr.signed_percent(ch))
                    continue
                fig = facts.get(child, ind, year)
                if fig:
                    cite.figs(fig)
                cells.append(tr.figure(fig.value if fig else None, unit(atlas, ind)))
            kind_text = atlas.territories.at[child, "kind"] if "kind" in atlas.territories \
                else ""
            rows.append(SubTerritory(child, territory_name(atlas, child, tr.lang),
                                     tr(kind_text) if kind_text else "", cells))
        headers = [h for h, *_ in columns]
        title = tr("Population change {start}–{end}").format(start=start, end=end) \
            if start and end else ""
        return headers, rows, changes, title

    # ---- the foreign population ------------------------------------------------------
    def _series(self, code: str, tr: Translator, cite: Citations) -> list[SeriesRow]:
        facts, nation = self.facts, self.atlas.top
        years = sorted(set(facts.years(code, SERIES_INDICATOR))
                       | set(facts.years(nation, SERIES_INDICATOR)))
        rows = []
        for year in years:
            own = facts.get(code, SERIES_INDICATOR, year)
            nat = facts.get(nation, SERIES_INDICATOR, year) if code != nation else None
            figs = [f for f in (own, nat) if f]
            rows.append(SeriesRow(str(year), tr.figure(own.value if own else None, "people"),
                                  tr.figure(nat.value, "people") if nat else "",
                                  cite.figs(*figs)))
        return rows

    def _breakdowns(self, code: str, tr: Translator, cite: Citations,
                    specs: list[FigureSpec], missing: list[MissingFigure]
                    ) -> list[Breakdown]:
        atlas, facts = self.atlas, self.facts
        out = []

        def dim(text: str) -> str:
            return tr.data_word(text, atlas.config.language)

        for indicator in BREAKDOWNS:
            if indicator not in atlas.catalogue.index:
                continue
            parts = facts.breakdown(code, indicator)
            national_only = not parts
            if national_only and code != atlas.top:
                parts = facts.breakdown(atlas.top, indicator)
                if parts:
                    missing.append(MissingFigure(indicator, parts[0].year,
                                                 label(atlas, indicator, tr.lang),
                                                 tuple(p.dimension for p in parts)))
            if not parts:
                continue
            parts = parts[:12]
            u = unit(atlas, indicator)
            title = label(atlas, indicator, tr.lang)
            name = f"breakdown-{indicator}.svg"
            specs.append(Bars(name, "breakdown", tuple(dim(p.dimension) for p in parts),
                              tuple(p.value for p in parts), u))
            scope = territory_name(atlas, atlas.top if national_only else code, tr.lang)
            hi = parts[0]
            alt = tr("{title}, {scope}, {year}: first {first} ({value}).").format(
                title=title, scope=scope, year=hi.year, first=dim(hi.dimension),
                value=tr.figure(hi.value, u))
            out.append(Breakdown(
                title=title, scope=scope, national_only=national_only and code != atlas.top,
                chart=MapFigure(f"figure:{name}", title, alt),
                rows=[(dim(p.dimension), tr.figure(p.value, u)) for p in parts],
                year=str(hi.year), refs=cite.figs(*parts)))
        return out

    # ---- programmes, conflicts, sources ----------------------------------------------
    def _programmes(self, tr: Translator) -> list[Programme]:
        p = self.atlas.programmes
        out = []
        for _, row in p.sort_values("number", key=lambda s: s.astype(int)).iterrows():
            name = row.get(f"name_{tr.lang}") or (
                str(row.get("name_fr") or row["id"]) + fallback_marker("fr"))
            ach = row.get(f"achievements_{tr.lang}")
            ach_lang = ""
            if not ach and row.get("achievements_fr"):
                ach, ach_lang = row.get("achievements_fr"), "fr"
            out.append(Programme(str(row["number"]), str(name), tr(str(row["kind"])),
                                 str(row["actions"]),
                                 str(row.get("sdg", "")).replace(";", tr.semicolon.strip()),
                                 [a.strip() for a in str(ach or "").split("|") if a.strip()],
                                 "" if ach_lang == tr.lang else ach_lang))
        return out

    def _conflicts(self, code: str, tr: Translator, cite: Citations) -> list[Conflict]:
        atlas = self.atlas
        out = []
        related = {code, atlas.top} | ({atlas.parent(code)} if atlas.parent(code) else set())
        for fig in self.facts.conflicts(related):
            if fig.territory != code and fig.dimension:
                continue
            u = unit(atlas, fig.indicator)
            values = [fig.value, *(a.value for a in fig.alternatives)]
            where = "" if fig.territory == code else \
                f" ({territory_name(atlas, fig.territory, tr.lang)})"
            out.append(Conflict(
                label=label(atlas, fig.indicator, tr.lang) + where, year=str(fig.year),
                dimension=tr.data_word(fig.dimension, atlas.config.language),
            shown=tr.figure(fig.value, u),
                shown_ref=cite.cite(fig.source_id),
                others=[(tr.figure(a.value, u), cite.cite(a.source_id))
                        for a in fig.alternatives],
                gap=tr.figure(max(values) - min(values), u)))
        return out

    # ---- the whole context -------------------------------------------------------------
    def build(self, code: str, lang: str | None = None
              ) -> tuple[MonographContext, dict[str, bytes], Translator]:
        """The context of ``code``'s monograph, the figures it asks to be drawn (specs,
        see :func:`monographs.figures.draw`), and its translator."""
        atlas = self.atlas
        tr = Translator(lang or atlas.config.language)
        cite = Citations(comma=tr.comma)
        missing: list[MissingFigure] = []
        specs: list[FigureSpec] = []
        level = atlas.level_of(code)
        parent = atlas.parent(code)

        locator = None
        if atlas.has_boundary(code):
            specs.append(Locator("locator.svg", code))
            where = atlas.name(parent, tr.lang) if parent else atlas.config.country
            locator = MapFigure("figure:locator.svg", tr("Location"), tr(
                "Map locating {name} within {where}.").format(name=atlas.name(code, tr.lang),
                                                              where=where))

        key_rows = self._key_rows(code, tr, cite, missing)
        sub_level = atlas.config.sub_level(level)
        headers, sub_rows, changes, map_title = self._sub_table(code, tr, cite)
        sub_map = None
        if sub_rows and map_title:
            have = atlas.mapped_children(code)
            if have:
                specs.append(Choropleth("sub_map.svg", code, changes, map_title, "percent"))
                held = {c: changes[c] for c in have
                        if changes.get(c) is not None and changes[c] == changes[c]}
                alt = extremes_alt(tr, map_title, held, lambda c: atlas.name(c, tr.lang),
                                   map_format(tr, "percent", changes.values()), len(have))
                sub_map = MapFigure("figure:sub_map.svg", map_title, alt)

        series = self._series(code, tr, cite)
        breakdowns = self._breakdowns(code, tr, cite, specs, missing)
        sub_symbols = self._symbols(code, tr, cite, specs)
        programmes = self._programmes(tr)
        sec = Sections(atlas, self.facts, code, tr, cite, missing, specs)
        protection = sec.protection()
        actors = sec.actors(programmes)
        services = sec.services(programmes, actors)
        benchmarks = sec.benchmarks()
        signal_rows = sec.signals()
        narrative = load_narrative(atlas.config.tables.get("narratives"), atlas.root, code,
                                   tr.lang)
        conflicts = self._conflicts(code, tr, cite)
        completeness_years, completeness = sec.completeness(self._completeness_groups(tr))
        indicator_notes = sec.indicator_notes()
        vintage_years = sorted({f.year for f in self.facts.figures_of(code)})
        vintage = (f"{vintage_years[0]}–{vintage_years[-1]}" if len(vintage_years) > 1
                   else str(vintage_years[0]) if vintage_years else "")
        name_alt, alt_lang = "", ""
        for lg in atlas.config.languages + ["ar", "fr", "en"]:
            if lg != tr.lang and f"name_{lg}" in atlas.territories.columns:
                alt = atlas.territories.at[code, f"name_{lg}"]
                if alt and alt != atlas.name(code, tr.lang):
                    name_alt, alt_lang = alt, lg
                    break
        atlas_title, atlas_title_lang = atlas.config.text_in("title", tr.lang)
        context = MonographContext(
            lang=tr.lang, dir=tr.direction, atlas_title=atlas_title,
            atlas_title_lang=atlas_title_lang,
            title=tr("Migration monograph"), territory=territory_name(atlas, code, tr.lang),
            territory_alt=name_alt, territory_alt_lang=alt_lang,
            source_lang=atlas.config.language, code=code,
            level_name=level_name(atlas, level, tr.lang),
            parent_name=territory_name(atlas, parent, tr.lang) if parent else "",
            country=territory_name(atlas, atlas.top, tr.lang),
            names_note=tr.names_note(name_fallbacks(
                atlas, [code, *([parent] if parent else []), atlas.top,
                        *(r.code for r in sub_rows)], tr.lang)),
            edition=atlas.config.edition, vintage=vintage,
            accent=atlas.config.branding.get("colour", "#0B4F6C"), locator=locator,
            key_figures=key_rows,
            sub_level_name=level_name(atlas, sub_level, tr.lang) if sub_level else "",
            sub_map=sub_map, sub_headers=headers, sub_rows=sub_rows, programmes=programmes,
            series_label=label(atlas, SERIES_INDICATOR, tr.lang), series=series,
            breakdowns=breakdowns,
            conflicts=conflicts, missing=missing, sources=source_entries(atlas, cite, tr),
            publisher=atlas.config.text_in("publisher", tr.lang)[0],
            sub_symbols=sub_symbols, protection=protection, services=services,
            transverse=[p for p in programmes if p.kind != tr("sectoral")],
            actors_file=actors_file(atlas), actors_held=bool(actors), benchmarks=benchmarks,
            signals=signal_rows, narrative=narrative, indicator_notes=indicator_notes,
            completeness=completeness, completeness_years=completeness_years)
        return context, specs, tr

    # ---- additions: proportional symbols, completeness groups ---------------------------
    def _symbols(self, code: str, tr: Translator, cite: Citations,
                 specs: list[FigureSpec]) -> MapFigure | None:
        indicator, values, year = sub_counts(self.atlas, self.facts, code)
        if not indicator or year is None:
            return None
        title = f"{label(self.atlas, indicator, tr.lang)} {year}"
        have = self.atlas.mapped_children(code)
        if not have:
            return None
        u = unit(self.atlas, indicator)
        shown = pd.to_numeric(pd.Series([values.get(c) for c in have], index=have),
                              errors="coerce")
        held = shown.dropna()
        if not len(held):
            return None
        order = held.sort_values(ascending=False)
        names = ", ".join(f"{self.atlas.name(c, tr.lang)} ({tr.figure(v, u)})"
                          for c, v in order.head(3).items())
        alt = tr("{title}: circles sized by the value; largest: {names}; {n} of {m} units "
                 "have the figure.").format(title=title, names=names, n=len(held),
                                            m=len(have))
        cite.figs(*[self.facts.get(c, indicator, year) for c in values.index])
        specs.append(Symbols("sub_symbols.svg", code,
                             {c: (None if v != v else float(v)) for c, v in values.items()},
                             title, u))
        return MapFigure("figure:sub_symbols.svg", title, alt)

    def _completeness_groups(self, tr: Translator) -> list[tuple[str, list[str]]]:
        cat = self.atlas.catalogue
        sectoral = {str(n) for n, k in zip(self.atlas.programmes.get("number", []),
                                           self.atlas.programmes.get("kind", []),
                                           strict=False) if k == "sectoral"}
        shown = set(CAMPAIGN_INDICATORS) | set(PROTECTION_INDICATORS)
        services = [str(i) for i, p in cat.get("programme", pd.Series(dtype=str)).items()
                    if str(i) not in shown
                    and sectoral & {x.strip() for x in str(p).split(";")}]
        return [
            (tr("Key figures"), [i for i, _c, _r in KEY_FIGURES]),
            (tr("The foreign population"), [SERIES_INDICATOR, *BREAKDOWNS]),
            (tr("Regularisation and protection"),
             [*CAMPAIGN_INDICATORS, *PROTECTION_INDICATORS]),
            (tr("Access to basic services"), services),
        ]
