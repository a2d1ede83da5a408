"""Tables as people have them: their own column names, and figures laid out wide.

``[columns.TABLE]`` in atlas.toml maps our column names to the atlas's
(``territory_code = "Code commune"``); ``[[wide]]`` tables hold one column per indicator
and year (``foreigners_2014``, ``foreigners_2024``) and are turned into tidy figures, one
row per number, each remembering the file, row and column it came from.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import regex  # the `timeout` argument: a user's pattern cannot run for ever

from monographs.atlas.config import CONFIG_FILE, Limits, WideSpec, file_label
from monographs.atlas.tables import FILE, ROW, TableRefused, read_table
from monographs.problems import Problem

VALUE_COLUMN = "_value_column"  # in figures: the column a value was read from
# columns any table may carry in several languages (name_fr, label_en…)
LANGUAGE_PREFIXES = ("name_", "label_", "definition_", "source_note_", "achievements_")


def visible_columns(frame: pd.DataFrame) -> str:
    """The columns of a table as a person sees them (not the internal ones)."""
    return ", ".join(f"`{c}`" for c in frame.columns if not str(c).startswith("_")) or "none"


def rename_columns(
    frame: pd.DataFrame, mapping: dict[str, str], table: str, known: tuple[str, ...], label: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Rename the atlas's columns to ours following ``[columns.TABLE]``.

    ``mapping`` is ours → theirs. A key that is not one of our columns, or a column the
    table does not have, is a problem naming both.
    """
    problems: list[Problem] = []
    renames: dict[str, str] = {}
    for ours, theirs in mapping.items():
        if ours not in known and not ours.startswith(LANGUAGE_PREFIXES):
            problems.append(
                Problem(
                    "unknown-mapped-column",
                    f"`columns.{table}.{ours}`: the {table} table has no column `{ours}` to map",
                    file=CONFIG_FILE,
                    column=f"columns.{table}.{ours}",
                    value=ours,
                    hint=f"Map one of: {', '.join(known)} (or name_<lang>, label_<lang>).",
                )
            )
            continue
        if theirs not in frame.columns:
            problems.append(
                Problem(
                    "mapped-column-missing",
                    f"`{theirs}` (mapped to `{ours}` in atlas.toml) is not a column of this table",
                    file=label,
                    column=theirs,
                    value=theirs,
                    hint=f"Columns found: {visible_columns(frame)}. Fix "
                    f"`columns.{table}.{ours}` in atlas.toml.",
                )
            )
            continue
        renames[theirs] = ours
    if renames:
        clash = [ours for ours in renames.values() if ours in frame.columns and ours not in renames]
        frame = frame.drop(columns=clash).rename(columns=renames)
    return frame, problems


def mapped_name(mapping: dict[str, str], column: str) -> str:
    """The atlas's name of one of our columns (itself when not mapped)."""
    return mapping.get(column, column)


def _wide_targets(
    spec: WideSpec, frame: pd.DataFrame, label: str, limits: Limits
) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """Which columns hold figures, and what each holds (indicator, year, dimension, source)."""
    problems: list[Problem] = []
    targets: dict[str, dict[str, str]] = {}
    where = f"wide[{spec.index}]"
    for col, target in spec.columns.items():
        if col not in frame.columns:
            problems.append(
                Problem(
                    "mapped-column-missing",
                    f"`{col}` (named in `{where}.columns` in atlas.toml) "
                    "is not a column of this table",
                    file=label,
                    column=col,
                    value=col,
                    hint=f"Columns found: {visible_columns(frame)}. Fix the name in atlas.toml.",
                )
            )
            continue
        targets[col] = {
            "indicator": str(target["indicator"]),
            "year": str(target["year"]),
            "dimension": str(target.get("dimension", spec.dimension)),
            "source_id": str(target.get("source", spec.source)),
            "note": str(target.get("note", spec.note)),
        }
    if spec.pattern:
        compiled = regex.compile(spec.pattern)
        deadline = time.monotonic() + limits.max_pattern_seconds
        for col in frame.columns:
            if col in targets or col == spec.territory or str(col).startswith("_"):
                continue
            try:  # a pattern that backtracks without end (ReDoS) is stopped, and named
                match = compiled.fullmatch(str(col), timeout=max(deadline - time.monotonic(), 0))
            except TimeoutError:
                problems.append(
                    Problem(
                        "pattern-too-slow",
                        f"`{where}.pattern` took over {limits.max_pattern_seconds:g} s to "
                        f"match the column names (stopped at `{str(col)[:40]}`)",
                        file=CONFIG_FILE,
                        column=f"{where}.pattern",
                        value=spec.pattern[:80],
                        hint="Simplify the pattern: a group repeated inside a repeated group "
                        "(`(a+)+`) makes matching take for ever; e.g. "
                        '"(?P<indicator>[a-z_]+)_(?P<year>\\d{4})".',
                    )
                )
                return targets, problems
            if not match:
                continue
            groups = match.groupdict()
            indicator = spec.indicators.get(groups["indicator"], groups["indicator"])
            targets[col] = {
                "indicator": indicator,
                "year": groups["year"],
                "dimension": groups.get("dimension") or spec.dimension,
                "source_id": spec.source,
                "note": spec.note,
            }
        if not targets:
            problems.append(
                Problem(
                    "wide-no-columns",
                    f"no column of this table matches `{where}.pattern`",
                    file=label,
                    column="",
                    value=spec.pattern,
                    hint=f"Columns found: {visible_columns(frame)}. Adjust the pattern, or "
                    "list the columns under `columns`.",
                )
            )
    return targets, problems


def read_wide(
    spec: WideSpec, root: Path, max_bytes: int | None = None, limits: Limits | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a wide figures table as tidy figures (text cells, like the figures table).

    Each non-empty cell of a figure column becomes one row: ``territory_code`` from the
    ``territory`` column, indicator/year/dimension/source from the mapping, and the
    hidden columns ``_file``, ``_row`` and ``_value_column`` saying where it was read.
    """
    label = file_label(spec.file, root)
    columns = [
        "territory_code",
        "indicator",
        "year",
        "dimension",
        "value",
        "source_id",
        "note",
        ROW,
        FILE,
        VALUE_COLUMN,
    ]
    empty = pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    if not spec.file.is_file():
        return empty, [
            Problem(
                "missing-file",
                f"the wide figures table `{label}` is missing",
                file=label,
                hint=f"Create it or fix `wide[{spec.index}].file` in atlas.toml.",
            )
        ]
    try:
        frame = read_table(
            spec.file,
            sheet=spec.sheet if spec.sheet is not None else 0,
            max_bytes=max_bytes,
            header_row=spec.header_row,
            limits=limits,
            label=label,
        )
    except TableRefused as exc:
        return empty, [exc.problem]
    problems: list[Problem] = list(frame.attrs.pop("problems", []))
    if spec.territory not in frame.columns:
        problems.append(
            Problem(
                "mapped-column-missing",
                f"`{spec.territory}` (the territory column of "
                f"`wide[{spec.index}]` in atlas.toml) is not a column of this table",
                file=label,
                column=spec.territory,
                value=spec.territory,
                hint=f"Columns found: {visible_columns(frame)}. Set `wide[{spec.index}]."
                "territory` to the column holding the territory codes.",
            )
        )
        return empty, problems
    targets, found = _wide_targets(spec, frame, label, limits or Limits())
    problems += found
    parts = []
    for col, target in targets.items():
        cells = frame[[spec.territory, col, ROW]].rename(
            columns={spec.territory: "territory_code", col: "value"}
        )
        cells = cells.loc[cells["value"] != ""].copy()
        for key, value in target.items():
            cells[key] = value
        cells[VALUE_COLUMN] = col
        parts.append(cells)
    if not parts:
        return empty, problems
    tidy = pd.concat(parts, ignore_index=True)
    tidy[FILE] = label
    return tidy[columns].sort_values([ROW, VALUE_COLUMN], kind="stable"), problems
