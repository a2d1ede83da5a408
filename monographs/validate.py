"""Checking an atlas: small registered checks, each yielding problems.

The built-in checks use the same registry a user's would::

    @check("my-check")
    def my_check(atlas):
        yield Problem(...)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from monographs.atlas import Atlas
from monographs.problems import Problem, Report
from monographs.tables import ROW

Check = Callable[[Atlas], Iterable[Problem]]
CHECKS: dict[str, Check] = {}

YEAR_MIN, YEAR_MAX = 1900, 2100


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under a name (decorator)."""

    def register(func: Check) -> Check:
        CHECKS[name] = func
        return func

    return register


def validate(atlas: Atlas, checks: Iterable[str] | None = None) -> Report:
    """Run the registered checks on an atlas.

    Returns a :class:`Report` holding the problems met while loading and those the checks
    found. ``report.valid`` is False when any is an error.
    """
    report = Report(list(atlas.problems))
    for name in checks or list(CHECKS):
        report.add(CHECKS[name](atlas))
    return report


def _rows(frame: pd.DataFrame, mask: pd.Series) -> Iterator[pd.Series]:
    for _, row in frame.loc[mask].iterrows():
        yield row


@check("territories")
def check_territories(atlas: Atlas) -> Iterator[Problem]:
    """Levels known, parents present, one top, no cycle, no duplicate code."""
    t = atlas.territories
    file = atlas.file_label("territories")
    levels = atlas.config.levels
    for row in _rows(t, ~t["level"].isin(levels)):
        yield Problem("unknown-level", f"territory `{row['code']}` has level `{row['level']}`, "
                      "which atlas.toml does not list", file=file, row=row[ROW],
                      column="level", value=row["level"],
                      hint=f"Use one of: {', '.join(levels)}; or add the level to `levels`.")
    top = levels[0] if levels else ""
    for row in _rows(t, (t["level"] != top) & ~t["parent_code"].isin(t.index)):
        yield Problem("unknown-parent", f"territory `{row['code']}` has parent "
                      f"`{row['parent_code']}`, which is not a territory", file=file,
                      row=row[ROW], column="parent_code", value=row["parent_code"],
                      hint="Give the code of an existing territory one level up.")
    rank = {lv: i for i, lv in enumerate(levels)}
    for row in _rows(t, t["parent_code"].isin(t.index) & t["level"].isin(levels)):
        parent_level = t.at[row["parent_code"], "level"]
        if parent_level in rank and rank[parent_level] >= rank[row["level"]]:
            yield Problem("parent-level", f"territory `{row['code']}` ({row['level']}) has "
                          f"parent `{row['parent_code']}` ({parent_level}), which is not a "
                          "level above", file=file, row=row[ROW], column="parent_code",
                          value=row["parent_code"], hint="A parent must be at a higher level.")
    parents = dict(zip(t.index, t["parent_code"], strict=True))
    in_cycle: set[str] = set()
    for start in parents:
        seen: list[str] = []
        code = start
        while code in parents and code not in seen:
            seen.append(code)
            code = parents[code]
        if code in seen and code not in in_cycle:
            cycle = seen[seen.index(code):]
            in_cycle.update(cycle)
            yield Problem("cyclic-hierarchy", "the hierarchy loops: "
                          + " → ".join([*cycle, code]), file=file,
                          row=int(t.at[code, ROW]), column="parent_code", value=code,
                          hint="Each territory's parent must lead up to the top territory.")
    tops = t.index[t["level"] == top]
    if len(tops) != 1:
        yield Problem("top-territory", f"there must be one territory of level `{top}`, "
                      f"there are {len(tops)}", file=file, column="level",
                      hint="Add one row for the whole country, with parent_code empty.")


@check("figures")
def check_figures(atlas: Atlas) -> Iterator[Problem]:
    """Each figure: known territory, number, year, source; plausible value."""
    f = atlas.figures
    file = atlas.file_label("figures")
    known_sources = set(atlas.sources.index)
    units = atlas.catalogue["unit"].to_dict()
    for _, row in f.iterrows():
        r = int(row[ROW])
        if row["territory_code"] not in atlas.territories.index:
            yield Problem("unknown-territory", f"unknown territory code "
                          f"`{row['territory_code']}`", file=file, row=r,
                          column="territory_code", value=row["territory_code"],
                          hint="Use a code from the territories table (codes are text: "
                               "keep leading zeros).")
        if not row["source_id"]:
            yield Problem("missing-source", "this figure has no source", file=file, row=r,
                          column="source_id",
                          hint="Every figure needs a source: add its id from the sources table.")
        elif row["source_id"] not in known_sources:
            yield Problem("unknown-source", f"unknown source `{row['source_id']}`", file=file,
                          row=r, column="source_id", value=row["source_id"],
                          hint="Add the source to the sources table, or fix the id.")
        if row["indicator"] not in units:
            yield Problem("unknown-indicator", f"indicator `{row['indicator']}` is not in the "
                          "catalogue", file=file, row=r, column="indicator",
                          value=row["indicator"], hint="Add it to the catalogue, with its unit.")
        value = row["value"]
        if pd.isna(value):
            yield Problem("not-a-number", f"`{row['value_text']}` is not a number", file=file,
                          row=r, column="value", value=row["value_text"],
                          hint="Write the number alone, e.g. 23096 or 23 096 or 83,5.")
        else:
            unit = units.get(row["indicator"], "")
            if unit in {"people", "households"} and value < 0:
                yield Problem("negative-count", f"a count cannot be negative ({row['value_text']})",
                              file=file, row=r, column="value", value=row["value_text"],
                              hint="Check the sign, or use a `_change` indicator for changes.")
            if unit == "percent" and not row["indicator"].endswith("_change_pct") \
                    and not 0 <= value <= 100:
                yield Problem("share-outside-0-100", f"a share must lie between 0 and 100, "
                              f"this one is {row['value_text']}", file=file, row=r,
                              column="value", value=row["value_text"],
                              hint="Write shares in percent (83,5 for 83.5 %).")
        year = row["year"]
        if pd.isna(year) or not YEAR_MIN <= int(year) <= YEAR_MAX:
            yield Problem("bad-year", f"`{row['year_text']}` is not a year between {YEAR_MIN} "
                          f"and {YEAR_MAX}", file=file, row=r, column="year",
                          value=row["year_text"], hint="Write the year as four digits.")


@check("duplicates")
def check_duplicates(atlas: Atlas) -> Iterator[Problem]:
    """The same figure twice from the same source."""
    f = atlas.figures
    key = ["territory_code", "indicator", "year_text", "dimension", "source_id"]
    dup = f.duplicated(key, keep="first")
    for row in _rows(f, dup):
        yield Problem("duplicate-figure", f"`{row['indicator']}` {row['year_text']} for "
                      f"`{row['territory_code']}` from `{row['source_id']}` is given twice",
                      severity="warning", file=atlas.file_label("figures"), row=int(row[ROW]),
                      column="value", value=row["value_text"],
                      hint="Keep one row; if the source itself gives two values, say which in "
                           "`note` and give them different dimensions.")


@check("sources")
def check_sources(atlas: Atlas) -> Iterator[Problem]:
    """Every source has a title."""
    s = atlas.sources
    for row in _rows(s, s["title"] == ""):
        yield Problem("source-without-title", f"source `{row['id']}` has no title",
                      file=atlas.file_label("sources"), row=int(row[ROW]), column="title",
                      hint="Give the title the annex will cite.")


@check("catalogue")
def check_catalogue(atlas: Atlas) -> Iterator[Problem]:
    """Known units and aggregation rules."""
    c = atlas.catalogue
    units = {"people", "households", "percent", "persons_per_household", "number", "ratio"}
    for row in _rows(c, ~c["unit"].isin(units)):
        yield Problem("unknown-unit", f"indicator `{row['id']}` has unit `{row['unit']}`",
                      file=atlas.file_label("catalogue"), row=int(row[ROW]), column="unit",
                      value=row["unit"], hint=f"Use one of: {', '.join(sorted(units))}.")


@check("boundaries")
def check_boundaries(atlas: Atlas) -> Iterator[Problem]:
    """Territories without a boundary and boundaries without a territory, per level."""
    for level, spec in atlas.config.boundaries.items():
        frame = atlas.boundaries(level)
        if frame is None:
            continue
        label = str(spec.file.relative_to(atlas.root)) if spec.file.is_relative_to(atlas.root) \
            else str(spec.file)
        codes = set(atlas.at_level(level))
        have = set(frame.index)
        missing = sorted(codes - have)
        extra = sorted(have - codes)
        if missing:
            yield Problem("territory-without-boundary",
                          f"{len(missing)} territor{'ies' if len(missing) > 1 else 'y'} of level "
                          f"`{level}` ha{'ve' if len(missing) > 1 else 's'} no boundary: "
                          + ", ".join(missing[:10]) + (" …" if len(missing) > 10 else ""),
                          severity="warning", file=label, column=spec.code_column,
                          value=missing[0], hint="They are shown without a map.")
        if extra:
            yield Problem("boundary-without-territory",
                          f"{len(extra)} boundar{'ies' if len(extra) > 1 else 'y'} of level "
                          f"`{level}` match no territory: " + ", ".join(extra[:10])
                          + (" …" if len(extra) > 10 else ""), severity="warning", file=label,
                          column=spec.code_column, value=extra[0],
                          hint="Check the codes in the boundary file against the territories.")
