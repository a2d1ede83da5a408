"""The atlas configuration (``atlas.toml``): what the tables and boundaries are, and how
the reports are made. Unknown keys are reported, never ignored."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monographs.errors import AtlasError
from monographs.problems import Problem

CONFIG_FILE = "atlas.toml"

_TOP_KEYS = {
    "title", "country", "edition", "languages", "levels", "level_names", "tables",
    "boundaries", "selection", "branding", "report", "limits",
}
_TABLE_KEYS = {"territories", "figures", "sources", "catalogue", "programmes", "actors", "aliases",
               "narratives", "collected"}
_BOUNDARY_KEYS = {"file", "layer", "code_column", "crs"}
_SELECTION_KEYS = {"prefer"}
_BRANDING_KEYS = {"colour", "accent", "logo", "publisher"}
_REPORT_KEYS = {"map_indicator", "sub_map_indicator"}
_LIMIT_KEYS = {"max_table_bytes", "max_boundary_bytes"}


@dataclass(frozen=True)
class BoundarySpec:
    """Where a level's boundaries are: a file (any OGR format), a layer, the code column."""

    file: Path
    layer: str | None = None
    code_column: str = "code"
    crs: str | None = None


@dataclass(frozen=True)
class AtlasConfig:
    """The parsed ``atlas.toml``. Paths are absolute."""

    root: Path
    title: str
    country: str
    edition: str
    languages: list[str]
    levels: list[str]
    level_names: dict[str, dict[str, str]]
    tables: dict[str, Path]
    boundaries: dict[str, BoundarySpec]
    prefer_sources: list[str] = field(default_factory=list)
    branding: dict[str, str] = field(default_factory=dict)
    report: dict[str, str] = field(default_factory=dict)
    max_table_bytes: int = 200_000_000
    max_boundary_bytes: int = 500_000_000

    @property
    def language(self) -> str:
        """The atlas's default language (its first)."""
        return self.languages[0]

    def level_name(self, level: str, lang: str | None = None) -> str:
        """A level's name in a language, falling back to the level id."""
        names = self.level_names.get(lang or self.language) or {}
        return names.get(level, level)

    def sub_level(self, level: str) -> str | None:
        """The level below ``level``, or None for the lowest."""
        i = self.levels.index(level)
        return self.levels[i + 1] if i + 1 < len(self.levels) else None


def _unknown(section: str, data: dict[str, Any], allowed: set[str], file: str) -> list[Problem]:
    return [
        Problem(
            "unknown-config-key",
            f"unknown key `{section}{key}` in atlas.toml",
            file=file, column=f"{section}{key}", value=str(key),
            hint=f"Known keys here: {', '.join(sorted(allowed))}. Check the spelling.",
        )
        for key in data if key not in allowed
    ]


def _limit(limits: dict[str, Any], key: str, default: int, problems: list[Problem]) -> int:
    value = limits.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    problems.append(Problem(
        "bad-config-value", f"`limits.{key}` must be a number of bytes, not `{value}`",
        file=CONFIG_FILE, column=f"limits.{key}", value=str(value)[:80],
        hint=f"e.g. {key} = {default}"))
    return default


def load_config(root: Path) -> tuple[AtlasConfig, list[Problem]]:
    """Read ``root/atlas.toml``.

    Returns the configuration and the problems found in it (unknown keys, missing
    required keys). Raises :class:`AtlasError` when the file is missing or is not TOML.
    """
    root = Path(root).resolve()
    path = root / CONFIG_FILE
    if not path.is_file():
        raise AtlasError(
            f"{root}: no {CONFIG_FILE} here, so this is not an atlas folder.",
            "Point --atlas at a folder holding atlas.toml, or create one with "
            "`monographs init DIR`.",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AtlasError(f"{path}: not valid TOML ({exc}).",
                         "Fix the syntax at that line.") from exc

    name = CONFIG_FILE
    problems = _unknown("", data, _TOP_KEYS, name)
    for key in ("title", "levels"):
        if key not in data:
            problems.append(Problem("missing-config-key", f"atlas.toml has no `{key}`",
                                    file=name, column=key, hint=f"Add `{key} = …`."))
    def table_of(key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if isinstance(value, dict):
            return value
        problems.append(Problem(
            "bad-config-value", f"`{key}` must be a table (`[{key}]` followed by keys)",
            file=name, column=key, value=str(value)[:80],
            hint=f"Write it as a [{key}] section; see the README's atlas example."))
        return {}

    raw_levels = data.get("levels", [])
    if not isinstance(raw_levels, list):
        problems.append(Problem(
            "bad-config-value", "`levels` must be a list of level names, top first",
            file=name, column="levels", value=str(raw_levels)[:80],
            hint='e.g. levels = ["country", "region", "province"]'))
        raw_levels = []
    levels = [str(v) for v in raw_levels]
    if len(levels) < 2:
        problems.append(Problem(
            "too-few-levels", "`levels` must list at least two levels, top first",
            file=name, column="levels", hint='e.g. levels = ["country", "region", "province"]'))

    tables_raw = table_of("tables")
    problems += _unknown("tables.", tables_raw, _TABLE_KEYS, name)
    defaults = {"territories": "territories.csv", "figures": "figures.csv",
                "sources": "sources.csv", "catalogue": "catalogue.csv",
                "programmes": "programmes.csv", "actors": "actors.csv",
                "collected": "collected", "aliases": "aliases.csv"}
    tables = {k: root / str(v) for k, v in {**defaults, **tables_raw}.items()}

    boundaries: dict[str, BoundarySpec] = {}
    for level, spec in table_of("boundaries").items():
        if not isinstance(spec, dict):
            spec = {"file": spec}
        problems += _unknown(f"boundaries.{level}.", spec, _BOUNDARY_KEYS, name)
        if level not in levels:
            problems.append(Problem(
                "unknown-level", f"boundaries are given for `{level}`, which is not in `levels`",
                file=name, column=f"boundaries.{level}", value=level,
                hint=f"Use one of: {', '.join(levels)}."))
        if "file" not in spec:
            problems.append(Problem("missing-config-key", f"`boundaries.{level}` has no `file`",
                                    file=name, column=f"boundaries.{level}.file"))
            continue
        boundaries[level] = BoundarySpec(
            file=root / str(spec["file"]), layer=spec.get("layer"),
            code_column=str(spec.get("code_column", "code")), crs=spec.get("crs"))

    selection = table_of("selection")
    problems += _unknown("selection.", selection, _SELECTION_KEYS, name)
    branding = table_of("branding")
    problems += _unknown("branding.", branding, _BRANDING_KEYS, name)
    report = table_of("report")
    problems += _unknown("report.", report, _REPORT_KEYS, name)
    limits = table_of("limits")
    problems += _unknown("limits.", limits, _LIMIT_KEYS, name)

    config = AtlasConfig(
        root=root,
        title=str(data.get("title", "")),
        country=str(data.get("country", "")),
        edition=str(data.get("edition", "")),
        languages=[str(v) for v in data.get("languages", ["fr"])] or ["fr"],
        levels=levels,
        level_names={str(k): {str(a): str(b) for a, b in v.items()}
                     for k, v in table_of("level_names").items() if isinstance(v, dict)},
        tables=tables,
        boundaries=boundaries,
        prefer_sources=[str(v) for v in selection.get("prefer", [])],
        branding={str(k): str(v) for k, v in branding.items()},
        report={str(k): str(v) for k, v in report.items()},
        max_table_bytes=_limit(limits, "max_table_bytes", 200_000_000, problems),
        max_boundary_bytes=_limit(limits, "max_boundary_bytes", 500_000_000, problems),
    )
    return config, problems
