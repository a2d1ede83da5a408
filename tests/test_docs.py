"""The documentation follows the code: the CLI reference is what the CLI prints, every
command and option is documented, the README's code map names the package as it is, and
the paths and module names the documents give exist.

(Every problem code is checked against docs/atlas.md by tests/test_checks.py.)
All of it reads files and Click's command objects: no atlas is loaded, nothing is built.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import click
import pytest

from monographs.cli import cli

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "monographs"
README = ROOT / "README.md"
DOCS = ROOT / "docs"
CLI_REFERENCE = DOCS / "cli.md"


def _script(name: str) -> ModuleType:
    """A script of scripts/, imported from its file (scripts/ is not a package)."""
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_scripts_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """The group and every command under it, with their path of names."""

    def walk(cmd: click.Command, path: tuple[str, ...]):
        yield path, cmd
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            yield from walk(sub, (*path, name))

    yield from walk(cli, ())


def _section(text: str, heading: str) -> str:
    """The body of the ``## heading`` section of a Markdown text."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no '## {heading}' section"
    return match.group(1)


# ---- (a) docs/cli.md is what the command line prints ------------------------------------


def test_the_cli_reference_is_up_to_date():
    expected = _script("cli_reference").reference()
    current = CLI_REFERENCE.read_text(encoding="utf-8") if CLI_REFERENCE.exists() else ""
    assert current == expected, "docs/cli.md is stale: run python scripts/cli_reference.py"


def test_the_cli_reference_holds_every_command_once():
    text = CLI_REFERENCE.read_text(encoding="utf-8")
    headings = re.findall(r"^## `(monographs[^`]*)`$", text, re.M)
    assert sorted(headings) == sorted(" ".join(("monographs", *p)) for p, _ in _commands())


# ---- (b) every command and option is documented ------------------------------------------

# Documented means named in the README or in docs/ beside the generated reference (which
# names everything by construction, so it cannot tell a documented option from another).
PROSE = [README, *sorted(p for p in DOCS.glob("*.md") if p != CLI_REFERENCE)]


def _prose() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PROSE)


def _named(token: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def test_every_command_is_documented():
    text = _prose()
    missing = [
        " ".join(("monographs", *path))
        for path, _ in _commands()
        if path and not _named(" ".join(("monographs", *path)), text)
    ]
    assert missing == [], f"commands named neither in README.md nor in docs/: {missing}"


def test_every_option_is_documented():
    text = _prose()
    missing = []
    for path, cmd in _commands():
        for param in cmd.get_params(click.Context(cmd)):
            if isinstance(param, click.Option):
                for opt in (*param.opts, *param.secondary_opts):
                    if not _named(opt, text):
                        missing.append(f"monographs {' '.join(path)} {opt}".replace("  ", " "))
    assert missing == [], f"options named neither in README.md nor in docs/: {missing}"


# ---- (c) the README's code map is the package's layout -----------------------------------


def _package_parts() -> set[str]:
    """Every subpackage (a folder with an __init__.py) and every top-level module, as
    README paths: ``monographs/atlas/``, ``monographs/cli.py``."""
    parts = {
        f"{init.parent.relative_to(ROOT).as_posix()}/"
        for init in PACKAGE.rglob("__init__.py")
        if init.parent != PACKAGE
    }
    parts |= {
        f"monographs/{p.name}"
        for p in PACKAGE.glob("*.py")
        if p.name not in {"__init__.py", "__main__.py"}
    }
    return parts


def _code_map() -> list[str]:
    """The bullets of the README's code map, each joined on one line."""
    body = _section(README.read_text(encoding="utf-8"), "Code map")
    return [" ".join(b.split()) for b in re.findall(r"^- (.*?)(?=^- |^\S|\Z)", body, re.M | re.S)]


def test_the_code_map_names_every_subpackage_and_top_level_module():
    leads = []
    for bullet in _code_map():
        lead = re.match(r"`(monographs/[^`]*)`", bullet)
        assert lead, f"a code map line that does not start with a path: {bullet[:60]}"
        leads.append(lead.group(1))
    assert len(leads) == len(set(leads)), "a path with two lines in the code map"
    missing = sorted(_package_parts() - set(leads))
    assert missing == [], f"the README's code map lacks: {missing}"


def test_the_code_map_names_nothing_that_does_not_exist():
    body = _section(README.read_text(encoding="utf-8"), "Code map")
    for path in re.findall(r"`(monographs/[^`<>*]*)`", body):
        assert (ROOT / path).exists(), f"the code map names {path}, which does not exist"
    for bullet in _code_map():
        folder = ROOT / re.match(r"`([^`]*)`", bullet).group(1)
        if not folder.is_dir():
            continue
        for module in re.findall(r"`(\w+\.py)`", bullet):
            assert (folder / module).is_file(), f"{folder.relative_to(ROOT)} has no {module}"


def test_the_code_map_follows_the_pipeline():
    leads = [re.match(r"`([^`]*)`", b).group(1) for b in _code_map()]
    stages = ["atlas", "validation", "content", "figures", "render", "batch"]
    order = [leads.index(f"monographs/{s}/") for s in stages]
    assert order == sorted(order), "the stages are not in pipeline order"
    assert leads.index("monographs/text/") < order[0] and leads.index("monographs/i18n/") < order[0]
    assert leads.index("monographs/cli.py") > order[-1]


# ---- the paths and module names the documents give exist ---------------------------------

# Repository paths as the documents write them (`monographs/render/finish.py`,
# `python scripts/cli_reference.py`), not paths inside an atlas or an output folder; the
# old layout's folders are listed so that a path left over from it fails here instead of
# being passed over.
REPO_PATH = re.compile(
    r"(?<![\w./-])((?:monographs|scripts|docs|tests|bench|regions|geodata|templates)/[\w./<>*-]*)"
)
DOCUMENTS = [
    README,
    ROOT / "CONTRIBUTING.md",
    *sorted(DOCS.glob("*.md")),
    ROOT / "bench" / "README.md",
    PACKAGE / "atlases" / "morocco" / "README.md",
    PACKAGE / "atlases" / "morocco" / "BOUNDARIES.md",
]


def _exists(path: str) -> bool:
    """Whether a documented path exists; ``<lang>`` or ``*`` stand for any name."""
    pattern = re.sub(r"<[^>]+>", "*", path.rstrip("/"))
    return any(ROOT.glob(pattern)) if "*" in pattern else (ROOT / pattern).exists()


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_path_a_document_names_exists(document: Path):
    text = document.read_text(encoding="utf-8")
    paths = {p.rstrip(".,:;") for p in REPO_PATH.findall(text)}
    paths |= set(re.findall(r"\]\(((?!https?:|#)[^)#\s]+)", text))  # Markdown links
    missing = sorted(
        p
        for p in paths
        if not _exists(p) and not (document.parent / p).exists()  # a link is relative
    )
    assert missing == [], f"{document.name} names paths that do not exist: {missing}"


def _resolves(dotted: str) -> bool:
    """Whether ``monographs.x.y`` is a module, or an attribute of one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_module_name_a_document_gives_exists(document: Path):
    text = document.read_text(encoding="utf-8")
    names = set(re.findall(r"`(?:import |from )?(monographs(?:\.\w+)+)(?:\(.*?\))?`", text))
    names |= set(re.findall(r"\bimport (monographs(?:\.\w+)+)", text))
    missing = sorted(n for n in names if not _resolves(n))
    assert missing == [], f"{document.name} names what monographs does not hold: {missing}"
