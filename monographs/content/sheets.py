"""Data-collection sheets: the figures a territory lacks, in the atlas's own format.

Beside each PDF the build writes ``<stem>.collect.csv`` and ``.xlsx``: one row per missing
figure with the columns of ``figures.csv`` (value, source and note left empty) plus the
territory's name and the indicator's label to guide whoever fills it. A filled sheet put in
the atlas's ``collected/`` folder is read with the figures by the next build (rows still
without a value are skipped); its ``source_id`` must name a source of ``sources.csv``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from monographs.atlas import Atlas
from monographs.content.model import MissingFigure

COLUMNS = [
    "territory_code",
    "indicator",
    "year",
    "dimension",
    "value",
    "source_id",
    "note",
    "territory_name",
    "indicator_label",
    "unit",
]


def collection_sheet(atlas: Atlas, code: str, missing: Sequence[MissingFigure]) -> pd.DataFrame:
    """The sheet of ``code``'s missing figures (one row each, value and source empty; a
    breakdown gets a row per category the national breakdown has)."""
    cat = atlas.catalogue
    return pd.DataFrame(
        [
            {
                "territory_code": code,
                "indicator": m.indicator,
                "year": m.year,
                "dimension": dim,
                "value": "",
                "source_id": "",
                "note": "",
                "territory_name": atlas.name(code),
                "indicator_label": m.label,
                "unit": cat.at[m.indicator, "unit"] if m.indicator in cat.index else "",
            }
            for m in missing
            for dim in (m.dimensions or ("",))
        ],
        columns=COLUMNS,
    )
