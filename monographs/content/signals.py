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

from monographs.content.citing import label, parent_name, unit
from monographs.content.facts import Facts, Figure
from monographs.i18n import Translator
from monographs.i18n.messages import N_


@dataclass(frozen=True)
class Signal:
    """A factual sentence and the figures it states (their sources are cited with it)."""

    rule: str
    text: str
    figures: tuple[Figure, ...]
    #: how far the figure stands from its comparison (a relative gap: 0.5 is half the
    #: reference again); the report's first page states the strongest signals
    strength: float = 0.0
    #: which of the rule's sentences (:data:`SENTENCES`) states it: ``faster``, ``highest``…
    case: str = ""


#: Each rule's sentences, by the case they state. Each says its computation, the same in
#: every language (tests/test_signals.py checks the catalogues): a change of a count is
#: relative (in percent) and said so; an extreme is among the ``n`` of ``m`` territories
#: of the level that hold the figure; a value is compared with the nation's of its year.
SENTENCES: dict[str, dict[str, str]] = {
    "growth_vs_nation": {
        "same": N_(
            "{label}: the same relative change in {territory} as nationally between "
            "{start} and {end} ({own})."
        ),
        "fall": N_(
            "{label}: a fall in {territory} between {start} and {end} ({own}, relative "
            "change), while the national figure rose ({nat})."
        ),
        "faster": N_(
            "{label}: faster relative growth in {territory} than nationally between "
            "{start} and {end} ({own} against {nat})."
        ),
        "slower": N_(
            "{label}: slower relative growth in {territory} than nationally between "
            "{start} and {end} ({own} against {nat})."
        ),
    },
    "above_or_below_national": {
        "above": N_(
            "{label} in {territory}: above the national value in {year} ({own} against {nat})."
        ),
        "below": N_(
            "{label} in {territory}: below the national value in {year} ({own} against {nat})."
        ),
    },
    "sibling_extremes": {
        "highest": N_(
            "Among the {n} of {m} territories of this level in {parent} that hold the "
            "figure, {territory} has the highest value of: {label} ({value}, {year})."
        ),
        "lowest": N_(
            "Among the {n} of {m} territories of this level in {parent} that hold the "
            "figure, {territory} has the lowest value of: {label} ({value}, {year})."
        ),
    },
    "regularised_here": {
        "share": N_(
            "{share} of the people regularised in the {year} campaign lived in {territory}."
        ),
        "share_and_foreigners": N_(
            "{share} of the people regularised in the {year} campaign lived in "
            "{territory}, which held {foreign} of the country's foreign residents that "
            "year."
        ),
    },
}
#: What each rule computes (the words each language's sentences must carry say it).
COMPUTES = {
    "growth_vs_nation": "relative change of a count, against the nation's",
    "above_or_below_national": "a rate or share against the nation's of the same year",
    "sibling_extremes": "the highest or lowest among the n of m siblings holding the figure",
    "regularised_here": "a share of the national total, beside another",
}


def sentence(tr: Translator, rule: str, case: str) -> str:
    """A rule's sentence for a case, in ``tr``'s language (to format)."""
    return tr(SENTENCES[rule][case])


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
            case = "same"
        elif own < 0 < nat:
            case = "fall"
        elif own > nat:
            case = "faster"
        else:
            case = "slower"
        text = sentence(tr, "growth_vs_nation", case)
        strength = abs(own - nat) / max(abs(nat), 1.0)
        yield Signal("growth_vs_nation", text.format(**values), figs, strength, case)


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
        case = "above" if own.value > nat.value else "below"
        text = sentence(tr, "above_or_below_national", case)
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
            case,
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
            case = "highest"
        elif own.value <= min(values):
            case = "lowest"
        else:
            continue
        yield Signal(
            "sibling_extremes",
            sentence(tr, "sibling_extremes", case).format(
                n=len(held),
                m=len(atlas.children(parent)),
                parent=parent_name(atlas, code, tr),
                territory=atlas.name(code, tr.lang),
                label=label(atlas, indicator, tr.lang),
                value=_fmt(facts, indicator, own.value, tr),
                year=own.year,
            ),
            tuple(held.values()),
            0.5,  # an extreme among siblings: notable, though not a gap in itself
            case,
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
        text = sentence(tr, "regularised_here", "share")
        yield Signal("regularised_here", text.format(**values), (share,), 0.3, "share")
        return
    text = sentence(tr, "regularised_here", "share_and_foreigners")
    yield Signal(
        "regularised_here",
        text.format(foreign=tr.percent(foreign.value), **values),
        (share, foreign),
        abs(share.value - foreign.value) / max(abs(foreign.value), 1.0),
        "share_and_foreigners",
    )
