import pytest

from monographs.text.numbers import parse_number
from monographs.text.slugs import slugify, territory_slug


@pytest.mark.parametrize(
    "text, value",
    [
        ("23 096", 23096.0),
        ("23\u00a0096", 23096.0),
        ("23\u202f096", 23096.0),
        ("83,5", 83.5),
        ("83.5", 83.5),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("12 %", 12.0),
        ("-4,2", -4.2),
        ("\u22124,2", -4.2),
        ("0", 0.0),
        (7, 7.0),
        (2.5, 2.5),
    ],
)
def test_parse_number_reads_french_and_english_writing(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "  ", "n/a", "abc", "12a", None, float("nan"), "1e999"])
def test_parse_number_refuses_what_is_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Drâa-Tafilalet", "draa-tafilalet"),
        ("Laâyoune-Sakia El Hamra", "laayoune-sakia-el-hamra"),
        ("../../etc/passwd", "etc-passwd"),
        ("/absolute/path", "absolute-path"),
        ("CON", "con-territory"),
        ("طنجة", "territory"),
        ("a" * 300, "a" * 80),
    ],
)
def test_slugs_are_safe_file_names(text, slug):
    assert slugify(text) == slug


def test_territory_slug_keeps_homonyms_apart():
    assert territory_slug("06", "Casablanca-Settat") == "06-casablanca-settat"
    assert territory_slug("01.1", "Centre") != territory_slug("02.1", "Centre")
