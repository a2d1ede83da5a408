"""Classes of a choropleth: Fisher-Jenks natural breaks, or bounds given.

The exact optimum (least sum of squared deviations within classes) by dynamic programming
over the sorted values, in NumPy: the same classes as ``mapclassify.FisherJenks``
(``tests/test_classes.py`` compares them), without importing mapclassify, which pulls
scipy.stats and scikit-learn and took longer than building a commune's tables (about 2 s
of every cold start that draws a map).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Classes:
    """``bins``: each class's upper bound, ascending; ``yb``: the class of each value."""

    bins: np.ndarray
    yb: np.ndarray


def user_defined(values: np.ndarray, bins: list[float] | np.ndarray) -> Classes:
    """Classes of given upper bounds (the greatest value closing the last, if above)."""
    y = np.asarray(values, dtype=float)
    b = np.asarray(bins, dtype=float)
    if len(y) and (not len(b) or y.max() > b[-1]):
        b = np.append(b, y.max())
    return Classes(b, np.searchsorted(b, y, side="left"))


def fisher_jenks(values: np.ndarray, k: int) -> Classes:
    """Natural breaks: the ``k`` classes of contiguous sorted values with the least sum of
    squared deviations from their means; each bound is the greatest value of its class."""
    y = np.asarray(values, dtype=float)
    x = np.sort(y)
    n = len(x)
    k = max(1, min(k, len(np.unique(x))))
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def cost(i: np.ndarray, j: int) -> np.ndarray:  # SSD of x[i..j], i an array of starts
        m = j + 1 - i
        s = s1[j + 1] - s1[i]
        return (s2[j + 1] - s2[i]) - s * s / m

    best = np.array([cost(np.array([0]), j)[0] for j in range(n)])  # one class: x[0..j]
    starts = np.zeros((k, n), dtype=int)  # where the last class of x[0..j] starts
    for c in range(1, k):
        new = np.full(n, np.inf)
        for j in range(c, n):
            i = np.arange(c, j + 1)  # the last class is x[i..j]; c classes before it
            total = best[i - 1] + cost(i, j)
            pick = int(np.argmin(total))
            new[j] = total[pick]
            starts[c, j] = i[pick]
        best = new
    bounds = []
    j = n - 1
    for c in range(k - 1, -1, -1):
        bounds.append(x[j])
        j = starts[c, j] - 1
    return user_defined(y, np.array(bounds[::-1]))
