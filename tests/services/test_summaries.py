"""The maintained national figures equal a full recompute after every kind of write, on the day of
the write and on later days without one (overdue, stalled and waiting days are derived when read)."""

import random
from datetime import date, timedelta

from sqlalchemy import select, update
from tests_support import review_evidence

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Commitment, CommitmentSummary, Milestone, MilestoneUpdate, Region
from livinglab.models.base import utcnow
from livinglab.services import commitments, evaluations, milestones, monitoring, summaries
from livinglab.services.evaluations import EvaluationInput


def _assert_maintained():
    db.session.expire_all()
    stored = dict(db.session.execute(select(CommitmentSummary.commitment_id, CommitmentSummary.figures)).all())
    every = db.session.scalars(select(Commitment).where(Commitment.status != "withdrawn")).all()
    assert {c.id for c in every} <= set(stored), "a commitment without its summary row"
    today = utcnow().date()
    # today first: the rows kept since the last check are brought up to date (only the changed ones)
    for day in (today, today + timedelta(days=20), today + timedelta(days=400), today):
        live, _ = monitoring.national_figures(day)
        provinces = {r.id: r for r in db.session.scalars(select(Region).where(Region.kind == "province"))}
        kept, _ = summaries.national_rows(day)
        assert kept == [monitoring.overview_row(item, provinces) for item in live.values()], day
        for key, item in live.items():
            assert stored[key] == summaries.snapshot(item)


def _milestone(commitment_id, n):
    ordered = select(Milestone).where(Milestone.commitment_id == commitment_id).order_by(Milestone.id)
    return db.session.scalars(ordered).all()[n]


def test_every_write_leaves_the_summary_equal_to_a_full_recompute(app, make_commitment, make_user):
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    officers = {"32.04": officer, "32.11": make_user("region_officer", region="32.11")}
    admin = make_user("host_admin")
    first = make_commitment(region="32.04", practices=("SPBE-01", "SPBE-21", "SPBE-33", "SPBE-42"))
    other = make_commitment(region="32.11", signed_on=utcnow().date() - timedelta(days=200))
    first_id, other_id = first.id, other.id
    _assert_maintained()

    m = _milestone(first_id, 0)
    milestones.update(
        officer, m.id, version=m.version, status="submitted", level=4, evidence=review_evidence(), note="done"
    )
    _assert_maintained()
    milestones.verify(mentor, m.id, decision="verify", level=4)
    _assert_maintained()
    m = _milestone(first_id, 0)
    milestones.reopen(mentor, m.id, reason="The evidence was for another unit.", version=m.version)
    _assert_maintained()

    m = _milestone(first_id, 2)  # SPBE-33 targets 3: verified at 2 stays open
    milestones.update(officer, m.id, version=m.version, status="submitted", level=2, evidence=review_evidence())
    milestones.verify(mentor, m.id, decision="verify", level=2)
    _assert_maintained()

    m = _milestone(first_id, 1)
    commitments.update_milestone_plan(admin, m.id, due_date=utcnow().date() + timedelta(days=10), target_level=4)
    _assert_maintained()
    commitments.add_practices(admin, first_id, ["SPBE-43"])
    _assert_maintained()
    commitments.remove_practice(admin, first_id, "SPBE-43")
    _assert_maintained()

    row = EvaluationInput(row=1, region="32.04", index="2.50", levels={"SPBE-42": 1, "SPBE-01": 2})
    assert evaluations.import_results(policy.SYSTEM, [row], year=2023, source="KepmenPANRB 13/2024").saved == 1
    _assert_maintained()

    # History edited in bulk (as a correction script would): every row is recomputed.
    db.session.execute(
        update(MilestoneUpdate)
        .where(MilestoneUpdate.milestone_id.in_(select(Milestone.id).where(Milestone.commitment_id == first_id)))
        .values(at=utcnow() - timedelta(days=120))
    )
    db.session.commit()
    _assert_maintained()

    # A random walk of region work over both commitments.
    rng = random.Random(13)
    for _ in range(25):
        region, commitment_id = rng.choice((("32.04", first_id), ("32.11", other_id)))
        m = _milestone(commitment_id, rng.randrange(3))
        if m.status in ("verified", "submitted"):
            continue
        status = rng.choice(("in_progress", "submitted"))
        level = rng.randint(1, 3)
        milestones.update(officers[region], m.id, version=m.version, status=status, level=level)
        if status == "submitted" and rng.random() < 0.5:
            milestones.verify(mentor, m.id, decision="verify", level=level)
        _assert_maintained()

    commitments.change_status(admin, other_id, "withdrawn", reason="The regent left office.")
    _assert_maintained()
    assert other_id not in {row["commitment_id"] for row in summaries.national_rows()[0]}


def test_a_commitment_without_its_row_is_computed_and_rebuild_fills_it(app, make_commitment, runner):
    commitment = make_commitment(due=date(2023, 6, 30))
    db.session.execute(CommitmentSummary.__table__.delete())  # as right after `db upgrade`
    db.session.commit()
    live, _ = monitoring.national_figures()
    provinces = {r.id: r for r in db.session.scalars(select(Region).where(Region.kind == "province"))}
    assert summaries.national_rows()[0] == [monitoring.overview_row(live[commitment.id], provinces)]
    result = runner.invoke(args=["summaries", "rebuild"])
    assert result.exit_code == 0 and "1 commitment summaries rebuilt" in result.output
    _assert_maintained()
