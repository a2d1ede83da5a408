"""Message extraction for the translation catalogues.

Words the code picks at run time (a programme's kind, a territory's kind) are listed here
with :func:`N_` so that extraction finds them; :func:`extract` lists every message id of
the templates and the code, for ``scripts/update_catalogues.py`` and the completeness test.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message for extraction without translating it here."""
    return message


RUNTIME_WORDS: list[str] = [
    N_("sectoral"), N_("transverse"), N_("prefecture"), N_("province"), N_("urban"),
    N_("rural"),
]

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR.parent / "templates"
KEYWORDS = {"_": None, "tr": None, "gettext": None, "N_": None}


def extract() -> dict[str, list[str]]:
    """Every message id of the code and templates, with where it was found."""
    found: dict[str, list[str]] = {}
    for dirname, method in ((PACKAGE_DIR, "python"), (TEMPLATES_DIR, "jinja2")):
        pattern = "**.py" if method == "python" else "**.j2"
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(dirname), method_map=[(pattern, method)], keywords=KEYWORDS,
            options_map={pattern: {"extensions": "jinja2.ext.i18n"}} if method == "jinja2"
            else None,
        ):
            msgid = message if isinstance(message, str) else message[0]
            found.setdefault(msgid, []).append(f"{dirname.name}/{filename}:{lineno}")
    return found
