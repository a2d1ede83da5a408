"""Checks of the boundaries: territories without one, boundaries without a territory, and
boundaries joined by name that match no territory or several."""

from __future__ import annotations

from collections.abc import Iterator

from monographs.atlas import Atlas
from monographs.atlas.config import file_label
from monographs.problems import Problem


def check_boundaries(atlas: Atlas) -> Iterator[Problem]:
    """Territories without a boundary and boundaries without a territory, per level."""
    for level, spec in atlas.config.boundaries.items():
        frame = atlas.boundaries(level)
        yield from atlas.boundary_problems.get(level, [])
        if frame is None:
            continue
        label = file_label(spec.file, atlas.root)
        codes = set(atlas.at_level(level))
        have = set(frame.index)
        missing = sorted(codes - have)
        extra = sorted(have - codes)
        if missing:
            yield Problem(
                "territory-without-boundary",
                f"{len(missing)} territor{'ies' if len(missing) > 1 else 'y'} of level "
                f"`{level}` ha{'ve' if len(missing) > 1 else 's'} no boundary: "
                + ", ".join(missing[:10])
                + (" …" if len(missing) > 10 else ""),
                severity="warning",
                file=label,
                column=spec.name_column or spec.code_column,
                value=missing[0],
                hint="They are shown without a map.",
            )
        if extra:
            yield Problem(
                "boundary-without-territory",
                f"{len(extra)} boundar{'ies' if len(extra) > 1 else 'y'} of level "
                f"`{level}` match{'' if len(extra) > 1 else 'es'} no territory: "
                + ", ".join(extra[:10])
                + (" …" if len(extra) > 10 else ""),
                severity="warning",
                file=label,
                column=spec.code_column,
                value=extra[0],
                hint="Check the codes in the boundary file against the territories.",
            )


def check_boundary_names(atlas: Atlas) -> Iterator[Problem]:
    """Boundaries joined by name: names that match no territory, or several."""
    from monographs.atlas.joining import AMBIGUOUS, UNMATCHED

    for level, spec in atlas.config.boundaries.items():
        if not spec.name_column:
            continue
        atlas.boundaries(level)
        label = file_label(spec.file, atlas.root)
        for rec in atlas.join_reports.get(level, []):
            if rec.match == UNMATCHED:
                yield Problem(
                    "boundary-name-unmatched",
                    f"the boundary `{rec.boundary_name}` matches no "
                    f"territory name of level `{level}`",
                    severity="warning",
                    file=label,
                    column=spec.name_column,
                    value=rec.boundary_name,
                    hint="Fix the name in the boundary file or in territories (accents, case "
                    "and hyphens do not matter); `monographs validate --join-report "
                    "FILE` lists every match.",
                )
            elif rec.match == AMBIGUOUS:
                yield Problem(
                    "boundary-name-ambiguous",
                    f"the boundary `{rec.boundary_name}` matches "
                    f"several territories of level `{level}`: {rec.code}",
                    severity="warning",
                    file=label,
                    column=spec.name_column,
                    value=rec.boundary_name,
                    hint="Give those territories distinct names, or add a code column to the "
                    "boundary file and set `code_column`.",
                )
