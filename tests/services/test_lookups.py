"""A region by code or official name: exact once case, accents, spacing and short forms are set aside."""

import pytest

from livinglab.services.lookups import RegionLookup, normalise_name, region_by_code_or_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("32.11", "32.11"),
        (" 32.11 ", "32.11"),
        ("32,11", "32.11"),
        ("32", "32"),
        ("Kabupaten Sumedang", "32.11"),
        ("KABUPATEN  SUMEDANG", "32.11"),
        ("Kab. Sumedang", "32.11"),
        ("kab sumedang", "32.11"),
        ("Kabupatén Sumedang", "32.11"),
        ("Kota Bandung", "32.73"),
        ("Kabupaten Bandung", "32.04"),
        ("Kota Adm. Jakarta Pusat", "31.71"),
        ("Kab. Adm. Kepulauan Seribu", "31.01"),
        ("DKI Jakarta", "31"),
        ("Jawa Barat", "32"),
    ],
)
def test_found_by_code_or_name(app, text, code):
    assert region_by_code_or_name(text).code == code
    assert RegionLookup().find(text).code == code


@pytest.mark.parametrize("text", ["Bandung", "Sumedang", "99.99", "32.1", "", None, "Kabupaten Entah", "32.11x"])
def test_never_guessed(app, text):
    assert region_by_code_or_name(text) is None
    assert RegionLookup().find(text) is None


def test_names_are_compared_without_accents_case_or_punctuation():
    assert (
        normalise_name("  Kab.  Bandung Barat ")
        == normalise_name("KABUPATEN BANDUNG BARAT")
        == "kabupaten bandung barat"
    )
