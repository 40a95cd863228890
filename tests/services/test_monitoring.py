"""Monitoring figures from real rows, with the numbers worked by hand."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from tests_support import review_evidence

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Practice
from livinglab.services import evaluations, milestones, monitoring
from livinglab.services.evaluations import EvaluationInput


def _verify(officer, mentor, milestone, level):
    milestones.update(
        officer, milestone.id, version=milestone.version, status="submitted", level=level, evidence=review_evidence()
    )
    milestones.verify(mentor, milestone.id, decision="verify", level=level)


def test_progress_overdue_and_index_for_one_commitment(make_commitment, make_user):
    # SPBE-01 (1.3 %), SPBE-21 (weight from data), SPBE-33 (targets 3): verify SPBE-01 at 4 and SPBE-33 at 2.
    commitment = make_commitment(due=date(2020, 1, 1))
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    first, second, third = commitment.milestones
    _verify(officer, mentor, first, 4)
    _verify(officer, mentor, third, 2)
    milestones.update(officer, second.id, version=1, status="in_progress", level=3)

    weights = {p.code: p.weight for p in db.session.scalars(select(Practice).where(Practice.code.like("SPBE-%")))}
    figures, catalogue = monitoring.national_figures(today=date(2026, 1, 1))
    item = figures[commitment.id]
    # SPBE-33 verified at 2 is below its target 3: not done, still overdue, 2/3 of its weight.
    assert (item.total, item.verified, item.below_target, item.open, item.overdue) == (3, 1, 1, 2, 2)
    expected = (weights["SPBE-01"] + weights["SPBE-33"] * (Decimal(2) / 3)) / (
        weights["SPBE-01"] + weights["SPBE-21"] + weights["SPBE-33"]
    )
    assert item.progress == expected
    # Verified index over the two assessed indicators: (4·w01 + 2·w33) / (w01 + w33)
    index = (4 * weights["SPBE-01"] + 2 * weights["SPBE-33"]) / (weights["SPBE-01"] + weights["SPBE-33"])
    assert item.index.value == index.quantize(Decimal("0.01"))
    assert item.index.coverage == (weights["SPBE-01"] + weights["SPBE-33"]) / 100
    assert len(item.index.not_assessed) == 45
    # The self-assessed index also counts SPBE-21 at level 3.
    assert item.index_self.value != item.index.value
    # No official result: the estimate is that mean, over 4.05 % of the weight: no predicate below 0.6.
    assert item.estimate.value == item.index.value and item.estimate.coverage == item.index.coverage
    assert item.predicate is None and catalogue.predicate(item.index.value) is not None
    assert not item.stalled


def test_stalled_when_nothing_moved_for_stalled_days(app, make_commitment):
    commitment = make_commitment(signed_on=date(2024, 1, 1))
    figures, _ = monitoring.national_figures(today=date(2024, 1, 1) + timedelta(days=app.config["STALLED_DAYS"]))
    assert figures[commitment.id].stalled
    figures, _ = monitoring.national_figures(today=date(2024, 1, 1) + timedelta(days=app.config["STALLED_DAYS"] - 1))
    assert not figures[commitment.id].stalled


def _official(region, year, levels):
    row = EvaluationInput(row=1, region=region, index="2.50", levels=levels)
    report = evaluations.import_results(policy.SYSTEM, [row], year=year, source="KepmenPANRB 13/2024")
    assert report.saved == 1, report.rows


def test_the_last_official_result_is_the_baseline(make_commitment):
    # The last official result (2023) has an index and no levels: it is the estimate as it stands,
    # with coverage from the official result; older years' levels are not mixed in.
    commitment = make_commitment(practices=("SPBE-01",))
    _official("32.04", 2021, {"SPBE-47": 2, "SPBE-46": 4})
    _official("32.04", 2022, {"SPBE-47": 3})
    _official("32.04", 2023, {})
    figures, _ = monitoring.national_figures()
    item = figures[commitment.id]
    assert item.official.year == 2023 and item.official.index == Decimal("2.50")
    assert (item.estimate.value, item.estimate.coverage, item.estimate.basis) == (Decimal("2.50"), 1, "official")
    assert item.estimate.change == 0 and item.predicate == "Cukup"
    assert "SPBE-47" in item.index.not_assessed


def test_withdrawn_commitments_are_left_out(make_commitment):
    kept = make_commitment()
    gone = make_commitment(region="51.71", status="withdrawn")
    figures, _ = monitoring.national_figures()
    assert kept.id in figures and gone.id not in figures
