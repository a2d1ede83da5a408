"""Stage 3, COMPUTE: what a report says, as plain data.

The chosen figures (:mod:`.facts`), their citations (:mod:`.citing`), a monograph's
sections (:mod:`.monograph`), signals, narratives, the comparison of a level
(:mod:`.comparison`) and the data-collection sheets. Nothing here draws or lays out.
"""

from monographs.content.comparison import Comparison, compare
from monographs.content.facts import Facts, Figure
from monographs.content.listing import list_territories
from monographs.content.monograph import MonographBuilder

__all__ = ["Comparison", "Facts", "Figure", "MonographBuilder", "compare", "list_territories"]
