"""Message extraction for the translation catalogues.

Words the code picks at run time (a programme's kind, a territory's kind) are listed here
with :func:`N_` so that extraction finds them; :func:`extract` lists every message id of
the templates and the code, for ``scripts/update_catalogues.py`` and the completeness test.
"""

from __future__ import annotations

from babel.messages.extract import extract_from_dir

from monographs.resources import PACKAGE_DIR, TEMPLATES_DIR


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message for extraction without translating it here."""
    return message


#: The territory kinds the catalogue translates; an atlas names any other kind in
#: ``[kind_names.LANG]`` of its atlas.toml.
KNOWN_KINDS: tuple[str, ...] = (N_("prefecture"), N_("province"), N_("urban"), N_("rural"))

RUNTIME_WORDS: list[str] = [N_("sectoral"), N_("transverse"), *KNOWN_KINDS]

# Categories of the default atlas's breakdowns, as its tables spell them (in French), with
# their English message id: the report shows them in its own language. Country and
# continent names need no entry: they come from the Unicode CLDR names Babel holds.
DATA_WORDS: dict[str, str] = {
    "0-14 ans": N_("0–14 years"),
    "15-59 ans": N_("15–59 years"),
    "60 ans et plus": N_("60 years and over"),
    "moins de 6 ans": N_("under 6"),
    "moins de 18 ans": N_("under 18"),
    "plus de 18 ans": N_("over 18"),
    "plus de 50 ans": N_("over 50"),
    "avant 2000": N_("before 2000"),
    "Amérique": N_("America"),
    "Autres continents": N_("Other continents"),
    "Maghreb": N_("Maghreb"),
    "Moyen-Orient": N_("Middle East"),
    "Moyen-Orient et Afrique du Nord (MENA)": N_("Middle East and North Africa (MENA)"),
    "Congo": N_("Congo"),
    "RD Congo": N_("DR Congo"),
    "Palestine": N_("Palestine"),
    "Conflits / insécurité": N_("Conflict / insecurity"),
    "Regroupement familial": N_("Family reunification"),
    "Travail": N_("Work"),
    "Études": N_("Studies"),
    "primaire": N_("primary"),
    "secondaire": N_("secondary"),
    "France parmi les Européens": N_("France among Europeans"),
    "Mauritanie parmi les Maghrébins": N_("Mauritania among Maghrebis"),
    "Syrie parmi les ressortissants du Moyen-Orient": N_("Syria among Middle East nationals"),
    "Sénégal parmi les Subsahariens": N_("Senegal among sub-Saharan Africans"),
}

#: The web page's templates (``monographs serve``), translated from the same catalogues.
WEB_TEMPLATES = PACKAGE_DIR / "web" / "templates"

KEYWORDS = {"_": None, "tr": None, "gettext": None, "N_": None}


def extract() -> dict[str, list[str]]:
    """Every message id of the code and templates, with where it was found."""
    found: dict[str, list[str]] = {}
    sources = ((PACKAGE_DIR, "python"), (TEMPLATES_DIR, "jinja2"), (WEB_TEMPLATES, "jinja2"))
    for dirname, method in sources:
        pattern = "**.py" if method == "python" else "**.j2"
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(dirname),
            method_map=[(pattern, method)],
            keywords=KEYWORDS,
            options_map={pattern: {"extensions": "jinja2.ext.i18n"}}
            if method == "jinja2"
            else None,
        ):
            msgid = message if isinstance(message, str) else message[0]
            where = "web/templates" if dirname == WEB_TEMPLATES else dirname.name
            found.setdefault(msgid, []).append(f"{where}/{filename}:{lineno}")
    return found
