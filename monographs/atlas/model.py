"""An atlas in memory: its configuration, its tables (pandas, text cells) and its boundaries,
with the look-ups every stage asks of it (a territory's level, name, parent, children)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from monographs.atlas.config import AtlasConfig, file_label
from monographs.atlas.mappings import VALUE_COLUMN
from monographs.atlas.tables import FILE
from monographs.errors import AtlasError, InputRefused, MonographError
from monographs.problems import Problem, Report

if TYPE_CHECKING:
    import geopandas as gpd


@dataclass
class Atlas:
    """An atlas in memory: its configuration, tables (pandas, text cells) and boundaries.

    ``figures`` has a float ``value`` column (NaN where the cell is not a number) and an
    int ``year`` column; ``problems`` holds what loading met.
    """

    config: AtlasConfig
    territories: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    catalogue: pd.DataFrame
    programmes: pd.DataFrame
    actors: pd.DataFrame
    problems: Report = field(default_factory=Report)
    boundary_problems: dict[str, list[Problem]] = field(default_factory=dict, repr=False)
    join_reports: dict[str, list] = field(default_factory=dict, repr=False)
    column_maps: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    _boundaries: dict[str, gpd.GeoDataFrame | None] = field(default_factory=dict, repr=False)

    @property
    def root(self) -> Path:
        """The atlas folder."""
        return self.config.root

    def command(self, verb: str, *words: str) -> str:
        """A command line to print in a hint, that works as printed: ``monographs list
        --atlas DIR --search NAME`` (without ``--atlas`` for the default atlas)."""
        import shlex

        from monographs.resources import DEFAULT_ATLAS

        line = ["monographs", verb]
        if self.root != Path(DEFAULT_ATLAS).resolve():
            line += ["--atlas", shlex.quote(str(self.root))]
        return " ".join([*line, *words])

    def file_label(self, table: str) -> str:
        """A table's file name relative to the atlas, as problems name it."""
        return file_label(self.config.tables[table], self.root)

    def column_label(self, row: pd.Series, column: str) -> str:
        """The name the atlas's own file gives ``column`` for a record (after a mapping
        in ``[columns.TABLE]`` or a wide table, where the value's column is its header)."""
        value_column = row.get(VALUE_COLUMN, "")
        if isinstance(value_column, str) and value_column and column != "territory_code":
            return value_column
        return self.column_maps.get(str(row.get(FILE, "")), {}).get(column, column)

    def level_of(self, code: str) -> str:
        """The level of a territory."""
        return str(self.territories.at[code, "level"])

    def kind_of(self, code: str) -> str:
        """A territory's ``kind`` as the territories table writes it (``prefecture``,
        ``rural``…); "" when the table has no kind column."""
        return str(self.territories.at[code, "kind"]) if "kind" in self.territories else ""

    def name(self, code: str, lang: str | None = None) -> str:
        """A territory's name in a language (the atlas's when None); when the atlas has
        none in that language, its name in the atlas's languages, then French, English,
        Arabic; else its code."""
        return self.named(code, lang)[0]

    def named(self, code: str, lang: str | None = None) -> tuple[str, str]:
        """A territory's name and the language it is in (see :meth:`name`); the code and
        ``""`` when the atlas has no name for it at all."""
        row = self.territories.loc[code]
        for lg in (lang or self.config.language, *self.config.languages, "fr", "en", "ar"):
            value = row.get(f"name_{lg}", "")
            if isinstance(value, str) and value:
                return value, lg
        return code, ""

    def parent(self, code: str) -> str | None:
        """The parent's code, or None at the top."""
        parent = self.territories.at[code, "parent_code"]
        return parent if parent in self.territories.index else None

    def children(self, code: str) -> list[str]:
        """The codes of a territory's children, sorted."""
        return sorted(self.territories.index[self.territories["parent_code"] == code])

    def has_boundary(self, code: str) -> bool:
        """True when the territory's level has boundaries and one of them is its own."""
        bounds = self.boundaries(self.level_of(code))
        return bounds is not None and code in bounds.index

    def mapped_children(self, code: str) -> list[str]:
        """The children of ``code`` that have a boundary (sorted); empty when they have
        none, or their level has no boundaries."""
        children = self.children(code)
        if not children:
            return []
        bounds = self.boundaries(self.level_of(children[0]))
        if bounds is None:
            return []
        return [c for c in children if c in bounds.index]

    def neighbours(self, code: str, tolerance: float = 0.002) -> list[str]:
        """The territories of ``code``'s level whose boundary touches its own, sorted.

        Simplified boundaries may leave slivers between units that share a border, so a
        unit counts as touching when it comes within ``tolerance`` times the diagonal of
        ``code``'s bounding box. Empty when the territory has no boundary. The spatial index
        of the level's boundaries keeps this to the units near the territory.
        """
        bounds = self.boundaries(self.level_of(code))
        if bounds is None or code not in bounds.index:
            return []
        shape = bounds.geometry[code]
        minx, miny, maxx, maxy = shape.bounds
        reach = tolerance * ((maxx - minx) ** 2 + (maxy - miny) ** 2) ** 0.5
        near = bounds.sindex.query(shape.buffer(reach), predicate="intersects")
        return sorted(str(c) for c in bounds.index[near] if c != code)

    def at_level(self, level: str) -> list[str]:
        """The codes of a level, sorted."""
        return sorted(self.territories.index[self.territories["level"] == level])

    def level_or_default(self, level: str | None) -> str:
        """``level`` when the atlas has it, else (None) the level under the top one (the
        regions of a country).

        Raises
        ------
        MonographError
            For a level the atlas does not list, naming those it does.
        """
        if level is None:
            return self.config.levels[1]
        if level not in self.config.levels:
            raise MonographError(
                f"unknown level `{level}`.",
                f"Levels of this atlas: {', '.join(self.config.levels)}.",
            )
        return level

    @cached_property
    def top(self) -> str:
        """The code of the top territory (the country)."""
        tops = self.at_level(self.config.levels[0])
        if len(tops) != 1:
            raise AtlasError(
                f"the atlas must have exactly one territory at the top level "
                f"`{self.config.levels[0]}`, it has {len(tops)}.",
                "Add one row for the country in territories, parent_code left empty.",
            )
        return tops[0]

    def boundaries(self, level: str) -> gpd.GeoDataFrame | None:
        """The boundaries of a level, in EPSG:4326, indexed by territory code (cached).

        None when the atlas gives no boundaries for that level, or its file was refused
        (``boundary_problems[level]`` then says why: a FIFO, a VRT, a linked CRS…).
        """
        if level in self._boundaries:
            return self._boundaries[level]
        try:
            return self._read_boundaries(level)
        except InputRefused as exc:
            self.boundary_problems[level] = [exc.problem]
            self._boundaries[level] = None
            return None

    def _read_boundaries(self, level: str) -> gpd.GeoDataFrame | None:
        spec = self.config.boundaries.get(level)
        if spec is None:
            return None
        from monographs.atlas.boundaries import read_boundaries
        from monographs.atlas.joining import join_by_name, match_codes

        by_name = bool(spec.name_column)  # no codes in the file: names, joined to codes
        frame, problems = read_boundaries(
            spec,
            level,
            self.root,
            self.config.max_boundary_bytes,
            self.config.max_vertices_per_level,
            by_name=by_name,
        )
        features = frame.attrs.pop("features", {})
        if by_name:
            frame, records = join_by_name(frame, self, level, str(spec.name_column))
        else:
            records = match_codes(features, self, level, spec.code_column)
        self.join_reports[level] = records
        self.boundary_problems[level] = problems
        self._boundaries[level] = frame
        return frame
