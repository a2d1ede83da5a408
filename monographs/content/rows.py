"""One monograph's scope, and the one row every section shows: the territory's figure
beside its parent's and the nation's, with the year, the sources and the gap recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

from monographs.atlas import Atlas
from monographs.content.citing import Citations, change_unit, label, unit
from monographs.content.facts import Facts, Figure
from monographs.content.formats import stated, value_format
from monographs.content.model import KeyFigure, MissingFigure
from monographs.content.ranking import rank_in
from monographs.content.specs import FigureSpec
from monographs.i18n import Translator


def add_missing(missing: list[MissingFigure], gap: MissingFigure) -> None:
    """Add a gap to the list unless the same figure is already there."""
    if all(
        (m.indicator, m.year, m.dimensions) != (gap.indicator, gap.year, gap.dimensions)
        for m in missing
    ):
        missing.append(gap)


@dataclass
class Scope:
    """What every section of one monograph reads and adds to: the atlas and its chosen
    figures, the territory and the report's language, the citations (sources numbered in
    the order first cited), the figures the territory lacks and the figures to draw."""

    atlas: Atlas
    facts: Facts
    code: str
    tr: Translator
    cite: Citations
    missing: list[MissingFigure] = field(default_factory=list)
    specs: list[FigureSpec] = field(default_factory=list)

    @property
    def nation(self) -> str:
        """The top territory's code."""
        return self.atlas.top

    @property
    def parent(self) -> str | None:
        """The parent's code, unless it is the nation (shown in its own column)."""
        p = self.atlas.parent(self.code)
        return p if p != self.nation else None

    def has(self, indicator: str) -> bool:
        """True when the catalogue knows the indicator."""
        return indicator in self.atlas.catalogue.index


def beside(
    s: Scope,
    indicator: str,
    year: int,
    *,
    title: str = "",
    rank: str = "",
    record_gap: bool = True,
    keep_empty: bool = False,
) -> KeyFigure | None:
    """The territory's figure of ``year`` beside its parent's and the nation's; None when
    none of the three holds it (unless ``keep_empty``). A missing own figure is recorded as
    a gap when ``record_gap``; a figure computed from others says so."""
    facts, tr = s.facts, s.tr
    own = facts.get(s.code, indicator, year)
    par = facts.get(s.parent, indicator, year) if s.parent else None
    nat = facts.get(s.nation, indicator, year) if s.code != s.nation else None
    if own is None and par is None and nat is None and not keep_empty:
        return None
    u = unit(s.atlas, indicator)
    lab = label(s.atlas, indicator, tr.lang)
    if own is None and record_gap:
        add_missing(s.missing, MissingFigure(indicator, year, lab))
    return KeyFigure(
        label=title or lab,
        value=stated(tr, own, u),
        parent=stated(tr, par, u) if s.parent else "",  # n.d. when the parent lacks it
        national=stated(tr, nat, u) if nat else "",
        year=str(year),
        rank=rank,
        refs=s.cite.figs(own, par, nat),
        missing=own is None,
        note=figure_note(tr, own, par),
    )


def figure_note(tr: Translator, own: Figure | None, par: Figure | None) -> str:
    """What a row says of its figure: computed from others, or a count above its
    parent's (two bases mixed, usually: see the validation warning
    ``sub-territory-above-parent``)."""
    notes = []
    if own is not None and own.derived:
        notes.append(tr("computed"))
    if own is not None and own.above_parent and par is not None:
        notes.append(
            tr("above the parent's figure, on another base")
            if own.base != par.base
            else tr("above the parent's figure")
        )
    return tr.comma.join(notes)


def latest_year(s: Scope, indicator: str) -> int | None:
    """The latest year the territory holds, else the nation."""
    own_years = s.facts.years(s.code, indicator)
    nat_years = s.facts.years(s.nation, indicator)
    return own_years[-1] if own_years else nat_years[-1] if nat_years else None


def row(
    s: Scope, indicator: str, year: int | None = None, *, record_gap: bool = True, title: str = ""
) -> KeyFigure | None:
    """:func:`beside` for ``year``, by default the latest the territory (else the nation)
    holds; None when nobody holds it."""
    if year is None:
        year = latest_year(s, indicator)
    if year is None:
        return None
    return beside(s, indicator, year, title=title, record_gap=record_gap)


def change_row(s: Scope, indicator: str, lab: str) -> list[KeyFigure]:
    """The change of a count between the last two years the nation holds (else the
    territory), here beside the parent's and the nation's, ranked among the siblings."""
    atlas, facts, tr = s.atlas, s.facts, s.tr
    code, nation = s.code, s.nation
    years = facts.years(nation, indicator) or facts.years(code, indicator)
    if len(years) < 2:
        return []
    start, end = years[-2], years[-1]
    parent = atlas.parent(code)

    def change(c: str | None) -> tuple[float | None, list[Figure]]:
        if c is None:
            return None, []
        a, b = facts.get(c, indicator, start), facts.get(c, indicator, end)
        return facts.change(c, indicator, start, end), [f for f in (a, b) if f]

    own, own_figs = change(code)
    par, par_figs = change(s.parent)
    nat, nat_figs = change(nation) if code != nation else (None, [])
    name = tr("Change {start}–{end}").format(start=start, end=end)
    for y in (start, end):
        if facts.get(code, indicator, y) is None:
            add_missing(s.missing, MissingFigure(indicator, y, lab))
    rank = ""
    if own is not None and code != nation and parent:
        sibs = [facts.change(c, indicator, start, end) for c in atlas.children(parent)]
        held = [v for v in sibs if v is not None]
        if len(held) > 1:
            rank = tr("{rank} / {total}").format(rank=rank_in(own, held), total=len(held))
    fmt = value_format(tr, change_unit(atlas, indicator), change=True)  # points for a rate
    return [
        KeyFigure(
            label=f"{lab} — {name.lower()}",
            value=fmt(own) if own is not None else tr.missing_mark,
            parent=(fmt(par) if par is not None else tr.missing_mark) if s.parent else "",
            national=fmt(nat) if nat is not None else "",
            year=f"{start}–{end}",
            rank=rank,
            refs=s.cite.figs(*own_figs, *par_figs, *nat_figs),
            missing=own is None,
            note=tr("computed") if own is not None else "",
        )
    ]
