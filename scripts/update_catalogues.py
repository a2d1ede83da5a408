"""Update the gettext catalogues from the code and templates.

Usage: ``python scripts/update_catalogues.py`` — adds new message ids to every
``monographs/i18n/locales/<lang>/LC_MESSAGES/monographs.po`` (empty, to translate), drops
the ones no longer used, and prints what is left to translate. A new language is a new
``<lang>/`` folder there: the script writes its catalogue (every ``msgstr`` empty). A
regional variant (``ar_MA/``) holds only the messages it words its own way: the script
drops those no longer used and adds none.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from monographs.i18n import DOMAIN, LOCALES_DIR
from monographs.i18n.messages import extract


def main() -> int:
    """Update each catalogue; return the number of untranslated messages."""
    template = Catalog(project="monographs")
    for msgid, where in sorted(extract().items()):
        template.add(
            msgid, locations=[(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])) for w in where]
        )
    todo = 0
    for lang_dir in sorted(p for p in LOCALES_DIR.iterdir() if p.is_dir()):
        path = lang_dir / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang_dir.name)
        else:
            catalog = Catalog(locale=lang_dir.name, project="monographs")
        variant = "_" in lang_dir.name  # ar_MA: a region's own wording, over ar's
        if variant:  # keeps only the messages it words its own way, and still used
            for msgid in [m.id for m in catalog if m.id and m.id not in template]:
                del catalog[msgid]
        else:
            catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(exist_ok=True)
        with path.open("wb") as fh:
            write_po(
                fh,
                catalog,
                width=100,
                omit_header=False,
                sort_output=True,
                ignore_obsolete=True,
                include_previous=False,
            )
        missing = [] if variant else [m.id for m in catalog if m.id and not m.string]
        todo += len(missing)
        print(f"{lang_dir.name}: {len(missing)} to translate")
        for m in missing:
            print(f"  {m!r}")
    return todo


if __name__ == "__main__":
    main()
