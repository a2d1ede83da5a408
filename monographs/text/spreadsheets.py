"""Writing the tables people open in a spreadsheet program: CSV and XLSX.

One home for both formats: CSV as UTF-8 with a byte-order mark (so that spreadsheet
programs show the accents) and ``\\n`` line ends; XLSX with a frozen header and readable
column widths.

Both are safe to open (OWASP's CSV-injection guidance): a text cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by a spreadsheet
program (``=HYPERLINK(…)`` in a territory's name). In a CSV such a cell is written with a
leading apostrophe, which spreadsheet programs take as "this is text" and do not show
(and :func:`unescape_cell` removes when the tool reads a sheet back); in an XLSX it is
written as a text cell, never a formula. Numbers stay numbers: ``-5`` is not escaped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """A cell as a CSV may hold it: text that a spreadsheet would run as a formula gets a
    leading apostrophe; numbers (and text that is a plain number, ``-5``) are unchanged.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("-5"), safe_cell(-5), safe_cell("Alpha")
    ("'=HYPERLINK(1)", '-5', -5, 'Alpha')
    """
    formula = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if formula and not _NUMBER.fullmatch(str(value)):
        return ESCAPE + str(value)
    return value


def unescape_cell(text: str) -> str:
    """The text :func:`safe_cell` escaped, as it was (``'=x`` → ``=x``)."""
    if text.startswith(ESCAPE) and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [safe_cell(c) for c in frame.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell)
    return out


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes (UTF-8 with a BOM, no index), formula-like text escaped."""
    text = _safe_frame(frame).to_csv(index=False, lineterminator="\n")
    return (BOM + text).encode("utf-8")


def rows_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Rows of cells as CSV bytes (UTF-8 with a BOM), the header first, formula-like
    text escaped."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([safe_cell(c) for c in header])
    writer.writerows([safe_cell(c) for c in row] for row in rows)
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
            for cells in ws.iter_rows():
                for cell in cells:  # text stays text: never a formula a program would run
                    if cell.data_type == "f":
                        cell.data_type = "s"
            ws.freeze_panes = (freeze or {}).get(name, "A2")
            for col in ws.columns:
                cells = col if sample is None else col[:sample]
                width = max(len(str(c.value if c.value is not None else "")) for c in cells) + 2
                ws.column_dimensions[col[0].column_letter].width = min(
                    max(width, min_width), max_width
                )
    return buf.getvalue()
