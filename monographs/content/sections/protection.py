"""Section 6, regularisation and protection: the campaigns (requests, approvals, rate, here
and nationally) and the refugees and asylum seekers, with the counts held for the
territory's cities."""

from __future__ import annotations

from dataclasses import dataclass

from monographs.atlas import Atlas
from monographs.content.citing import label
from monographs.content.formats import stated
from monographs.content.model import KeyFigure
from monographs.content.rows import Scope, row

CAMPAIGN_INDICATORS = [
    "regularisation_requests",
    "regularisation_approved",
    "regularisation_approval_rate_pct",
    "regularisation_approved_share_pct",
    "regularisation_approved_women_pct",
]
PROTECTION_INDICATORS = ["refugees", "asylum_seekers", "refugees_and_asylum_seekers"]
CITY_INDICATORS = ["refugees", "refugees_and_asylum_seekers"]


@dataclass
class Campaign:
    """A regularisation campaign: requests, approvals and rate, here and nationally."""

    title: str
    rows: list[KeyFigure]


@dataclass
class CityFigures:
    """Refugees and asylum seekers counted in one city of the territory, by year."""

    name: str
    cells: list[str]
    refs: str


@dataclass
class Protection:
    """The section on regularisation and protection."""

    campaigns: list[Campaign]
    national_rows: list[KeyFigure]
    city_headers: list[str]
    cities: list[CityFigures]
    campaigns_defined: bool = False  # the atlas's strategy has campaigns


def descendants(atlas: Atlas, code: str) -> list[str]:
    """Every territory below ``code``, level by level."""
    out, frontier = [], [code]
    while frontier:
        frontier = [c for f in frontier for c in atlas.children(f)]
        out.extend(frontier)
    return out


def _rate_row(s: Scope, year: int) -> KeyFigure | None:
    """The approval rate of a campaign: held, else computed from approvals and requests
    (and said to be)."""
    facts, tr = s.facts, s.tr

    def rate(code: str | None) -> tuple[float | None, list, bool]:
        if code is None:
            return None, [], False
        held = facts.get(code, "regularisation_approval_rate_pct", year)
        if held is not None:
            return held.value, [held], False
        req = facts.get(code, "regularisation_requests", year)
        app = facts.get(code, "regularisation_approved", year)
        if req is None or app is None or req.value <= 0:
            return None, [], False
        if {req.quality, app.quality} & {"interim", "lower-bound"}:
            return None, [], False  # a ratio of a partial count or a bound says nothing
        return 100 * app.value / req.value, [req, app], True

    own, own_f, own_c = rate(s.code)
    par, par_f, _ = rate(s.parent)
    nat, nat_f, nat_c = rate(s.nation) if s.code != s.nation else (None, [], False)
    if own is None and par is None and nat is None:
        return None
    note = tr("computed") if own_c else tr("national rate computed") if nat_c else ""
    return KeyFigure(
        label=label(s.atlas, "regularisation_approval_rate_pct", tr.lang)
        if s.has("regularisation_approval_rate_pct")
        else tr("Approval rate"),
        value=tr.percent(own),
        parent=tr.percent(par) if s.parent else "",
        national=tr.percent(nat) if nat is not None else "",
        year=str(year),
        rank="",
        refs=s.cite.figs(*own_f, *par_f, *nat_f),
        missing=own is None,
        note=note,
    )


def protection(s: Scope) -> Protection:
    """The campaigns (territory, parent, nation) and the refugees and asylum seekers."""
    tr, facts = s.tr, s.facts
    campaigns = []
    for year, title in s.atlas.config.campaigns_in(tr.lang):  # the atlas's, in its order
        rows = []
        for indicator in CAMPAIGN_INDICATORS:
            rate = indicator == "regularisation_approval_rate_pct"
            if not s.has(indicator) and not rate:
                continue
            if rate:  # held, or computed from requests and approvals
                r = _rate_row(s, year)
            else:
                r = row(
                    s,
                    indicator,
                    year,
                    record_gap=indicator in ("regularisation_requests", "regularisation_approved"),
                )
            if r is not None:
                rows.append(r)
        if rows:
            campaigns.append(Campaign(title, rows))
    national_rows = []
    for indicator in PROTECTION_INDICATORS:
        if not s.has(indicator):
            continue
        years = facts.years(s.nation, indicator) or facts.years(s.code, indicator)
        if years:
            r = row(s, indicator, years[-1])
            if r is not None:
                national_rows.append(r)
    headers, cities = _cities(s)
    return Protection(campaigns, national_rows, headers, cities, bool(s.atlas.config.campaigns))


def _cities(s: Scope) -> tuple[list[str], list[CityFigures]]:
    """Refugee counts held for the territory's cities (and itself), by indicator and
    year."""
    facts, tr = s.facts, s.tr
    places = [s.code, *descendants(s.atlas, s.code)]
    columns = sorted(
        {
            (ind, y)
            for c in places
            for ind in CITY_INDICATORS
            if s.has(ind)
            for y in facts.years(c, ind)
        },
        key=lambda iy: (iy[1], iy[0]),
    )
    if not columns:
        return [], []
    rows = []
    for c in places:
        figs = [facts.get(c, ind, y) for ind, y in columns]
        if not any(figs):
            continue
        rows.append(
            CityFigures(
                s.atlas.name(c, tr.lang),
                [stated(tr, f, "people") if f else "" for f in figs],
                s.cite.figs(*figs),
            )
        )
    headers = [f"{label(s.atlas, ind, tr.lang)} {y}" for ind, y in columns]
    return headers, rows
