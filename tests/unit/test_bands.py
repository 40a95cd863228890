"""Colour classes of levels and index values: the catalogue's predicate bands, lowest = 1."""

from decimal import Decimal

import pytest

from livinglab.reporting import bands
from livinglab.services.monitoring import IndexCatalogue

SPBE_BANDS = [  # as seeded for spbe-2020 (highest first, as the catalogue reads them)
    (Decimal("4.2"), "Memuaskan", "Excellent"),
    (Decimal("3.5"), "Sangat Baik", "Very good"),
    (Decimal("2.6"), "Baik", "Good"),
    (Decimal("1.8"), "Cukup", "Fair"),
    (Decimal("0"), "Kurang", "Poor"),
]
CATALOGUE = IndexCatalogue(None, [], SPBE_BANDS, {}, {})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "1"),
        (Decimal("1.79"), "1"),
        (Decimal("1.8"), "2"),
        (Decimal("2.59"), "2"),
        (Decimal("2.6"), "3"),
        (Decimal("3.49"), "3"),
        (Decimal("3.5"), "4"),
        (Decimal("4.19"), "4"),
        (Decimal("4.2"), "5"),
        (5, "5"),
    ],
)
def test_each_band_starts_at_its_minimum(value, expected):
    assert bands.band_class(CATALOGUE, value) == expected


def test_no_value_is_its_own_class_never_the_lowest():
    assert bands.band_class(CATALOGUE, None) == bands.NO_VALUE != bands.band_class(CATALOGUE, 0)


def test_a_value_under_the_lowest_minimum_takes_the_lowest_class():
    catalogue = IndexCatalogue(None, [], [(Decimal("3"), "Tinggi", "High"), (Decimal("1"), "Rendah", "Low")], {}, {})
    assert bands.band_class(catalogue, Decimal("0.5")) == "1"
