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


def _units(atlas: Atlas, figures: pd.DataFrame) -> pd.Series:
    """Each figure's unit from the catalogue (empty when its indicator is unknown)."""
    units = atlas.catalogue["unit"].to_dict()
    return pd.Series([units.get(i, "") for i in figures["indicator"]], index=figures.index,
                     dtype=object)


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
    col = atlas.column_label
    units = _units(atlas, f)
    value = f["value"]
    year = f["year"]
    checks = [
        (~f["territory_code"].isin(atlas.territories.index), lambda r: Problem(
            "unknown-territory", f"unknown territory code `{r['territory_code']}`", file=r[FILE],
            row=r[ROW], column=col(r, "territory_code"), value=r["territory_code"],
            hint="Use a code from the territories table (codes are text: keep leading "
                 "zeros).")),
        (f["source_id"] == "", lambda r: Problem(
            "missing-source", "this figure has no source", file=r[FILE], row=r[ROW],
            column=col(r, "source_id"),
            hint="Every figure needs a source: add its id from the sources table (for a "
                 "wide table, `source` in its [[wide]] section).")),
        ((f["source_id"] != "") & ~f["source_id"].isin(atlas.sources.index), lambda r: Problem(
            "unknown-source", f"unknown source `{r['source_id']}`", file=r[FILE], row=r[ROW],
            column=col(r, "source_id"), value=r["source_id"],
            hint="Add the source to the sources table, or fix the id.")),
        (~f["indicator"].isin(atlas.catalogue.index), lambda r: Problem(
            "unknown-indicator", f"indicator `{r['indicator']}` is not in the catalogue",
            file=r[FILE], row=r[ROW], column=col(r, "indicator"), value=r["indicator"],
            hint="Add it to the catalogue, with its unit.")),
        (value.isna(), lambda r: Problem(
            "not-a-number", f"`{r['value_text']}` is not a number", file=r[FILE], row=r[ROW],
            column=col(r, "value"), value=r["value_text"],
            hint="Write the number alone, e.g. 23096 or 23 096 or 83,5.")),
        (units.isin(["people", "households"]) & (value < 0), lambda r: Problem(
            "negative-count", f"a count cannot be negative ({r['value_text']})", file=r[FILE],
            row=r[ROW], column=col(r, "value"), value=r["value_text"],
            hint="Check the sign, or use a `_change` indicator for changes.")),
        ((units == "percent") & ~f["indicator"].str.contains("change")
         & ((value < 0) | (value > 100)), lambda r: Problem(
            "share-outside-0-100", f"a share must lie between 0 and 100, this one is "
            f"{r['value_text']}", file=r[FILE], row=r[ROW], column=col(r, "value"),
            value=r["value_text"], hint="Write shares in percent (83,5 for 83.5 %).")),
        (value.abs() > VALUE_MAX, lambda r: Problem(
            "implausible-value", f"{r['value_text']} is implausibly large for a territory's "
            "figure", file=r[FILE], row=r[ROW], column=col(r, "value"), value=r["value_text"],
            hint="Check for a slip (extra digits, exponent) and write the plain number.")),
        (year.isna() | (year < YEAR_MIN).fillna(False) | (year > YEAR_MAX).fillna(False),
         lambda r: Problem(
            "bad-year", f"`{r['year_text']}` is not a year between {YEAR_MIN} and {YEAR_MAX}",
            file=r[FILE], row=r[ROW], column=col(r, "year"), value=r["year_text"],
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
                      column=atlas.column_label(row, "value"), value=row["value_text"],
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
                          severity="warning", file=label,
                          column=spec.name_column or spec.code_column,
                          value=missing[0], hint="They are shown without a map.")
        if extra:
            yield Problem("boundary-without-territory",
                          f"{len(extra)} boundar{'ies' if len(extra) > 1 else 'y'} of level "
                          f"`{level}` match{'' if len(extra) > 1 else 'es'} no territory: "
                          + ", ".join(extra[:10]) + (" …" if len(extra) > 10 else ""),
                          severity="warning", file=label,
                          column=spec.code_column, value=extra[0],
                          hint="Check the codes in the boundary file against the territories.")


# ---- consistency between figures ---------------------------------------------------------

ABS_TOLERANCE = 0.5  # rounding in the sources
REL_TOLERANCE = 0.005  # 0.5 %: sub-territory sums and parts may differ by rounding
SHARES_MAX = 100.5  # breakdown percentages may sum slightly above 100 by rounding
APPROVALS: list[tuple[str, str]] = [  # (approved, requested): the first cannot exceed
    ("regularisation_approved", "regularisation_requests"),
]
# part -> (total, group): the parts of one group cannot sum above the total; a catalogue
# column `part_of` ("total" or "total/group") adds or replaces these
DEFAULT_PARTS: dict[str, tuple[str, str]] = {
    "population_women": ("population", "sex"), "population_men": ("population", "sex"),
    "foreign_residents_women": ("foreign_residents", "sex"),
    "foreign_residents_men": ("foreign_residents", "sex"),
    "foreign_residents_urban": ("foreign_residents", "area"),
    "foreign_residents_rural": ("foreign_residents", "area"),
    "foreign_residents_by_nationality": ("foreign_residents", "nationality"),
    "foreign_residents_by_origin_region": ("foreign_residents", "origin"),
    "refugees_women": ("refugees", "sex"), "refugees_men": ("refugees", "sex"),
    "refugees_by_nationality": ("refugees", "nationality"),
    "asylum_seekers_by_nationality": ("asylum_seekers", "nationality"),
    "refugees_and_asylum_seekers_by_nationality": ("refugees_and_asylum_seekers",
                                                   "nationality"),
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
    f = f.loc[f["value"].notna() & f["year"].notna()
              & f["territory_code"].isin(atlas.territories.index)]
    return f.drop_duplicates(["territory_code", "indicator", "year", "dimension", "source_id"])


def _reference(totals: dict[str, float], source: str) -> float | None:
    """The total to compare a source's parts with: the same source's, else the largest."""
    if source in totals:
        return totals[source]
    return max(totals.values()) if totals else None


def _above(part: float, total: float) -> bool:
    return part > total * (1 + REL_TOLERANCE) + ABS_TOLERANCE


@check("approvals")
def check_approvals(atlas: Atlas) -> Iterator[Problem]:
    """Approvals cannot exceed requests (same territory, year and dimension)."""
    f = _usable(atlas)
    for approved, requested in APPROVALS:
        req = f.loc[f["indicator"] == requested]
        totals: dict[tuple, dict[str, float]] = {}
        for r in req.itertuples():
            totals.setdefault((r.territory_code, r.year, r.dimension), {})[r.source_id] = \
                r.value
        for _, row in f.loc[f["indicator"] == approved].iterrows():
            ref = _reference(totals.get((row["territory_code"], row["year"],
                                         row["dimension"]), {}), row["source_id"])
            if ref is not None and row["value"] > ref:
                yield Problem(
                    "approvals-above-requests",
                    f"`{approved}` for `{row['territory_code']}` in {row['year']} is "
                    f"{_num(row['value'])}, above `{requested}` ({_num(ref)})",
                    file=row[FILE], row=int(row[ROW]),
                    column=atlas.column_label(row, "value"), value=row["value_text"],
                    hint="Approvals cannot exceed requests: check both figures and their "
                         "years (a cumulative count against one campaign's requests?).")


def _parts_of(atlas: Atlas) -> dict[str, tuple[str, str]]:
    parts = dict(DEFAULT_PARTS)
    cat = atlas.catalogue
    for ind, value in zip(cat.index, cat["part_of"], strict=True):
        value = str(value).strip()
        if value:
            total, _, group = value.partition("/")
            parts[str(ind)] = (total.strip(), group.strip() or str(ind))
    return parts


@check("parts")
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
                ["territory_code", "year", "source_id"], sort=True):
            ref = _reference(totals.get((code, year), {}), source)
            summed = float(block["value"].sum())
            if ref is None or not _above(summed, ref):
                continue
            first = block.sort_values(ROW).iloc[0]
            names = " + ".join(f"`{p}`" for p in parts if p in set(block["indicator"]))
            yield Problem(
                "parts-above-total",
                f"{names} for `{code}` in {year} sum to {_num(summed)}, above `{total}` "
                f"({_num(ref)})", file=first[FILE], row=int(first[ROW]),
                column=atlas.column_label(first, "value"), value=first["value_text"],
                hint=f"The parts cannot exceed the whole: check these figures against "
                     f"`{total}`, their years and sources.")


def _shares(atlas: Atlas, indicator: str, has_total: bool) -> bool:
    """True when a percent indicator's dimensions are shares of one whole."""
    kind = str(atlas.catalogue.at[indicator, "breakdown"]).strip().lower() \
        if indicator in atlas.catalogue.index else ""
    if kind:
        return kind == "shares"
    return not has_total and "rate" not in indicator and "within" not in indicator


@check("shares")
def check_shares(atlas: Atlas) -> Iterator[Problem]:
    """The shares of one breakdown (by nationality, age group…) cannot sum above 100 %."""
    f = _usable(atlas)
    units = _units(atlas, f)
    pct = f.loc[units == "percent"]
    overall = set(pct.loc[pct["dimension"] == "", "indicator"])
    parts = pct.loc[pct["dimension"] != ""]
    for (code, indicator, year, source), block in parts.groupby(
            ["territory_code", "indicator", "year", "source_id"], sort=True):
        summed = float(block["value"].sum())
        if summed <= SHARES_MAX or not _shares(atlas, indicator, indicator in overall):
            continue
        first = block.sort_values(ROW).iloc[0]
        yield Problem(
            "shares-above-100",
            f"the shares of `{indicator}` for `{code}` in {year} from `{source}` sum to "
            f"{_num(round(summed, 2))} %, above 100 %", file=first[FILE], row=int(first[ROW]),
            column=atlas.column_label(first, "value"), value=first["value_text"],
            hint="Check the shares; if each is a rate of its own (not a part of one whole), "
                 "write `rates` in the catalogue's `breakdown` column.")


@check("sub-territories")
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
        totals.setdefault((r.territory_code, r.indicator, r.year, r.dimension), {})[
            r.source_id] = r.value
    children = f.loc[f["parent"].isin(atlas.territories.index)]
    for (parent, indicator, year, dimension, source), block in children.groupby(
            ["parent", "indicator", "year", "dimension", "source_id"], sort=True):
        ref = _reference(totals.get((parent, indicator, year, dimension), {}), source)
        total = float(block["value"].sum())
        if ref is None or not _above(total, ref) or len(block) < 2:
            continue
        first = block.sort_values(ROW).iloc[0]
        what = f"`{indicator}`" + (f" ({dimension})" if dimension else "")
        yield Problem(
            "sub-territories-above-parent",
            f"{what} of the {len(block)} sub-territories of `{parent}` in {year} sum to "
            f"{_num(total)}, above `{parent}`'s {_num(ref)}", severity="warning",
            file=first[FILE], row=int(first[ROW]),
            column=atlas.column_label(first, "value"), value=first["value_text"],
            hint="Check the figures of the sub-territories against their parent's (same "
                 "year, same base); set the indicator's `aggregation` to `none` if it does "
                 "not add up.")


@check("boundary-names")
def check_boundary_names(atlas: Atlas) -> Iterator[Problem]:
    """Boundaries joined by name: names that match no territory, or several."""
    from monographs.joining import AMBIGUOUS, UNMATCHED

    for level, spec in atlas.config.boundaries.items():
        if not spec.name_column:
            continue
        atlas.boundaries(level)
        label = str(spec.file.relative_to(atlas.root)) if spec.file.is_relative_to(
            atlas.root) else str(spec.file)
        for rec in atlas.join_reports.get(level, []):
            if rec.match == UNMATCHED:
                yield Problem(
                    "boundary-name-unmatched", f"the boundary `{rec.boundary_name}` matches no "
                    f"territory name of level `{level}`", severity="warning", file=label,
                    column=spec.name_column, value=rec.boundary_name,
                    hint="Fix the name in the boundary file or in territories (accents, case "
                         "and hyphens do not matter); `monographs validate --join-report "
                         "FILE` lists every match.")
            elif rec.match == AMBIGUOUS:
                yield Problem(
                    "boundary-name-ambiguous", f"the boundary `{rec.boundary_name}` matches "
                    f"several territories of level `{level}`: {rec.code}", severity="warning",
                    file=label, column=spec.name_column, value=rec.boundary_name,
                    hint="Give those territories distinct names, or add a code column to the "
                         "boundary file and set `code_column`.")
from monographs import checks_inputs  # noqa: E402, F401  (registers its checks)
