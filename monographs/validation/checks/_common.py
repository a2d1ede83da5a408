"""What the built-in checks share: iterating rows, units, the control-character pattern."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from monographs.atlas import Atlas

CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # invisible control characters


def units(atlas: Atlas, figures: pd.DataFrame) -> pd.Series:
    """Each figure's unit from the catalogue (empty when its indicator is unknown)."""
    unit_of = atlas.catalogue["unit"].to_dict()
    return pd.Series(
        [unit_of.get(i, "") for i in figures["indicator"]], index=figures.index, dtype=object
    )


def rows(frame: pd.DataFrame, mask: pd.Series) -> Iterator[pd.Series]:
    """The rows of ``frame`` where ``mask`` holds."""
    for _, row in frame.loc[mask].iterrows():
        yield row
