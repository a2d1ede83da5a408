#!/usr/bin/env bash
# The wheel works anywhere: build it, install it into a fresh virtualenv, and from an
# unrelated folder build one monograph of the default atlas, with its maps and fonts.
# Usage: bash scripts/check_wheel.sh [PYTHON]   (needs the package registry for the
# dependencies, as any `pip install monographs` does)
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$root" 2>&1 \
  | grep -v "^WARNING: Location" || true
wheel=$(ls "$work"/dist/monographs-*.whl)
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel" 2>&1 | grep -v "^WARNING: Location" || true
cd "$work"  # far from the source tree: only the installed package can be used
"$work/venv/bin/python" - <<'PY'
import sys, zipfile, glob
names = zipfile.ZipFile(glob.glob("dist/*.whl")[0]).namelist()
need = ["monographs/render/templates/monograph.html.j2",
        "monographs/render/templates/fonts/NotoSansArabic-Regular.ttf",
        "monographs/i18n/locales/ar/LC_MESSAGES/monographs.po",
        "monographs/atlases/morocco/atlas.toml", "monographs/atlases/morocco/morocco.gpkg",
        "monographs/py.typed"]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"the wheel lacks {missing}")
print(f"wheel: {len(names)} files, templates, fonts, catalogues and the default atlas inside")
PY
"$work/venv/bin/monographs" build --territory 06 --lang fr --output "$work/out" --quiet
pdf=$(ls "$work"/out/region/06-*.pdf 2>/dev/null | head -1)
if [ ! -s "$pdf" ]; then
  echo "the wheel's monographs build wrote no PDF of 06" >&2
  exit 1
fi
"$work/venv/bin/python" - "$pdf" <<'PY'
import sys
import pikepdf
with pikepdf.open(sys.argv[1]) as pdf:
    pages = len(pdf.pages)
    fonts = {str(f.get("/BaseFont", "")) for page in pdf.pages
             for f in (page.Resources.get("/Font") or {}).values()}
    # the maps are drawn into the pages as paths (the charts are laid-out text and boxes):
    # their line segments, thousands for the boundaries
    images = sum(
        1
        for page in pdf.pages
        for _operands, op in pikepdf.parse_content_stream(page)
        if str(op) in ("l", "c")
    )
assert any("Noto-Sans" in f for f in fonts), fonts
assert images > 1000, f"no map drawn ({images} path segments)"
import hashlib
digest = hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest()
print(f"wheel build of 06: {pages} pages, fonts {sorted(fonts)}, {images} path segments, "
      f"sha256 {digest}")
PY
echo "the wheel works from an unrelated folder"
