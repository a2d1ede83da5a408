"""Check of the aliases: each names a territory of the atlas."""

from __future__ import annotations

from collections.abc import Iterator

from monographs.atlas import Atlas
from monographs.atlas.names import alias_rows
from monographs.problems import Problem


def check_aliases(atlas: Atlas) -> Iterator[Problem]:
    """Every alias names a territory of the atlas."""
    for code, alias, file, row in alias_rows(atlas):
        if code not in atlas.territories.index:
            yield Problem(
                "alias-unknown-territory",
                f"the alias `{alias}` is given for `{code}`, which is not a territory",
                severity="warning",
                file=file,
                row=row,
                column="code",
                value=code,
                hint="Use a code of the territories table, or remove the row.",
            )
