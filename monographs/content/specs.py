"""Figure specifications: what a report asks to be drawn, as plain data.

The content stage returns these beside its context; :func:`monographs.figures.draw` turns
each into an SVG (and, for a map whose units are numbered, the key of the numbers). So
every content rule is testable without matplotlib, and the monograph and the comparison
report share one drawing entry point.

Each spec has a ``name``: the figure's file name in the document (``figure:NAME``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: The layouts of a bar chart.
BarsKind = Literal["breakdown", "benchmark", "ranking"]


@dataclass(frozen=True)
class Locator:
    """The territory ``code`` among its ``siblings`` (the mapped children of its parent),
    framed on its parent (outlined), with ``neighbours`` (codes of its level whose boundary
    touches its own) named or numbered; with ``inset``, a small map of the parent within
    the country. Without siblings, the territory within its country."""

    name: str
    code: str
    siblings: tuple[str, ...] = ()
    neighbours: tuple[str, ...] = ()
    inset: bool = False


@dataclass(frozen=True)
class Choropleth:
    """The children of ``code`` coloured by ``values`` (by child code; None where missing),
    in classes with a legend, the units named or numbered."""

    name: str
    code: str
    values: dict[str, float | None]
    title: str
    unit: str


@dataclass(frozen=True)
class Symbols:
    """Circles sized by a count (``values`` by child code) on the children of ``code``."""

    name: str
    code: str
    values: dict[str, float | None]
    title: str
    unit: str


@dataclass(frozen=True)
class Bars:
    """Horizontal bars, each with its value.

    ``kind`` chooses the layout: ``breakdown`` (categories of one figure, largest first),
    ``benchmark`` (the territory ``highlight`` among its siblings) or ``ranking`` (every
    territory of a level, for the comparison report). ``change`` formats the values as
    changes in percent, else in ``unit``; ``reference`` is a dashed line at a value with
    its label.
    """

    name: str
    kind: BarsKind
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    unit: str
    change: bool = False
    highlight: str | None = None
    reference: tuple[str, float] | None = None


@dataclass(frozen=True)
class LevelMap:
    """Territories of one level coloured by a measure: one map per year of ``years`` with
    the same classes (``values[i]`` by code for ``years[i]``), one legend; codes written on
    the units when ``label_codes``."""

    name: str
    level: str
    codes: tuple[str, ...]
    years: tuple[int, ...]
    values: tuple[dict[str, float | None], ...]
    unit: str
    change: bool
    legend_title: str
    label_codes: bool


@dataclass(frozen=True)
class ReferenceMap:
    """The compared territories of ``level`` within the country, each with its code when
    ``label_codes``; all of one colour when the whole level is compared."""

    name: str
    level: str
    codes: tuple[str, ...]
    whole_level: bool
    label_codes: bool


FigureSpec = Locator | Choropleth | Symbols | Bars | LevelMap | ReferenceMap


@dataclass
class Drawings:
    """What drawing the specs gave: each figure's bytes by name, and the numbered units of
    the maps that number them (``keys[name]`` = ``[(1, "Name"), …]``)."""

    files: dict[str, bytes] = field(default_factory=dict)
    keys: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    charts: dict[str, object] = field(default_factory=dict)  # figures.bars.BarChart by name
