"""Write ``docs/cli.md``, the command line's reference, from Click's own help.

Usage: ``python scripts/cli_reference.py`` rewrites the file; ``--check`` only says whether
it is up to date (exit status 1 when it is not). ``tests/test_docs.py`` fails when the file
differs from what this script writes, so run it after changing a command or an option.

Each command's help is what ``monographs COMMAND --help`` prints, taken with
:class:`click.testing.CliRunner` at a fixed terminal width (:data:`WIDTH`), so that the
file does not depend on the terminal it was written from.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from click.testing import CliRunner

from monographs.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"
#: The terminal width the help is wrapped at.
WIDTH = 100
#: The commands in the order of the README (any other follows, by name).
ORDER = ("build", "list", "compare", "validate", "init", "check-pdf")

INTRO = """\
# Command-line reference

Every command of `monographs` with its exact `--help`. `python -m monographs` takes the
same commands and options. The README shows them at work; [atlas.md](atlas.md) describes
the atlas they read.

<!-- Written by scripts/cli_reference.py from the command line's own help: do not edit,
run `python scripts/cli_reference.py` instead (tests/test_docs.py checks it). -->
"""


def command_paths() -> list[tuple[str, ...]]:
    """The group, then each command: the README's order first, any other by name."""
    names = [n for n in ORDER if n in cli.commands]
    names += sorted(set(cli.commands) - set(names))
    return [(), *((n,) for n in names)]


def help_text(path: tuple[str, ...]) -> str:
    """What ``monographs [COMMAND] --help`` prints, at :data:`WIDTH` columns."""
    result = CliRunner().invoke(
        cli, [*path, "--help"], prog_name="monographs", terminal_width=WIDTH, color=False
    )
    if result.exit_code != 0:
        raise RuntimeError(f"monographs {' '.join(path)} --help failed: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def reference() -> str:
    """The whole text of ``docs/cli.md``."""
    parts = [INTRO]
    for path in command_paths():
        title = " ".join(("monographs", *path))
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check that docs/cli.md is up to date"
    )
    args = parser.parse_args(argv)
    text = reference()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if args.check:
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is stale: run python scripts/cli_reference.py")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)}")
    else:
        print(f"{TARGET.relative_to(ROOT)} was up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
