"""`livinglab seed demo`: the three 2022 rounds and 62 signatories, the same on every run."""

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, Evidence, Milestone, MilestoneUpdate, Region, SigningEvent, StudyVisit, User


def _snapshot():
    return (
        db.session.scalar(select(func.count(SigningEvent.id))),
        db.session.scalar(select(func.count(StudyVisit.id))),
        db.session.scalar(select(func.count(Commitment.id))),
        db.session.scalar(select(func.count(MilestoneUpdate.id))),
        tuple(db.session.scalars(select(Region.code).join(Commitment.region).order_by(Region.code))),
    )


def test_demo_is_realistic_labelled_and_idempotent(runner):
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    assert "demo password for all demo accounts" in first.output
    events, visits, commitments, updates, regions = _snapshot()
    assert (events, visits, commitments) == (3, 52, 62)
    assert sum(code.startswith("32.") for code in regions) == 26, "all of Jawa Barat but the host"
    assert runner.app.config["HOST_REGION_CODE"] not in regions, "the host region is no adopter"
    assert updates > 0
    names = db.session.scalars(select(SigningEvent.name).order_by(SigningEvent.date)).all()
    assert "Jakarta" in db.session.scalar(select(SigningEvent.place).order_by(SigningEvent.date))
    assert names[-1].startswith("Penandatanganan")
    assert all("(demo)" in c.signatory_name for c in db.session.scalars(select(Commitment)))
    targets = {(e.target_index, e.target_year) for e in db.session.scalars(select(SigningEvent))}
    assert {(str(index), year) for index, year in targets} == {("3.50", 2025)}, "the 2022 rounds aimed at 3.5 by 2025"
    taken = {(str(c.target_index), c.target_year) for c in db.session.scalars(select(Commitment))}
    assert taken == {("3.50", 2025)}, "their commitments take the event's target"
    four = select(func.count(Milestone.id)).where(Milestone.verified_level >= 4)
    reviewed = four.where(Milestone.evidence.any(Evidence.kind == "report"))
    assert db.session.scalar(four) == db.session.scalar(reviewed) > 0, "level 4 verified with a recent review"
    assert db.session.scalar(select(func.count(User.id)).where(User.email.like("%@demo.livinglab.id"))) == 4
    again = runner.invoke(args=["seed", "demo"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert _snapshot() == (events, visits, commitments, updates, regions)


def test_national_scale_data_keeps_verified_meaning_done(runner):
    from livinglab.models import Milestone

    result = runner.invoke(args=["seed", "demo", "--scale", "national", "--regions", "3"])
    assert result.exit_code == 0, result.output
    verified = db.session.execute(
        select(Milestone.verified_level, Milestone.target_level).where(Milestone.status == "verified")
    ).all()
    assert verified and all(level >= target for level, target in verified), "verified is done: at or above target"
    assert db.session.scalar(
        select(func.count(Milestone.id)).where(Milestone.status != "verified", Milestone.verified_level.is_not(None))
    ), "below-target verifications stay open with their level"
