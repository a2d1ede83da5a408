"""The evidence of a monograph: every figure it draws on, as CSV, for the PDF/A attachment."""

from __future__ import annotations

from monographs.content.citing import label, territory_name, unit
from monographs.content.monograph import MonographBuilder
from monographs.text.spreadsheets import rows_csv

EVIDENCE_COLUMNS = [
    "territory_code",
    "territory",
    "indicator",
    "label",
    "year",
    "dimension",
    "value",
    "unit",
    "computed",
    "source_id",
    "source_title",
    "url",
]


def evidence_csv(builder: MonographBuilder, code: str, lang: str) -> bytes:
    """The figures a monograph draws on, as CSV (UTF-8 with a BOM, for spreadsheets).

    One row per figure held for the territory, its parent, the nation and its
    sub-territories — the figures the report states, compares, ranks and maps — with
    its unit and source (id, title, URL), so that an archived PDF carries its own
    evidence. Labels and names are in ``lang``.
    """
    atlas, facts = builder.atlas, builder.facts
    codes = [
        code,
        *([atlas.parent(code)] if atlas.parent(code) else []),
        atlas.top,
        *atlas.children(code),
    ]
    sources = atlas.sources
    rows = []
    for c in dict.fromkeys(codes):
        for fig in sorted(facts.figures_of(c), key=lambda f: (f.indicator, f.year, f.dimension)):
            held = [s for s in fig.sources if s in sources.index]
            rows.append(
                [
                    c,
                    territory_name(atlas, c, lang),
                    fig.indicator,
                    label(atlas, fig.indicator, lang),
                    fig.year,
                    fig.dimension,
                    f"{fig.value:g}",
                    unit(atlas, fig.indicator),
                    fig.derived or "",
                    "; ".join(fig.sources),
                    "; ".join(str(sources.at[s, "title"]) for s in held),
                    "; ".join(
                        str(sources.at[s, "url"])
                        for s in held
                        if "url" in sources.columns and sources.at[s, "url"]
                    ),
                ]
            )
    return rows_csv(EVIDENCE_COLUMNS, rows)
