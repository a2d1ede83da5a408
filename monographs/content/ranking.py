"""Ranks: one home for "the n-th highest of those that hold the figure".

Rank 1 is the highest; equal values share a rank (one plus how many are strictly higher).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def rank_in(value: float, values: Iterable[float]) -> int:
    """The rank of ``value`` among ``values`` (which hold it): one plus how many are
    higher."""
    return 1 + sum(1 for v in values if v > value)


def rank_among(values: Mapping[str, float | None], code: str) -> tuple[int, int] | None:
    """``code``'s rank among the keys holding a value, and how many hold one; None when
    ``code`` holds none."""
    held = {k: v for k, v in values.items() if v is not None}
    if code not in held:
        return None
    return rank_in(held[code], held.values()), len(held)


def ranks(values: Mapping[str, float | None]) -> dict[str, int]:
    """The rank of every key holding a value."""
    held = {k: v for k, v in values.items() if v is not None}
    return {k: rank_in(v, held.values()) for k, v in held.items()}
