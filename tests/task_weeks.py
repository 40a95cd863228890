"""Weeks of work for the task-list tests: one scenario per role, built through the services (and
the clock moved back on a row where the test needs an age)."""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from livinglab.domain import periods
from livinglab.extensions import db
from livinglab.models import Evaluation, Milestone, Region
from livinglab.models.base import utcnow
from livinglab.services import milestones

FIVE = ("SPBE-01", "SPBE-02", "SPBE-03", "SPBE-21", "SPBE-33")


def wib_today():
    return periods.local(utcnow(), "WIB").date()


def set_milestone(milestone_id, **values):
    milestone = db.session.get(Milestone, milestone_id)
    for name, value in values.items():
        setattr(milestone, name, value)
    db.session.commit()


def officer_week(make_commitment, make_user):
    """One milestone of each officer kind, plus ones that are not the officer's task."""
    today = wib_today()
    commitment = make_commitment(practices=(*FIVE, "SPBE-04", "SPBE-05"), due=today + timedelta(days=200))
    ids = [m.id for m in commitment.milestones]
    officer = make_user("region_officer", locale="en")
    host = make_user("host_staff")
    stale, overdue, due_soon, returned, quiet, submitted, verified = ids
    milestones.update(officer, returned, version=1, status="submitted", level=2)
    milestones.verify(host, returned, decision="return", comment="Lengkapi SK")
    milestones.update(officer, submitted, version=1, status="submitted", level=2)
    set_milestone(overdue, due_date=today - timedelta(days=10))
    set_milestone(due_soon, due_date=today + timedelta(days=12))
    milestones.update(officer, stale, version=1, status="in_progress", level=1)
    set_milestone(stale, updated_at=utcnow() - timedelta(days=45))
    milestones.update(officer, verified, version=1, status="submitted", level=3)
    milestones.verify(host, verified, decision="verify", level=3)
    set_milestone(verified, due_date=today - timedelta(days=5))
    return {"stale": stale, "overdue": overdue, "due_soon": due_soon, "returned": returned, "quiet": quiet}


def waiting(make_commitment, make_user, region, days):
    milestone = make_commitment(region=region, signed_on=wib_today()).milestones[0]
    milestones.update(make_user("region_officer", region=region), milestone.id, version=1, status="submitted", level=2)
    set_milestone(milestone.id, updated_at=utcnow() - timedelta(days=days))
    return milestone.id


def host_week(app, make_commitment, make_user):
    """A late review, a fresh one, a region stalled two days ago and one stalled long ago."""
    stalled_days = app.config["STALLED_DAYS"]
    fresh = waiting(make_commitment, make_user, "32.73", 2)
    late = waiting(make_commitment, make_user, "32.05", app.config["VERIFY_SLA_DAYS"] + 6)
    make_commitment(region="51.71", signed_on=wib_today() - timedelta(days=stalled_days + 2))
    make_commitment(region="32.06", signed_on=wib_today() - timedelta(days=stalled_days + 60))
    return fresh, late


def ministry_changes(app, make_commitment, make_user):
    """A milestone verified now, a region stalled two days ago, a region that reached its target by
    the official result loaded now."""
    host = make_user("host_staff")
    moving = make_commitment(region="32.73", signed_on=wib_today())
    officer = make_user("region_officer", region="32.73")
    milestones.update(officer, moving.milestones[0].id, version=1, status="submitted", level=3)
    milestones.verify(host, moving.milestones[0].id, decision="verify", level=3)
    make_commitment(region="51.71", signed_on=wib_today() - timedelta(days=app.config["STALLED_DAYS"] + 2))
    make_commitment(region="32.05", signed_on=wib_today(), target_index=Decimal("2.50"), target_year=2024)
    region = db.session.scalar(select(Region).where(Region.code == "32.05"))
    db.session.add(Evaluation(region=region, year=2024, spbe_index=Decimal("2.80"), source="KepmenPANRB 1/2025"))
    db.session.commit()
    return moving.milestones[0].id
