"""Checks of what becomes a file or is read as one: territory codes that would share a
file name, and narratives over the limits of the Markdown parser."""

from __future__ import annotations

from collections.abc import Iterator

from monographs.atlas import Atlas
from monographs.atlas.config import file_label
from monographs.atlas.paths import folder_files, resolve_inside
from monographs.atlas.tables import FILE, ROW
from monographs.problems import Problem
from monographs.text.markup import over_limits
from monographs.text.slugs import code_slug


def check_file_names(atlas: Atlas) -> Iterator[Problem]:
    """Two territories of one level whose codes give one file name (``EX-S-1`` and
    ``ex-s-1``, ``EX.S.1`` and ``EX-S-1``): one report would overwrite the other."""
    t = atlas.territories
    seen: dict[tuple[str, str], str] = {}
    for code, level, row, file in zip(t.index, t["level"], t[ROW], t[FILE], strict=True):
        key = (str(level), code_slug(str(code)))
        if key not in seen:
            seen[key] = str(code)
            continue
        yield Problem(
            "name-collision",
            f"the codes `{seen[key]}` and `{code}` give one file name, `{key[1]}`: one "
            "report would overwrite the other",
            file=str(file),
            row=int(row),
            column="code",
            value=str(code)[:80],
            hint="Give territories codes that differ by more than case or punctuation "
            "(. - _ and spaces are the same in a file name).",
        )


def check_narratives(atlas: Atlas) -> Iterator[Problem]:
    """Narratives: inside the atlas (a link pointing out is refused), regular files, and
    within ``limits.max_narrative_bytes`` and ``limits.max_narrative_nesting``."""
    folder = atlas.config.tables.get("narratives")
    if folder is None or "narratives" in atlas.config.refused:
        return
    inside = resolve_inside(atlas.root, folder)
    if inside is None or not inside.is_dir():
        return
    limits = atlas.config.limits
    found: list[Problem] = []
    paths = folder_files(atlas.root, inside, "tables.narratives", {".md"}, found)
    yield from found
    for path in paths:
        with open(path, "rb") as fh:
            data = fh.read(limits.max_narrative_bytes + 1)
        size = max(len(data), path.stat().st_size)
        why = over_limits(
            data.decode("utf-8", errors="replace"),
            size,
            limits.max_narrative_bytes,
            limits.max_narrative_nesting,
        )
        if why:
            yield Problem(
                "narrative-over-limit",
                f"the narrative is not shown: {why}",
                file=file_label(path, atlas.root),
                value=path.name,
                hint="Shorten it, close its brackets and parentheses, or raise the limit in "
                "atlas.toml's [limits].",
            )
