"""One monograph's content: every section computed in the order of the pages, assembled
into the typed context that ``monograph.html.j2`` shows, with the figures to draw."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markupsafe import Markup

from monographs.atlas import Atlas
from monographs.content import signals
from monographs.content.citing import (
    Citations,
    boundary_credits,
    glossary_entries,
    level_name,
    name_fallbacks,
    parent_name,
    source_entries,
    territory_name,
)
from monographs.content.facts import Facts
from monographs.content.formats import mark_legend
from monographs.content.model import (
    BoundaryCredit,
    Conflict,
    GlossaryEntry,
    KeyFigure,
    MapFigure,
    MissingFigure,
    SourceEntry,
)
from monographs.content.rows import Scope
from monographs.content.sections import (
    annex,
    benchmarks,
    cover,
    edition,
    glance,
    governance,
    key_figures,
    population,
    priorities,
    protection,
    services,
    territory,
    trends,
)
from monographs.content.sections.annex import CompletenessRow, IndicatorNote
from monographs.content.sections.benchmarks import BenchmarkChart
from monographs.content.sections.glance import Glance
from monographs.content.sections.population import Breakdown
from monographs.content.sections.priorities import SignalRow
from monographs.content.sections.protection import Protection
from monographs.content.sections.services import Programme, ServicePart
from monographs.content.sections.territory import SubTerritory
from monographs.content.sections.trends import Trend
from monographs.content.specs import FigureSpec
from monographs.i18n import Translator


@dataclass
class MonographContext:
    """Everything the template ``monograph.html.j2`` shows, already formatted."""

    lang: str
    dir: str
    atlas_title: str
    title: str
    territory: str
    territory_alt: str
    code: str
    level_name: str
    parent_name: str
    country: str
    edition: str
    vintage: str
    accent: str
    locator: MapFigure | None
    key_figures: list[KeyFigure]
    sub_level_name: str
    sub_map: MapFigure | None
    sub_headers: list[str]
    sub_rows: list[SubTerritory]
    programmes: list[Programme]
    breakdowns: list[Breakdown]
    conflicts: list[Conflict]
    missing: list[MissingFigure]
    sources: list[SourceEntry]
    publisher: str = ""
    territory_alt_lang: str = ""  # the language of ``territory_alt``
    source_lang: str = "fr"  # the language of the atlas's own texts (title, sources)
    atlas_title_lang: str = ""  # the language of ``atlas_title`` (atlas.toml may give several)
    names_note: str = ""  # how many place names are shown in another language
    credits: list[BoundaryCredit] = field(default_factory=list)  # the boundaries' credits
    sub_symbols: MapFigure | None = None
    protection: Protection | None = None
    services: list[ServicePart] = field(default_factory=list)
    transverse: list[Programme] = field(default_factory=list)
    contact: str = ""  # whom the atlas names for figures it lacks (atlas.toml `contact`)
    marks: list[tuple[str, str]] = field(default_factory=list)  # the figures' marks, explained
    not_computed: list[str] = field(default_factory=list)  # derived figures left out, and why
    # why an average household size is not population ÷ households, where both are shown
    household_sizes: list[str] = field(default_factory=list)
    # what the atlas says of the country's strategy (atlas.toml [strategy]); "" when nothing
    programmes_intro: str = ""
    campaigns_intro: str = ""
    actors_held: bool = False
    benchmarks: list[BenchmarkChart] = field(default_factory=list)
    signals: list[SignalRow] = field(default_factory=list)
    narrative: Markup | str = ""
    indicator_notes: list[IndicatorNote] = field(default_factory=list)
    completeness: list[CompletenessRow] = field(default_factory=list)
    completeness_years: list[str] = field(default_factory=list)
    glance: Glance = field(default_factory=Glance)  # page 2, the territory at a glance
    trends: list[Trend] = field(default_factory=list)
    # the compact edition of a territory with few figures on migrants (atlas.toml
    # `[report] compact_below`), and the sentence saying what it leaves out
    compact: bool = False
    compact_note: str = ""
    national_breakdowns: list[Breakdown] = field(default_factory=list)  # national context
    national_achievements: list[ServicePart] = field(default_factory=list)  # the same
    # the atlas's glossary in the report's language (the report lists those it uses)
    glossary: list[GlossaryEntry] = field(default_factory=list)


class MonographBuilder:
    """Builds the content of monographs from one atlas and its chosen figures (shared
    between them)."""

    def __init__(self, atlas: Atlas, facts: Facts | None = None) -> None:
        self.atlas = atlas
        self.facts = facts or Facts(atlas)

    def build(
        self, code: str, lang: str | None = None, cite: Citations | None = None
    ) -> tuple[MonographContext, list[FigureSpec], Translator]:
        """The context of ``code``'s monograph, the figures it asks to be drawn (specs,
        see :func:`monographs.figures.draw.draw`), and its translator.

        The sections are computed in the order of the pages, so that sources are numbered
        in the order a reader meets them; ``cite`` (new by default) records every figure
        the report states.
        """
        atlas = self.atlas
        lang = lang or atlas.config.language
        tr = Translator(lang, atlas.config.locale(lang))
        s = Scope(atlas, self.facts, code, tr, cite or Citations(comma=tr.comma))
        level = atlas.level_of(code)
        parent = atlas.parent(code)

        compact = edition.compact(s)
        locator = cover.locator(s)
        found = signals.compute(self.facts, code, tr)
        at_a_glance = glance.glance(s, found)
        key_rows = key_figures.key_figures(s, own_only=compact)
        trend_charts = trends.trends(s, own_only=compact)
        sub_level = atlas.config.sub_level(level)
        headers, sub_rows, changes, map_title = territory.sub_table(s)
        sub_map = territory.sub_map(s, changes, map_title) if sub_rows and map_title else None
        sub_symbols = territory.sub_symbols(s)
        # the compact edition leaves these sections out: they are still computed, for the
        # figures to collect they find, but cite into a record the report does not print
        hidden = replace(s, cite=Citations(comma=tr.comma)) if compact else s
        all_breakdowns = population.breakdowns(hidden, national=not compact)
        own_breakdowns = [b for b in all_breakdowns if not b.national_only]
        programmes = services.programmes(atlas, tr)
        protection_part = protection.protection(hidden)
        actors = governance.actors(hidden)
        service_parts = services.services(hidden, programmes, actors)
        benchmark_charts = benchmarks.benchmarks(s)
        signal_rows = priorities.signal_rows(s, found)
        narrative = priorities.narrative(s)
        conflicts = annex.conflicts(s)
        completeness_years, completeness = annex.completeness(s, annex.completeness_groups(s))
        indicator_notes = annex.indicator_notes(s)
        not_computed = annex.not_computed(s)
        household_sizes = annex.household_sizes(s)
        name_alt, alt_lang = cover.other_name(atlas, code, tr.lang)
        atlas_title, atlas_title_lang = atlas.config.text_in("title", tr.lang)
        context = MonographContext(
            lang=tr.lang,
            dir=tr.direction,
            atlas_title=atlas_title,
            atlas_title_lang=atlas_title_lang,
            title=tr("Migration monograph"),
            territory=territory_name(atlas, code, tr.lang),
            territory_alt=name_alt,
            territory_alt_lang=alt_lang,
            source_lang=atlas.config.language,
            code=code,
            level_name=level_name(atlas, level, tr.lang),
            parent_name=parent_name(atlas, code, tr),
            country=territory_name(atlas, atlas.top, tr.lang),
            names_note=tr.names_note(
                name_fallbacks(
                    atlas,
                    [code, *([parent] if parent else []), atlas.top, *(r.code for r in sub_rows)],
                    tr.lang,
                )
            ),
            edition=atlas.config.edition,
            vintage=cover.vintage(self.facts, code),
            accent=atlas.config.branding.get("colour", "#0B4F6C"),
            locator=locator,
            key_figures=key_rows,
            sub_level_name=level_name(atlas, sub_level, tr.lang) if sub_level else "",
            sub_map=sub_map,
            sub_headers=headers,
            sub_rows=sub_rows,
            programmes=programmes,
            breakdowns=own_breakdowns,
            national_breakdowns=[b for b in all_breakdowns if b.national_only],
            glance=at_a_glance,
            trends=trend_charts,
            compact=compact,
            compact_note=edition.note(s) if compact else "",
            national_achievements=[] if compact else [p for p in service_parts if p.achievements],
            conflicts=conflicts,
            missing=s.missing,
            sources=source_entries(atlas, s.cite, tr),
            credits=boundary_credits(atlas, tr),
            glossary=glossary_entries(atlas, tr.lang),
            publisher=atlas.config.text_in("publisher", tr.lang)[0],
            sub_symbols=sub_symbols,
            protection=protection_part,
            services=service_parts,
            transverse=[p for p in programmes if p.kind != tr("sectoral")],
            contact=atlas.config.text_in("contact", tr.lang)[0],
            marks=mark_legend(tr, s.cite.qualities),
            not_computed=not_computed,
            household_sizes=household_sizes,
            programmes_intro=atlas.config.text_in("strategy.programmes_intro", tr.lang)[0],
            campaigns_intro=atlas.config.text_in("strategy.campaigns_intro", tr.lang)[0],
            actors_held=bool(actors),
            benchmarks=benchmark_charts,
            signals=signal_rows,
            narrative=narrative,
            indicator_notes=indicator_notes,
            completeness=completeness,
            completeness_years=completeness_years,
        )
        return context, s.specs, tr
