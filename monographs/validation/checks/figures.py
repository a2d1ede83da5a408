"""Checks of each figure: a known territory, indicator and source, a number, a year, a
plausible value; and the same figure given twice."""

from __future__ import annotations

from collections.abc import Iterator

from monographs.atlas import Atlas
from monographs.atlas.tables import FILE, ROW
from monographs.problems import Problem
from monographs.validation.checks._common import rows, units

YEAR_MIN, YEAR_MAX = 1900, 2100
VALUE_MAX = 1e15  # no count or rate of a territory comes near; larger is a typing slip


def check_figures(atlas: Atlas) -> Iterator[Problem]:
    """Each figure: known territory, number, year, source; plausible value."""
    f = atlas.figures
    col = atlas.column_label
    unit_of = units(atlas, f)
    value = f["value"]
    year = f["year"]
    checks = [
        (
            f["territory_code"] == "",
            lambda r: Problem(
                "missing-code",
                "this figure has no territory code",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "territory_code"),
                hint="Give the code of the territory the figure is about (from the "
                "territories table), or delete the row.",
            ),
        ),
        (
            (f["indicator"] == "") & (f["territory_code"] != ""),
            lambda r: Problem(
                "missing-code",
                "this figure has no indicator",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "indicator"),
                hint="Give the indicator's id from the catalogue, e.g. foreign_residents.",
            ),
        ),
        (
            (f["territory_code"] != "") & ~f["territory_code"].isin(atlas.territories.index),
            lambda r: Problem(
                "unknown-territory",
                f"unknown territory code `{r['territory_code']}`",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "territory_code"),
                value=r["territory_code"],
                hint="Use a code from the territories table (codes are text: keep leading zeros).",
            ),
        ),
        (
            f["source_id"] == "",
            lambda r: Problem(
                "missing-source",
                "this figure has no source",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "source_id"),
                hint="Every figure needs a source: add its id from the sources table (for a "
                "wide table, `source` in its [[wide]] section).",
            ),
        ),
        (
            (f["source_id"] != "") & ~f["source_id"].isin(atlas.sources.index),
            lambda r: Problem(
                "unknown-source",
                f"unknown source `{r['source_id']}`",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "source_id"),
                value=r["source_id"],
                hint="Add the source to the sources table, or fix the id.",
            ),
        ),
        (
            (f["indicator"] != "") & ~f["indicator"].isin(atlas.catalogue.index),
            lambda r: Problem(
                "unknown-indicator",
                f"indicator `{r['indicator']}` is not in the catalogue",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "indicator"),
                value=r["indicator"],
                hint="Add it to the catalogue, with its unit.",
            ),
        ),
        (
            value.isna(),
            lambda r: Problem(
                "not-a-number",
                f"`{r['value_text']}` is not a number",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "value"),
                value=r["value_text"],
                hint="Write the number alone, e.g. 23096 or 23 096 or 83,5.",
            ),
        ),
        (
            unit_of.isin(["people", "households"]) & (value < 0),
            lambda r: Problem(
                "negative-count",
                f"a count cannot be negative ({r['value_text']})",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "value"),
                value=r["value_text"],
                hint="Check the sign, or use a `_change` indicator for changes.",
            ),
        ),
        (
            (unit_of == "percent")
            & ~f["indicator"].str.contains("change")
            & ((value < 0) | (value > 100)),
            lambda r: Problem(
                "share-outside-0-100",
                f"a share must lie between 0 and 100, this one is {r['value_text']}",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "value"),
                value=r["value_text"],
                hint="Write shares in percent (83,5 for 83.5 %).",
            ),
        ),
        (
            value.abs() > VALUE_MAX,
            lambda r: Problem(
                "implausible-value",
                f"{r['value_text']} is implausibly large for a territory's figure",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "value"),
                value=r["value_text"],
                hint="Check for a slip (extra digits, exponent) and write the plain number.",
            ),
        ),
        (
            year.isna() | (year < YEAR_MIN).fillna(False) | (year > YEAR_MAX).fillna(False),
            lambda r: Problem(
                "bad-year",
                f"`{r['year_text']}` is not a year between {YEAR_MIN} and {YEAR_MAX}",
                file=r[FILE],
                row=r[ROW],
                column=col(r, "year"),
                value=r["year_text"],
                hint="Write the year as four digits.",
            ),
        ),
    ]
    found: list[tuple[int, int, Problem]] = []
    for order, (mask, make) in enumerate(checks):
        for row in rows(f, mask.fillna(False).astype(bool)):
            found.append((int(row[ROW]), order, make(row)))
    for _row, _order, problem in sorted(found, key=lambda t: (t[0], t[1])):
        yield problem


def check_duplicates(atlas: Atlas) -> Iterator[Problem]:
    """The same figure twice from the same source."""
    f = atlas.figures
    key = ["territory_code", "indicator", "year_text", "dimension", "source_id"]
    dup = f.duplicated(key, keep="first")
    for row in rows(f, dup):
        yield Problem(
            "duplicate-figure",
            f"`{row['indicator']}` {row['year_text']} for "
            f"`{row['territory_code']}` from `{row['source_id']}` is given twice",
            severity="warning",
            file=row[FILE],
            row=int(row[ROW]),
            column=atlas.column_label(row, "value"),
            value=row["value_text"],
            hint="Keep one row; if the source itself gives two values, say which in "
            "`note` and give them different dimensions.",
        )
