"""Section 1, the cover: the territory's names, the data's years and its locator map."""

from __future__ import annotations

from monographs.atlas import Atlas
from monographs.content.facts import Facts
from monographs.content.model import MapFigure
from monographs.content.rows import Scope
from monographs.content.specs import Locator


def locator(s: Scope) -> MapFigure | None:
    """The map locating the territory within its country; None without its boundary."""
    atlas, tr = s.atlas, s.tr
    if not atlas.has_boundary(s.code):
        return None
    s.specs.append(Locator("locator.svg", s.code))
    parent = atlas.parent(s.code)
    where = (
        atlas.name(parent, tr.lang)
        if parent
        else atlas.config.text_in("country", tr.lang)[0] or atlas.name(atlas.top, tr.lang)
    )
    return MapFigure(
        "figure:locator.svg",
        tr("Location"),
        tr("Map locating {name} within {where}.").format(
            name=atlas.name(s.code, tr.lang), where=where
        ),
    )


def vintage(facts: Facts, code: str) -> str:
    """The years of the territory's figures: ``2004–2024``, ``2024`` or empty."""
    years = sorted({f.year for f in facts.figures_of(code)})
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else ""


def other_name(atlas: Atlas, code: str, lang: str) -> tuple[str, str]:
    """The territory's name in another of the atlas's languages (the cover shows both),
    with that language; ``("", "")`` when it has none that differs."""
    for lg in atlas.config.languages + ["ar", "fr", "en"]:
        if lg != lang and f"name_{lg}" in atlas.territories.columns:
            alt = atlas.territories.at[code, f"name_{lg}"]
            if alt and alt != atlas.name(code, lang):
                return alt, lg
    return "", ""
