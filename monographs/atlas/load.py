"""Loading an atlas: configuration, territories, figures, sources, catalogue, boundaries.

An atlas is a folder with an ``atlas.toml``. Loading reads every table as text and keeps
the problems it meets (a missing column, a number that is not one) as records; it raises
only when nothing sensible can be read. :func:`monographs.validation.validate` then checks
the content.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from monographs.atlas.config import AtlasConfig, file_label, load_config
from monographs.atlas.mappings import VALUE_COLUMN, read_wide, rename_columns, visible_columns
from monographs.atlas.model import Atlas
from monographs.atlas.paths import folder_files
from monographs.atlas.tables import FILE, ROW, TableRefused, map_unique, read_table
from monographs.problems import Problem, Report
from monographs.resources import DEFAULT_ATLAS
from monographs.text.numbers import parse_number

log = logging.getLogger(__name__)

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "territories": ("code", "level", "parent_code"),
    "figures": ("territory_code", "indicator", "year", "value", "source_id"),
    "sources": ("id", "title"),
    "catalogue": ("id", "unit"),
    "programmes": ("id", "number", "kind", "actions"),
    "actors": ("territory_code", "name", "programme"),
}
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "territories": ("kind",),
    "figures": ("dimension", "note", "base", "quality"),
    "sources": ("publisher", "url", "date", "licence"),
    "catalogue": (
        "aggregation",
        "programme",
        "sdg",
        "higher_is_better",
        "definition_fr",
        "source_note",
        "part_of",
        "breakdown",
    ),
    "programmes": ("sdg", "achievements_fr"),
    "actors": ("kind", "contact"),
}


def _table(
    config: AtlasConfig,
    name: str,
    report: Report,
    required: bool,
    column_maps: dict[str, dict[str, str]] | None = None,
) -> pd.DataFrame:
    columns = REQUIRED_COLUMNS[name] + OPTIONAL_COLUMNS.get(name, ())
    path = config.tables.get(name)
    label = file_label(path, config.root) if path else str(path)
    if name in config.refused:  # outside the atlas, or not a file: reported, never read
        return pd.DataFrame({c: pd.Series(dtype=str) for c in (*columns, ROW, FILE)})
    if path is None or not path.exists():
        if required:
            report.add(
                [
                    Problem(
                        "missing-file",
                        f"the {name} table is missing",
                        file=label,
                        hint=f"Create {label} or fix `tables.{name}` in atlas.toml.",
                    )
                ]
            )
        return pd.DataFrame({c: pd.Series(dtype=str) for c in (*columns, ROW, FILE)})
    try:
        frame = read_table(
            path,
            sheet=config.sheets.get(name, 0),
            max_bytes=config.max_table_bytes,
            header_row=config.header_rows.get(name, 1),
            limits=config.limits,
            label=label,
        )
    except TableRefused as exc:  # over a limit: named, the table left empty
        report.add([exc.problem])
        return pd.DataFrame({c: pd.Series(dtype=str) for c in (*columns, ROW, FILE)})
    report.add(frame.attrs.pop("problems", []))
    mapping = config.columns.get(name, {})
    if mapping:
        frame, found = rename_columns(frame, mapping, name, columns, label)
        report.add(found)
        if column_maps is not None:
            column_maps[label] = dict(mapping)
    frame[FILE] = label
    for col in REQUIRED_COLUMNS[name]:
        if col not in frame.columns and col not in mapping:
            report.add(
                [
                    Problem(
                        "missing-column",
                        f"the {name} table has no `{col}` column",
                        file=label,
                        column=col,
                        hint=f"Columns found: {visible_columns(frame)}. Add `{col}`, rename the "
                        f"column that holds it, or map it in atlas.toml: "
                        f'[columns.{name}] {col} = "your column".',
                    )
                ]
            )
    for col in columns:
        if col not in frame.columns:
            frame[col] = ""
    return frame


def _collected(config: AtlasConfig, report: Report) -> list[pd.DataFrame]:
    """The filled data-collection sheets in the atlas's ``collected`` folder, as figures.

    Rows left without a value are the figures still to collect: they are skipped.
    """
    folder = config.tables.get("collected")
    if folder is None or "collected" in config.refused or not folder.is_dir():
        return []
    frames = []
    found: list[Problem] = []
    paths = folder_files(config.root, folder, "tables.collected", {".csv", ".xlsx"}, found)
    report.add(found)
    for path in paths:
        try:
            frame = read_table(
                path,
                max_bytes=config.max_table_bytes,
                limits=config.limits,
                label=file_label(path, config.root),
            )
        except TableRefused as exc:
            report.add([exc.problem])
            continue
        report.add(frame.attrs.pop("problems", []))
        if config.columns.get("collected"):
            frame, found = rename_columns(
                frame,
                config.columns["collected"],
                "figures",
                REQUIRED_COLUMNS["figures"] + OPTIONAL_COLUMNS["figures"],
                file_label(path, config.root),
            )
            report.add(found)
        frame[FILE] = file_label(path, config.root)
        for col in REQUIRED_COLUMNS["figures"] + OPTIONAL_COLUMNS["figures"]:
            if col not in frame.columns:
                if col in REQUIRED_COLUMNS["figures"]:
                    report.add(
                        [
                            Problem(
                                "missing-column",
                                f"the collected sheet has no `{col}` column",
                                file=frame[FILE].iat[0] if len(frame) else path.name,
                                column=col,
                                hint="Keep the columns of the sheet the build wrote.",
                            )
                        ]
                    )
                frame[col] = ""
        frames.append(frame.loc[frame["value"].str.strip() != ""])
    return frames


def _missing_key(table: str, key: str, row: pd.Series, config: AtlasConfig) -> Problem:
    """A row of territories, sources or the catalogue whose code (id) is empty: named on its
    own row, and left out (nothing can refer to it)."""
    mapped = config.columns.get(table, {}).get(key, key)
    names = [
        f"{c}={str(row[c])[:40]}"
        for c in row.index
        if not str(c).startswith("_") and c != key and str(row[c]).strip()
    ][:3]
    return Problem(
        "missing-code",
        f"this row of the {table} table has no `{mapped}`; it is left out",
        file=str(row[FILE]),
        row=int(row[ROW]),
        column=mapped,
        value=", ".join(names)[:80],
        hint=f"Give the row its {'code' if key == 'code' else 'id'}"
        + (f" (it holds {', '.join(names)})" if names else "")
        + ", or delete the row if it is empty.",
    )


def _year(text: str) -> int | None:
    """A year cell as an integer; None when it is not a whole number."""
    y = parse_number(text)
    return int(y) if y is not None and y == int(y) else None


def load_atlas(path: Path | str | None = None) -> Atlas:
    """Load an atlas folder (the default Moroccan atlas when ``path`` is None).

    Parameters
    ----------
    path:
        A folder holding ``atlas.toml``.

    Returns
    -------
    Atlas
        With ``problems`` listing what loading met. Validate it with
        :func:`monographs.validation.validate` before building.

    Examples
    --------
    >>> atlas = load_atlas()
    >>> atlas.name("06")
    'Casablanca-Settat'
    """
    config, config_problems = load_config(Path(path) if path else DEFAULT_ATLAS)
    report = Report(list(config_problems))
    maps: dict[str, dict[str, str]] = {}
    territories = _table(config, "territories", report, True, maps)
    # the tidy figures table is optional when wide tables hold the figures
    figures = _table(config, "figures", report, not config.wide, maps)
    wide = []
    for spec in config.wide:
        frame, found = read_wide(spec, config.root, config.max_table_bytes, config.limits)
        report.add(found)
        maps[frame[FILE].iat[0] if len(frame) else spec.file.name] = {
            "territory_code": spec.territory
        }
        wide.append(frame)
    figures = pd.concat([figures, *wide, *_collected(config, report)], ignore_index=True)
    figures[VALUE_COLUMN] = figures[VALUE_COLUMN].fillna("") if VALUE_COLUMN in figures else ""
    figures = figures.fillna("")
    sources = _table(config, "sources", report, True, maps)
    catalogue = _table(config, "catalogue", report, True, maps)
    programmes = _table(config, "programmes", report, False, maps)
    actors = _table(config, "actors", report, False, maps)

    keyed = {"territories": territories, "sources": sources, "catalogue": catalogue}
    for table, key in (("territories", "code"), ("sources", "id"), ("catalogue", "id")):
        frame = keyed[table]
        blank = frame[key].astype(str).str.strip() == ""
        for _, row in frame.loc[blank].head(20).iterrows():
            report.add([_missing_key(table, key, row, config)])
        keyed[table] = frame.loc[~blank]
    territories, sources, catalogue = (keyed[t] for t in ("territories", "sources", "catalogue"))
    for table, frame, key, code in (
        ("territories", territories, "code", "duplicate-territory"),
        ("sources", sources, "id", "duplicate-source"),
        ("catalogue", catalogue, "id", "duplicate-indicator"),
    ):
        for _, row in frame.loc[frame[key].duplicated(keep="first")].iterrows():
            report.add(
                [
                    Problem(
                        code,
                        f"`{row[key]}` is given twice in the {table} table; the first is kept",
                        file=row[FILE],
                        row=int(row[ROW]),
                        column=key,
                        value=row[key],
                        hint="Give each its own code, or remove one of the rows.",
                    )
                ]
            )
    territories = territories.drop_duplicates("code", keep="first").set_index("code", drop=False)
    territories.index.name = None
    sources = sources.drop_duplicates("id", keep="first").set_index("id", drop=False)
    sources.index.name = None
    catalogue = catalogue.drop_duplicates("id", keep="first").set_index("id", drop=False)
    catalogue.index.name = None

    figures = figures.rename(columns={"value": "value_text", "year": "year_text"})
    figures["value"] = (
        pd.array(map_unique(figures["value_text"], parse_number), dtype="float64").to_numpy(
            na_value=float("nan")
        )
        + 0.0
    )  # -0 → 0
    figures["year"] = pd.array(map_unique(figures["year_text"], _year), dtype="Int64")
    return Atlas(
        config,
        territories,
        figures,
        sources,
        catalogue,
        programmes,
        actors,
        report,
        column_maps=maps,
    )
