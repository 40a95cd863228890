"""Region names as people write them: kind short forms, no kind, accents, misspellings; never a guess."""

import pytest

from livinglab.services.lookups import RegionLookup


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kabupaten Bandung", "32.04"),
        ("Kab. Bandung", "32.04"),
        ("Kab Bandung", "32.04"),
        ("KAB. BANDUNG", "32.04"),
        ("Pemkab Bandung", "32.04"),
        ("Kota Palu", "72.71"),
        ("Palu", "72.71"),
        ("Kabupatén Bandung", "32.04"),
        ("Kabupaten Bandnug", "32.04"),
        ("Kab. Tulung Agung", "35.04"),
        ("Kabupaten Sumedangg", "32.11"),
        ("Kota Medna", "12.71"),
        ("Kabupaten Ciamsi", "32.07"),
        ("Kota Adm. Jakarta Pusat", "31.71"),
        ("32.04", "32.04"),
    ],
)
def test_names_people_write_match_one_region(app, text, code):
    found = RegionLookup().match(text)
    assert (found.status, found.region.code) == ("ok", code)


def test_a_name_shared_by_a_regency_and_a_city_is_never_picked(app):
    found = RegionLookup().match("Bandung")
    assert found.status == "ambiguous"
    assert {r.code for r in found.candidates} == {"32.04", "32.73"}
    misspelt = RegionLookup().match("Bandungg")
    assert misspelt.status == "ambiguous"
    assert {"32.04", "32.73"} <= {r.code for r in misspelt.candidates}
    swapped = RegionLookup().match("Kabupaten Kaor")  # Karo or Kaur: one slip from either
    assert swapped.status == "ambiguous"
    assert {r.name for r in swapped.candidates} == {"Kabupaten Karo", "Kabupaten Kaur"}


def test_the_province_narrows_a_name_down(app):
    lookup = RegionLookup()
    assert lookup.match("Banjar").status == "ambiguous"
    found = lookup.match("Banjar", province=lookup.province("Jawa Barat"))
    assert (found.status, found.region.name) == ("ok", "Kota Banjar")
    assert lookup.province("Kalimantan Selatan").code == "63"
    assert lookup.province("32").name == "Jawa Barat"


def test_no_match_is_rejected_with_the_three_nearest_names(app):
    found = RegionLookup().match("Kabupaten Xyzabc")
    assert found.status == "rejected" and found.region is None
    assert len(found.candidates) == 3
    assert RegionLookup().match("99.99").status == "rejected"
