"""Section 2, the territory at a glance: its key messages (the strongest true signals and
the count of its foreign residents, each with its figure, year and sources), and every key
indicator placed on the range of its sibling territories, beside its parent's and the
nation's values (a spine chart, laid out by the template as HTML)."""

from __future__ import annotations

from dataclasses import dataclass, field

from monographs.content import signals
from monographs.content.citing import label, territory_name, unit
from monographs.content.facts import Figure
from monographs.content.formats import stated
from monographs.content.rows import Scope

#: The indicators of the spine chart, in its order: counts are placed among the siblings
#: only (a parent's count is their sum, off any common scale), rates and shares beside the
#: parent's and the nation's values too.
SPINE_INDICATORS: list[str] = [
    "population",
    "foreign_residents",
    "foreign_residents_share_pct",
    "foreign_residents_women_pct",
    "refugees_and_asylum_seekers",
    "urban_population_share_pct",
    "activity_rate_pct",
    "unemployment_rate_pct",
    "illiteracy_rate_10_plus_pct",
    "schooling_rate_6_11_pct",
    "households_basic_or_slum_pct",
]
#: A share's count, printed beside it (a rate says little without the people behind it).
COUNT_BESIDE: dict[str, str] = {
    "foreign_residents_share_pct": "foreign_residents",
    "foreign_residents_women_pct": "foreign_residents_women",
    "refugees_women_pct": "refugees_women",
}
MAX_MESSAGES = 6  # the key messages: a short list a planner reads in a minute
MAX_SIGNALS = 3  # of which signals from the rules (the strongest)


@dataclass
class Message:
    """A key message: a sentence stating figures, with their sources."""

    text: str
    refs: str


@dataclass
class Spine:
    """One indicator's row of the spine chart: the territory's value, and the positions
    (percent of the track, from its start) of the siblings' range, the territory, its
    parent and the nation."""

    label: str
    value: str
    count: str  # the count behind a share ("" when none is held)
    year: str
    refs: str
    missing: bool
    low: str = ""  # the lowest and highest siblings' values, written
    high: str = ""
    siblings: int = 0  # how many siblings hold the figure (with the territory)
    band: tuple[float, float] | None = None  # the siblings' range on the track
    own: float | None = None
    parent: float | None = None
    nation: float | None = None
    parent_text: str = ""
    nation_text: str = ""


@dataclass
class Glance:
    """The territory at a glance."""

    messages: list[Message] = field(default_factory=list)
    spine: list[Spine] = field(default_factory=list)
    small: str = ""  # the caveat on the rates of a small population ("" when not small)


def _pos(value: float, lo: float, hi: float) -> float:
    return 50.0 if hi == lo else round(100 * (value - lo) / (hi - lo), 2)


def spine_row(s: Scope, indicator: str) -> Spine | None:
    """The spine row of ``indicator``; None when neither the territory nor its siblings
    hold it."""
    atlas, facts, tr, code = s.atlas, s.facts, s.tr, s.code
    own = facts.get(code, indicator)
    years = facts.years(s.nation, indicator)
    year = own.year if own else (years[-1] if years else None)
    if year is None:
        return None
    u = unit(atlas, indicator)
    parent = atlas.parent(code)
    siblings = atlas.children(parent) if parent else []
    held: dict[str, Figure] = {}
    for sib in siblings:
        f = facts.get(sib, indicator, year)
        if f is not None:
            held[sib] = f
    if own is None and not held:
        return None
    rate = u == "percent"
    par = facts.get(s.parent, indicator, year) if s.parent and rate else None
    nat = facts.get(s.nation, indicator, year) if rate and code != s.nation else None
    count_fig = (
        facts.get(code, COUNT_BESIDE[indicator], year) if indicator in COUNT_BESIDE else None
    )
    refs = s.cite.figs(own, par, nat, count_fig, *held.values())
    row = Spine(
        label=label(atlas, indicator, tr.lang),
        value=stated(tr, own, u),
        count=stated(tr, count_fig, "people") if count_fig else "",
        year=str(year),
        refs=refs,
        missing=own is None,
        siblings=len(held),
        parent_text=stated(tr, par, u) if par else "",
        nation_text=stated(tr, nat, u) if nat else "",
    )
    values = [f.value for f in held.values()]
    if own is not None and code not in held:
        values.append(own.value)
    points = values + [f.value for f in (par, nat) if f is not None]
    if not points:
        return row
    lo, hi = min(points), max(points)
    if values:
        row.low, row.high = tr.figure(min(values), u), tr.figure(max(values), u)
        if len(values) > 1:
            row.band = (_pos(min(values), lo, hi), _pos(max(values), lo, hi))
    row.own = _pos(own.value, lo, hi) if own is not None else None
    row.parent = _pos(par.value, lo, hi) if par is not None else None
    row.nation = _pos(nat.value, lo, hi) if nat is not None else None
    return row


def spine(s: Scope) -> list[Spine]:
    """The spine rows of every indicator the territory or its siblings hold."""
    rows = [spine_row(s, i) for i in SPINE_INDICATORS if s.has(i)]
    return [r for r in rows if r is not None]


def _foreigners(s: Scope) -> Message:
    """How many foreign residents live here, their share of the population and of the
    country's foreigners, and their change since the previous count on the same base."""
    atlas, facts, tr, code = s.atlas, s.facts, s.tr, s.code
    name = territory_name(atlas, code, tr.lang)
    own = facts.get(code, "foreign_residents")
    if own is None:
        nat = facts.get(s.nation, "foreign_residents")
        if nat is None:
            return Message(
                tr("The atlas holds no count of foreign residents for {territory}.").format(
                    territory=name
                ),
                "",
            )
        text = tr(
            "The atlas holds no count of foreign residents for {territory}; the country "
            "counted {national} in {year}."
        ).format(territory=name, national=stated(tr, nat, "people"), year=nat.year)
        return Message(text, s.cite.figs(nat))
    parts = [
        tr("{count} foreign residents lived in {territory} in {year}").format(
            count=stated(tr, own, "people"), territory=name, year=own.year
        )
    ]
    figs: list[Figure | None] = [own]
    share = facts.get(code, "foreign_residents_share_pct", own.year)
    if share is not None:
        parts.append(tr("{share} of its population").format(share=stated(tr, share, "percent")))
        figs.append(share)
    national = facts.get(code, "foreign_residents_share_of_national_foreigners_pct", own.year)
    if national is not None and code != s.nation:
        parts.append(
            tr("{share} of the country's foreign residents").format(
                share=stated(tr, national, "percent")
            )
        )
        figs.append(national)
    text = tr.comma.join(parts)
    years = [y for y in facts.years(code, "foreign_residents") if y < own.year]
    if years:
        start = years[-1]
        change = facts.change(code, "foreign_residents", start, own.year)
        nat_change = (
            facts.change(s.nation, "foreign_residents", start, own.year)
            if code != s.nation
            else None
        )
        if change is not None:
            figs += [facts.get(code, "foreign_residents", start)]
            if nat_change is not None:
                figs += [
                    facts.get(s.nation, "foreign_residents", start),
                    facts.get(s.nation, "foreign_residents", own.year),
                ]
                text += tr("; {change} since {start} (nationally {national}).").format(
                    change=tr.signed_percent(change),
                    start=start,
                    national=tr.signed_percent(nat_change),
                )
            else:
                text += tr("; {change} since {start}.").format(
                    change=tr.signed_percent(change), start=start
                )
        else:
            text += tr("; no change since {start} on one base is held.").format(start=start)
    else:
        text += "."
    return Message(text, s.cite.figs(*figs))


def _refugees(s: Scope) -> Message | None:
    """The latest count of refugees and asylum seekers of the territory, when held."""
    facts, tr, code = s.facts, s.tr, s.code
    if code == s.nation:
        return None
    for indicator in ("refugees_and_asylum_seekers", "refugees"):
        own = facts.get(code, indicator) if s.has(indicator) else None
        if own is not None:
            text = tr("{label} in {territory}: {count} in {year}.").format(
                label=label(s.atlas, indicator, tr.lang),
                territory=territory_name(s.atlas, code, tr.lang),
                count=stated(tr, own, "people"),
                year=own.year,
            )
            return Message(text, s.cite.figs(own))
    return None


def _unknown(s: Scope, rows: list[Spine]) -> Message:
    """What the report does not know: the key indicators the territory lacks."""
    tr = s.tr
    lacking = [r.label for r in rows if r.missing]
    name = territory_name(s.atlas, s.code, tr.lang)
    if not lacking:
        return Message(
            tr("Every key indicator of this page is held for {territory}.").format(territory=name),
            "",
        )
    return Message(
        tr("Not held for {territory}: {figures} (see the annex).").format(
            territory=name, figures=tr.semicolon.join(lacking)
        ),
        "",
    )


def small_caveat(s: Scope) -> str:
    """The caveat on a small territory's rates ("" for a territory large enough)."""
    facts, tr = s.facts, s.tr
    if s.code == s.nation or not signals.too_small_for_rates(facts, s.code):
        return ""
    pop = facts.get(s.code, "population")
    assert pop is not None  # too small implies a population is held
    s.cite.figs(pop)
    return tr(
        "{territory} counted {population} inhabitants in {year}: each of its rates rests "
        "on a few people, so the report states them with this count and draws no signal "
        "from them."
    ).format(
        territory=territory_name(s.atlas, s.code, tr.lang),
        population=stated(tr, pop, "people"),
        year=pop.year,
    )


def glance(s: Scope, found: list[signals.Signal]) -> Glance:
    """The at-a-glance page, from the territory's signals (``found``, in rule order)."""
    rows = spine(s)
    messages = [_foreigners(s)]
    refugees = _refugees(s)
    if refugees is not None:
        messages.append(refugees)
    strongest = sorted(found, key=lambda sig: -sig.strength)
    seen: set[str] = set()
    picked = 0
    for sig in strongest:
        about = sig.figures[0].indicator if sig.figures else sig.rule
        if about in seen or (sig.rule, about) == ("growth_vs_nation", "foreign_residents"):
            continue  # one message an indicator; the first message states this change
        if picked >= MAX_SIGNALS or len(messages) >= MAX_MESSAGES - 1:
            break
        seen.add(about)
        messages.append(Message(sig.text, s.cite.figs(*sig.figures)))
        picked += 1
    messages.append(_unknown(s, rows))
    return Glance(messages=messages, spine=rows, small=small_caveat(s))
