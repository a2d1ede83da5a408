"""Stage 1, LOAD: an atlas folder read into memory.

:func:`load_atlas` reads ``atlas.toml`` (:mod:`.config`), the tables (:mod:`.tables`,
:mod:`.mappings` for the atlas's own column names and wide tables) and, on demand, the
boundaries (:mod:`.boundaries`, :mod:`.joining` for files without codes). :mod:`.names`
finds territories by name; :mod:`.example` writes a small atlas to start from.
"""

from monographs.atlas.example import init_atlas
from monographs.atlas.joining import write_join_report
from monographs.atlas.load import DEFAULT_ATLAS, load_atlas
from monographs.atlas.model import Atlas
from monographs.atlas.names import describe, find_territory, search

__all__ = [
    "DEFAULT_ATLAS",
    "Atlas",
    "describe",
    "find_territory",
    "init_atlas",
    "load_atlas",
    "search",
    "write_join_report",
]
