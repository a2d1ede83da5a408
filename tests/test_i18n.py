"""Every user-facing word goes through the catalogues; numbers follow the locale."""

from monographs.i18n import Translator, available_languages
from monographs.i18n.messages import extract
from monographs.i18n.translator import _catalogue


def test_every_message_is_translated_in_every_catalogue():
    ids = set(extract())
    assert len(ids) > 30
    for lang in available_languages():
        if lang == "en":
            continue
        missing = sorted(ids - set(_catalogue(lang)))
        assert missing == [], f"{lang}: untranslated {missing}"


def test_french_numbers_use_no_break_spaces_and_decimal_commas():
    fr = Translator("fr")
    assert fr.number(148152) == "148\u202f152"
    assert fr.percent(0.4) == "0,4\u202f%" and fr.percent(0.04) == "0,04\u202f%"
    assert fr.percent(43.3) == "43,3\u202f%"
    assert fr.signed_percent(71.86) == "+71,9\u202f%"
    assert fr.signed_percent(-4.2) == "-4,2\u202f%"
    assert fr.figure(None, "people") == "n.d."
    assert fr("Key figures") == "Chiffres clés"
