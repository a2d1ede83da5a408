"""Writing the tables people open in a spreadsheet program: CSV and XLSX.

One home for both formats: CSV as UTF-8 with a byte-order mark (so that spreadsheet
programs show the accents) and ``\\n`` line ends; XLSX with a frozen header and readable
column widths.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

BOM = "\ufeff"


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes (UTF-8 with a BOM, no index)."""
    return (BOM + frame.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def rows_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Rows of cells as CSV bytes (UTF-8 with a BOM), the header first."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM + buf.getvalue()).encode("utf-8")


def workbook(
    sheets: Mapping[str, pd.DataFrame],
    *,
    freeze: Mapping[str, str] | None = None,
    min_width: int = 0,
    max_width: int = 60,
    sample: int | None = None,
) -> bytes:
    """Tables as an XLSX workbook, one sheet each (names cut to Excel's 31 characters).

    Each column is as wide as its longest cell (of the first ``sample`` rows when given)
    plus two, within ``min_width`` and ``max_width``; ``freeze`` gives a sheet's frozen
    cell (default ``A2``: the header row stays in view).
    """
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, sheet in sheets.items():
            title = name[:31]
            sheet.to_excel(writer, sheet_name=title, index=False)
            ws = writer.sheets[title]
            ws.freeze_panes = (freeze or {}).get(name, "A2")
            for col in ws.columns:
                cells = col if sample is None else col[:sample]
                width = max(len(str(c.value if c.value is not None else "")) for c in cells) + 2
                ws.column_dimensions[col[0].column_letter].width = min(
                    max(width, min_width), max_width
                )
    return buf.getvalue()
