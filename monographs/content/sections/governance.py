"""Section 8, governance and actors: who acts in the territory (and above it), per
programme."""

from __future__ import annotations

from dataclasses import dataclass

from monographs.content.rows import Scope


@dataclass
class Actor:
    """An actor of the territory (or of a territory above it) for a programme."""

    name: str
    kind: str
    where: str
    contact: str


def actors(s: Scope) -> dict[str, list[Actor]]:
    """The actors of the territory and of the territories above it, by programme number
    (a programme may be given by its number or its id)."""
    atlas = s.atlas
    table = atlas.actors
    if table.empty:
        return {}
    ids = {
        str(p): str(n)
        for p, n in zip(
            atlas.programmes.get("id", []), atlas.programmes.get("number", []), strict=False
        )
    }
    chain = [s.code]
    while (p := atlas.parent(chain[-1])) is not None:
        chain.append(p)
    out: dict[str, list[Actor]] = {}
    for _, r in table.iterrows():
        where = str(r.get("territory_code", "")).strip()
        if where not in chain or not str(r.get("name", "")).strip():
            continue
        for prog in str(r.get("programme", "")).replace(",", ";").split(";"):
            number = ids.get(prog.strip(), prog.strip())
            if number:
                out.setdefault(number, []).append(
                    Actor(
                        str(r["name"]).strip(),
                        str(r.get("kind", "")).strip(),
                        atlas.name(where, s.tr.lang),
                        str(r.get("contact", "")).strip(),
                    )
                )
    return out
