"""What a reminder says, computed for the local day its content is for (never the server's date).

The day is the row's `content_date`: the region's Monday of the week for weekly messages, the 1st
for the monthly summary, both on the recipient region's clock. "Since last week" means from the
previous scheduled moment (08:00 local, seven days earlier) up to this one.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from livinglab.domain import ladder, periods
from livinglab.domain import milestone_states as states
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, MilestoneUpdate, Region

OPEN_COMMITMENTS = ("signed", "active")  # the commitments whose regions hear from us
DUE_SOON = timedelta(days=30)


@dataclass
class Changes:
    """What moved between the previous scheduled moment and this one."""

    verified: list = field(default_factory=list)
    returned: list = field(default_factory=list)
    newly_overdue: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.verified or self.returned or self.newly_overdue)


@dataclass
class RegionDigest:
    """What a region's weekly digest lists, in this order, and how far up the ladder it is."""

    day: object  # the local date the content is for
    returned: list
    overdue: list
    due_soon: list
    changes: Changes
    overdue_days: int = 0
    step: int = 0
    long_overdue: list = field(default_factory=list)  # overdue at least ESCALATION_DAYS (the escalation section)

    def days_late(self, milestone):
        return (self.day - milestone.due_date).days


def _window(region, day):
    end = periods.scheduled_moment(day, region.timezone)
    return end - timedelta(days=7), end


def _milestones(region_id, opd_ids=None):
    statement = (
        select(Milestone)
        .join(Milestone.commitment)
        .where(Commitment.region_id == region_id, Commitment.status.in_(OPEN_COMMITMENTS))
        .options(joinedload(Milestone.practice))
        .order_by(Milestone.due_date, Milestone.id)
    )
    if opd_ids is not None:
        statement = statement.where(Milestone.opd_id.in_(opd_ids))
    return db.session.scalars(statement).all()


def region_digest(region, day, opd_ids=None):
    """The digest of `region` for its local `day`; with `opd_ids`, of those OPDs' milestones only
    (what an OPD contact hears about), its escalation section included."""
    rows = _milestones(region.id, opd_ids)
    start, end = _window(region, day)
    moved = {}
    for milestone_id, action in db.session.execute(
        select(MilestoneUpdate.milestone_id, MilestoneUpdate.action).where(
            MilestoneUpdate.milestone_id.in_([m.id for m in rows]),
            MilestoneUpdate.action.in_(("verify", "return")),
            MilestoneUpdate.at >= start,
            MilestoneUpdate.at < end,
        )
    ):
        moved.setdefault(action, set()).add(milestone_id)
    open_rows = [m for m in rows if not states.is_done(m.status)]
    overdue = [m for m in open_rows if m.status != "returned" and m.due_date and m.due_date < day]
    escalation_days = current_app.config["ESCALATION_DAYS"]
    days = ladder.overdue_days([m.due_date for m in open_rows], day)
    return RegionDigest(
        day=day,
        returned=[m for m in open_rows if m.status == "returned"],
        overdue=overdue,
        due_soon=[m for m in open_rows if m.due_date and day <= m.due_date <= day + DUE_SOON],
        changes=Changes(
            verified=[m for m in rows if states.is_done(m.status) and m.id in moved.get("verify", ())],
            returned=[m for m in open_rows if m.id in moved.get("return", ())],
            newly_overdue=[m for m in open_rows if m.due_date and day - timedelta(days=7) <= m.due_date < day],
        ),
        overdue_days=days,
        step=ladder.step(days, escalation_days),
        long_overdue=[
            m for m in open_rows if m.due_date and escalation_days > 0 and (day - m.due_date).days >= escalation_days
        ],
    )


def overdue_list(region, day):
    """(milestone, days late) of every open milestone of `region` past its due date on `day`, oldest first."""
    return [
        (m, (day - m.due_date).days)
        for m in _milestones(region.id)
        if not states.is_done(m.status) and m.due_date and m.due_date < day
    ]


@dataclass
class LongOverdue:
    region: Region
    days: int
    milestones: int


def long_overdue_regions(day, province=None):
    """Regions at the ladder's top step on `day` (overdue at least 3 × ESCALATION_DAYS), most late
    first; only those of `province` (a Region) when given. One query."""
    escalation_days = current_app.config["ESCALATION_DAYS"]
    if escalation_days <= 0:
        return []
    cutoff = day - timedelta(days=ladder.TOP * escalation_days)
    statement = (
        select(Region, func.min(Milestone.due_date), func.count(Milestone.id))
        .join(Commitment, Commitment.region_id == Region.id)
        .join(Milestone, Milestone.commitment_id == Commitment.id)
        .where(
            Commitment.status.in_(OPEN_COMMITMENTS),
            Milestone.status.not_in(states.DONE_STATUSES),
            Milestone.due_date <= cutoff,
        )
        .group_by(Region.id)
    )
    if province is not None:
        statement = statement.where(Region.parent_id == province.id)
    rows = [LongOverdue(region, (day - oldest).days, count) for region, oldest, count in db.session.execute(statement)]
    return sorted(rows, key=lambda r: (-r.days, r.region.code))


@dataclass
class LateReview:
    milestone: Milestone
    days: int


def _late(day, zone):
    """(statement of (milestone, arrived at) for submissions waiting longer than VERIFY_SLA_DAYS at
    08:00 local on `day`, that moment)."""
    moment = periods.scheduled_moment(day, zone)
    limit = moment - timedelta(days=current_app.config["VERIFY_SLA_DAYS"])
    arrived = (  # only the history of milestones waiting now, not every update ever written
        select(MilestoneUpdate.milestone_id, func.max(MilestoneUpdate.at).label("at"))
        .join(Milestone, Milestone.id == MilestoneUpdate.milestone_id)
        .where(
            Milestone.status == "submitted",
            MilestoneUpdate.to_status == "submitted",
            MilestoneUpdate.from_status != "submitted",
        )
        .group_by(MilestoneUpdate.milestone_id)
        .subquery()
    )
    statement = (
        select(Milestone, arrived.c.at)
        .join(arrived, arrived.c.milestone_id == Milestone.id)
        .join(Milestone.commitment)
        .where(Milestone.status == "submitted", Commitment.status.in_(OPEN_COMMITMENTS), arrived.c.at < limit)
    )
    return statement, moment


def any_late_review(day, zone):
    """Whether any submission waits longer than VERIFY_SLA_DAYS at 08:00 local on `day`: one query
    that stops at the first (its last arrival in `submitted` is older than the limit)."""
    limit = periods.scheduled_moment(day, zone) - timedelta(days=current_app.config["VERIFY_SLA_DAYS"])
    arrival = (
        (MilestoneUpdate.milestone_id == Milestone.id)
        & (MilestoneUpdate.to_status == "submitted")
        & (MilestoneUpdate.from_status != "submitted")
    )
    statement = (
        select(Milestone.id)
        .join(Milestone.commitment)
        .where(
            Milestone.status == "submitted",
            Commitment.status.in_(OPEN_COMMITMENTS),
            exists().where(arrival, MilestoneUpdate.at < limit),
            ~exists().where(arrival, MilestoneUpdate.at >= limit),
        )
        .limit(1)
    )
    return db.session.execute(statement).first() is not None


def late_reviews(day, zone):
    """Submissions waiting for the host longer than VERIFY_SLA_DAYS at 08:00 local on `day`, oldest first."""
    statement, moment = _late(day, zone)
    rows = db.session.execute(
        statement.options(joinedload(Milestone.practice), joinedload(Milestone.commitment)).order_by(
            statement.selected_columns.at, Milestone.id
        )
    ).all()
    return [LateReview(milestone, (moment - at).days) for milestone, at in rows]
