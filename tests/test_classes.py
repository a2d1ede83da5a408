"""The maps' classes: our natural breaks are mapclassify's Fisher-Jenks, without its
imports."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from monographs.figures.classes import fisher_jenks, user_defined
from monographs.figures.maps import classify


@pytest.mark.parametrize("seed", range(8))
def test_natural_breaks_are_mapclassifys(seed: int) -> None:
    mapclassify = pytest.importorskip("mapclassify")
    rng = np.random.default_rng(seed)
    for _ in range(20):
        n, k = int(rng.integers(5, 90)), int(rng.integers(2, 6))
        values = np.round(rng.lognormal(2, 1.2, n), 1)
        if len(np.unique(values)) < k:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = mapclassify.FisherJenks(values, k=k)
        ours = fisher_jenks(values, k)
        assert np.allclose(ours.bins, theirs.bins)
        assert (ours.yb == theirs.yb).all()


def test_classes_of_few_or_equal_values_and_given_bounds() -> None:
    assert list(classify(np.array([3.0, 3.0, 3.0])).bins) == [3.0]  # one class, not five
    c = fisher_jenks(np.array([1.0, 2.0, 10.0, 11.0]), 2)
    assert list(c.bins) == [2.0, 11.0] and list(c.yb) == [0, 0, 1, 1]
    u = user_defined(np.array([0.5, 1.0, 4.0]), [1.0, 2.0])
    assert list(u.bins) == [1.0, 2.0, 4.0] and list(u.yb) == [0, 0, 2]


def test_the_maps_do_not_import_mapclassify() -> None:
    import subprocess
    import sys

    code = "import sys, monographs.figures.draw; print('mapclassify' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
