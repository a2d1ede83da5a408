"""Shared fixtures: the synthetic atlas, built once per session and copied per test."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from atlas_factory import make_atlas  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """The records of work done once (batch/memo.py) in a folder of the session's, not the
    user's cache."""
    import os

    os.environ["MONOGRAPHS_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield


@pytest.fixture(scope="session")
def synthetic_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic atlas, written once."""
    return make_atlas(tmp_path_factory.mktemp("synthetic") / "atlas")


@pytest.fixture
def synthetic(synthetic_master: Path, tmp_path: Path) -> Path:
    """A private copy of the synthetic atlas that a test may change."""
    return Path(shutil.copytree(synthetic_master, tmp_path / "atlas"))


@pytest.fixture(scope="session")
def synthetic_build(synthetic_master: Path, tmp_path_factory: pytest.TempPathFactory):
    """The synthetic atlas's regional monographs, built once for the tests that read them."""
    from monographs import BuildOptions, build

    out = tmp_path_factory.mktemp("out")
    result = build(synthetic_master, BuildOptions(level="region", output=out))
    return result, out
