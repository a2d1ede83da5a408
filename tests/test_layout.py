"""The package as a user installs it: a light import, ``python -m monographs``, every
public name importable, and every file the package needs shipped as package data."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import monographs

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "monographs"
HEAVY = ("pandas", "geopandas", "matplotlib", "weasyprint", "pikepdf", "shapely", "babel")


def loaded_after(code: str) -> set[str]:
    """The heavy libraries a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout.split()
    return {m for m in HEAVY if m in out}


def test_importing_the_package_loads_no_data_or_drawing_library():
    assert loaded_after("import monographs") == set()


def test_the_help_of_the_command_line_loads_no_data_or_drawing_library():
    code = (
        "from click.testing import CliRunner\nfrom monographs.cli import cli\n"
        "for args in (['--help'], ['build', '--help'], ['compare', '--help']):\n"
        "    assert CliRunner().invoke(cli, args).exit_code == 0, args"
    )
    assert loaded_after(code) == set()


def test_a_build_with_nothing_to_do_loads_no_drawing_or_layout_library(
    synthetic: Path, tmp_path: Path
):
    """Deciding that every monograph is up to date reads tables and hashes files: it must
    not pay for importing the libraries that draw and lay out (seconds, at every call)."""
    from monographs import BuildOptions, build

    out = str(tmp_path / "out")
    build(synthetic, BuildOptions(territories=("A",), lang="fr", output=Path(out), jobs=1))
    code = (
        "from pathlib import Path\nfrom monographs import BuildOptions, build\n"
        f"r = build({str(synthetic)!r}, BuildOptions(territories=('A',), lang='fr', "
        f"output=Path({out!r}), jobs=1))\n"
        "assert [m.status for m in r.monographs] == ['skipped'], r.to_dict()"
    )
    assert loaded_after(code) <= {"pandas", "babel"}  # the tables and the messages


def test_python_dash_m_runs_the_command_line():
    res = subprocess.run(
        [sys.executable, "-m", "monographs", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert res.returncode == 0
    assert "build" in res.stdout and "compare" in res.stdout


@pytest.mark.parametrize("name", monographs.__all__)
def test_every_public_name_is_importable_from_the_root(name: str):
    assert getattr(monographs, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        monographs.nothing_here  # noqa: B018


def test_the_version_comes_from_the_installed_metadata():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert monographs.__version__ == version


def test_every_file_the_package_needs_is_package_data():
    """A wheel holds only the .py files and what ``package-data`` lists: every other file
    under monographs/ (templates, fonts, catalogues, the default atlas) must match it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["monographs"]
    data = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    ]
    assert data, "no package data found"
    unshipped = [
        f
        for f in data
        if not any(fnmatch.fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)
    ]
    assert unshipped == []


def test_the_package_finds_its_files_through_importlib_resources():
    from monographs import resources

    assert (resources.TEMPLATES_DIR / "monograph.html.j2").is_file()
    assert list(resources.FONTS_DIR.glob("*.ttf"))
    assert (resources.LOCALES_DIR / "ar" / "LC_MESSAGES" / "monographs.po").is_file()
    assert (resources.DEFAULT_ATLAS / "atlas.toml").is_file()
    assert (resources.DEFAULT_ATLAS / "morocco.gpkg").is_file()
    # nothing of the source tree outside the package is read
    for path in (resources.TEMPLATES_DIR, resources.LOCALES_DIR, resources.DEFAULT_ATLAS):
        assert path.resolve().is_relative_to(PACKAGE.resolve())
