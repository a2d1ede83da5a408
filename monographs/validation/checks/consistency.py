"""Checks of figures against each other: approvals and requests, parts and their total,
shares of one whole, sub-territories and their parent."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from monographs.atlas import Atlas
from monographs.atlas.tables import FILE, ROW
from monographs.problems import Problem
from monographs.validation.checks._common import units

ABS_TOLERANCE = 0.5  # rounding in the sources
REL_TOLERANCE = 0.005  # 0.5 %: sub-territory sums and parts may differ by rounding
SHARES_MAX = 100.5  # breakdown percentages may sum slightly above 100 by rounding
APPROVALS: list[tuple[str, str]] = [  # (approved, requested): the first cannot exceed
    ("regularisation_approved", "regularisation_requests"),
]
# part -> (total, group): the parts of one group cannot sum above the total; a catalogue
# column `part_of` ("total" or "total/group") adds or replaces these
DEFAULT_PARTS: dict[str, tuple[str, str]] = {
    "population_women": ("population", "sex"),
    "population_men": ("population", "sex"),
    "foreign_residents_women": ("foreign_residents", "sex"),
    "foreign_residents_men": ("foreign_residents", "sex"),
    "foreign_residents_urban": ("foreign_residents", "area"),
    "foreign_residents_rural": ("foreign_residents", "area"),
    "foreign_residents_by_nationality": ("foreign_residents", "nationality"),
    "foreign_residents_by_origin_region": ("foreign_residents", "origin"),
    "refugees_women": ("refugees", "sex"),
    "refugees_men": ("refugees", "sex"),
    "refugees_by_nationality": ("refugees", "nationality"),
    "asylum_seekers_by_nationality": ("asylum_seekers", "nationality"),
    "refugees_and_asylum_seekers_by_nationality": ("refugees_and_asylum_seekers", "nationality"),
    "regularisation_approved_women": ("regularisation_approved", "sex"),
    "regularisation_approved_men": ("regularisation_approved", "sex"),
    "regularisation_approved_by_nationality": ("regularisation_approved", "nationality"),
}


def _num(value: float) -> str:
    """A number as a message shows it: 2500, 0.25, 1234567."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.6g}"


def _usable(atlas: Atlas) -> pd.DataFrame:
    """The figures with a number, a year and a known territory, once per source."""
    f = atlas.figures
    f = f.loc[
        f["value"].notna() & f["year"].notna() & f["territory_code"].isin(atlas.territories.index)
    ]
    return f.drop_duplicates(["territory_code", "indicator", "year", "dimension", "source_id"])


def _reference(totals: dict[str, float], source: str) -> float | None:
    """The total to compare a source's parts with: the same source's, else the largest."""
    if source in totals:
        return totals[source]
    return max(totals.values()) if totals else None


def _above(part: float, total: float) -> bool:
    return part > total * (1 + REL_TOLERANCE) + ABS_TOLERANCE


def check_approvals(atlas: Atlas) -> Iterator[Problem]:
    """Approvals cannot exceed requests (same territory, year and dimension)."""
    f = _usable(atlas)
    for approved, requested in APPROVALS:
        req = f.loc[f["indicator"] == requested]
        totals: dict[tuple, dict[str, float]] = {}
        for r in req.itertuples():
            totals.setdefault((r.territory_code, r.year, r.dimension), {})[r.source_id] = r.value
        for _, row in f.loc[f["indicator"] == approved].iterrows():
            ref = _reference(
                totals.get((row["territory_code"], row["year"], row["dimension"]), {}),
                row["source_id"],
            )
            if ref is not None and row["value"] > ref:
                yield Problem(
                    "approvals-above-requests",
                    f"`{approved}` for `{row['territory_code']}` in {row['year']} is "
                    f"{_num(row['value'])}, above `{requested}` ({_num(ref)})",
                    file=row[FILE],
                    row=int(row[ROW]),
                    column=atlas.column_label(row, "value"),
                    value=row["value_text"],
                    hint="Approvals cannot exceed requests: check both figures and their "
                    "years (a cumulative count against one campaign's requests?).",
                )


def _parts_of(atlas: Atlas) -> dict[str, tuple[str, str]]:
    parts = dict(DEFAULT_PARTS)
    cat = atlas.catalogue
    for ind, value in zip(cat.index, cat["part_of"], strict=True):
        value = str(value).strip()
        if value:
            total, _, group = value.partition("/")
            parts[str(ind)] = (total.strip(), group.strip() or str(ind))
    return parts


def check_parts(atlas: Atlas) -> Iterator[Problem]:
    """Parts of a total (women and men, by nationality…) cannot sum above it."""
    f = _usable(atlas)
    groups: dict[tuple[str, str], list[str]] = {}
    for part, (total, group) in _parts_of(atlas).items():
        groups.setdefault((total, group), []).append(part)
    for (total, _group), parts in sorted(groups.items()):
        tot = f.loc[(f["indicator"] == total) & (f["dimension"] == "")]
        if tot.empty:
            continue
        totals: dict[tuple, dict[str, float]] = {}
        for r in tot.itertuples():
            totals.setdefault((r.territory_code, r.year), {})[r.source_id] = r.value
        rows = f.loc[f["indicator"].isin(parts)]
        for (code, year, source), block in rows.groupby(
            ["territory_code", "year", "source_id"], sort=True
        ):
            ref = _reference(totals.get((code, year), {}), source)
            summed = float(block["value"].sum())
            if ref is None or not _above(summed, ref):
                continue
            first = block.sort_values(ROW).iloc[0]
            names = " + ".join(f"`{p}`" for p in parts if p in set(block["indicator"]))
            yield Problem(
                "parts-above-total",
                f"{names} for `{code}` in {year} sum to {_num(summed)}, above `{total}` "
                f"({_num(ref)})",
                file=first[FILE],
                row=int(first[ROW]),
                column=atlas.column_label(first, "value"),
                value=first["value_text"],
                hint=f"The parts cannot exceed the whole: check these figures against "
                f"`{total}`, their years and sources.",
            )


def _shares(atlas: Atlas, indicator: str, has_total: bool) -> bool:
    """True when a percent indicator's dimensions are shares of one whole."""
    kind = (
        str(atlas.catalogue.at[indicator, "breakdown"]).strip().lower()
        if indicator in atlas.catalogue.index
        else ""
    )
    if kind:
        return kind == "shares"
    return not has_total and "rate" not in indicator and "within" not in indicator


def check_shares(atlas: Atlas) -> Iterator[Problem]:
    """The shares of one breakdown (by nationality, age group…) cannot sum above 100 %."""
    f = _usable(atlas)
    unit_of = units(atlas, f)
    pct = f.loc[unit_of == "percent"]
    overall = set(pct.loc[pct["dimension"] == "", "indicator"])
    parts = pct.loc[pct["dimension"] != ""]
    for (code, indicator, year, source), block in parts.groupby(
        ["territory_code", "indicator", "year", "source_id"], sort=True
    ):
        summed = float(block["value"].sum())
        if summed <= SHARES_MAX or not _shares(atlas, indicator, indicator in overall):
            continue
        first = block.sort_values(ROW).iloc[0]
        yield Problem(
            "shares-above-100",
            f"the shares of `{indicator}` for `{code}` in {year} from `{source}` sum to "
            f"{_num(round(summed, 2))} %, above 100 %",
            file=first[FILE],
            row=int(first[ROW]),
            column=atlas.column_label(first, "value"),
            value=first["value_text"],
            hint="Check the shares; if each is a rate of its own (not a part of one whole), "
            "write `rates` in the catalogue's `breakdown` column.",
        )


def check_sub_territories(atlas: Atlas) -> Iterator[Problem]:
    """Sub-territories' counts of a summed indicator cannot add up above their parent's."""
    f = _usable(atlas)
    cat = atlas.catalogue
    summed = set(cat.index[cat["aggregation"].str.strip().str.lower() == "sum"])
    f = f.loc[f["indicator"].isin(summed)]
    if f.empty:
        return
    parents = atlas.territories["parent_code"].to_dict()
    f = f.assign(parent=f["territory_code"].map(parents))
    totals: dict[tuple, dict[str, float]] = {}
    for r in f.itertuples():
        totals.setdefault((r.territory_code, r.indicator, r.year, r.dimension), {})[r.source_id] = (
            r.value
        )
    children = f.loc[f["parent"].isin(atlas.territories.index)]
    for (parent, indicator, year, dimension, source), block in children.groupby(
        ["parent", "indicator", "year", "dimension", "source_id"], sort=True
    ):
        ref = _reference(totals.get((parent, indicator, year, dimension), {}), source)
        total = float(block["value"].sum())
        if ref is None or not _above(total, ref) or len(block) < 2:
            continue
        first = block.sort_values(ROW).iloc[0]
        what = f"`{indicator}`" + (f" ({dimension})" if dimension else "")
        yield Problem(
            "sub-territories-above-parent",
            f"{what} of the {len(block)} sub-territories of `{parent}` in {year} sum to "
            f"{_num(total)}, above `{parent}`'s {_num(ref)}",
            severity="warning",
            file=first[FILE],
            row=int(first[ROW]),
            column=atlas.column_label(first, "value"),
            value=first["value_text"],
            hint="Check the figures of the sub-territories against their parent's (same "
            "year, same base); set the indicator's `aggregation` to `none` if it does "
            "not add up.",
        )


def check_sub_territory_counts(atlas: Atlas) -> Iterator[Problem]:
    """A sub-territory's count cannot be above its parent's for the same indicator, year
    and category: often two bases mixed (a city counted on one, its province on another)."""
    f = _usable(atlas)
    counts = set(atlas.catalogue.index[atlas.catalogue["unit"].isin(["people", "households"])])
    f = f.loc[f["indicator"].isin(counts)]
    if f.empty:
        return
    parents = atlas.territories["parent_code"].to_dict()
    top: dict[tuple, pd.Series] = {}  # (territory, indicator, year, dimension) -> highest row
    for _, row in f.sort_values("value", ascending=False, kind="stable").iterrows():
        top.setdefault(
            (row["territory_code"], row["indicator"], row["year"], row["dimension"]), row
        )
    for (code, indicator, year, dimension), row in sorted(top.items(), key=lambda kv: kv[0]):
        parent = parents.get(code)
        above = top.get((parent, indicator, year, dimension))
        if above is None or row["value"] <= above["value"]:
            continue
        bases = ""
        if row.get("base", "") != above.get("base", ""):
            bases = (
                f"; the two rest on different bases (`{row.get('base', '') or '?'}`, "
                f"`{above.get('base', '') or '?'}`)"
            )
        what = f"`{indicator}`" + (f" ({dimension})" if dimension else "")
        yield Problem(
            "sub-territory-above-parent",
            f"{what} of `{code}` in {year} is {_num(row['value'])}, above its parent "
            f"`{parent}`'s {_num(above['value'])} ({above[FILE]}, row {int(above[ROW])})"
            f"{bases}",
            severity="warning",
            file=row[FILE],
            row=int(row[ROW]),
            column=atlas.column_label(row, "value"),
            value=row["value_text"],
            hint="A part cannot outnumber its whole: check both figures, their years and "
            "their bases (give each figure its `base`); the report marks the figure.",
        )
