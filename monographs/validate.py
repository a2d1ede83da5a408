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
from monographs.tables import FILE, ROW

Check = Callable[[Atlas], Iterable[Problem]]
CHECKS: dict[str, Check] = {}

YEAR_MIN, YEAR_MAX = 1900, 2100
VALUE_MAX = 1e15  # no count or rate of a territory comes near; larger is a typing slip
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


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
    units = f["indicator"].map(atlas.catalogue["unit"].to_dict()).fillna("")
    value = f["value"]
    year = f["year"]
    checks = [
        (~f["territory_code"].isin(atlas.territories.index), lambda r: Problem(
            "unknown-territory", f"unknown territory code `{r['territory_code']}`", file=r[FILE],
            row=r[ROW], column="territory_code", value=r["territory_code"],
            hint="Use a code from the territories table (codes are text: keep leading "
                 "zeros).")),
        (f["source_id"] == "", lambda r: Problem(
            "missing-source", "this figure has no source", file=r[FILE], row=r[ROW],
            column="source_id",
            hint="Every figure needs a source: add its id from the sources table.")),
        ((f["source_id"] != "") & ~f["source_id"].isin(atlas.sources.index), lambda r: Problem(
            "unknown-source", f"unknown source `{r['source_id']}`", file=r[FILE], row=r[ROW],
            column="source_id", value=r["source_id"],
            hint="Add the source to the sources table, or fix the id.")),
        (~f["indicator"].isin(atlas.catalogue.index), lambda r: Problem(
            "unknown-indicator", f"indicator `{r['indicator']}` is not in the catalogue",
            file=r[FILE], row=r[ROW], column="indicator", value=r["indicator"],
            hint="Add it to the catalogue, with its unit.")),
        (value.isna(), lambda r: Problem(
            "not-a-number", f"`{r['value_text']}` is not a number", file=r[FILE], row=r[ROW],
            column="value", value=r["value_text"],
            hint="Write the number alone, e.g. 23096 or 23 096 or 83,5.")),
        (units.isin(["people", "households"]) & (value < 0), lambda r: Problem(
            "negative-count", f"a count cannot be negative ({r['value_text']})", file=r[FILE],
            row=r[ROW], column="value", value=r["value_text"],
            hint="Check the sign, or use a `_change` indicator for changes.")),
        ((units == "percent") & ~f["indicator"].str.contains("change")
         & ((value < 0) | (value > 100)), lambda r: Problem(
            "share-outside-0-100", f"a share must lie between 0 and 100, this one is "
            f"{r['value_text']}", file=r[FILE], row=r[ROW], column="value",
            value=r["value_text"], hint="Write shares in percent (83,5 for 83.5 %).")),
        (value.abs() > VALUE_MAX, lambda r: Problem(
            "implausible-value", f"{r['value_text']} is implausibly large for a territory's "
            "figure", file=r[FILE], row=r[ROW], column="value", value=r["value_text"],
            hint="Check for a slip (extra digits, exponent) and write the plain number.")),
        (year.isna() | (year < YEAR_MIN).fillna(False) | (year > YEAR_MAX).fillna(False),
         lambda r: Problem(
            "bad-year", f"`{r['year_text']}` is not a year between {YEAR_MIN} and {YEAR_MAX}",
            file=r[FILE], row=r[ROW], column="year", value=r["year_text"],
            hint="Write the year as four digits.")),
    ]
    found: list[tuple[int, int, Problem]] = []
    for order, (mask, make) in enumerate(checks):
        for row in _rows(f, mask.fillna(False).astype(bool)):
            found.append((int(row[ROW]), order, make(row)))
    for _row, _order, problem in sorted(found, key=lambda t: (t[0], t[1])):
        yield problem


@check("duplicates")
def check_duplicates(atlas: Atlas) -> Iterator[Problem]:
    """The same figure twice from the same source."""
    f = atlas.figures
    key = ["territory_code", "indicator", "year_text", "dimension", "source_id"]
    dup = f.duplicated(key, keep="first")
    for row in _rows(f, dup):
        yield Problem("duplicate-figure", f"`{row['indicator']}` {row['year_text']} for "
                      f"`{row['territory_code']}` from `{row['source_id']}` is given twice",
                      severity="warning", file=row[FILE], row=int(row[ROW]),
                      column="value", value=row["value_text"],
                      hint="Keep one row; if the source itself gives two values, say which in "
                           "`note` and give them different dimensions.")


@check("control-characters")
def check_control_characters(atlas: Atlas) -> Iterator[Problem]:
    """Invisible control characters (NUL, bell…) in names and titles."""
    for frame in (atlas.territories, atlas.sources):
        for col in [c for c in frame.columns if c.startswith("name_") or c == "title"]:
            bad = frame[col].astype(str).str.contains(_CONTROL, regex=True)
            for row in _rows(frame, bad):
                yield Problem(
                    "control-character", f"`{col}` holds invisible control characters",
                    file=row[FILE], row=int(row[ROW]), column=col,
                    value=repr(row[col])[1:-1][:80],
                    hint="Retype the cell; such characters usually come from a bad copy.")


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
        yield from atlas.boundary_problems.get(level, [])
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
from monographs import checks_inputs  # noqa: E402, F401  (registers its checks)
