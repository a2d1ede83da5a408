"""The comparison report's content: the typed context of ``compare.html.j2`` and the
figures it asks to be drawn (specs), from a :class:`~monographs.content.comparison.Comparison`.
Nothing here draws."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from monographs.content.alt import extremes_alt
from monographs.content.citing import (
    Citations,
    boundary_credits,
    change_unit,
    conflict_entry,
    glossary_entries,
    label,
    name_fallbacks,
    source_entries,
    unit,
)
from monographs.content.comparison import (
    HELD,
    MAX_BARS,
    MAX_MAP_LABELS,
    OLDER,
    OVERVIEW,
    Comparison,
    Measure,
    heading,
    measure_label,
)
from monographs.content.formats import column_format, value_format
from monographs.content.model import (
    BoundaryCredit,
    Conflict,
    GlossaryEntry,
    MapFigure,
    SourceEntry,
)
from monographs.content.specs import Bars, FigureSpec, LevelMap, ReferenceMap
from monographs.i18n import Translator
from monographs.text.slugs import slugify


def _unit_word(tr: Translator, m: Measure, u: str) -> str:
    if m.change:
        return tr("change in %")
    return {"people": tr("people"), "households": tr("households"), "percent": tr("percent")}.get(
        u, ""
    )


def stated_key(code: str, m: Measure, year: int | None = None) -> tuple[str, str, int, str]:
    """What a value of a measure is, as :attr:`Citations.stated` records it: a figure
    (territory, indicator, year, dimension), or for a change its own key (territory,
    ``indicator@change``, end year, ``since START``), the same wherever it is stated."""
    if m.change:
        return (code, m.key, m.year or 0, f"since {m.start}")
    return (code, m.indicator, (m.year if year is None else year) or 0, "")


def _state(cmp: Comparison, cite: Citations, code: str, m: Measure, value: float | None) -> None:
    """Record a value of a measure the report states for a territory (or the nation), and
    the figures it is made of."""
    cite.state(stated_key(code, m), value)
    if value is not None:
        cite.record(*cmp.figures.get((code, m.key), ()))


def _alt(cmp: Comparison, m: Measure, tr: Translator, fmt, title: str, cite: Citations) -> str:
    col = {c: v for c, v in cmp.column(m.key).items() if v is not None}
    for c, v in col.items():
        _state(cmp, cite, c, m, v)
    if col and not m.change:
        title = f"{title}{tr.comma}{m.period}"
    return extremes_alt(
        tr,
        title,
        col,
        lambda c: cmp.atlas.name(c, tr.lang),
        fmt,
        len(cmp.codes),
        units="territories",
    )


def _mapped(cmp: Comparison) -> list[str]:
    """The compared territories that have a boundary (none without boundaries)."""
    bounds = cmp.atlas.boundaries(cmp.level)
    if bounds is None or not len(bounds):
        return []
    return [c for c in cmp.codes if c in bounds.index]


def map_spec(
    cmp: Comparison,
    m: Measure,
    tr: Translator,
    name: str,
    have: list[str],
    cite: Citations | None = None,
) -> LevelMap:
    """The map of a measure: the territories coloured in the years of ``m.map_years`` (or
    its year), with the same classes; ``cite`` records the values drawn."""
    u = change_unit(cmp.atlas, m.indicator) if m.change else unit(cmp.atlas, m.indicator)
    years = m.map_years or (m.year,)
    if cite is not None:
        for c in have:
            for y in years:
                cite.state(stated_key(c, m, y), cmp.map_values.get((c, m.key, y)))
    return LevelMap(
        name,
        cmp.level,
        tuple(have),
        tuple(years),
        tuple({c: cmp.map_values.get((c, m.key, y)) for c in have} for y in years),
        u,
        m.change,
        _unit_word(tr, m, u) or tr("value"),
        len(have) <= MAX_MAP_LABELS,
    )


def ranking_spec(
    cmp: Comparison, m: Measure, tr: Translator, name: str, cite: Citations | None = None
) -> tuple[Bars, str, int]:
    """Bars sorted high to low, the nation marked by a dashed line (for a count, the
    national mean per territory of the level). Returns the spec, the reference's label and
    how many bars were left out; ``cite`` records the values drawn."""
    atlas = cmp.atlas
    u = change_unit(atlas, m.indicator) if m.change else unit(atlas, m.indicator)
    fmt = value_format(tr, u, m.change)
    col = cmp.column(m.key)
    held = sorted((c for c in cmp.codes if col[c] is not None), key=lambda c: (-col[c], c))
    missing = [c for c in cmp.codes if col[c] is None]
    shown = held[:MAX_BARS]
    if len(cmp.codes) <= MAX_BARS:
        shown = held + missing
    left_out = len(cmp.codes) - len(shown)
    nat = cmp.national.get(m.key)
    reference = None
    ref_label = ""
    agg = (
        str(atlas.catalogue.at[m.indicator, "aggregation"])
        if "aggregation" in atlas.catalogue.columns
        else ""
    )
    if nat is not None:
        if not m.change and (agg == "sum" or u in {"people", "households"}):
            n = len(atlas.at_level(cmp.level))
            ref_label = tr("mean per territory, {country} ÷ {n}: {value}").format(
                country=atlas.name(atlas.top, tr.lang), n=n, value=fmt(nat / n)
            )
            reference = (ref_label, nat / n)
        else:
            ref_label = tr("{country}: {value}").format(
                country=atlas.name(atlas.top, tr.lang), value=fmt(nat)
            )
            reference = (ref_label, nat)
    if cite is not None:
        for c in shown:
            _state(cmp, cite, c, m, col[c])
        _state(cmp, cite, atlas.top, m, nat)
    names = tuple(_short(atlas.name(c, tr.lang)) for c in shown)
    spec = Bars(
        name,
        "ranking",
        names,
        tuple(col[c] for c in shown),
        u,
        change=m.change,
        reference=reference,
    )
    return spec, ref_label, left_out


def _short(name: str, n: int = 34) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


@dataclass
class Row:
    """A territory's row of a table: its code, name and formatted cells, each cell with
    its state (``held``, ``older`` or ``missing``)."""

    code: str
    name: str
    cells: list[tuple[str, str]]
    held: str = ""


@dataclass
class ValueTable:
    """A slice of the territory × indicator table (a few measures, so that it fits)."""

    headers: list[str]
    rows: list[Row]
    national: list[str]
    refs: list[str]


@dataclass
class IndicatorPage:
    """One key indicator: its map(s), its ranking and the ranks in words."""

    title: str
    period: str
    heading: str
    map: MapFigure | None
    ranking: MapFigure
    reference: str
    note: str
    ranks: list[tuple[str, str, str]]  # rank, territory, value


@dataclass
class CompareContext:
    """Everything ``compare.html.j2`` shows, already formatted."""

    lang: str
    dir: str
    atlas_title: str
    title: str
    subtitle: str
    level_name: str
    country: str
    edition: str
    vintage: str
    accent: str
    publisher: str
    reference_map: MapFigure | None
    territories: list[tuple[str, str]]
    overview_headers: list[str]
    overview_rows: list[Row]
    overview_national: list[str]
    signals: list[str]
    indicators: list[IndicatorPage]
    value_tables: list[ValueTable]
    matrix_headers: list[tuple[int, str]]
    matrix_rows: list[Row]
    matrix_totals: list[str]
    conflicts: list[Conflict]
    sources: list[SourceEntry]
    source_lang: str = "fr"  # the language of the atlas's own texts (title, sources)
    atlas_title_lang: str = ""  # the language of ``atlas_title`` (atlas.toml may give several)
    names_note: str = ""  # how many place names are shown in another language
    credits: list[BoundaryCredit] = field(default_factory=list)  # the boundaries' credits
    # the atlas's glossary in the report's language (the report lists those it uses)
    glossary: list[GlossaryEntry] = field(default_factory=list)


def _column_format(cmp: Comparison, m: Measure, tr: Translator) -> Callable[[float | None], str]:
    """The formatter of a measure's column in the tables: a change signed (in points for a
    percentage), a value with the same decimals in every row (and the national row)."""
    if m.change:
        return value_format(tr, change_unit(cmp.atlas, m.indicator), change=True)
    held = [*cmp.column(m.key).values(), cmp.national.get(m.key)]
    return column_format(tr, unit(cmp.atlas, m.indicator), held)


def _cell(
    cmp: Comparison,
    code: str,
    m: Measure,
    tr: Translator,
    fmt: Callable[[float | None], str],
    cite: Citations,
) -> tuple[str, str]:
    value = cmp.values[(code, m.key)]
    _state(cmp, cite, code, m, value)
    return fmt(value) if value is not None else tr.missing_mark, cmp.state(code, m.key)


def _national(
    cmp: Comparison, m: Measure, fmt: Callable[[float | None], str], cite: Citations
) -> str:
    """The nation's value of a measure in a table's national row, recorded as stated."""
    value = cmp.national[m.key]
    _state(cmp, cite, cmp.atlas.top, m, value)
    return fmt(value)


def _signals(cmp: Comparison, tr: Translator, cite: Citations) -> list[str]:
    """Plain sentences answering where foreign residents are, where they grew, what
    is missing; ``cite`` records the values they state."""
    atlas, out = cmp.atlas, []
    keys = {m.key for m in cmp.measures}

    def top(key: str) -> list[tuple[str, float]]:
        col = {c: v for c, v in cmp.column(key).items() if v is not None}
        return sorted(col.items(), key=lambda kv: (-kv[1], kv[0]))

    if "foreign_residents" in keys:
        m = cmp.measure("foreign_residents")
        ranked = top(m.key)
        nat = cmp.national.get(m.key)
        if ranked:
            first = ranked[:3]
            for c, v in first:
                _state(cmp, cite, c, m, v)
            _state(cmp, cite, atlas.top, m, nat)
            names = tr.comma.join(f"{atlas.name(c, tr.lang)} ({tr.number(v)})" for c, v in first)
            share = tr.percent(100 * sum(v for _, v in first) / nat, 1) if nat else ""
            if share:
                out.append(
                    tr(
                        "Foreign residents concentrate in {names}: {share} of the "
                        "national total in {year}."
                    ).format(names=names, share=share, year=m.year)
                )
            else:
                out.append(
                    tr("Foreign residents concentrate in {names} ({year}).").format(
                        names=names, year=m.year
                    )
                )
    if "foreign_residents_share_pct" in keys:
        ranked = top("foreign_residents_share_pct")
        if ranked:
            c, v = ranked[0]
            _state(cmp, cite, c, cmp.measure("foreign_residents_share_pct"), v)
            out.append(
                tr(
                    "The highest share of foreign residents in the population is in "
                    "{name} ({value})."
                ).format(name=atlas.name(c, tr.lang), value=tr.percent(v))
            )
    if "foreign_residents@change" in keys:
        m = cmp.measure("foreign_residents@change")
        ranked = top(m.key)
        nat = cmp.national.get(m.key)
        if ranked:
            c, v = ranked[0]
            facts = cmp.facts
            # the absolute increase on the same two figures the relative change divides
            increase = (
                {
                    code: facts.value(code, m.indicator, m.year)
                    - facts.value(code, m.indicator, m.start)
                    for code, _v in ranked
                }
                if facts is not None
                else {}
            )
            most = max(increase, key=lambda k: (increase[k], k)) if increase else c
            _state(cmp, cite, c, m, v)
            _state(cmp, cite, atlas.top, m, nat)
            if facts is not None:  # the increase is stated: its two counts are
                cite.record(facts.get(most, m.indicator, m.start))
                cite.record(facts.get(most, m.indicator, m.year))
            args = {
                "n": len(ranked),
                "m": len(cmp.codes),
                "name": atlas.name(c, tr.lang),
                "value": tr.signed_percent(v),
                "start": m.start,
                "end": m.year,
                "national": tr.signed_percent(nat),
                "most": atlas.name(most, tr.lang),
                "count": tr.number(increase.get(most)) if increase else tr.missing_mark,
            }
            text = (
                tr(
                    "Among the {n} of {m} territories that hold both counts, foreign "
                    "residents grew fastest, in relative terms, in {name} ({value} between "
                    "{start} and {end}; nationally {national}); the largest increase in "
                    "number was in {most} ({count})."
                )
                if nat is not None
                else tr(
                    "Among the {n} of {m} territories that hold both counts, foreign "
                    "residents grew fastest, in relative terms, in {name} ({value} between "
                    "{start} and {end}); the largest increase in number was in {most} "
                    "({count})."
                )
            )
            out.append(text.format(**args))
    gaps = {m.key: [c for c in cmp.codes if cmp.values[(c, m.key)] is None] for m in cmp.measures}
    key_gaps = [
        (m, gaps[m.key])
        for m in cmp.measures
        if m.indicator.startswith("foreign_residents") and gaps[m.key]
    ]
    for m, codes in key_gaps[:3]:
        names = tr.comma.join(atlas.name(c, tr.lang) for c in codes[:8])
        out.append(
            tr("{label}: missing for {names} ({n}/{m}).").format(
                label=heading(atlas, m, tr),
                names=names + (" …" if len(codes) > 8 else ""),
                n=len(codes),
                m=len(cmp.codes),
            )
        )
    return out


def build_context(
    cmp: Comparison, tr: Translator, cite: Citations | None = None
) -> tuple[CompareContext, list[FigureSpec]]:
    """The template's context and the figures it asks to be drawn; ``cite`` (new by
    default) numbers the sources and records every value the report states, for each
    territory, indicator, year and dimension (one each, in a report true to itself)."""
    atlas = cmp.atlas
    specs: list[FigureSpec] = []
    cite = cite if cite is not None else Citations(comma=tr.comma)
    level_name = atlas.config.level_name(cmp.level, tr.lang)
    have = _mapped(cmp)
    reference_map = None
    if have:
        specs.append(
            ReferenceMap(
                "territories.svg",
                cmp.level,
                tuple(have),
                not cmp.subset,
                len(have) <= MAX_MAP_LABELS,
            )
        )
        reference_map = MapFigure(
            "figure:territories.svg",
            level_name,
            tr("Map of the {n} territories compared, each marked with its code.").format(
                n=len(have)
            ),
        )
    by_key = {m.key: m for m in cmp.measures}
    # a key figure none of the territories holds is no column of the overview (its gaps are
    # in the table of values and the completeness page)
    over = [
        by_key[k]
        for k in OVERVIEW
        if k in by_key and any(v is not None for v in cmp.column(k).values())
    ]
    column_fmt = {m.key: _column_format(cmp, m, tr) for m in cmp.measures}
    rows = [
        Row(
            c,
            atlas.name(c, tr.lang),
            [_cell(cmp, c, m, tr, column_fmt[m.key], cite) for m in over],
        )
        for c in cmp.codes
    ]
    national = [_national(cmp, m, column_fmt[m.key], cite) for m in over]
    pages = []
    for m in cmp.measures:
        col = cmp.column(m.key)
        if all(v is None for v in col.values()):
            continue
        u = change_unit(atlas, m.indicator) if m.change else unit(atlas, m.indicator)
        fmt = value_format(tr, u, m.change)
        slug = slugify(m.key)
        title = measure_label(atlas, m, tr.lang, tr)
        alt = _alt(cmp, m, tr, fmt, title, cite)
        map_fig = None
        if have:
            specs.append(map_spec(cmp, m, tr, f"map-{slug}.svg", have, cite))
            map_fig = MapFigure(f"figure:map-{slug}.svg", title, alt)
        bars, ref_label, left_out = ranking_spec(cmp, m, tr, f"rank-{slug}.svg", cite)
        specs.append(bars)
        ranks = cmp.ranks(m.key)
        order = sorted(ranks, key=lambda c: (ranks[c], c))
        note = (
            tr("The {k} highest of {n} are drawn; every value is in the table.").format(
                k=MAX_BARS, n=len(cmp.codes)
            )
            if left_out
            else ""
        )
        for c in order:
            cite.cite(*cmp.sources.get((c, m.key), ()))
        for c in order[:MAX_BARS]:
            _state(cmp, cite, c, m, col[c])
        pages.append(
            IndicatorPage(
                title,
                m.period,
                heading(atlas, m, tr),
                map_fig,
                MapFigure(f"figure:rank-{slug}.svg", title, alt),
                ref_label,
                note,
                [(str(ranks[c]), atlas.name(c, tr.lang), fmt(col[c])) for c in order[:MAX_BARS]],
            )
        )
    tables = []
    chunk = 9
    for i in range(0, len(cmp.measures), chunk):
        part = cmp.measures[i : i + chunk]
        refs = []
        for m in part:
            ids = [s for c in cmp.codes for s in cmp.sources.get((c, m.key), ())]
            refs.append(cite.cite(*dict.fromkeys(ids)) if ids else "")
        tables.append(
            ValueTable(
                [heading(atlas, m, tr) for m in part],
                [
                    Row(
                        c,
                        atlas.name(c, tr.lang),
                        [_cell(cmp, c, m, tr, column_fmt[m.key], cite) for m in part],
                    )
                    for c in cmp.codes
                ],
                [_national(cmp, m, column_fmt[m.key], cite) for m in part],
                refs,
            )
        )
    matrix_rows = []
    for c in cmp.codes:
        cells = []
        for m in cmp.measures:
            state = cmp.state(c, m.key)
            if state == HELD:
                text = cmp.years[(c, m.key)]
            elif state == OLDER:
                text = str(max(y for y in cmp.facts_years[(c, m.indicator)]))
            else:
                text = tr.missing_mark
            cells.append((text.replace("–", "–​"), state))
        held = sum(1 for _t, st in cells if st == HELD)
        matrix_rows.append(Row(c, atlas.name(c, tr.lang), cells, f"{held} / {len(cells)}"))
    totals = [
        f"{sum(1 for c in cmp.codes if cmp.values[(c, m.key)] is not None)} / {len(cmp.codes)}"
        for m in cmp.measures
    ]
    conflicts = []
    for f in cmp.conflicts:
        cite.record(f)  # the value shown (the others are listed as the sources' values)
        conflicts.append(
            conflict_entry(
                atlas,
                f,
                tr,
                cite,
                f"{atlas.name(f.territory, tr.lang)} — {label(atlas, f.indicator, tr.lang)}",
            )
        )
    years = sorted({int(y) for y in re.findall(r"\d{4}", " ".join(cmp.years.values()))})
    vintage = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    subtitle = tr("{n} territories of level “{level}”, {country}").format(
        n=len(cmp.codes), level=level_name, country=atlas.name(atlas.top, tr.lang)
    )
    atlas_title, atlas_title_lang = atlas.config.text_in("title", tr.lang)
    context = CompareContext(
        lang=tr.lang,
        dir=tr.direction,
        atlas_title=atlas_title,
        atlas_title_lang=atlas_title_lang,
        names_note=tr.names_note(name_fallbacks(atlas, [atlas.top, *cmp.codes], tr.lang)),
        title=tr("Comparison report"),
        subtitle=subtitle,
        level_name=level_name,
        country=atlas.name(atlas.top, tr.lang),
        edition=atlas.config.edition,
        vintage=vintage,
        accent=atlas.config.branding.get("colour", "#0B4F6C"),
        publisher=atlas.config.text_in("publisher", tr.lang)[0],
        reference_map=reference_map,
        territories=[(c, atlas.name(c, tr.lang)) for c in cmp.codes]
        if len(cmp.codes) <= MAX_MAP_LABELS
        else [],
        overview_headers=[heading(atlas, m, tr) for m in over],
        overview_rows=rows,
        overview_national=national,
        signals=_signals(cmp, tr, cite),
        indicators=pages,
        value_tables=tables,
        matrix_headers=[(i + 1, heading(atlas, m, tr)) for i, m in enumerate(cmp.measures)],
        matrix_rows=matrix_rows,
        matrix_totals=totals,
        conflicts=conflicts,
        sources=source_entries(atlas, cite, tr),
        credits=boundary_credits(atlas, tr),
        glossary=glossary_entries(atlas, tr.lang),
        source_lang=atlas.config.language,
    )
    return context, specs
