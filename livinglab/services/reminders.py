"""Scheduled reminders, step one: decide what is due and enqueue outbox rows.

The unique key (kind, scope, recipient, period) makes a re-run, a restart or a second scheduler a
no-op. Delivery (step two) is `livinglab.services.delivery`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from livinglab.domain import milestone_states as states
from livinglab.domain import periods
from livinglab.extensions import db
from livinglab.models import Commitment, Contact, Milestone, MilestoneUpdate, Notification, Region, User
from livinglab.models.accounts import HOST_ROLES

KINDS = ("weekly_digest", "overdue_escalation", "monthly_summary")
OPEN_COMMITMENTS = ("signed", "active")  # the commitments whose regions hear from us


@dataclass
class Planned:
    kind: str
    scope: str
    recipient: str
    recipient_name: str
    channel: str
    locale: str
    period_key: str
    cc: tuple = ()

    def __str__(self):
        cc = f" cc {', '.join(self.cc)}" if self.cc else ""
        return f"{self.kind} {self.period_key} {self.scope} → {self.recipient} ({self.channel}, {self.locale}){cc}"


@dataclass
class RegionDigest:
    """What a region's weekly digest lists, in this order."""

    returned: list
    overdue: list
    due_soon: list
    recently_verified: list


DUE_SOON = timedelta(days=30)


def _digest_has_open_items(work, today):
    """Whether a digest would list anything open: a milestone returned, overdue or due soon (see `region_digest`)."""
    return any(status == "returned" or (due and due <= today + DUE_SOON) for status, due in work)


def _open_work():
    """(status, due date) of every open (not done) milestone of signed or active commitments, by region: one query."""
    by_region = {}
    for region_id, status, due in db.session.execute(
        select(Commitment.region_id, Milestone.status, Milestone.due_date)
        .join(Milestone.commitment)
        .where(Commitment.status.in_(OPEN_COMMITMENTS), Milestone.status.not_in(states.DONE_STATUSES))
    ):
        by_region.setdefault(region_id, []).append((status, due))
    return by_region


def region_digest(region_id, today):
    rows = db.session.scalars(
        select(Milestone)
        .join(Milestone.commitment)
        .where(Commitment.region_id == region_id, Commitment.status.in_(OPEN_COMMITMENTS))
        .order_by(Milestone.due_date, Milestone.id)
    ).all()
    week_ago = today - timedelta(days=7)
    verified_recently = set(
        db.session.scalars(
            select(MilestoneUpdate.milestone_id).where(
                MilestoneUpdate.milestone_id.in_([m.id for m in rows]),
                MilestoneUpdate.action == "verify",
                MilestoneUpdate.at >= _start_of(week_ago),
            )
        )
    )
    open_rows = [m for m in rows if not states.is_done(m.status)]
    return RegionDigest(
        returned=[m for m in open_rows if m.status == "returned"],
        overdue=[m for m in open_rows if m.status != "returned" and m.due_date and m.due_date < today],
        due_soon=[m for m in open_rows if m.due_date and today <= m.due_date <= today + DUE_SOON],
        recently_verified=[m for m in rows if states.is_done(m.status) and m.id in verified_recently],
    )


def _start_of(day):
    return datetime.combine(day, time.min, tzinfo=UTC)


def _active_regions():
    return db.session.scalars(
        select(Region)
        .join(Commitment, Commitment.region_id == Region.id)
        .where(Commitment.status.in_(OPEN_COMMITMENTS))
        .distinct()
        .order_by(Region.code)
    ).all()


def _contacts(region_ids):
    by_region = {}
    for contact in db.session.scalars(
        select(Contact).where(Contact.region_id.in_(region_ids), Contact.active.is_(True)).order_by(Contact.id)
    ):
        by_region.setdefault(contact.region_id, []).append(contact)
    return by_region


def _host_emails():
    return tuple(
        db.session.scalars(
            select(User.email).where(User.role.in_(HOST_ROLES), User.active.is_(True)).order_by(User.email)
        )
    )


def plan(at, kinds=None):
    """What is due at `at` (aware UTC datetime): a list of Planned messages, nothing written."""
    kinds = kinds or KINDS
    planned = []
    regions = _active_regions()
    contacts = _contacts([r.id for r in regions])
    open_work = _open_work()
    escalation_days = current_app.config["ESCALATION_DAYS"]
    host = _host_emails()
    for region in regions:
        today = periods.local(at, region.timezone).date()
        recipients = contacts.get(region.id, [])
        if not recipients:
            continue
        weekly = periods.weekly_period(at, region.timezone)
        daily = periods.daily_period(at, region.timezone)
        work = open_work.get(region.id, [])
        if "weekly_digest" in kinds and weekly and _digest_has_open_items(work, today):
            planned += [
                Planned("weekly_digest", region.code, c.email, c.name, c.channel, c.locale, weekly) for c in recipients
            ]
        late = any(due and (today - due).days > escalation_days for _status, due in work)
        if "overdue_escalation" in kinds and daily and late:
            planned += [
                Planned("overdue_escalation", region.code, c.email, c.name, c.channel, c.locale, daily, host)
                for c in recipients
            ]
    monthly = periods.monthly_period(at)
    if "monthly_summary" in kinds and monthly:
        for user in db.session.scalars(
            select(User)
            .where(User.role.in_(("ministry_viewer", "host_admin")), User.active.is_(True))
            .options(joinedload(User.region))
            .order_by(User.email)
        ):
            planned.append(Planned("monthly_summary", "national", user.email, user.name, "email", user.locale, monthly))
    return planned


def enqueue(at, kinds=None):
    """Insert the due messages that are not in the outbox yet; returns the number inserted.

    Each row is committed on its own, so a row another scheduler inserted first (the unique key
    refuses it) costs only that row, never the others.
    """
    inserted = 0
    existing = set(
        db.session.execute(
            select(Notification.kind, Notification.scope, Notification.recipient, Notification.period_key)
        )
    )
    for item in plan(at, kinds):
        if (item.kind, item.scope, item.recipient, item.period_key) in existing:
            continue
        db.session.add(
            Notification(
                kind=item.kind,
                scope=item.scope,
                recipient=item.recipient,
                recipient_name=item.recipient_name,
                channel=item.channel,
                locale=item.locale,
                period_key=item.period_key,
                cc=list(item.cc),
                next_attempt_at=at,
            )
        )
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            continue
        inserted += 1
    return inserted
