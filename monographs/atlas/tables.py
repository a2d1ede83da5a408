"""Reading the tables people have: CSV in any spreadsheet encoding or delimiter, and XLSX.

Every cell is read as text; numbers are parsed later (:func:`monographs.text.numbers.parse_number`)
so that a bad cell becomes a problem with its row and column instead of a crash.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Hashable
from pathlib import Path

import numpy as np
import pandas as pd

from monographs.atlas.config import Limits
from monographs.errors import AtlasError, InputRefused
from monographs.problems import Problem

TableRefused = InputRefused  # what read_table raises for a table over a limit

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
# text.spreadsheets.safe_cell's escape of formula-like text
_ESCAPED_RE = re.compile(r"'[=+\-@\t\r]")
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
    path: Path,
    *,
    sheet: str | int = 0,
    max_bytes: int | None = None,
    header_row: int = 1,
    limits: Limits | None = None,
    label: str | None = None,
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
    limits:
        The atlas's bounds (columns, column-name length, rows, a workbook's unpacked
        size). Problems that leave the table readable (a column name given twice, a file
        mixing encodings) are returned in ``frame.attrs["problems"]``.
    label:
        The file's name in problems (relative to the atlas).

    Raises
    ------
    AtlasError
        When the file is missing, too large or unreadable; the message names the file.
    TableRefused
        When the table is over one of ``limits`` (its ``problem`` names which), checked
        before the work it would cost.
    """
    path = Path(path)
    limits = limits or Limits()
    label = label or path.name
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
    problems: list[Problem] = []
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        _check_workbook(path, limits, label, header_row)
        try:
            frame, header = _read_workbook(path, sheet, header_row, limits.max_rows)
        except Exception as exc:  # openpyxl raises many kinds on broken files
            raise AtlasError(
                f"{path}: cannot read this workbook ({type(exc).__name__}: {exc}).",
                "Open it in a spreadsheet program and save it again as .xlsx or .csv.",
            ) from exc
    else:
        frame, header, mixed = _read_csv(path, header_row, limits, label)
        problems += mixed
    _check_size(frame, limits, label, header_row)
    problems += _header_problems(header, limits, label, header_row)
    frame = frame.fillna("")
    frame.columns = [str(c).strip(_STRIP) for c in frame.columns]
    for col in frame.columns:
        frame[col] = _clean_cells(frame[col])
    frame[ROW] = range(header_row + 1, len(frame) + header_row + 1)
    frame.attrs["problems"] = problems
    return frame


def _limit_hint(key: str, what: str) -> str:
    return f"{what}, or raise `limits.{key}` in atlas.toml if the file is right."


def _check_size(frame: pd.DataFrame, limits: Limits, label: str, header_row: int) -> None:
    if len(frame.columns) > limits.max_columns:
        raise _too_many_columns(len(frame.columns), limits, label, header_row)
    if len(frame) > limits.max_rows:
        raise InputRefused(
            Problem(
                "too-many-rows",
                f"the table has more than {limits.max_rows:,} rows",
                file=label,
                row=limits.max_rows + header_row + 1,
                hint=_limit_hint("max_rows", "Split the table"),
            )
        )


def _too_many_columns(
    n: int, limits: Limits, label: str, header_row: int, partial: bool = False
) -> InputRefused:
    return InputRefused(
        Problem(
            "too-many-columns",
            f"the header has {'at least ' if partial else ''}{n:,} columns, more than "
            f"{limits.max_columns:,}",
            file=label,
            row=header_row,
            hint=_limit_hint(
                "max_columns", "Keep the columns the atlas uses (or split a wide table)"
            ),
        )
    )


def _header_problems(
    header: list[str], limits: Limits, label: str, header_row: int
) -> list[Problem]:
    """A column name over ``limits.max_header_chars``, or given twice."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in header:
        name = str(raw).strip(_STRIP)
        if len(name) > limits.max_header_chars:
            problems.append(
                Problem(
                    "header-too-long",
                    f"a column name is longer than {limits.max_header_chars:,} characters",
                    file=label,
                    row=header_row,
                    column=name[:40] + "…",
                    value=name[:60] + "…",
                    hint=_limit_hint("max_header_chars", "Shorten the column name"),
                )
            )
        elif name in seen and name:
            problems.append(
                Problem(
                    "duplicate-column",
                    f"the header names the column `{name}` twice; only the first is read",
                    file=label,
                    row=header_row,
                    column=name,
                    value=name,
                    hint="Rename or remove one of the two columns.",
                )
            )
        seen.add(name)
    return problems[:20]


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _check_workbook(path: Path, limits: Limits, label: str, header_row: int = 1) -> None:
    """Refuse a workbook whose XML unpacks beyond ``limits.max_xlsx_bytes`` or whose
    sheets hold more than ``limits.max_rows`` rows, before a parser spends minutes and
    gigabytes on it (an XLSX is a zip: 1 MB can unpack to a million rows). The sizes the
    zip declares are not trusted: the sheets are unpacked as a stream and counted."""
    too_large = InputRefused(
        Problem(
            "workbook-too-large",
            f"the workbook unpacks to more than {limits.max_xlsx_bytes:,} bytes",
            file=label,
            hint=_limit_hint("max_xlsx_bytes", "Save it as CSV (or split it)"),
        )
    )
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: the workbook reader says so
    with book:
        members = book.infolist()
        if sum(m.file_size for m in members) > limits.max_xlsx_bytes:
            raise too_large
        unpacked = rows = 0
        for member in members:
            if not member.filename.lower().startswith("xl/worksheets/"):
                continue
            tail = b""
            try:
                with book.open(member) as fh:
                    for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                        unpacked += len(chunk)
                        if unpacked > limits.max_xlsx_bytes:
                            raise too_large
                        rows += len(_ROW_TAG.findall(tail + chunk)) - len(_ROW_TAG.findall(tail))
                        tail = chunk[-16:]
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
                return  # damaged: the workbook reader says so
            if rows > limits.max_rows + header_row:
                raise InputRefused(
                    Problem(
                        "too-many-rows",
                        f"the workbook holds more than {limits.max_rows:,} rows",
                        file=label,
                        hint=_limit_hint("max_rows", "Split the table, or save it as CSV"),
                    )
                )


def _read_workbook(
    path: Path, sheet: str | int, header_row: int = 1, max_rows: int | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Read a sheet of a workbook as text, its header on ``header_row``; by default the
    first sheet that is not empty (a workbook often keeps Excel's empty ``Sheet1``/
    ``Feuil1`` before the data). Returns the frame and the header as written (pandas
    renames a repeated name ``value.1``)."""
    skip = header_row - 1
    nrows = None if max_rows is None else max_rows + 1
    with pd.ExcelFile(path, engine="openpyxl") as book:
        names = [sheet] if sheet != 0 else book.sheet_names
        frame, name = pd.DataFrame(), names[0]
        for name in names:
            frame = pd.read_excel(
                book,
                sheet_name=name,
                dtype=str,
                skiprows=skip,
                nrows=nrows,
                keep_default_na=False,  # `NA` (Namibia), `null` stay text; empty is ""
                na_values=[""],
            )
            if len(frame.columns) or len(frame):
                break
        header: list[str] = []
        ws = book.book[name] if isinstance(name, str) and name in book.book else None
        if ws is not None:
            for cells in ws.iter_rows(min_row=header_row, max_row=header_row, values_only=True):
                header = [str(c) for c in cells if c is not None]
        return frame, header


def _read_csv(
    path: Path, header_row: int = 1, limits: Limits | None = None, label: str = ""
) -> tuple[pd.DataFrame, list[str], list[Problem]]:
    """Read a CSV file as text cells, in its own encoding and delimiter, its header on
    ``header_row`` (the lines above it skipped).

    UTF-8 and Windows-1252 files are parsed from their bytes by pandas (a large file is not
    held a second time as decoded text); UTF-16 ones are decoded first. Returns the
    frame, the header as written and the problems of a file that mixes encodings. A
    header over ``limits.max_columns`` is refused before pandas parses anything.
    """
    limits = limits or Limits()
    label = label or path.name
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
    header = _first_record(head, delimiter)
    partial = "\n" not in head and len(data) > _HEAD  # the header goes on past what was read
    if len(header) > limits.max_columns:
        raise _too_many_columns(len(header), limits, label, header_row, partial)
    mixed = _mixed_encoding(data, label) if encoding == "cp1252" else []
    try:
        frame = pd.read_csv(
            source,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=False,
            encoding=read_encoding,
            encoding_errors="replace",
            skiprows=header_row - 1,
            nrows=limits.max_rows + 1,
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
    return frame, header, mixed


def _first_record(head: str, delimiter: str) -> list[str]:
    """The first CSV record of ``head`` (the header, as written)."""
    try:
        return next(csv.reader(io.StringIO(head), delimiter=delimiter), [])
    except csv.Error:
        return []


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mixed_encoding(data: bytes, label: str) -> list[Problem]:
    """A file read as Windows-1252 whose lines are partly UTF-8 (rows pasted from two
    exports): its UTF-8 accents would be read as two characters each (``Ã©``)."""
    first: dict[str, int] = {}
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        kind = "utf-8" if is_utf8(line) and _UTF8_SEQUENCE.search(line) else "cp1252"
        first.setdefault(kind, number)
        if len(first) == 2:
            break
    if len(first) < 2:
        return []
    earlier, later = sorted(first, key=first.get)
    names = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}
    return [
        Problem(
            "mixed-encoding",
            f"the file mixes encodings: row {first[earlier]} is {names[earlier]}, row "
            f"{first[later]} {names[later]}; the accents of one kind would be garbled",
            file=label,
            row=first[later],
            hint="Open the file in a spreadsheet program, fix the garbled accents and save "
            "it once as UTF-8 (CSV UTF-8).",
        )
    ]


def _clean_cell(cell: str) -> str:
    cell = cell.strip(_STRIP)
    if _ESCAPED_RE.match(cell):  # a sheet the tool wrote: `'=x` was `=x`
        return cell[1:]
    return cell


def _clean_cells(column: pd.Series) -> pd.Series:
    """A column's cells stripped and unescaped, equal cells sharing one string: each
    distinct cell is cleaned once (a 30,000-row table repeats a few thousand values)."""
    codes, uniques = pd.factorize(column.astype(str), sort=False, use_na_sentinel=False)
    cleaned = np.asarray([_clean_cell(v) for v in uniques], dtype=object)
    return pd.Series(cleaned.take(codes), index=column.index, name=column.name)


def map_unique(column: pd.Series, func: Callable[[str], Hashable]) -> list:
    """``[func(v) for v in column]``, calling ``func`` once per distinct value."""
    codes, uniques = pd.factorize(column, sort=False, use_na_sentinel=False)
    results = [func(v) for v in uniques]
    return [results[c] for c in codes]
