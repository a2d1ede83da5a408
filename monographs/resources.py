"""Where the package's own files are: templates, fonts, catalogues, the default atlas.

They are package data, found with :mod:`importlib.resources` from the installed package
(an editable install, a wheel or ``pipx`` alike), never beside the source tree. Only the
standard library is imported, so that any layer may ask.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _package_dir(*parts: str) -> Path:
    # ``files("monographs")`` imports only this package's light root; the data are plain
    # files of an installed package (pip unpacks wheels), so a Path is what it returns.
    return Path(str(resources.files("monographs").joinpath(*parts)))


#: The Jinja2 templates and style sheets of the reports (``render/templates``).
TEMPLATES_DIR = _package_dir("render", "templates")
#: The bundled Noto fonts (SIL OFL 1.1), used by the style sheets and by the figures.
FONTS_DIR = TEMPLATES_DIR / "fonts"
#: The gettext catalogues, ``<lang>/LC_MESSAGES/monographs.po``.
LOCALES_DIR = _package_dir("i18n", "locales")
#: The default atlas: Morocco's territories, figures and boundaries.
DEFAULT_ATLAS = _package_dir("atlases", "morocco")
#: The package's own folder (its source files are part of every monograph's input hash).
PACKAGE_DIR = _package_dir()
