"""Verified below target is not done: the level is recorded, the milestone stays open, and every
figure (progress, overdue, open and verified counts, digests, reports) says so."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from tests_support import review_evidence

from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.models import AuditEvent, InboxItem, Practice
from livinglab.services import commitments, digests, milestones, monitoring, peer_learning, progress_history, reports

LATE = date(2026, 1, 1)  # after the milestones' due date (2023-06-30)


@pytest.fixture
def people(make_user):
    return make_user("region_officer"), make_user("host_staff"), make_user("host_admin")


def _submitted_with_target(make_commitment, admin, officer, practices=("SPBE-01",), target=4):
    commitment = make_commitment(practices=practices)
    m = commitment.milestones[0]
    commitments.update_milestone_plan(admin, m.id, due_date=m.due_date, target_level=target)
    milestones.update(
        officer, m.id, version=m.version, status="submitted", level=3, evidence=review_evidence(follow_up=True)
    )
    return commitment, m


def test_verifying_below_target_records_the_level_and_keeps_the_milestone_open(make_commitment, people):
    officer, mentor, admin = people
    commitment, m = _submitted_with_target(make_commitment, admin, officer)
    milestones.verify(mentor, m.id, decision="verify", level=3, comment="Level 3 confirmed; 4 needs the review")
    db.session.refresh(m)
    assert (m.status, m.verified_level, m.target_level) == ("in_progress", 3, 4)
    last = milestones.history(officer, m.id)[-1]
    assert (last.action, last.from_status, last.to_status, last.verified_level) == (
        "verify_below_target",
        "submitted",
        "in_progress",
        3,
    )
    assert db.session.scalar(select(InboxItem.kind).where(InboxItem.user_id == officer.id)) == "milestone_below_target"
    assert "milestone.verify_below_target" in db.session.scalars(select(AuditEvent.action)).all()

    item = monitoring.national_figures(today=LATE)[0][commitment.id]
    assert (item.verified, item.below_target, item.open, item.overdue) == (0, 1, 1, 1)
    assert item.progress == Decimal("0.75"), "target 4, verified 3: three quarters of the weight"
    assert item.index.value == Decimal("3.00"), "the verified level still counts in the index"

    # The region keeps working on it, as with any open milestone, and submits again.
    milestones.update(officer, m.id, version=m.version, level=4, note="Review done")
    milestones.update(officer, m.id, version=m.version, status="submitted")
    milestones.verify(mentor, m.id, decision="verify", level=4)
    db.session.refresh(m)
    assert m.status == "verified"
    item = monitoring.national_figures(today=LATE)[0][commitment.id]
    assert (item.verified, item.below_target, item.open, item.overdue, item.progress) == (1, 0, 0, 0, 1)


@pytest.mark.parametrize("level", [4, 5])
def test_verifying_at_or_above_target_is_done(make_commitment, people, level):
    officer, mentor, admin = people
    commitment, m = _submitted_with_target(make_commitment, admin, officer)
    milestones.verify(mentor, m.id, decision="verify", level=level)
    db.session.refresh(m)
    assert m.status == "verified"
    item = monitoring.national_figures(today=LATE)[0][commitment.id]
    assert (item.verified, item.below_target, item.overdue, item.progress) == (1, 0, 0, 1)


def test_partial_credit_is_weighted_by_the_practice(make_commitment, people):
    officer, mentor, admin = people
    commitment, m = _submitted_with_target(make_commitment, admin, officer, practices=("SPBE-01", "SPBE-33"))
    milestones.verify(mentor, m.id, decision="verify", level=3)
    weights = dict(db.session.execute(select(Practice.code, Practice.weight).where(Practice.code.like("SPBE-%"))).all())
    item = monitoring.national_figures(today=LATE)[0][commitment.id]
    expected = (weights["SPBE-01"] * Decimal(3) / 4) / (weights["SPBE-01"] + weights["SPBE-33"])
    assert item.progress == expected and item.overdue == 2 and item.verified == 0
    summary = monitoring.summary([r for r in monitoring.overview_rows(admin, LATE)[0] if r["region_code"] == "32.04"])
    assert (summary["verified"], summary["overdue_milestones"]) == (0, 2)


def test_digest_reports_and_peers_treat_it_as_open_work(make_commitment, people):
    officer, mentor, admin = people
    commitment, m = _submitted_with_target(make_commitment, admin, officer)
    milestones.verify(mentor, m.id, decision="verify", level=3)
    digest = digests.region_digest(commitment.region, LATE)
    assert [x.id for x in digest.overdue] == [m.id] and digest.changes.verified == []
    context = reports.region_context(admin, commitment.region, today=LATE)
    assert [row.id for row, _comment in context["attention"]] == [m.id]
    _practice, rows = peer_learning.verified_by("SPBE-01")
    assert rows == [], "a region verified below target is not yet a peer to learn from"
    timeline = progress_history.progress_timeline(commitment)  # up to today, when the history was written
    assert timeline[-1][1] == Decimal("0.75")


def test_a_done_milestones_target_cannot_be_raised_past_its_verified_level(make_commitment, people):
    officer, mentor, admin = people
    _commitment, m = _submitted_with_target(make_commitment, admin, officer, target=3)
    milestones.verify(mentor, m.id, decision="verify", level=3)
    with pytest.raises(Invalid) as error:
        commitments.update_milestone_plan(admin, m.id, due_date=m.due_date, target_level=4)
    assert "target_level" in error.value.fields
    db.session.refresh(m)
    assert (m.status, m.target_level) == ("verified", 3)
    commitments.update_milestone_plan(admin, m.id, due_date=date(2027, 1, 1), target_level=2)
