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
    """Boundaries joined by name: names that match no territory (in their parent, when
    the file gives it), several, or a territory several features match."""
    from monographs.atlas.joining import AMBIGUOUS, REPEATED, UNMATCHED

    for level, spec in atlas.config.boundaries.items():
        if not spec.name_column:
            continue
        atlas.boundaries(level)
        label = file_label(spec.file, atlas.root)
        repeated: dict[str, list] = {}
        for rec in atlas.join_reports.get(level, []):
            where = f" in parent `{rec.parent}`" if rec.parent else ""
            feature = int(rec.feature) if rec.feature.isdigit() else None
            if rec.match == UNMATCHED:
                known = not rec.parent or rec.parent in atlas.territories.index
                yield Problem(
                    "boundary-name-unmatched",
                    f"the boundary `{rec.boundary_value}` matches no "
                    f"territory name of level `{level}`{where}"
                    + ("" if known else f" (`{rec.parent}` is not a territory code)"),
                    severity="warning",
                    file=label,
                    column=spec.name_column,
                    value=rec.boundary_value,
                    feature=feature,
                    hint="Fix the name in the boundary file or in territories (accents, case "
                    "and hyphens do not matter)"
                    + (
                        f", or the parent's code in column `{spec.parent_column}`"
                        if spec.parent_column
                        else ""
                    )
                    + "; `monographs validate --atlas ATLAS --join-report FILE` lists every "
                    "match.",
                )
            elif rec.match == AMBIGUOUS:
                yield Problem(
                    "boundary-name-ambiguous",
                    f"the boundary `{rec.boundary_value}` matches "
                    f"several territories of level `{level}`{where}: {rec.code}",
                    severity="warning",
                    file=label,
                    column=spec.name_column,
                    value=rec.boundary_value,
                    feature=feature,
                    hint="Give those territories distinct names, add the parent's code to the "
                    "boundary file and set `parent_column`, or add a code column and set "
                    "`code_column`.",
                )
            elif rec.match == REPEATED:
                repeated.setdefault(rec.code, []).append(rec)
        for code, recs in repeated.items():
            numbers = ", ".join(r.feature for r in recs)
            yield Problem(
                "boundary-name-repeated",
                f"features {numbers} (`{recs[0].boundary_value}`) all match territory "
                f"`{code}` ({recs[0].territory_name}) of level `{level}`; none is joined, "
                "nothing is merged",
                severity="warning",
                file=label,
                column=spec.name_column,
                value=recs[0].boundary_value,
                feature=int(recs[0].feature) if recs[0].feature.isdigit() else None,
                hint="Keep one feature per territory (a territory in several parts is one "
                "MultiPolygon: dissolve them in a GIS); if they are different places of the "
                "same name, add the parent's code to the file and set "
                f"`boundaries.{level}.parent_column`.",
            )
