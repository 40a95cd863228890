"""Evidence age rules for levels 4 and 5 (PermenPANRB 59/2020), with their edges."""

from datetime import date

import pytest

from livinglab.domain.evidence_rules import FOLLOW_UP_KINDS, REVIEW_KINDS, add_years, shortfall

ON = date(2026, 11, 30)


@pytest.mark.parametrize("level", [None, 1, 2, 3])
def test_levels_below_4_need_no_review(level):
    assert shortfall(level, [], ON) is None


def test_level_4_needs_a_dated_review():
    assert shortfall(4, [], ON).code == "review_missing"
    assert shortfall(4, [("regulation", date(2026, 1, 1)), ("sop", date(2026, 1, 1))], ON).code == "review_missing"
    assert shortfall(4, [("report", None)], ON).code == "review_missing", "an undated review does not count"
    assert shortfall(4, [("report", date(2026, 12, 1))], ON).code == "review_missing", "not one dated later"


@pytest.mark.parametrize("kind", REVIEW_KINDS)
def test_a_review_under_two_years_old_counts(kind):
    assert shortfall(4, [(kind, date(2024, 12, 1))], ON) is None  # one day short of two years
    assert shortfall(4, [(kind, ON)], ON) is None  # reviewed today


def test_a_review_exactly_two_years_old_no_longer_counts():
    missing = shortfall(4, [("report", date(2024, 11, 30))], ON)
    assert missing.code == "review_too_old"
    assert (missing.review_on, missing.expired_on) == (date(2024, 11, 30), ON)


def test_the_newest_review_is_the_one_that_counts():
    assert shortfall(4, [("report", date(2020, 1, 1)), ("minutes", date(2025, 6, 1))], ON) is None
    assert shortfall(4, [("report", date(2020, 1, 1)), ("minutes", date(2021, 6, 1))], ON).review_on == date(2021, 6, 1)


def test_level_5_needs_a_follow_up_policy_within_one_year_after_the_review():
    review = ("report", date(2025, 3, 1))
    assert shortfall(5, [review], ON).code == "follow_up_missing"
    assert shortfall(5, [review], ON).follow_up_by == date(2026, 3, 1)
    for kind in FOLLOW_UP_KINDS:
        assert shortfall(5, [review, (kind, date(2025, 9, 1))], ON) is None
    assert shortfall(5, [review, ("decree", date(2026, 3, 1))], ON) is None, "exactly one year still counts"
    assert shortfall(5, [review, ("decree", date(2026, 3, 2))], ON).code == "follow_up_missing", "one day late"
    assert shortfall(5, [review, ("decree", date(2025, 2, 28))], ON).code == "follow_up_missing", "before the review"
    assert shortfall(5, [review, ("sop", date(2025, 9, 1))], ON).code == "follow_up_missing", "an SOP is no policy"


def test_level_5_first_needs_the_review_level_4_needs():
    assert shortfall(5, [("decree", date(2026, 1, 1))], ON).code == "review_missing"
    assert shortfall(5, [("report", date(2023, 1, 1)), ("decree", date(2023, 6, 1))], ON).code == "review_too_old"


def test_level_5_policy_may_follow_an_older_review_still_under_two_years():
    evidence = [("report", date(2025, 1, 10)), ("circular", date(2025, 7, 1)), ("minutes", date(2026, 10, 1))]
    assert shortfall(5, evidence, ON) is None


def test_add_years_on_29_february():
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
