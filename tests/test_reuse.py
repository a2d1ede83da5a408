"""Work done once: a language's PDF is one file whatever the other languages requested, an
atlas found valid is not checked again, and a comparison made from the same inputs is
skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from monographs import BuildOptions, CompareOptions, InvalidAtlas, build, build_comparison
from monographs.batch import memo


def _status(result) -> dict[tuple[str, str], str]:
    return {(m.code, m.lang): m.status for m in result.monographs}


def test_a_one_language_build_and_a_batch_share_their_files(synthetic: Path, tmp_path: Path):
    out = tmp_path / "out"
    one = build(synthetic, BuildOptions(territories=("A",), lang="fr", output=out, jobs=1))
    assert Path(one.monographs[0].file).name.endswith(".fr.pdf")
    both = build(
        synthetic, BuildOptions(territories=("A",), languages=("fr", "ar"), output=out, jobs=1)
    )
    assert _status(both) == {("A", "fr"): "skipped", ("A", "ar"): "built"}
    again = build(synthetic, BuildOptions(territories=("A",), lang="ar", output=out, jobs=1))
    assert _status(again) == {("A", "ar"): "skipped"}
    pdfs = sorted(p.name for p in (out / "region").glob("*.pdf"))
    assert len(pdfs) == 2 and all(p.endswith((".fr.pdf", ".ar.pdf")) for p in pdfs)


def test_an_atlas_found_valid_is_not_checked_again_until_a_file_changes(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("MONOGRAPHS_CACHE", str(tmp_path / "cache"))
    calls: list[Path] = []
    real = memo.valid_atlas

    def counting(atlas):
        calls.append(atlas.root)
        return real(atlas)

    monkeypatch.setattr(memo, "valid_atlas", counting)
    memo.checked_atlas(synthetic)
    memo.checked_atlas(synthetic)
    assert len(calls) == 1  # the second run read the record
    # an edited table is checked again, and an error found
    table = synthetic / "figures.csv"
    table.write_text(table.read_text(encoding="utf-8") + "ZZ,nope,2024,,1,S1,\n", "utf-8")
    with pytest.raises(InvalidAtlas):
        memo.checked_atlas(synthetic)
    with pytest.raises(InvalidAtlas):  # an invalid atlas is never recorded
        memo.checked_atlas(synthetic)
    assert len(calls) == 3


def test_the_same_comparison_with_nothing_changed_is_skipped(synthetic: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = build_comparison(synthetic, CompareOptions(level="region", output=out, lang="fr"))
    assert first.status == "built"
    pdf = Path(first.file)
    mtime = pdf.stat().st_mtime_ns
    second = build_comparison(synthetic, CompareOptions(level="region", output=out, lang="fr"))
    assert second.status == "skipped" and second.file == first.file
    assert second.pages == first.pages and pdf.stat().st_mtime_ns == mtime
    forced = build_comparison(
        synthetic, CompareOptions(level="region", output=out, lang="fr", force=True)
    )
    assert forced.status == "built"
    pdf.write_bytes(b"%PDF-1.7 damaged")  # a file changed on disk is made again
    again = build_comparison(synthetic, CompareOptions(level="region", output=out, lang="fr"))
    assert again.status == "built" and pdf.read_bytes() != b"%PDF-1.7 damaged"
