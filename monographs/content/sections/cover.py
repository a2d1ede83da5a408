"""Section 1, the cover: the territory's names, the data's years and its locator map."""

from __future__ import annotations

from monographs.atlas import Atlas
from monographs.content.facts import Facts
from monographs.content.model import MapFigure
from monographs.content.rows import Scope
from monographs.content.specs import Locator


def locator_spec(atlas: Atlas, code: str) -> Locator:
    """What the locator of ``code`` shows: the territory among its siblings, framed on its
    parent, when the parent has a boundary or several of its children have one (a region
    among the regions of the country); its neighbours, named; and an inset of the parent
    within the country when the parent is not the country itself. Otherwise (the top, or
    a territory alone on its parent's map) the territory within its country."""
    parent = atlas.parent(code)
    siblings = atlas.mapped_children(parent) if parent else []
    parent_mapped = bool(parent) and atlas.has_boundary(str(parent))
    if not parent or code not in siblings or not (parent_mapped or len(siblings) > 1):
        return Locator("locator.svg", code)
    first = atlas.config.levels[1:2]
    inset = (
        parent != atlas.top
        and parent_mapped
        and bool(first)
        and atlas.boundaries(first[0]) is not None
    )
    return Locator(
        "locator.svg",
        code,
        siblings=tuple(siblings),
        neighbours=tuple(atlas.neighbours(code)),
        inset=inset,
    )


def locator(s: Scope) -> MapFigure | None:
    """The map locating the territory among its neighbours within its parent (see
    :func:`locator_spec`); None without its boundary."""
    atlas, tr = s.atlas, s.tr
    if not atlas.has_boundary(s.code):
        return None
    spec = locator_spec(atlas, s.code)
    s.specs.append(spec)
    parent = atlas.parent(s.code)
    # the country as the atlas names it in the report's language, else the top territory's
    # name in that language (not the atlas's country in another language)
    given, given_lang = atlas.config.text_in("country", tr.lang)
    country = given if given and given_lang == tr.lang else atlas.name(atlas.top, tr.lang)
    country = country or given
    where = atlas.name(parent, tr.lang) if parent and parent != atlas.top else country
    name = atlas.name(s.code, tr.lang)
    if spec.neighbours:
        names = tr.comma.join(atlas.name(c, tr.lang) for c in spec.neighbours)
        alt = tr("Map locating {name} within {where}, among its neighbours: {names}.").format(
            name=name, where=where, names=names
        )
    else:
        alt = tr("Map locating {name} within {where}.").format(name=name, where=where)
    if spec.inset:
        alt += " " + tr("An inset shows {where} within {country}.").format(
            where=where, country=country
        )
    return MapFigure("figure:locator.svg", tr("Location"), alt)


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
