"""Properties of the small functions every table cell goes through: numbers, encodings,
slugs. Deterministic (derandomized, no example database)."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

from babel.numbers import format_decimal, format_percent
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from monographs.atlas.tables import decode
from monographs.text.numbers import parse_number
from monographs.text.slugs import DIGEST, MAX_CODE, MAX_SLUG, code_slug, slugify, territory_slug

SETTINGS = settings(deadline=None, max_examples=200, derandomize=True, database=None)
LOCALES = st.sampled_from(["fr_FR", "en_GB"])
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CP1252 = "".join(
    ch for ch in (bytes([b]).decode("cp1252", errors="ignore") for b in range(256)) if ch
)


def _single_english_group(text: str, locale: str) -> bool:
    """``1,234`` in English: read as 1.234 by design (a lone comma is a decimal mark)."""
    return locale == "en_GB" and text.count(",") == 1 and "." not in text


# --- parse_number --------------------------------------------------------------------


@SETTINGS
@given(
    x=st.floats(min_value=-1e12, max_value=1e12),
    locale=LOCALES,
    decimals=st.integers(min_value=0, max_value=4),
)
def test_parse_number_reads_babel_decimals(x: float, locale: str, decimals: int):
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(x, format=pattern, locale=locale)
    assume(not _single_english_group(text, locale))
    value = parse_number(text)
    assert value is not None, text
    assert abs(value - x) <= 0.5 * 10**-decimals + 1e-9 * abs(x), (text, value)


@SETTINGS
@given(n=st.integers(min_value=-(10**15), max_value=10**15), locale=LOCALES)
def test_parse_number_reads_babel_integers(n: int, locale: str):
    text = format_decimal(n, locale=locale)
    assume(not _single_english_group(text, locale))
    assert parse_number(text) == n, text


@SETTINGS
@given(share=st.floats(min_value=0, max_value=100), locale=LOCALES)
def test_parse_number_reads_babel_percentages(share: float, locale: str):
    text = format_percent(share / 100, locale=locale, decimal_quantization=False)
    value = parse_number(text)
    assert value is not None, text
    assert math.isclose(value, share, rel_tol=1e-9, abs_tol=1e-9), (text, value)


@SETTINGS
@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_parse_number_reads_python_floats(x: float):
    assert parse_number(repr(x)) == x


@SETTINGS
@given(text=st.text())
def test_parse_number_never_raises_on_text(text: str):
    value = parse_number(text)
    assert value is None or (isinstance(value, float) and math.isfinite(value))


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(" 0123456789,.-+eE%\u00a0\u202f'\u2212"), max_size=20))
def test_parse_number_never_raises_on_number_like_text(text: str):
    value = parse_number(text)
    assert value is None or (isinstance(value, float) and math.isfinite(value))


# --- decode --------------------------------------------------------------------------


@SETTINGS
@given(text=st.text())
def test_decode_utf8(text: str):
    assume(not text.startswith("\ufeff"))  # that would be a byte-order mark
    assert decode(text.encode("utf-8")) == (text, "utf-8")


@SETTINGS
@given(text=st.text())
def test_decode_utf8_with_bom(text: str):
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


@SETTINGS
@given(text=st.text(min_size=1))
def test_decode_utf16_with_bom(text: str):
    assume(not text.startswith("\ufeff"))
    assert decode(text.encode("utf-16"))[0] == text


@SETTINGS
@given(text=st.text(alphabet=CP1252))
def test_decode_cp1252(text: str):
    data = text.encode("cp1252")
    # Bytes that also read as UTF-8 (``Ã©``, or plain ASCII) or open with a byte-order
    # mark (``ÿþ``, ``ï»¿``) are ambiguous by nature; ASCII decodes the same either way.
    if not text.isascii():
        try:
            data.decode("utf-8")
            assume(False)
        except UnicodeDecodeError:
            pass
    assume(not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")))
    assert decode(data)[0] == text


@SETTINGS
@given(
    text=st.text(
        alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ,;'-0123456789"
        "éèêëàâçîïôöûùüÿœæÉÈÊÀÂÇÎÔÛŒ«»’–—€°²…",
        min_size=1,
    )
)
def test_decode_french_cp1252_is_never_mistaken_for_utf8(text: str):
    data = text.encode("cp1252")
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    assume(utf8 is None or utf8 == text)  # e.g. `é’’` is valid UTF-8 (U+9492)
    assert decode(data)[0] == text


# --- slugify -------------------------------------------------------------------------


def _check_slug(slug: str) -> None:
    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG
    assert slug not in {".", ".."} and "/" not in slug and "\\" not in slug


@SETTINGS
@given(text=st.text())
def test_slugify_gives_safe_stable_file_names(text: str):
    slug = slugify(text)
    _check_slug(slug)
    assert slugify(text) == slug  # stable
    assert slugify(slug) == slug  # idempotent


@SETTINGS
@given(
    text=st.lists(
        st.sampled_from(
            ["/", "\\", ".", "..", "-", "_", " ", "~", ":", "con", "nul", "etc", "passwd", "C:"]
        ),
        max_size=12,
    ).map("".join)
)
def test_slugify_on_path_pieces(text: str):
    slug = slugify(text)
    _check_slug(slug)
    assert slugify(slug) == slug


MAX_STEM = MAX_CODE + 1 + DIGEST + 1 + MAX_SLUG
CODES = st.one_of(
    st.text(max_size=60), st.from_regex(r"[A-Za-z0-9]{1,4}([._-][0-9]{1,3}){0,3}", fullmatch=True)
)
HOSTILE_PIECES = st.lists(
    st.sampled_from(
        [
            "/",
            "\\",
            ".",
            "..",
            "../",
            "..\\",
            "~",
            ":",
            "C:",
            "con",
            "NUL",
            "com1",
            "LPT9",
            "aux",
            "\x00",
            "\n",
            "%2e%2e",
            "etc",
            "passwd",
            " ",
            "-",
            "طنجة",
            "é",
            "\u202e",
            "ß",
        ]
    ),
    max_size=15,
).map("".join)


def _check_stem(stem: str) -> None:
    assert SLUG.fullmatch(stem), stem
    assert len(stem) <= MAX_STEM
    assert stem.split("-")[0] not in {"con", "prn", "aux", "nul"} or "-" in stem


@SETTINGS
@given(code=CODES, name=st.text(max_size=120))
def test_territory_slug_is_a_slug(code: str, name: str):
    slug = territory_slug(code, name)
    _check_stem(slug)
    assert territory_slug(code, name) == slug


@SETTINGS
@given(
    code=st.one_of(CODES, HOSTILE_PIECES),
    name=st.one_of(st.text(), HOSTILE_PIECES),
    level=st.sampled_from(["region", "province"]),
)
def test_output_path_stays_inside_the_output_folder(code: str, name: str, level: str):
    out = Path("/srv/out")
    stem = territory_slug(code, name)
    for suffix in (".pdf", ".collect.csv", ".collect.xlsx", ".html"):
        path = out / level / f"{stem}{suffix}"
        assert path.parent == out / level
        assert os.path.normpath(path) == str(path)
        assert Path(os.path.normpath(path)).is_relative_to(out)
        assert len(path.name) <= 255
    _check_stem(stem)


def _plain_form(code: str) -> str:
    return re.sub(r"[._-]", "-", code.casefold())


@SETTINGS
@given(a=st.one_of(CODES, HOSTILE_PIECES), b=st.one_of(CODES, HOSTILE_PIECES))
def test_codes_keep_territories_apart(a: str, b: str):
    """Two codes share a file-name part only when they differ by case or separator."""
    assume(a != b)
    if code_slug(a) == code_slug(b):
        assert _plain_form(a) == _plain_form(b), (a, b)


@SETTINGS
@given(code=CODES, name=st.text(max_size=40))
def test_homonyms_get_different_file_names(code: str, name: str):
    other = code + "x"
    assert territory_slug(code, name) != territory_slug(other, name)


# --- file names of particular territories --------------------------------------------


def test_file_names_of_awkward_territories():
    assert territory_slug("06", "Casablanca-Settat") == "06-casablanca-settat"
    assert territory_slug("01.051", "Fahs-Anjra") == "01-051-fahs-anjra"
    assert territory_slug("CON", "") == "con-territory"
    assert territory_slug("nul", "!!!") == "nul-territory"
    assert territory_slug("02", "طنجة") == "02"  # only Arabic: the code alone
    assert territory_slug("03", "?!… —") == "03"  # only punctuation
    hostile = territory_slug("../../etc/x", "/etc/passwd")
    assert hostile.startswith("etc-x-") and hostile.endswith("-etc-passwd")
    assert "/" not in hostile and ".." not in hostile
    assert territory_slug("/abs/code", "x") != territory_slug("abs/code", "x")
    assert territory_slug("A/1", "x") != territory_slug("A:1", "x")
    long = territory_slug("12", "Très " * 100)
    assert long.startswith("12-tres-tres") and len(long) <= 3 + MAX_SLUG
    # same name, different codes: different files; same inputs: same file, every run
    assert territory_slug("01.1", "Centre") != territory_slug("02.1", "Centre")
    assert territory_slug("é/ü", "x") == "e-u-" + code_slug("é/ü").split("-")[-1] + "-x"
