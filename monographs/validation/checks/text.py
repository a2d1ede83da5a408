"""Checks of raw input cells, whatever the table: text too long to be a name or a cell,
invisible control characters in codes and figures, and bytes that were not text.

Vectorised, so that a million-row table costs a few string scans.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from monographs.atlas import Atlas
from monographs.atlas.tables import FILE, ROW
from monographs.problems import Problem
from monographs.validation.checks._common import CONTROL

MAX_NAME = 300  # characters in a name, a label, a title
MAX_CELL = 10_000  # characters in any other cell
REPLACEMENT = "\ufffd"  # what undecodable bytes became
MAX_PER_COLUMN = 20  # problems reported per column and kind; a summary says the rest


def _is_name(column: str) -> bool:
    return column.startswith(("name_", "label_")) or column in {"title", "publisher", "name"}


def _tables(atlas: Atlas) -> Iterator[tuple[str, pd.DataFrame]]:
    for name in ("territories", "figures", "sources", "catalogue", "programmes", "actors"):
        frame = getattr(atlas, name)
        if len(frame):
            yield name, frame


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if c not in (ROW, FILE, "value", "year") and not pd.api.types.is_numeric_dtype(frame[c])
    ]


def _flag(column: pd.Series, test) -> pd.Series:
    """``test`` (a vectorised predicate on text) applied once per distinct cell value."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    hit = test(pd.Series(uniques, dtype=object).astype(str)).to_numpy(dtype=bool)
    return pd.Series(hit[codes] if hit.any() else False, index=column.index)


def _report(frame: pd.DataFrame, mask: pd.Series, column: str, make) -> Iterator[Problem]:
    hits = frame.loc[mask.fillna(False).astype(bool)]
    for _, row in hits.head(MAX_PER_COLUMN).iterrows():
        yield make(row)
    if len(hits) > MAX_PER_COLUMN:
        first = hits.iloc[0]
        yield Problem(
            "more-problems",
            f"{len(hits) - MAX_PER_COLUMN:,} more cells of column `{column}` have the same problem",
            file=str(first[FILE]),
            column=column,
            hint="Fix the first ones, then validate again.",
        )


def check_text_length(atlas: Atlas) -> Iterator[Problem]:
    """Names, labels and titles over 300 characters; any cell over 10,000."""
    for _table, frame in _tables(atlas):
        for col in _text_columns(frame):
            limit = MAX_NAME if _is_name(col) else MAX_CELL
            too_long = _flag(frame[col], lambda t, limit=limit: t.str.len() > limit)
            yield from _report(
                frame,
                too_long,
                col,
                lambda r, col=col, limit=limit: Problem(
                    "text-too-long",
                    f"`{col}` holds {len(str(r[col])):,} characters, more than {limit:,}",
                    file=str(r[FILE]),
                    row=int(r[ROW]),
                    column=col,
                    value=str(r[col])[:60] + "…",
                    hint="Shorten it; long texts belong in a note or a document cited as a source.",
                ),
            )


def check_raw_cells(atlas: Atlas) -> Iterator[Problem]:
    """Control characters (NUL…) in codes and figures, and undecodable bytes anywhere."""
    for table, frame in _tables(atlas):
        for col in _text_columns(frame):
            covered = table in {"territories", "sources"} and (
                col.startswith("name_") or col == "title"
            )  # the `control-character` check
            if not covered:
                yield from _report(
                    frame,
                    _flag(frame[col], lambda t: t.str.contains(CONTROL, regex=True)),
                    col,
                    lambda r, col=col: Problem(
                        "control-character",
                        f"`{col}` holds invisible control characters",
                        file=str(r[FILE]),
                        row=int(r[ROW]),
                        column=col,
                        value=repr(str(r[col]))[1:-1][:80],
                        hint="Retype the cell; such characters usually come from a bad copy "
                        "or a damaged file.",
                    ),
                )
            yield from _report(
                frame,
                _flag(frame[col], lambda t: t.str.contains(REPLACEMENT, regex=False)),
                col,
                lambda r, col=col: Problem(
                    "invalid-text",
                    f"`{col}` holds bytes that are not text in the file's encoding (shown as �)",
                    file=str(r[FILE]),
                    row=int(r[ROW]),
                    column=col,
                    value=str(r[col])[:80],
                    hint="The file is damaged or mixes encodings: save it again as UTF-8 "
                    "from the spreadsheet program, and retype this cell.",
                ),
            )
