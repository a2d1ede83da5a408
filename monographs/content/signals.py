"""Signals: short factual sentences computed by rules from the figures a report holds.

Each rule is a small registered function that reads the chosen figures (:class:`Facts`)
and yields :class:`Signal` s — a sentence and the figures it states, so that the report
can cite their sources. Rules state comparisons (faster growth than the nation, a share
above the national share, the highest value among sibling territories); they never give
advice.

>>> from monographs import load_atlas
>>> atlas = load_atlas()
>>> [s.rule for s in compute(Facts(atlas), "06", Translator("fr"))][:1]
['growth_vs_nation']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from monographs.content.citing import label, unit
from monographs.content.facts import Facts, Figure
from monographs.i18n import Translator


@dataclass(frozen=True)
class Signal:
    """A factual sentence and the figures it states (their sources are cited with it)."""

    rule: str
    text: str
    figures: tuple[Figure, ...]
    #: how far the figure stands from its comparison (a relative gap: 0.5 is half the
    #: reference again); the report's first page states the strongest signals
    strength: float = 0.0


Rule = Callable[[Facts, str, Translator], Iterator[Signal]]
RULES: dict[str, Rule] = {}

# Counts whose change between the last two censuses is compared with the nation's.
GROWTH_INDICATORS = ["foreign_residents", "population"]
# Rates and shares compared with the national value of the same year.
COMPARED_INDICATORS = [
    "foreign_residents_share_pct",
    "foreign_residents_women_pct",
    "unemployment_rate_pct",
    "activity_rate_pct",
    "illiteracy_rate_10_plus_pct",
    "schooling_rate_6_11_pct",
    "households_basic_or_slum_pct",
]
# Figures on which the territory is placed among its siblings.
RANKED_INDICATORS = [
    "foreign_residents",
    "foreign_residents_share_pct",
    "population",
    "unemployment_rate_pct",
    "illiteracy_rate_10_plus_pct",
]
MIN_SIBLINGS = 3  # "highest among two" says little
# Defaults of the `[report]` thresholds of atlas.toml: no signal on a rate of a population
# smaller than this (a rate of 277 people is two or three persons), nor on a gap to the
# national value narrower than this many points and than a tenth of the national value.
SIGNAL_MIN_POPULATION = 5000
SIGNAL_MIN_GAP = 1.0


def threshold(facts: Facts, key: str, default: float) -> float:
    """A `[report]` threshold of the atlas (validated when the atlas is loaded)."""
    try:
        return float(facts.atlas.config.report.get(key, default))
    except ValueError:
        return default


def too_small_for_rates(facts: Facts, code: str) -> bool:
    """True when the territory's latest population is under ``signal_min_population``:
    its rates rest on a handful of people, and say nothing."""
    pop = facts.get(code, "population")
    limit = threshold(facts, "signal_min_population", SIGNAL_MIN_POPULATION)
    return pop is not None and pop.value < limit


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a signal rule under ``name`` (rules run in the order registered)."""

    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn

    return register


def compute(
    facts: Facts, code: str, tr: Translator, rules: list[str] | None = None
) -> list[Signal]:
    """The signals of a territory, rule by rule (all registered rules by default)."""
    out: list[Signal] = []
    for name in rules or list(RULES):
        out.extend(RULES[name](facts, code, tr))
    return out


def _fmt(facts: Facts, indicator: str, value: float, tr: Translator) -> str:
    return tr.figure(value, unit(facts.atlas, indicator))


@rule("growth_vs_nation")
def growth_vs_nation(facts: Facts, code: str, tr: Translator) -> Iterator[Signal]:
    """A count grew faster (or more slowly, or fell) here than nationally between the last
    two years the nation holds."""
    atlas = facts.atlas
    nation = atlas.top
    if code == nation:
        return
    for indicator in GROWTH_INDICATORS:
        years = facts.years(nation, indicator)
        if len(years) < 2:
            continue
        start, end = years[-2], years[-1]
        own, nat = (
            facts.change(code, indicator, start, end),
            facts.change(nation, indicator, start, end),
        )
        if own is None or nat is None:
            continue
        figs = tuple(
            f
            for f in (
                facts.get(code, indicator, start),
                facts.get(code, indicator, end),
                facts.get(nation, indicator, start),
                facts.get(nation, indicator, end),
            )
            if f
        )
        values = dict(
            label=label(atlas, indicator, tr.lang),
            territory=atlas.name(code, tr.lang),
            start=start,
            end=end,
            own=tr.signed_percent(own),
            nat=tr.signed_percent(nat),
        )
        if tr.signed_percent(own) == tr.signed_percent(nat):
            text = tr(
                "{label}: the same change in {territory} as nationally between {start} "
                "and {end} ({own})."
            )
        elif own < 0 <= nat:
            text = tr(
                "{label}: a fall in {territory} between {start} and {end} ({own}), "
                "while the national figure rose ({nat})."
            )
        elif own > nat:
            text = tr(
                "{label}: faster growth in {territory} than nationally between {start} "
                "and {end} ({own} against {nat})."
            )
        else:
            text = tr(
                "{label}: slower growth in {territory} than nationally between {start} "
                "and {end} ({own} against {nat})."
            )
        strength = abs(own - nat) / max(abs(nat), 1.0)
        yield Signal("growth_vs_nation", text.format(**values), figs, strength)


@rule("above_or_below_national")
def above_or_below_national(facts: Facts, code: str, tr: Translator) -> Iterator[Signal]:
    """A rate or share is above (or below) the national value of the same year."""
    atlas = facts.atlas
    nation = atlas.top
    if code == nation or too_small_for_rates(facts, code):
        return
    min_gap = threshold(facts, "signal_min_gap", SIGNAL_MIN_GAP)
    for indicator in COMPARED_INDICATORS:
        own = facts.get(code, indicator)
        nat = facts.get(nation, indicator, own.year) if own else None
        if own is None or nat is None:
            continue
        a, b = _fmt(facts, indicator, own.value, tr), _fmt(facts, indicator, nat.value, tr)
        gap = abs(own.value - nat.value)
        if a == b or (gap < min_gap and gap < abs(nat.value) / 10):
            continue  # equal, or nearly (under the gap and a tenth of the national value)
        text = (
            tr("{label} in {territory}: above the national value in {year} ({own} against {nat}).")
            if own.value > nat.value
            else tr(
                "{label} in {territory}: below the national value in {year} ({own} against {nat})."
            )
        )
        yield Signal(
            "above_or_below_national",
            text.format(
                label=label(atlas, indicator, tr.lang),
                territory=atlas.name(code, tr.lang),
                year=own.year,
                own=a,
                nat=b,
            ),
            (own, nat),
            gap / max(abs(nat.value), 1.0),
        )


@rule("sibling_extremes")
def sibling_extremes(facts: Facts, code: str, tr: Translator) -> Iterator[Signal]:
    """The territory has the highest (or lowest) value among its siblings (at least
    :data:`MIN_SIBLINGS` of them holding the figure)."""
    atlas = facts.atlas
    parent = atlas.parent(code)
    if parent is None:
        return
    small = too_small_for_rates(facts, code)
    for indicator in RANKED_INDICATORS:
        own = facts.get(code, indicator)
        if own is None or (small and unit(atlas, indicator) == "percent"):
            continue
        held = {s: facts.get(s, indicator, own.year) for s in atlas.children(parent)}
        held = {s: f for s, f in held.items() if f is not None}
        if len(held) < MIN_SIBLINGS:
            continue
        values = [f.value for f in held.values()]
        if own.value >= max(values):
            text = tr(
                "Among the {n} territories of this level in {parent} that hold "
                "the figure, {territory} has the highest value of: {label} ({value}, "
                "{year})."
            )
        elif own.value <= min(values):
            text = tr(
                "Among the {n} territories of this level in {parent} that hold "
                "the figure, {territory} has the lowest value of: {label} ({value}, "
                "{year})."
            )
        else:
            continue
        yield Signal(
            "sibling_extremes",
            text.format(
                n=len(held),
                parent=atlas.name(parent, tr.lang),
                territory=atlas.name(code, tr.lang),
                label=label(atlas, indicator, tr.lang),
                value=_fmt(facts, indicator, own.value, tr),
                year=own.year,
            ),
            tuple(held.values()),
            0.5,  # an extreme among siblings: notable, though not a gap in itself
        )


@rule("regularised_here")
def regularised_here(facts: Facts, code: str, tr: Translator) -> Iterator[Signal]:
    """The territory's share of the people regularised nationally, beside its share of the
    nation's foreign residents when both are held for the same year."""
    atlas = facts.atlas
    share = facts.get(code, "regularisation_approved_share_pct")
    if share is None:
        return
    foreign = facts.get(code, "foreign_residents_share_of_national_foreigners_pct", share.year)
    values = dict(
        territory=atlas.name(code, tr.lang), year=share.year, share=tr.percent(share.value)
    )
    if foreign is None:
        text = tr("{share} of the people regularised in the {year} campaign lived in {territory}.")
        yield Signal("regularised_here", text.format(**values), (share,), 0.3)
        return
    text = tr(
        "{share} of the people regularised in the {year} campaign lived in "
        "{territory}, which held {foreign} of the country's foreign residents that "
        "year."
    )
    yield Signal(
        "regularised_here",
        text.format(foreign=tr.percent(foreign.value), **values),
        (share, foreign),
        abs(share.value - foreign.value) / max(abs(foreign.value), 1.0),
    )
