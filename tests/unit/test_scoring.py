"""Progress, overdue, stalled and the SPBE index, with hand-worked numbers."""

import csv
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from livinglab.domain.scoring import (
    Indicator,
    credit,
    days_since,
    is_overdue,
    is_stalled,
    overdue,
    predicate,
    progress,
    round2,
    spbe_index,
)

BANDS = [(4.2, "Memuaskan"), (3.5, "Sangat Baik"), (2.6, "Baik"), (1.8, "Cukup"), (0, "Kurang")]
SEED = Path(__file__).resolve().parents[2] / "seeds" / "spbe_indicators.csv"


def _spbe_2020():
    with open(SEED, newline="", encoding="utf-8") as handle:
        return [
            Indicator(
                f"SPBE-{int(r['number']):02d}", Decimal(r["indicator_weight"]), r["aspect_code"], r["domain_code"]
            )
            for r in csv.DictReader(handle)
        ]


def test_progress_is_the_weighted_share_of_verified():
    # weights 1.3 + 2.5 + 3.0 = 6.8; verified 1.3 + 3.0 = 4.3 → 4.3 / 6.8 = 0.6323…
    milestones = [(Decimal("1.3"), "verified"), (Decimal("2.5"), "submitted"), (Decimal("3.0"), "verified")]
    assert round2(progress(milestones)) == Decimal("0.63")
    assert progress([]) == 0
    assert progress([(0, "verified"), (0, "in_progress")]) == Decimal("0.5")


def test_below_target_earns_partial_credit_and_is_not_done():
    # target 4, verified 3 → 3/4 of the weight; at or above the target → the whole weight.
    assert credit("in_progress", 3, 4) == Decimal("0.75")
    assert credit("verified", 4, 4) == credit("verified", 5, 4) == 1
    assert credit("submitted", 3, 4) == Decimal("0.75"), "resubmitted: the verified level still counts"
    assert credit("in_progress", None, 4) == credit("not_started") == 0
    milestones = [(Decimal("2"), "in_progress", 3, 4), (Decimal("2"), "verified", 4, 4)]
    assert progress(milestones) == Decimal("0.875")  # (2·0.75 + 2·1) / 4
    assert progress([(0, "in_progress", 1, 2), (0, "not_started", None, 3)]) == Decimal("0.25")
    today = date(2024, 1, 10)
    assert is_overdue(date(2024, 1, 9), "in_progress", today), "verified below target still counts as overdue"
    assert not is_overdue(date(2024, 1, 9), "verified", today)
    assert not is_overdue(date(2024, 1, 10), "in_progress", today)


def test_overdue_counts_past_due_unverified():
    today = date(2024, 1, 10)
    milestones = [
        (date(2024, 1, 9), "in_progress"),
        (date(2024, 1, 9), "verified"),
        (date(2024, 1, 10), "not_started"),
        (None, "returned"),
        (date(2023, 5, 1), "submitted"),
    ]
    assert overdue(milestones, today) == 2


def test_days_since_and_stalled():
    today = date(2024, 3, 1)
    assert days_since(date(2024, 1, 16), today) == 45
    assert days_since(datetime(2024, 2, 29, 23, 0, tzinfo=UTC), today) == 1
    assert days_since(None, today) is None
    assert is_stalled(45, open_milestones=3, stalled_days=45)
    assert not is_stalled(44, open_milestones=3, stalled_days=45)
    assert not is_stalled(400, open_milestones=0, stalled_days=45)
    assert not is_stalled(None, open_milestones=3, stalled_days=45)


def test_index_with_every_indicator_at_one_level_is_that_level():
    indicators = _spbe_2020()
    result = spbe_index(indicators, {i.code: 3 for i in indicators})
    assert result.value == Decimal("3.00") and result.coverage == 1 and not result.not_assessed
    assert set(result.domains.values()) == {Decimal("3.00")}


def test_index_hand_worked_official_formula():
    indicators = _spbe_2020()
    # Domain 1 (indicators 1–10, 13 %) at level 4, everything else at level 2:
    # Σ(level × weight)/100 = (4 × 13 + 2 × 87) / 100 = (52 + 174) / 100 = 2.26
    levels = {i.code: (4 if i.domain == "D1" else 2) for i in indicators}
    result = spbe_index(indicators, levels)
    assert result.value == Decimal("2.26")
    assert result.domains == {
        "D1": Decimal("4.00"),
        "D2": Decimal("2.00"),
        "D3": Decimal("2.00"),
        "D4": Decimal("2.00"),
    }
    assert predicate(result.value, BANDS) == "Cukup"


def test_index_mixed_levels_inside_an_aspect():
    indicators = _spbe_2020()
    # Aspect A6 (Audit TIK, 4.5 %): one indicator at level 5, the rest of the country at level 1.
    a6 = [i for i in indicators if i.aspect == "A6"]
    levels = {i.code: 1 for i in indicators}
    levels[a6[0].code] = 5
    result = spbe_index(indicators, levels)
    expected_a6 = (Decimal(5) * a6[0].weight + sum(i.weight for i in a6[1:])) / sum(i.weight for i in a6)
    assert result.aspects["A6"] == round2(expected_a6)
    assert result.value == round2((100 + 4 * a6[0].weight) / 100)


def test_not_assessed_indicators_are_left_out_and_reported():
    indicators = [Indicator("A", Decimal(30), "X", "D"), Indicator("B", Decimal(70), "Y", "D")]
    result = spbe_index(indicators, {"A": 4, "B": None})
    assert result.value == Decimal("4.00")
    assert result.coverage == Decimal("0.3")
    assert result.not_assessed == ["B"]
    assert result.aspects == {"X": Decimal("4.00"), "Y": None}
    empty = spbe_index(indicators, {})
    assert empty.value is None and empty.coverage == 0


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (Decimal("1.79"), "Kurang"),
        (Decimal("1.80"), "Cukup"),
        (Decimal("2.59"), "Cukup"),
        (Decimal("2.60"), "Baik"),
        (Decimal("3.49"), "Baik"),
        (Decimal("3.50"), "Sangat Baik"),
        (Decimal("4.19"), "Sangat Baik"),
        (Decimal("4.20"), "Memuaskan"),
        (Decimal("5.00"), "Memuaskan"),
        (Decimal("1.00"), "Kurang"),
    ],
)
def test_predicate_band_edges(score, label):
    assert predicate(score, BANDS) == label


def test_predicate_without_a_score():
    assert predicate(None, BANDS) is None


# --- estimate = last official result + what was verified since (issue 13, point 2) ----------------


def test_no_official_result_one_indicator_is_a_fragment_without_predicate():
    # The Ende case: SPBE-42 (3 % of the weight) verified at 3, nothing else → coverage 0.03.
    from livinglab.domain.scoring import estimate, estimate_predicate

    result = estimate(_spbe_2020(), verified={"SPBE-42": 3})
    assert (result.value, result.coverage, result.basis) == (Decimal("3.00"), Decimal("0.03"), "levels")
    assert not result.sufficient and estimate_predicate(result, BANDS) is None
    assert result.official is None and result.change is None
    # The threshold is inclusive: coverage exactly at it is sufficient, a hair below is not.
    twenty = {f"SPBE-{n}": 3 for n in range(28, 48)}
    weights = {i.code: i.weight for i in _spbe_2020()}
    share = sum(weights[c] for c in twenty) / 100
    edge = estimate(_spbe_2020(), verified=twenty, min_coverage=share)
    assert edge.sufficient and estimate_predicate(edge, BANDS) == "Baik"
    assert not estimate(_spbe_2020(), verified=twenty, min_coverage=share + Decimal("0.001")).sufficient
    nothing = estimate(_spbe_2020())
    assert nothing.value is None and nothing.basis is None and not nothing.sufficient


def test_official_index_plus_the_levels_verified_since():
    # Official 2023: 2.50 with every level 2 except SPBE-42 at 1 (2.50 is the stored index, kept as is).
    # Since then SPBE-42 (3 %) verified at 3 and SPBE-01 (1.3 %) at 4:
    # change = (3 − 1)·3/100 + (4 − 2)·1.3/100 = 0.06 + 0.026 = 0.086 → estimate 2.586 → 2.59 (half up).
    from livinglab.domain.scoring import estimate, estimate_predicate

    levels = {i.code: 2 for i in _spbe_2020()} | {"SPBE-42": 1}
    result = estimate(
        _spbe_2020(), official_index=Decimal("2.50"), official_levels=levels, verified={"SPBE-42": 3, "SPBE-01": 4}
    )
    assert (result.value, result.change, result.coverage, result.basis) == (
        Decimal("2.59"),
        Decimal("0.09"),
        Decimal(1),
        "official",
    )
    assert result.sufficient and estimate_predicate(result, BANDS) == "Cukup"  # 2.59 < 2.6: the band edge
    same = estimate(_spbe_2020(), official_index=Decimal("2.50"), official_levels=levels)
    assert (same.value, same.change) == (Decimal("2.50"), Decimal("0.00"))


def test_official_index_without_levels_stays_the_estimate_and_lists_what_it_cannot_count():
    from livinglab.domain.scoring import estimate, estimate_predicate

    result = estimate(_spbe_2020(), official_index=Decimal("3.52"), official_levels={}, verified={"SPBE-42": 5})
    assert (result.value, result.change, result.coverage) == (Decimal("3.52"), Decimal("0.00"), Decimal(1))
    assert result.not_counted == ["SPBE-42"] and estimate_predicate(result, BANDS) == "Sangat Baik"


def test_verified_since_the_official_cutoff():
    from livinglab.domain.scoring import official_cutoff, verified_since

    assert official_cutoff(2023, date(2023, 10, 2)) == date(2023, 10, 2)
    assert official_cutoff(2023, None) == date(2023, 12, 31)
    cutoff = date(2023, 10, 2)
    assert not verified_since(date(2023, 10, 2), cutoff), "the evaluation day itself is covered by it"
    assert verified_since(date(2023, 10, 3), cutoff)
    assert not verified_since(None, cutoff)
    assert verified_since(date(2020, 1, 1), None), "no official result: every verification counts"


def test_average_takes_only_sufficient_estimates():
    from livinglab.domain.scoring import sufficient_average

    assert sufficient_average([(Decimal("3.00"), True), (Decimal("2.00"), True), (Decimal("5.00"), False)]) == (
        Decimal("2.5"),
        2,
    )
    assert sufficient_average([(Decimal("3.00"), False), (None, False)]) == (None, 0)


# --- stalled is the region stuck, not the host (issue 13, point 10) ------------------------------


def test_open_work_all_waiting_for_the_host_is_not_stalled():
    from livinglab.domain.scoring import is_late_review

    assert is_stalled(60, 2, 45, waiting=1), "one open milestone is the region's own work"
    assert not is_stalled(60, 2, 45, waiting=2), "both wait for the host's verification"
    assert not is_late_review(14, 14) and is_late_review(15, 14) and not is_late_review(None, 14)
