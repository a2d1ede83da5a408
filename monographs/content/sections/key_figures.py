"""Section 3, the key figures: each beside the parent's and the national value, with the
year, the rank among siblings and the sources, and the change since the previous census
of the counts that have one."""

from __future__ import annotations

from monographs.content.citing import label
from monographs.content.model import KeyFigure, MissingFigure
from monographs.content.rows import Scope, add_missing, beside, change_row

# (indicator, show the change since the previous year held, rank among siblings)
KEY_FIGURES: list[tuple[str, bool, bool]] = [
    ("population", True, True),
    ("households", False, False),
    ("foreign_residents", True, True),
    ("foreign_residents_share_pct", False, True),
    ("foreign_residents_share_of_national_foreigners_pct", False, False),
    ("foreign_residents_women_pct", False, False),
    ("urban_population_share_pct", False, False),
    ("activity_rate_pct", False, False),
    ("unemployment_rate_pct", False, True),
    ("illiteracy_rate_10_plus_pct", False, False),
    ("schooling_rate_6_11_pct", False, False),
    ("households_basic_or_slum_pct", False, False),
    ("regularisation_requests", False, False),
    ("regularisation_approved", False, False),
    ("refugees", False, False),
]


def key_figures(s: Scope, own_only: bool = False) -> list[KeyFigure]:
    """Every key figure the atlas holds somewhere (a figure held nowhere is no gap of this
    territory): the latest year the territory holds, else the nation's (or the parent's).

    With ``own_only`` (the compact edition) a figure the territory lacks is a bare gap
    (listed among the figures to collect; the monograph leaves its row out), without the
    others' values beside it."""
    atlas, facts, tr, code = s.atlas, s.facts, s.tr, s.code
    parent = atlas.parent(code)
    nation = atlas.top
    rows: list[KeyFigure] = []
    for indicator, with_change, with_rank in KEY_FIGURES:
        if indicator not in atlas.catalogue.index:
            continue
        fig = facts.get(code, indicator)
        ref_years = facts.years(nation, indicator) or (
            facts.years(parent, indicator) if parent else []
        )
        year = fig.year if fig else (ref_years[-1] if ref_years else None)
        if fig is None and year is None:
            continue  # the atlas holds this indicator nowhere: not a gap of this territory
        if fig is None and own_only:  # a gap, without the others' values beside it
            lab = label(atlas, indicator, tr.lang)
            add_missing(s.missing, MissingFigure(indicator, int(year), lab))
            rows.append(KeyFigure(lab, tr.missing_mark, "", "", str(year), "", "", True))
            continue
        rank = ""
        if with_rank and fig is not None and code != nation:
            r = facts.rank(code, indicator, fig.year)
            if r and r[1] > 1:
                rank = tr("{rank} / {total}").format(rank=r[0], total=r[1])
        rows.append(beside(s, indicator, int(year), rank=rank, keep_empty=True))
        if with_change:
            rows.extend(change_row(s, indicator, label(atlas, indicator, tr.lang)))
    return rows
