"""Reading the tables people have: CSV in any spreadsheet encoding or delimiter, and XLSX.

Every cell is read as text; numbers are parsed later (:func:`monographs.numbers.parse_number`)
so that a bad cell becomes a problem with its row and column instead of a crash.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from monographs.errors import AtlasError

DELIMITERS = ",;\t|"
ROW = "_row"  # the column holding each record's row number as a spreadsheet shows it
FILE = "_file"  # the column naming the file a record comes from (relative to the atlas)
UNREAD_FORMATS = {".xls": "Old Excel (.xls)", ".ods": "OpenDocument (.ods)",
                  ".numbers": "Apple Numbers (.numbers)"}


def decode(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or
    without one when NUL bytes give it away), else Windows-1252.

    Returns the text and the name of the encoding used.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.count(b"\x00") > len(data) // 4:  # UTF-16 saved without a byte-order mark
        even_nuls = data[0::2].count(b"\x00")
        odd_nuls = data[1::2].count(b"\x00")
        encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text among comma, semicolon, tab and bar."""
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=first.count) if first else ","


def read_table(path: Path, *, sheet: str | int = 0, max_bytes: int | None = None,
               header_row: int = 1) -> pd.DataFrame:
    """Read a CSV or XLSX table as text, with a ``_row`` column of spreadsheet row numbers.

    Parameters
    ----------
    path:
        A ``.csv``/``.txt``/``.tsv`` or ``.xlsx`` file.
    sheet:
        The sheet of an XLSX workbook (name or index).
    max_bytes:
        Refuse larger files with a clear error.
    header_row:
        The row holding the column names, as a spreadsheet numbers it (1: the first);
        the rows above it (a title, notes) are skipped.

    Raises
    ------
    AtlasError
        When the file is missing, too large or unreadable; the message names the file.
    """
    path = Path(path)
    if not path.is_file():
        raise AtlasError(f"{path}: file not found.", "Check the path in atlas.toml.")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise AtlasError(
            f"{path}: {size:,} bytes is over the limit of {max_bytes:,} bytes.",
            "Split the table, or raise `limits.max_table_bytes` in atlas.toml.",
        )
    if path.suffix.lower() in UNREAD_FORMATS:
        raise AtlasError(
            f"{path}: {UNREAD_FORMATS[path.suffix.lower()]} files are not read.",
            "Open it in a spreadsheet program and save it as .xlsx or as .csv.")
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            frame = pd.read_excel(path, sheet_name=sheet, dtype=str, engine="openpyxl",
                                  skiprows=header_row - 1)
        except Exception as exc:  # openpyxl raises many kinds on broken files
            raise AtlasError(
                f"{path}: cannot read this workbook ({type(exc).__name__}: {exc}).",
                "Open it in a spreadsheet program and save it again as .xlsx or .csv.",
            ) from exc
    else:
        text, _ = decode(path.read_bytes())
        if not text.strip():
            raise AtlasError(f"{path}: the file is empty.", "Add a header row and data rows.")
        if header_row > 1:
            text = "".join(text.splitlines(keepends=True)[header_row - 1:])
            if not text.strip():
                raise AtlasError(f"{path}: nothing from row {header_row} on.",
                                 "Check `header_row` in atlas.toml.")
        delimiter = sniff_delimiter(text)
        try:
            frame = pd.read_csv(
                io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                skipinitialspace=False,
            )
        except (pd.errors.ParserError, csv.Error) as exc:
            raise AtlasError(
                f"{path}: cannot read this CSV ({exc}).",
                "Check that every row has as many cells as the header.",
            ) from exc
    frame = frame.fillna("")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    frame[ROW] = range(header_row + 1, len(frame) + header_row + 1)
    return frame
