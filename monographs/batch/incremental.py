"""Knowing what is up to date: a hash of each monograph's inputs, compared with the manifest.

A monograph's inputs are the figures and territory rows of the territory, its parent, its
siblings, its children and the nation (what its tables, comparisons and rankings read);
the tables every monograph reads (sources, catalogue, programmes, actors, ``atlas.toml``);
the boundary files; the templates, CSS and fonts; the program (its version and source);
and the options that change the PDF (language, ``--html``, the file it goes to). When the
hash recorded in ``output/manifest.json`` is the same and the PDF on disk is the one that
was written (same size and SHA-256), the monograph is skipped.

Only pandas and hashlib are used here, so that deciding to skip costs no drawing library.
A change in one boundary rebuilds every monograph drawn from that file (the file is
hashed whole: cheaper than reading the geometries).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from monographs.atlas import Atlas
from monographs.atlas.tables import FILE, ROW
from monographs.options import BuildOptions
from monographs.resources import PACKAGE_DIR, TEMPLATES_DIR

log = logging.getLogger(__name__)

FIGURE_COLUMNS = (
    "territory_code",
    "indicator",
    "year_text",
    "dimension",
    "value_text",
    "source_id",
    "note",
)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hash_files(digest: hashlib._Hash, paths: Iterable[Path], root: Path) -> None:
    for path in sorted(paths):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(sha256_file(path).encode())


@lru_cache(maxsize=1)
def program_digest() -> str:
    """The program's version, source files, message catalogues and templates (with CSS
    and fonts), hashed: a change in any rebuilds every monograph."""
    from monographs import __version__

    digest = hashlib.sha256(f"monographs {__version__}".encode())
    _hash_files(
        digest,
        (
            p
            for p in PACKAGE_DIR.rglob("*")
            if p.suffix in {".py", ".po", ".mo"}
            and "__pycache__" not in p.parts
            and "atlases" not in p.parts
        ),
        PACKAGE_DIR,
    )
    _hash_files(digest, TEMPLATES_DIR.rglob("*"), TEMPLATES_DIR)
    return digest.hexdigest()


def atlas_digest(atlas: Atlas) -> str:
    """The files every monograph of the atlas reads: its configuration, the tables other
    than figures and territories, and the boundary files."""
    digest = hashlib.sha256()
    config = atlas.config
    files = [config.root / "atlas.toml"]
    files += [
        p
        for name, p in config.tables.items()
        if name not in {"figures", "territories", "collected"} and p is not None
    ]
    files += [spec.file for spec in config.boundaries.values()]
    for path in sorted({Path(p).resolve() for p in files}):
        digest.update(str(path.name).encode() + b"\0")
        digest.update(sha256_file(path).encode() if path.is_file() else b"-")
    return digest.hexdigest()


def territory_digests(atlas: Atlas) -> dict[str, str]:
    """Per territory, a hash of its row in the territories table and its figure rows."""
    rows: dict[str, list[str]] = {}
    t = atlas.territories
    for code, record in zip(
        t.index, t.drop(columns=[ROW, FILE], errors="ignore").to_dict("records"), strict=True
    ):
        rows[code] = [json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)]
    f = atlas.figures
    cols = [c for c in FIGURE_COLUMNS if c in f.columns]
    for values in zip(*(f[c].astype(str).tolist() for c in cols), strict=True):
        rows.setdefault(values[0], []).append("\x1f".join(values))
    return {
        code: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()
        for code, lines in rows.items()
    }


def related(atlas: Atlas, code: str, children_of: dict[str, list[str]]) -> set[str]:
    """The territories whose figures a monograph reads: itself, its parent, its siblings,
    its children and the nation."""
    parent = atlas.parent(code)
    codes = {code, atlas.top, *children_of.get(code, [])}
    if parent:
        codes |= {parent, *children_of.get(parent, [])}
    return codes


def input_hashes(
    atlas: Atlas, codes: list[str], options: BuildOptions, targets: dict[str, Path]
) -> dict[str, str]:
    """The input hash of each monograph to build (``targets``: where each PDF goes)."""
    base = hashlib.sha256()
    base.update(program_digest().encode())
    base.update(atlas_digest(atlas).encode())
    base.update(
        json.dumps(
            {
                "lang": options.lang,
                "html": options.keep_html,
                "variant": options.pdf_variant,
            }
        ).encode()
    )
    per_territory = territory_digests(atlas)
    children_of: dict[str, list[str]] = {}
    for child, parent in zip(
        atlas.territories.index, atlas.territories["parent_code"], strict=True
    ):
        children_of.setdefault(parent, []).append(child)
    out = {}
    for code in codes:
        digest = base.copy()
        digest.update(f"{code}\0{targets[code].name}\0".encode())
        for c in sorted(related(atlas, code, children_of)):
            digest.update(f"{c}={per_territory.get(c, '')};".encode())
        out[code] = digest.hexdigest()
    return out


def up_to_date(entry: dict | None, input_hash: str, target: Path) -> bool:
    """True when the manifest entry was built from the same inputs and its PDF is on disk
    as it was written (same size, same SHA-256)."""
    if not entry or entry.get("status") not in {"built", "skipped"}:
        return False
    if entry.get("input_hash") != input_hash:
        return False
    # the file by its place in the output folder (level folder and name), not its absolute
    # path: an output folder copied elsewhere (`cp -r`) is still up to date
    if Path(str(entry.get("file", ""))).parts[-2:] != target.parts[-2:]:
        return False
    try:
        if target.stat().st_size != entry.get("bytes"):
            return False
    except OSError:
        return False
    return not entry.get("sha256") or sha256_file(target) == entry["sha256"]
