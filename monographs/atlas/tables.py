"""Reading the tables people have: CSV in any spreadsheet encoding or delimiter, and XLSX.

Every cell is read as text; numbers are parsed later (:func:`monographs.text.numbers.parse_number`)
so that a bad cell becomes a problem with its row and column instead of a crash.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Hashable
from pathlib import Path

import numpy as np
import pandas as pd

from monographs.errors import AtlasError

DELIMITERS = ",;\t|"
ROW = "_row"  # the column holding each record's row number as a spreadsheet shows it
FILE = "_file"  # the column naming the file a record comes from (relative to the atlas)
UNREAD_FORMATS = {
    ".xls": "Old Excel (.xls)",
    ".ods": "OpenDocument (.ods)",
    ".numbers": "Apple Numbers (.numbers)",
}


_BINARY = [  # what files named .csv turn out to be
    (b"SQLite format 3\x00", "an SQLite database (a GeoPackage?)"),
    (b"PK\x03\x04", "a ZIP archive (an XLSX workbook, or a zipped file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel (.xls) or Office file"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
]
# Stripped from both ends of every cell: white space and invisible marks left by copies
# and concatenated exports (a byte-order mark at a row start, zero-width spaces).
_STRIP = "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace()) + "\ufeff\u200b"
_CHUNK = 1 << 20
_HEAD = 1 << 16  # bytes decoded to sniff the delimiter


def is_utf8(data: bytes) -> bool:
    """Whether bytes are valid UTF-8, checked by chunks (no full copy of a large file)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(view[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are UTF-8 damaged in a few places (many valid
    multi-byte characters, very few invalid bytes) rather than a Windows-1252 file."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    return good >= 10 and bad * 10 <= good


def detect_encoding(data: bytes) -> str:
    """The encoding :func:`decode` would use, without decoding a large file as a whole."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data.count(b"\x00") > len(data) // 4:
        return decode(data)[1]
    return "utf-8" if is_utf8(data) or mostly_utf8(data) else "cp1252"


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
        if mostly_utf8(data):  # damaged UTF-8: the bad bytes become U+FFFD, and are reported
            return data.decode("utf-8", errors="replace"), "utf-8"
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text among comma, semicolon, tab and bar."""
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text.splitlines()[0] if text else ""
        return max(DELIMITERS, key=first.count) if first else ","


def read_table(
    path: Path, *, sheet: str | int = 0, max_bytes: int | None = None, header_row: int = 1
) -> pd.DataFrame:
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
            "Open it in a spreadsheet program and save it as .xlsx or as .csv.",
        )
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            frame = _read_workbook(path, sheet, header_row)
        except Exception as exc:  # openpyxl raises many kinds on broken files
            raise AtlasError(
                f"{path}: cannot read this workbook ({type(exc).__name__}: {exc}).",
                "Open it in a spreadsheet program and save it again as .xlsx or .csv.",
            ) from exc
    else:
        frame = _read_csv(path, header_row)
    frame = frame.fillna("")
    frame.columns = [str(c).strip(_STRIP) for c in frame.columns]
    for col in frame.columns:
        frame[col] = share_strings(frame[col].astype(str).str.strip(_STRIP))
    frame[ROW] = range(header_row + 1, len(frame) + header_row + 1)
    return frame


def _read_workbook(path: Path, sheet: str | int, header_row: int = 1) -> pd.DataFrame:
    """Read a sheet of a workbook as text, its header on ``header_row``; by default the
    first sheet that is not empty (a workbook often keeps Excel's empty ``Sheet1``/
    ``Feuil1`` before the data)."""
    skip = header_row - 1
    with pd.ExcelFile(path, engine="openpyxl") as book:
        if sheet != 0:
            return pd.read_excel(book, sheet_name=sheet, dtype=str, skiprows=skip)
        frame = pd.DataFrame()
        for name in book.sheet_names:
            frame = pd.read_excel(book, sheet_name=name, dtype=str, skiprows=skip)
            if len(frame.columns) or len(frame):
                break
        return frame


def _read_csv(path: Path, header_row: int = 1) -> pd.DataFrame:
    """Read a CSV file as text cells, in its own encoding and delimiter, its header on
    ``header_row`` (the lines above it skipped).

    UTF-8 and Windows-1252 files are parsed from their bytes by pandas (a large file is not
    held a second time as decoded text); UTF-16 ones are decoded first.
    """
    data = path.read_bytes()
    for magic, kind in _BINARY:
        if data.startswith(magic):
            raise AtlasError(
                f"{path}: this is not a text table but {kind}.",
                "Export the table as CSV (or XLSX, named .xlsx) and point atlas.toml at it.",
            )
    encoding = detect_encoding(data)
    if encoding.startswith("utf-16"):
        text, _ = decode(data)
        source: io.IOBase = io.StringIO(text)
        head = text[:_HEAD]
        read_encoding: str | None = None
    else:
        source = io.BytesIO(data)
        head = data[:_HEAD].decode(encoding, errors="ignore")
        read_encoding = encoding
    if not head.strip() and len(data) <= _HEAD:
        raise AtlasError(f"{path}: the file is empty.", "Add a header row and data rows.")
    if len(head) >= _HEAD // 4 and "\n" in head:  # the last line may be cut
        head = head[: head.rindex("\n")]
    if header_row > 1:
        head = "".join(head.splitlines(keepends=True)[header_row - 1 :])
    delimiter = sniff_delimiter(head)
    try:
        return pd.read_csv(
            source,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=False,
            encoding=read_encoding,
            encoding_errors="replace",
            skiprows=header_row - 1,
        )
    except pd.errors.EmptyDataError as exc:
        if header_row > 1:
            raise AtlasError(
                f"{path}: nothing from row {header_row} on.", "Check `header_row` in atlas.toml."
            ) from exc
        raise AtlasError(f"{path}: the file is empty.", "Add a header row and data rows.") from exc
    except (pd.errors.ParserError, csv.Error, UnicodeError) as exc:
        raise AtlasError(
            f"{path}: cannot read this CSV ({exc}).",
            "Check that every row has as many cells as the header.",
        ) from exc


def share_strings(column: pd.Series) -> pd.Series:
    """The same column with equal cells sharing one string object.

    A million-row table repeats a few thousand codes, indicators and source ids; sharing
    them keeps one copy of each instead of one per cell (the column stays plain text, so
    every pandas string operation works as before).
    """
    codes, uniques = pd.factorize(column, sort=False, use_na_sentinel=False)
    if len(uniques) == len(column):
        return column
    return pd.Series(
        np.asarray(uniques, dtype=object).take(codes), index=column.index, name=column.name
    )


def map_unique(column: pd.Series, func: Callable[[str], Hashable]) -> list:
    """``[func(v) for v in column]``, calling ``func`` once per distinct value."""
    codes, uniques = pd.factorize(column, sort=False, use_na_sentinel=False)
    results = [func(v) for v in uniques]
    return [results[c] for c in codes]
