"""Planning a build: which territories, in which languages, written where, and which
boundary levels their maps draw. Needs only the tables."""

from __future__ import annotations

from pathlib import Path

from monographs.atlas import Atlas, find_territory
from monographs.errors import MonographError
from monographs.i18n import available_languages
from monographs.options import BuildOptions
from monographs.text.slugs import level_slug, territory_slug


def plan(atlas: Atlas, options: BuildOptions) -> list[str]:
    """The codes to build: the named territories, or every territory of the level."""
    level = options.level
    if level is not None:
        atlas.level_or_default(level)  # an unknown level is refused here
    if options.territories:
        codes = [find_territory(atlas, q, level) for q in options.territories]
        return list(dict.fromkeys(codes))
    return atlas.at_level(atlas.level_or_default(level))


def target_of(atlas: Atlas, code: str, options: BuildOptions, sheet: bool = False) -> Path:
    """Where a territory's PDF goes: ``output/<level>/<code>-<slug>.<lang>.pdf``, whatever
    the other languages of the build (so that a one-language request finds the file a
    batch wrote, and the two never overwrite each other's). With ``sheet``, the stem of its
    data-collection sheets (one per territory, whatever the languages)."""
    stem = territory_slug(code, atlas.name(code, atlas.config.language))
    if options.lang and not sheet:
        stem = f"{stem}.{options.lang}"
    return Path(options.output) / level_slug(atlas.level_of(code)) / f"{stem}.pdf"


def languages(atlas: Atlas, options: BuildOptions) -> tuple[str, ...]:
    """The report languages of a build: ``options.languages``, else ``options.lang``, else
    the atlas's languages; each must have a catalogue (or be English, the source)."""
    langs = tuple(
        dict.fromkeys(
            options.languages
            or ((options.lang,) if options.lang else tuple(atlas.config.languages))
        )
    )
    offered = available_languages()
    unknown = [lg for lg in langs if lg not in offered]
    if unknown or not langs:
        raise MonographError(
            f"no translation for language `{', '.join(unknown)}`.",
            f"Languages offered: {', '.join(offered)}.",
        )
    return langs


def levels_drawn(atlas: Atlas, codes: list[str]) -> list[str]:
    """The levels whose boundaries the monographs of ``codes`` draw: the first level
    under the top (the locator's background), each territory's own level, its parent's
    and its children's."""
    levels = atlas.config.levels
    wanted = set(levels[1:2])
    for level in {atlas.level_of(c) for c in codes}:
        i = levels.index(level)
        wanted |= set(levels[max(i - 1, 0) : i + 2])
    return [lv for lv in levels if lv in wanted]
