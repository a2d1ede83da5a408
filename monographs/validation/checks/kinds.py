"""Check of the territories' kinds: each has a name in every language of the reports."""

from __future__ import annotations

from collections.abc import Iterator

from monographs.atlas import Atlas
from monographs.atlas.tables import ROW
from monographs.i18n.messages import KNOWN_KINDS
from monographs.problems import Problem


def check_kind_names(atlas: Atlas) -> Iterator[Problem]:
    """A kind the catalogue does not translate (``daïra``, ``cercle``) with no name in
    ``[kind_names.LANG]`` for a report language other than the atlas's first: the
    reports in that language would show it in the first, marked."""
    t = atlas.territories
    if "kind" not in t.columns:
        return
    config = atlas.config
    kinds = t["kind"].astype(str).str.strip()
    for kind in sorted(set(kinds) - {"", *KNOWN_KINDS}):
        rows = t.loc[kinds == kind]
        missing = [
            lang for lang in config.languages[1:] if not config.kind_names.get(lang, {}).get(kind)
        ]
        if not missing:
            continue
        yield Problem(
            "kind-not-named",
            f"the kind `{kind}` ({len(rows)} territor{'ies' if len(rows) > 1 else 'y'}) has "
            f"no name in {', '.join(missing)}; those reports show it as written, marked "
            f"({config.language})",
            severity="warning",
            file=atlas.file_label("territories"),
            row=int(rows[ROW].iat[0]),
            column=atlas.column_maps.get(atlas.file_label("territories"), {}).get("kind", "kind"),
            value=kind,
            hint=f'Name it in atlas.toml: [kind_names.{missing[0]}] then "{kind}" = "…" '
            "(one table per language).",
        )
