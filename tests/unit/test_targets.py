"""Targets against the region's figures: gap, reached (official or estimate), below official."""

from decimal import Decimal as D

from livinglab.domain.targets import Official, check_target, furthest, gap, meaningful, reached_count, target_status


def test_gap_is_target_minus_current_and_unknown_without_a_figure():
    assert gap(D("3.50"), D("2.91")) == D("0.59")
    assert gap(D("3.50"), D("3.84")) == D("-0.34")
    assert gap(D("3.50"), None) is None


def test_a_figure_with_too_little_coverage_means_nothing():
    assert meaningful(D("2.40"), D("0.49"), D("0.5")) is None
    assert meaningful(D("2.40"), D("0.5"), D("0.5")) == D("2.40")
    assert meaningful(None, D("1"), D("0.5")) is None


def test_no_target_no_status():
    assert target_status(None, 2025, [], D("3")) is None


def test_reached_by_the_official_result_of_the_target_year_or_later():
    officials = [Official(2024, D("3.60")), Official(2025, D("3.55"))]
    status = target_status(D("3.50"), 2025, officials, D("3.10"))
    assert (status.reached, status.reached_by, status.reached_year) == (True, "official", 2025)
    assert status.gap == D("0.40"), "the gap is still measured from the current figure"


def test_an_official_result_before_the_target_year_does_not_count():
    status = target_status(D("3.50"), 2025, [Official(2024, D("3.60"))], D("3.20"))
    assert (status.reached, status.reached_by) == (False, "estimate")


def test_otherwise_the_estimate_says_and_says_so():
    status = target_status(D("3.50"), 2025, [], D("3.50"))
    assert (status.reached, status.reached_by, status.gap) == (True, "estimate", D("0.00"))


def test_unknown_without_official_result_or_meaningful_figure():
    status = target_status(D("3.50"), 2025, [], None)
    assert (status.reached, status.reached_by, status.gap) == (None, None, None)
    official_below = target_status(D("3.50"), 2025, [Official(2025, D("3.00"))], None)
    assert (official_below.reached, official_below.reached_by) == (False, "official")


def test_a_target_below_the_latest_official_index_is_flagged():
    officials = [Official(2021, D("2.00")), Official(2022, D("3.84"))]
    status = target_status(D("3.50"), 2025, officials, D("3.90"))
    assert status.below_official and status.latest_official == Official(2022, D("3.84"))
    assert not target_status(D("3.90"), 2025, officials, D("3.90")).below_official
    assert not target_status(D("3.84"), 2025, officials, D("3.90")).below_official, "equal is not below"


def test_check_target():
    assert check_target(D("3.50"), 2025) == {}
    assert check_target(None, None) == {}
    assert check_target(D("5.01"), 2025) == {"target_index": "index_range"}
    assert check_target(D("-0.01"), None) == {"target_index": "index_range"}
    assert check_target(D("3.505"), None) == {"target_index": "index_places"}
    assert check_target(D("NaN"), None) == {"target_index": "index_range"}
    assert check_target(None, 2025) == {"target_index": "index_missing"}
    assert check_target(D("3"), 1999) == {"target_year": "year_range"}
    assert check_target(D("3"), True) == {"target_year": "year_range"}


def test_count_and_furthest():
    a = target_status(D("3.50"), 2025, [], D("2.00"))  # gap 1.50
    b = target_status(D("3.50"), 2025, [], D("3.00"))  # gap 0.50
    c = target_status(D("3.50"), 2025, [], D("3.70"))  # reached
    d = target_status(D("3.50"), 2025, [], None)  # unknown
    statuses = {"a": a, "b": b, "c": c, "d": d, "e": None}
    assert reached_count(statuses.values()) == (1, 4)
    assert [key for key, _ in furthest(statuses.items())] == ["a", "b"]
    assert [key for key, _ in furthest(statuses.items(), limit=1)] == ["a"]
