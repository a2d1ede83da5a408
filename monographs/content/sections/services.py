"""Section 7, access to basic services: the strategy's programmes, and one part per
sectoral programme with the migrant figures held, the census context against the nation,
its actions and SDG targets, and the actors known for it."""

from __future__ import annotations

from dataclasses import dataclass

from monographs.atlas import Atlas
from monographs.content.model import KeyFigure
from monographs.content.rows import Scope, row
from monographs.content.sections.governance import Actor
from monographs.content.sections.protection import CAMPAIGN_INDICATORS, PROTECTION_INDICATORS
from monographs.i18n import Translator, fallback_marker

MIGRANT_PREFIXES = ("foreign_", "refugee", "asylum", "regularisation", "migrant", "nationality")


@dataclass
class Programme:
    """A programme of the strategy as the report lists it."""

    number: str
    name: str
    kind: str
    actions: str
    sdg: str
    achievements: list[str]
    achievements_lang: str = ""  # the language of the achievements when not the report's


@dataclass
class ServicePart:
    """A sectoral programme: the migrant figures held, the census context against the
    nation, its actions and SDG targets, and the actors known for it."""

    number: str
    name: str
    actions: str
    sdg: str
    achievements: list[str]
    migrant_rows: list[KeyFigure]
    context_rows: list[KeyFigure]
    actors: list[Actor]
    note: str = ""
    achievements_lang: str = ""  # the language of the achievements when not the report's


def programmes(atlas: Atlas, tr: Translator) -> list[Programme]:
    """The atlas's programmes in their order, named in the report's language (else in
    French, marked)."""
    p = atlas.programmes
    out = []
    for _, r in p.sort_values("number", key=lambda col: col.astype(int)).iterrows():
        name = r.get(f"name_{tr.lang}") or (
            str(r.get("name_fr") or r["id"]) + fallback_marker("fr")
        )
        ach = r.get(f"achievements_{tr.lang}")
        ach_lang = ""
        if not ach and r.get("achievements_fr"):
            ach, ach_lang = r.get("achievements_fr"), "fr"
        out.append(
            Programme(
                str(r["number"]),
                str(name),
                tr(str(r["kind"])),
                str(r["actions"]),
                str(r.get("sdg", "")).replace(";", tr.semicolon.strip()),
                [a.strip() for a in str(ach or "").split("|") if a.strip()],
                "" if ach_lang == tr.lang else ach_lang,
            )
        )
    return out


def services(s: Scope, progs: list[Programme], actors: dict[str, list[Actor]]) -> list[ServicePart]:
    """One part per sectoral programme, with the figures the catalogue files under it."""
    cat = s.atlas.catalogue
    tr = s.tr
    by_programme: dict[str, list[str]] = {}
    if "programme" in cat.columns:
        for ind, prog in cat["programme"].items():
            for p in str(prog).replace(",", ";").split(";"):
                if p.strip():
                    by_programme.setdefault(p.strip(), []).append(str(ind))
    parts = []
    for prog in progs:
        if prog.kind != tr("sectoral"):
            continue
        migrant, context = [], []
        shown_elsewhere = False
        for ind in by_programme.get(prog.number, []):
            if ind in PROTECTION_INDICATORS or ind in CAMPAIGN_INDICATORS:
                shown_elsewhere = True
                continue
            r = row(s, ind)
            if r is None:
                continue
            (migrant if ind.startswith(MIGRANT_PREFIXES) else context).append(r)
        note = (
            tr(
                "The counts of refugees and asylum seekers are in the section on "
                "regularisation and protection."
            )
            if shown_elsewhere
            else ""
        )
        parts.append(
            ServicePart(
                prog.number,
                prog.name,
                prog.actions,
                prog.sdg,
                prog.achievements,
                migrant,
                context,
                actors.get(prog.number, []),
                note,
                prog.achievements_lang,
            )
        )
    return parts
