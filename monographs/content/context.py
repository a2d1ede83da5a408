"""The typed context the monograph template receives: one dataclass per part."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass


@dataclass
class KeyFigure:
    """A row of the key-figures table: the territory's value beside its parent's and the
    nation's, with the year, the rank among siblings and the source references."""

    label: str
    value: str
    parent: str
    national: str
    year: str
    rank: str
    refs: str
    missing: bool
    note: str = ""


@dataclass(frozen=True)
class MissingFigure:
    """A figure the report needs and the atlas lacks for this territory."""

    indicator: str
    year: int
    label: str
    dimensions: tuple[str, ...] = ()  # the categories to fill in, for a breakdown

    def __str__(self) -> str:
        return f"{self.label} ({self.year})"


@dataclass
class SubTerritory:
    """A row of the sub-territories table."""

    code: str
    name: str
    kind: str
    cells: list[str]


@dataclass
class Programme:
    """An SNIA programme as the report lists it."""

    number: str
    name: str
    kind: str
    actions: str
    sdg: str
    achievements: list[str]
    achievements_lang: str = ""  # the language of the achievements when not the report's


@dataclass
class SourceEntry:
    """A numbered source of the annex."""

    number: int
    title: str
    publisher: str
    date: str
    url: str
    licence: str


@dataclass
class Conflict:
    """A figure that sources give differently: every value, and the one shown."""

    label: str
    year: str
    dimension: str
    shown: str
    shown_ref: str
    others: list[tuple[str, str]]
    gap: str


@dataclass
class MapFigure:
    """A drawn figure: its URL in the document, its title and its text alternative."""

    url: str
    title: str
    alt: str
    key: list[tuple[int, str]] = field(default_factory=list)  # units numbered on a map


@dataclass
class Breakdown:
    """A figure split by category (nationality, age group, motive…), drawn and listed.

    ``scope`` says whose breakdown it is: the territory's, or the nation's when the
    territory has none (the report then says so rather than leave a blank).
    """

    title: str
    scope: str
    national_only: bool
    chart: MapFigure
    rows: list[tuple[str, str]]
    year: str
    refs: str


@dataclass
class SeriesRow:
    """A year of a count over time: the territory's value beside the nation's."""

    year: str
    value: str
    national: str
    refs: str


@dataclass
class Campaign:
    """A regularisation campaign: requests, approvals and rate, here and nationally."""

    title: str
    rows: list[KeyFigure]


@dataclass
class CityFigures:
    """Refugees and asylum seekers counted in one city of the territory, by year."""

    name: str
    cells: list[str]
    refs: str


@dataclass
class Protection:
    """The section on regularisation and protection."""

    campaigns: list[Campaign]
    national_rows: list[KeyFigure]
    city_headers: list[str]
    cities: list[CityFigures]


@dataclass
class Actor:
    """An actor of the territory (or of a territory above it) for a programme."""

    name: str
    kind: str
    where: str
    contact: str


@dataclass
class ServicePart:
    """An SNIA sectoral programme: the migrant figures held, the census context against
    the nation, its actions and SDG targets, and the actors known for it."""

    number: str
    name: str
    actions: str
    sdg: str
    achievements: list[str]
    migrant_rows: list[KeyFigure]
    context_rows: list[KeyFigure]
    actors: list[Actor]
    note: str = ""
    achievements_lang: str = ""  # the language of the achievements when not the report's


@dataclass
class BenchmarkChart:
    """The territory among its siblings on one indicator: a chart and its figures in words."""

    title: str
    chart: MapFigure
    year: str
    refs: str


@dataclass
class SignalRow:
    """A factual sentence computed from the figures, with the sources of what it states."""

    text: str
    refs: str


@dataclass
class IndicatorNote:
    """A figure the report uses: its label, definition, the years and sources used."""

    label: str
    unit: str
    years: str
    refs: str
    definition: str
    definition_lang: str = ""  # the language the definition is written in


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
    series_label: str
    series: list[SeriesRow]
    breakdowns: list[Breakdown]
    conflicts: list[Conflict]
    missing: list[MissingFigure]
    sources: list[SourceEntry]
    publisher: str = ""
    notes: list[str] = field(default_factory=list)
    territory_alt_lang: str = ""  # the language of ``territory_alt``
    source_lang: str = "fr"  # the language of the atlas's own texts (title, sources)
    atlas_title_lang: str = ""  # the language of ``atlas_title`` (atlas.toml may give several)
    names_note: str = ""  # how many place names are shown in another language
    sub_symbols: MapFigure | None = None
    protection: Protection | None = None
    services: list[ServicePart] = field(default_factory=list)
    transverse: list[Programme] = field(default_factory=list)
    actors_file: str = ""
    actors_held: bool = False
    benchmarks: list[BenchmarkChart] = field(default_factory=list)
    signals: list[SignalRow] = field(default_factory=list)
    narrative: str = ""
    indicator_notes: list[IndicatorNote] = field(default_factory=list)
    completeness: list[CompletenessRow] = field(default_factory=list)
    completeness_years: list[str] = field(default_factory=list)


def figure_refs(context: object) -> Iterator[MapFigure]:
    """Every :class:`MapFigure` a context holds, however deep (the maps, the charts of
    each breakdown and benchmark…)."""
    if isinstance(context, MapFigure):
        yield context
    elif is_dataclass(context):
        for f in fields(context):
            yield from figure_refs(getattr(context, f.name))
    elif isinstance(context, list | tuple):
        for item in context:
            yield from figure_refs(item)


def apply_keys(context: object, keys: dict[str, list[tuple[int, str]]]) -> None:
    """Give each figure of ``context`` the key of the units its drawing numbered."""
    for ref in figure_refs(context):
        name = ref.url.removeprefix("figure:")
        if name in keys:
            ref.key = keys[name]
