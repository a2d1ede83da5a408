"""Words and numbers in the reader's language: the :class:`Translator`, the gettext
catalogues (``locales/``) and the messages the code picks at run time."""

from monographs.i18n.translator import (
    BABEL_LOCALES,
    DOMAIN,
    LOCALES_DIR,
    SOURCE_LANGUAGE,
    Translator,
    available_languages,
    fallback_marker,
    locale_tag,
)

__all__ = [
    "BABEL_LOCALES",
    "DOMAIN",
    "LOCALES_DIR",
    "SOURCE_LANGUAGE",
    "Translator",
    "available_languages",
    "locale_tag",
    "fallback_marker",
]
