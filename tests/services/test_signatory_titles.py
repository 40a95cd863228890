"""Signatory titles as typed are read as one of the vocabulary's (form, import and API share it)."""

import pytest

from livinglab.models.commitments import SIGNATORY_TITLES
from livinglab.services.lookups import canonical_title


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("Bupati", "Bupati"),
        ("WALIKOTA", "Wali Kota"),
        ("Pj Bupati", "Pj. Bupati"),
        ("PJ. BUPATI", "Pj. Bupati"),
        ("Penjabat Walikota", "Pj. Wali Kota"),
        ("Plt. Gubernur", "Plt. Gubernur"),
        ("Pelaksana Tugas Bupati", "Plt. Bupati"),
        ("Wakil Wali Kota", "Wakil Wali Kota"),
        ("Sekretaris Daerah", "Sekda"),
        ("", ""),
        ("Camat", None),
        ("Pj. Camat", None),
    ],
)
def test_titles_as_typed(typed, title):
    assert canonical_title(typed) == title


def test_the_vocabulary_has_the_acting_and_deputy_forms():
    assert len(SIGNATORY_TITLES) == 13
    assert {"Pj. Gubernur", "Plt. Wali Kota", "Wakil Bupati", "Sekda"} <= set(SIGNATORY_TITLES)
