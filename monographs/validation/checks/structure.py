"""Checks of the tables' structure: the hierarchy, sources, the catalogue, names."""

from __future__ import annotations

from collections.abc import Iterator

from monographs.atlas import Atlas
from monographs.atlas.tables import FILE, ROW
from monographs.problems import Problem
from monographs.validation.checks._common import CONTROL, rows


def check_territories(atlas: Atlas) -> Iterator[Problem]:
    """Levels known, parents present, one top, no cycle, no duplicate code."""
    t = atlas.territories
    file = atlas.file_label("territories")
    levels = atlas.config.levels
    for row in rows(t, ~t["level"].isin(levels)):
        yield Problem(
            "unknown-level",
            f"territory `{row['code']}` has level `{row['level']}`, which atlas.toml does not list",
            file=file,
            row=row[ROW],
            column="level",
            value=row["level"],
            hint=f"Use one of: {', '.join(levels)}; or add the level to `levels`.",
        )
    top = levels[0] if levels else ""
    for row in rows(t, (t["level"] != top) & ~t["parent_code"].isin(t.index)):
        yield Problem(
            "unknown-parent",
            f"territory `{row['code']}` has parent `{row['parent_code']}`, which is not a territory"
            if row["parent_code"]
            else f"territory `{row['code']}` ({row['level']}) has no parent_code",
            file=file,
            row=row[ROW],
            column="parent_code",
            value=row["parent_code"],
            hint="Give the code of an existing territory one level up.",
        )
    rank = {lv: i for i, lv in enumerate(levels)}
    for row in rows(t, t["parent_code"].isin(t.index) & t["level"].isin(levels)):
        parent_level = t.at[row["parent_code"], "level"]
        if parent_level in rank and rank[parent_level] >= rank[row["level"]]:
            yield Problem(
                "parent-level",
                f"territory `{row['code']}` ({row['level']}) has "
                f"parent `{row['parent_code']}` ({parent_level}), which is not a "
                "level above",
                file=file,
                row=row[ROW],
                column="parent_code",
                value=row["parent_code"],
                hint="A parent must be at a higher level.",
            )
    parents = dict(zip(t.index, t["parent_code"], strict=True))
    in_cycle: set[str] = set()
    for start in parents:
        seen: list[str] = []
        code = start
        while code in parents and code not in seen:
            seen.append(code)
            code = parents[code]
        if code in seen and code not in in_cycle:
            cycle = seen[seen.index(code) :]
            in_cycle.update(cycle)
            yield Problem(
                "cyclic-hierarchy",
                "the hierarchy loops: " + " → ".join([*cycle, code]),
                file=file,
                row=int(t.at[code, ROW]),
                column="parent_code",
                value=code,
                hint="Each territory's parent must lead up to the top territory.",
            )
    tops = t.index[t["level"] == top]
    if len(tops) != 1:
        yield Problem(
            "top-territory",
            f"there must be one territory of level `{top}`, there are {len(tops)}",
            file=file,
            column="level",
            hint="Add one row for the whole country, with parent_code empty.",
        )


def check_control_characters(atlas: Atlas) -> Iterator[Problem]:
    """Invisible control characters (NUL, bell…) in names and titles."""
    for frame in (atlas.territories, atlas.sources):
        for col in [c for c in frame.columns if c.startswith("name_") or c == "title"]:
            bad = frame[col].astype(str).str.contains(CONTROL, regex=True)
            for row in rows(frame, bad):
                yield Problem(
                    "control-character",
                    f"`{col}` holds invisible control characters",
                    file=row[FILE],
                    row=int(row[ROW]),
                    column=col,
                    value=repr(row[col])[1:-1][:80],
                    hint="Retype the cell; such characters usually come from a bad copy.",
                )


def check_sources(atlas: Atlas) -> Iterator[Problem]:
    """Every source has a title."""
    s = atlas.sources
    for row in rows(s, s["title"] == ""):
        yield Problem(
            "source-without-title",
            f"source `{row['id']}` has no title",
            file=atlas.file_label("sources"),
            row=int(row[ROW]),
            column="title",
            hint="Give the title the annex will cite.",
        )


AGGREGATIONS = {"", "sum", "none"}


def check_catalogue(atlas: Atlas) -> Iterator[Problem]:
    """Known units and aggregation rules."""
    c = atlas.catalogue
    if "aggregation" in c.columns:
        for row in rows(c, ~c["aggregation"].str.strip().str.lower().isin(AGGREGATIONS)):
            yield Problem(
                "unknown-aggregation",
                f"indicator `{row['id']}` has aggregation `{row['aggregation']}`",
                file=atlas.file_label("catalogue"),
                row=int(row[ROW]),
                column="aggregation",
                value=str(row["aggregation"])[:80],
                hint="Write `sum` when sub-territories add up to their parent, `none` (or "
                "leave it empty) otherwise.",
            )
    units = {"people", "households", "percent", "persons_per_household", "number", "ratio"}
    for row in rows(c, ~c["unit"].isin(units)):
        yield Problem(
            "unknown-unit",
            f"indicator `{row['id']}` has unit `{row['unit']}`",
            file=atlas.file_label("catalogue"),
            row=int(row[ROW]),
            column="unit",
            value=row["unit"],
            hint=f"Use one of: {', '.join(sorted(units))}.",
        )


def check_programmes(atlas: Atlas) -> Iterator[Problem]:
    """A programme's `number` and its count of `actions` are whole numbers."""
    p = atlas.programmes
    for col in ("number", "actions"):
        if col not in p.columns or not len(p):
            continue
        cells = p[col].astype(str).str.strip()
        for row in rows(p, (cells != "") & ~cells.str.fullmatch(r"\d{1,6}")):
            yield Problem(
                "not-a-number",
                f"`{row[col]}` is not a whole number (the programme's {col})",
                file=str(row[FILE]),
                row=int(row[ROW]),
                column=col,
                value=str(row[col])[:80],
                hint="Write the number alone, e.g. 12; the actions themselves belong in "
                "`achievements_<lang>`, separated by |.",
            )
