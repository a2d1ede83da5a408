"""Drawing and laying out the comparison report: the maps and rankings of a
:class:`~monographs.compare.Comparison`, the typed context of ``compare.html.j2``, and the
PDF. :func:`monographs.compare.run` calls :func:`render`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import geopandas as gpd
import pandas as pd

from monographs.atlas.boundaries import simplify_to_width
from monographs.content.citing import Citations, label, name_fallbacks, unit
from monographs.content.comparison import (
    HELD,
    MAX_BARS,
    MAX_MAP_LABELS,
    OLDER,
    OVERVIEW,
    TEMPLATE,
    Comparison,
    Measure,
    heading,
    measure_label,
)
from monographs.content.context import Conflict, MapFigure, SourceEntry
from monographs.content.monograph import MonographBuilder
from monographs.figures import charts, maps, plotting
from monographs.figures.bidi import RLM, display
from monographs.i18n import Translator
from monographs.render.pdf import DEFAULT_PDF_VARIANT, html_to_pdf, render_html
from monographs.text.slugs import slugify


# ---- figures -------------------------------------------------------------------------------
def _fmt(tr: Translator, u: str, change: bool):
    if change:
        return tr.signed_percent
    return lambda v: tr.figure(v, u)


def _unit_word(tr: Translator, m: Measure, u: str) -> str:
    if m.change:
        return tr("change in %")
    return {"people": tr("people"), "households": tr("households"),
            "percent": tr("percent")}.get(u, "")


def _label_codes(ax, units: gpd.GeoDataFrame) -> None:
    from matplotlib import patheffects

    halo = [patheffects.withStroke(linewidth=1.8, foreground="white")]
    for code, geom in units.geometry.items():
        p = geom.representative_point()
        ax.text(p.x, p.y, str(code), fontsize=5.5, ha="center", va="center",
                path_effects=halo, color="#222222")


def shapes(cmp: Comparison) -> gpd.GeoDataFrame | None:
    """The level's boundaries simplified for maps a few centimetres wide (see
    :func:`monographs.atlas.boundaries.simplify_to_width`). None without boundaries."""
    bounds = cmp.atlas.boundaries(cmp.level)
    if bounds is None or not len(bounds):
        return bounds
    return simplify_to_width(bounds)


def draw_map(cmp: Comparison, m: Measure, tr: Translator,
             bounds: gpd.GeoDataFrame | None = None) -> tuple[bytes, str] | None:
    """The territories coloured by a measure: one map per year of ``map_years`` with the
    same classes and one legend; None when the level has no boundaries."""
    atlas = cmp.atlas
    bounds = shapes(cmp) if bounds is None else bounds
    if bounds is None:
        return None
    have = [c for c in cmp.codes if c in bounds.index]
    if not have:
        return None
    u = "percent" if m.change else unit(atlas, m.indicator)
    fmt = _fmt(tr, u, m.change)
    years = m.map_years or (m.year,)
    frames = []
    for y in years:
        frame = gpd.GeoDataFrame(
            {"value": [cmp.map_values.get((c, m.key, y)) for c in have]},
            geometry=bounds.loc[have].geometry.values, crs=bounds.crs, index=have)
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
        frames.append(frame)
    pooled = pd.concat([f["value"] for f in frames]).dropna()
    title = measure_label(atlas, m, tr.lang, tr)
    legend_title = _unit_word(tr, m, u) or tr("value")
    several = len(frames) > 1
    fig = plotting.new_figure(17, 10.5 if several else 9.5)
    if len(pooled):
        classes = maps.classify(pooled.to_numpy())
        bins = [float(b) for b in classes.bins]
    else:
        bins = []
    axes = fig.subplots(1, len(frames)) if several else [fig.add_subplot()]
    for ax, frame, y in zip(axes, frames, years, strict=True):
        maps.choropleth(ax, frame, "value", fmt, tr("data missing"), legend_title,
                        bins=bins or None, legend=not several)
        if several:
            ax.set_title(str(y), fontsize=9, fontweight="bold")
        if len(have) <= MAX_MAP_LABELS:
            _label_codes(ax, frame)
    if several:
        from matplotlib.patches import Patch

        handles = []
        rtl_mark = RLM if tr.direction == "rtl" else ""  # Arabic ranges read from the right
        low = float(pooled.min()) if len(pooled) else 0.0
        counts = [_class_counts(f["value"].dropna().tolist(), bins) for f in frames]
        for i, (colour, upper) in enumerate(zip(maps.class_colours(len(bins)), bins,
                                                strict=True)):
            per_year = " | ".join(str(c[i]) for c in counts)
            handles.append(Patch(facecolor=colour, edgecolor="#999999", linewidth=0.4,
                                 label=display(f"{rtl_mark}{fmt(low)} – {fmt(upper)}  "
                                               f"({per_year})")))
            low = upper
        gaps = [int(f["value"].isna().sum()) for f in frames]
        if any(gaps):
            handles.append(Patch(facecolor=plotting.MISSING, edgecolor=plotting.NEUTRAL,
                                 hatch="////", label=f"{tr('data missing')}  "
                                 f"({' | '.join(str(g) for g in gaps)})"))
        fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False,
                   fontsize=7, title=tr("{unit}; territories per class in {years}").format(
                       unit=legend_title, years=" | ".join(map(str, years))),
                   title_fontsize=7.5)
    return plotting.to_svg(fig), _alt(cmp, m, tr, fmt, title)


def _class_counts(values: list[float], bins: list[float]) -> list[int]:
    """How many values fall in each class (a value goes to the first class whose upper
    bound it does not exceed)."""
    counts = [0] * len(bins)
    for v in values:
        i = next((k for k, b in enumerate(bins) if v <= b + 1e-9), len(bins) - 1)
        counts[i] += 1
    return counts


def _alt(cmp: Comparison, m: Measure, tr: Translator, fmt, title: str) -> str:
    col = {c: v for c, v in cmp.column(m.key).items() if v is not None}
    if not col:
        return tr("{title}: no territory has the figure.").format(title=title)
    hi, lo = max(col, key=col.get), min(col, key=col.get)
    return tr("{title}: highest in {hi} ({hv}), lowest in {lo} ({lv}); {n} of {m} "
              "territories have the figure.").format(
        title=title if m.change else f"{title}{tr.comma}{m.period}",
        hi=cmp.atlas.name(hi, tr.lang), hv=fmt(col[hi]),
        lo=cmp.atlas.name(lo, tr.lang), lv=fmt(col[lo]), n=len(col), m=len(cmp.codes))


def draw_ranking(cmp: Comparison, m: Measure, tr: Translator) -> tuple[bytes, str, int]:
    """Horizontal bars sorted high to low, the nation marked by a dashed line (for a count,
    the national mean per territory of the level). Returns the SVG, the reference's
    label and how many bars were left out."""
    atlas = cmp.atlas
    u = "percent" if m.change else unit(atlas, m.indicator)
    fmt = _fmt(tr, u, m.change)
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
    agg = str(atlas.catalogue.at[m.indicator, "aggregation"]) \
        if "aggregation" in atlas.catalogue.columns else ""
    if nat is not None:
        if not m.change and (agg == "sum" or u in {"people", "households"}):
            n = len(atlas.at_level(cmp.level))
            ref_label = tr("mean per territory, {country} ÷ {n}: {value}").format(
                country=atlas.name(atlas.top, tr.lang), n=n, value=fmt(nat / n))
            reference = (ref_label, nat / n)
        else:
            ref_label = tr("{country}: {value}").format(
                country=atlas.name(atlas.top, tr.lang), value=fmt(nat))
            reference = (ref_label, nat)
    names = [_short(atlas.name(c, tr.lang)) for c in shown]
    fig = plotting.new_figure(17, 1.2 + 0.42 * max(len(shown), 1))
    ax = fig.add_subplot()
    vals = [col[c] for c in shown]
    rtl = tr.direction == "rtl"
    charts.bar_chart(ax, names, vals, fmt, reference=reference,
                     missing_label=tr.missing_mark, rtl=rtl)
    lows = [v for v in vals if v is not None] + ([reference[1]] if reference else [])
    if lows and min(lows) < 0:
        lo, hi = sorted(ax.get_xlim())
        limits = (min(lows) * 1.25, max(hi, 0.0))
        ax.set_xlim(*(limits[::-1] if rtl else limits))  # mirrored in Arabic
        ax.axvline(0, color="#555555", linewidth=0.6)
    return plotting.to_svg(fig), ref_label, left_out


def _short(name: str, n: int = 34) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def draw_reference_map(cmp: Comparison, tr: Translator,
                       bounds: gpd.GeoDataFrame | None = None) -> tuple[bytes, str] | None:
    """The compared territories with their codes, within the country (for the cover)."""
    bounds = shapes(cmp) if bounds is None else bounds
    if bounds is None:
        return None
    have = [c for c in cmp.codes if c in bounds.index]
    if not have:
        return None
    fig = plotting.new_figure(12, 11)
    ax = fig.add_subplot()
    units = bounds.loc[have]
    maps.locator_map(ax, bounds, units.geometry)
    if not cmp.subset:  # the whole level: no territory stands out
        ax.collections[-1].set_facecolor("#9CC3DD")
        ax.collections[-1].set_edgecolor("white")
    if len(have) <= MAX_MAP_LABELS:
        _label_codes(ax, units)
    alt = tr("Map of the {n} territories compared, each marked with its code.").format(
        n=len(have))
    return plotting.to_svg(fig), alt


# ---- the template's context --------------------------------------------------------------
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


def _cell(cmp: Comparison, code: str, m: Measure, tr: Translator) -> tuple[str, str]:
    value = cmp.values[(code, m.key)]
    u = "percent" if m.change else unit(cmp.atlas, m.indicator)
    return _fmt(tr, u, m.change)(value) if value is not None else tr.missing_mark, \
        cmp.state(code, m.key)


def _signals(cmp: Comparison, tr: Translator) -> list[str]:
    """Plain sentences answering where foreign residents are, where they grew, what
    is missing."""
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
            names = tr.comma.join(f"{atlas.name(c, tr.lang)} ({tr.number(v)})" for c, v in first)
            share = tr.percent(100 * sum(v for _, v in first) / nat, 1) if nat else ""
            if share:
                out.append(tr("Foreign residents concentrate in {names}: {share} of the "
                              "national total in {year}.").format(names=names, share=share,
                                                                  year=m.year))
            else:
                out.append(tr("Foreign residents concentrate in {names} ({year}).").format(
                    names=names, year=m.year))
    if "foreign_residents_share_pct" in keys:
        ranked = top("foreign_residents_share_pct")
        if ranked:
            c, v = ranked[0]
            out.append(tr("The highest share of foreign residents in the population is in "
                          "{name} ({value}).").format(name=atlas.name(c, tr.lang),
                                                      value=tr.percent(v)))
    if "foreign_residents@change" in keys:
        m = cmp.measure("foreign_residents@change")
        ranked = top(m.key)
        nat = cmp.national.get(m.key)
        if ranked:
            c, v = ranked[0]
            args = {"name": atlas.name(c, tr.lang), "value": tr.signed_percent(v),
                    "start": m.start, "end": m.year, "national": tr.signed_percent(nat)}
            out.append(tr("Foreign residents grew fastest in {name} ({value} between {start} "
                          "and {end}; nationally {national}).").format(**args)
                       if nat is not None else
                       tr("Foreign residents grew fastest in {name} ({value} between {start} "
                          "and {end}).").format(**args))
    gaps = {m.key: [c for c in cmp.codes if cmp.values[(c, m.key)] is None]
            for m in cmp.measures}
    key_gaps = [(m, gaps[m.key]) for m in cmp.measures
                if m.indicator.startswith("foreign_residents") and gaps[m.key]]
    for m, codes in key_gaps[:3]:
        names = tr.comma.join(atlas.name(c, tr.lang) for c in codes[:8])
        out.append(tr("{label}: missing for {names} ({n}/{m}).").format(
            label=heading(atlas, m, tr), names=names + (" …" if len(codes) > 8 else ""),
            n=len(codes), m=len(cmp.codes)))
    return out


def build_context(cmp: Comparison, tr: Translator) -> tuple[CompareContext, dict[str, bytes]]:
    """The template's context and the figures it embeds."""
    atlas = cmp.atlas
    figures: dict[str, bytes] = {}
    cite = Citations(comma=tr.comma)
    level_name = atlas.config.level_name(cmp.level, tr.lang)
    bounds = shapes(cmp)
    ref = draw_reference_map(cmp, tr, bounds)
    reference_map = None
    if ref:
        figures["territories.svg"] = ref[0]
        reference_map = MapFigure("figure:territories.svg", level_name, ref[1])
    by_key = {m.key: m for m in cmp.measures}
    over = [by_key[k] for k in OVERVIEW if k in by_key]
    rows = [Row(c, atlas.name(c, tr.lang), [_cell(cmp, c, m, tr) for m in over])
            for c in cmp.codes]
    national = [_fmt(tr, "percent" if m.change else unit(atlas, m.indicator), m.change)(
        cmp.national[m.key]) for m in over]
    pages = []
    for m in cmp.measures:
        col = cmp.column(m.key)
        if all(v is None for v in col.values()):
            continue
        u = "percent" if m.change else unit(atlas, m.indicator)
        fmt = _fmt(tr, u, m.change)
        slug = slugify(m.key)
        title = measure_label(atlas, m, tr.lang, tr)
        drawn = draw_map(cmp, m, tr, bounds)
        map_fig = None
        if drawn:
            figures[f"map-{slug}.svg"] = drawn[0]
            map_fig = MapFigure(f"figure:map-{slug}.svg", title, drawn[1])
        svg, ref_label, left_out = draw_ranking(cmp, m, tr)
        figures[f"rank-{slug}.svg"] = svg
        alt = _alt(cmp, m, tr, fmt, title)
        ranks = cmp.ranks(m.key)
        order = sorted(ranks, key=lambda c: (ranks[c], c))
        note = tr("The {k} highest of {n} are drawn; every value is in the table.").format(
            k=MAX_BARS, n=len(cmp.codes)) if left_out else ""
        for c in order:
            cite.cite(*cmp.sources.get((c, m.key), ()))
        pages.append(IndicatorPage(
            title, m.period, heading(atlas, m, tr), map_fig,
            MapFigure(f"figure:rank-{slug}.svg", title, alt),
            ref_label, note,
            [(str(ranks[c]), atlas.name(c, tr.lang), fmt(col[c])) for c in order[:MAX_BARS]]))
    tables = []
    chunk = 9
    for i in range(0, len(cmp.measures), chunk):
        part = cmp.measures[i:i + chunk]
        refs = []
        for m in part:
            ids = [s for c in cmp.codes for s in cmp.sources.get((c, m.key), ())]
            refs.append(cite.cite(*dict.fromkeys(ids)) if ids else "")
        tables.append(ValueTable(
            [heading(atlas, m, tr) for m in part],
            [Row(c, atlas.name(c, tr.lang), [_cell(cmp, c, m, tr) for m in part])
             for c in cmp.codes],
            [_fmt(tr, "percent" if m.change else unit(atlas, m.indicator), m.change)(
                cmp.national[m.key]) for m in part], refs))
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
    totals = [f"{sum(1 for c in cmp.codes if cmp.values[(c, m.key)] is not None)} / "
              f"{len(cmp.codes)}" for m in cmp.measures]
    conflicts = []
    for f in cmp.conflicts:
        u = unit(atlas, f.indicator)
        values = [f.value, *(a.value for a in f.alternatives)]
        conflicts.append(Conflict(
            label=f"{atlas.name(f.territory, tr.lang)} — {label(atlas, f.indicator, tr.lang)}",
            year=str(f.year), dimension=f.dimension, shown=tr.figure(f.value, u),
            shown_ref=cite.cite(f.source_id),
            others=[(tr.figure(a.value, u), cite.cite(a.source_id)) for a in f.alternatives],
            gap=tr.figure(max(values) - min(values), u)))
    builder = MonographBuilder(atlas, cmp.facts)
    years = sorted({int(y) for y in re.findall(r"\d{4}", " ".join(cmp.years.values()))})
    vintage = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    subtitle = tr("{n} territories of level “{level}”, {country}").format(
        n=len(cmp.codes), level=level_name, country=atlas.name(atlas.top, tr.lang))
    atlas_title, atlas_title_lang = atlas.config.text_in("title", tr.lang)
    context = CompareContext(
        lang=tr.lang, dir=tr.direction, atlas_title=atlas_title,
        atlas_title_lang=atlas_title_lang,
        names_note=tr.names_note(name_fallbacks(atlas, [atlas.top, *cmp.codes], tr.lang)),
        title=tr("Comparison report"), subtitle=subtitle, level_name=level_name,
        country=atlas.name(atlas.top, tr.lang), edition=atlas.config.edition,
        vintage=vintage, accent=atlas.config.branding.get("colour", "#0B4F6C"),
        publisher=atlas.config.text_in("publisher", tr.lang)[0], reference_map=reference_map,
        territories=[(c, atlas.name(c, tr.lang)) for c in cmp.codes]
        if len(cmp.codes) <= MAX_MAP_LABELS else [],
        overview_headers=[heading(atlas, m, tr)
                          for m in over],
        overview_rows=rows, overview_national=national, signals=_signals(cmp, tr),
        indicators=pages, value_tables=tables,
        matrix_headers=[(i + 1, heading(atlas, m, tr))
                        for i, m in enumerate(cmp.measures)],
        matrix_rows=matrix_rows, matrix_totals=totals, conflicts=conflicts,
        sources=builder._sources(cite, tr), source_lang=atlas.config.language)
    return context, figures


def render(cmp: Comparison, tr: Translator) -> tuple[bytes, int, str, list[str]]:
    """Draw, fill the template and lay out the comparison report."""
    context, figures = build_context(cmp, tr)
    return render_pdf(cmp, tr, asdict(context), figures)



def render_pdf(cmp: Comparison, tr: Translator, context: dict, figures: dict[str, bytes]
               ) -> tuple[bytes, int, str, list[str]]:
    """Fill the template and lay it out; returns the PDF, its pages, the HTML, warnings."""
    html = render_html(TEMPLATE, {**context, **tr.template_words()})
    rendered = html_to_pdf(html, figures, [cmp.atlas.root], pdf_variant=DEFAULT_PDF_VARIANT)
    warnings = [f"refused to load {u}" for u in rendered.refused]
    if tr.missing:
        warnings.append(f"{len(tr.missing)} message(s) not translated to {tr.lang}")
    return rendered.pdf, rendered.pages, html, warnings
