"""What the reports' sections share: a row beside the parent and the nation, a figure the
atlas lacks, a drawn figure, a source, a conflict between sources."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass

from monographs.content.specs import Drawings


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
class SourceEntry:
    """A numbered source of the annex."""

    number: int
    title: str
    publisher: str
    date: str
    url: str
    licence: str
    unidentified: bool = False  # the atlas names neither its publisher nor its address
    link: str = ""  # the address as a link, when it is a web address (http, https)


@dataclass
class GlossaryEntry:
    """A term of the atlas's glossary (``[glossary.LANG]``) with its expansion, in the
    report's language when the atlas gives it (``lang`` says which). A report lists those
    it uses, and expands each at its first use (:mod:`monographs.render.reading`)."""

    term: str
    expansion: str
    lang: str


@dataclass
class BoundaryCredit:
    """Who made the boundaries of some levels, under which licence (``[boundaries.LEVEL]``
    ``source``, ``licence``, ``url``): printed under the sources."""

    levels: str  # the levels' names, joined: "Regions, provinces"
    source: str
    source_lang: str  # the language of ``source``
    licence: str = ""
    url: str = ""
    link: str = ""  # the address as a link, when it is a web address (http, https)


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
    """A figure: its URL in the document, its title and its text alternative; once drawn,
    the key of the units a map numbers, or the layout of a bar chart (which the template
    lays out as HTML instead of showing a picture)."""

    url: str
    title: str
    alt: str
    key: list[tuple[int, str]] = field(default_factory=list)  # units numbered on a map
    chart: object | None = None  # a figures.bars.BarChart


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


def apply_drawings(context: object, drawn: Drawings) -> None:
    """Give each figure of ``context`` what its drawing made besides a picture: the key of
    the units a map numbered, the layout of a bar chart."""
    for ref in figure_refs(context):
        name = ref.url.removeprefix("figure:")
        if name in drawn.keys:
            ref.key = drawn.keys[name]
        if name in drawn.charts:
            ref.chart = drawn.charts[name]
