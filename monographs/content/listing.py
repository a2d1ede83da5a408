"""The territories of a level (or those a search finds), each with how many of the
report's key figures it holds: what ``monographs list`` shows."""

from __future__ import annotations

from pathlib import Path

from monographs.atlas import Atlas, load_atlas
from monographs.atlas import search as search_names
from monographs.content.facts import Facts
from monographs.content.sections.key_figures import KEY_FIGURES


def list_territories(
    atlas: Atlas | Path | str | None = None, level: str | None = None, search: str | None = None
) -> list[dict]:
    """The territories of a level, each with how many of the report's key figures it holds.

    ``level`` defaults to the one under the top (the regions of a country), or to every
    level when ``search`` is given; ``search`` keeps the territories whose name
    or an alias holds it, ignoring accents, case, hyphens and spaces (``tang`` finds
    Tanger).
    """
    atlas = atlas if isinstance(atlas, Atlas) else load_atlas(atlas)
    if level is not None:
        atlas.level_or_default(level)
    if search:
        codes = search_names(atlas, search, level)
    else:
        codes = atlas.at_level(atlas.level_or_default(level))
    facts = Facts(atlas)
    expected = [
        ind
        for ind, *_ in KEY_FIGURES
        if ind in atlas.catalogue.index and facts.years(atlas.top, ind)
    ]
    rows = []
    for code in codes:
        held = sum(1 for ind in expected if facts.get(code, ind) is not None)
        parent = atlas.parent(code)
        kind = atlas.kind_of(code)
        rows.append(
            {
                "code": code,
                "name": atlas.name(code),
                "level": atlas.level_of(code),
                "kind": str(kind or ""),
                "parent": atlas.name(parent) if parent else "",
                "parent_code": parent or "",
                "held": held,
                "expected": len(expected),
            }
        )
    return rows
