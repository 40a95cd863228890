"""Scheduled reminders, step one: decide what is due and enqueue outbox rows.

The reminders form a ladder (`livinglab.domain.ladder`), one message per address, region and week
(`livinglab.domain.audience`: an address under several contact rows hears their union once; an
OPD contact hears of its OPD's milestones only): the weekly digest to a region's officers (and,
once its work is ESCALATION_DAYS late, its heads of agency), a numbered letter to its Sekda at
twice that (carrying the week's digest when the address hears both), a line in the monthly
summary to its province and the ministries at three times; host staff hear weekly of reviews past
VERIFY_SLA_DAYS. Each step is decided for the region's scheduled local moment (Monday 08:00, the
1st for the month), which is also the day its content is computed for.

The unique key (kind, scope, recipient, period) makes a re-run, a restart or a second scheduler a
no-op. Delivery (step two) is `livinglab.services.delivery`.
"""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from livinglab import i18n
from livinglab.domain import audience, ladder, periods
from livinglab.domain import milestone_states as states
from livinglab.extensions import db
from livinglab.models import Commitment, Contact, Milestone, Notification, Region, User
from livinglab.services import digests, letters

KINDS = ("weekly_digest", "escalation_letter", "monthly_summary", "review_backlog")
WEEKLY_KINDS = ("weekly_digest", "escalation_letter")  # together at most one message per address and week
OPEN_COMMITMENTS = digests.OPEN_COMMITMENTS


@dataclass
class Planned:
    kind: str
    scope: str
    recipient: str
    recipient_name: str
    channel: str
    locale: str
    period_key: str
    content_date: object = None
    opd_ids: list | None = None  # the OPDs whose milestones the recipient hears about; None: all
    with_digest: bool = False  # a letter that also carries the week's digest

    def __str__(self):
        return f"{self.kind} {self.period_key} {self.scope} → {self.recipient} ({self.channel}, {self.locale})"


def _open_work():
    """Every open (not done) milestone of signed or active commitments, as `audience.Work`, by region: one query."""
    by_region = {}
    for region_id, status, due, opd_id in db.session.execute(
        select(Commitment.region_id, Milestone.status, Milestone.due_date, Milestone.opd_id)
        .join(Milestone.commitment)
        .where(Commitment.status.in_(OPEN_COMMITMENTS), Milestone.status.not_in(states.DONE_STATUSES))
    ):
        by_region.setdefault(region_id, []).append(audience.Work(status, due, opd_id))
    return by_region


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


def _users(roles):
    return db.session.scalars(
        select(User).where(User.role.in_(roles), User.active.is_(True)).order_by(User.email)
    ).all()


def _to(kind, scope, contact, period_key, day):
    return Planned(kind, scope, contact.email, contact.name, contact.channel, contact.locale, period_key, day)


def _to_user(kind, scope, user, period_key, day):
    return Planned(kind, scope, user.email, user.name, "email", user.locale, period_key, day)


def _weekly_rows(at, regions):
    """The digest and letter rows already written for this week's and this month's keys, as
    {(scope, recipient): [(kind, period_key, content_date)]}: one query."""
    keys = set()
    for region in regions:
        if periods.weekly_period(at, region.timezone):
            monday = periods.week_start(at, region.timezone)
            keys |= {periods.week_key(monday), periods.month_key(monday)}
    rows = {}
    for kind, scope, recipient, period_key, content_date in db.session.execute(
        select(
            Notification.kind,
            Notification.scope,
            Notification.recipient,
            Notification.period_key,
            Notification.content_date,
        ).where(Notification.kind.in_(WEEKLY_KINDS), Notification.period_key.in_(sorted(keys)))
    ):
        rows.setdefault((scope, recipient), []).append((kind, period_key, content_date))
    return rows


def _one_a_week(kinds, region, hears, week, monday, written):
    """The one message `hears.address` gets this week from `region`, or None.

    The week's row already written stays the week's message (a re-run plans it again: a no-op).
    Otherwise the month's letter, if the address is due one and has not had it, carries the week's
    digest; else the digest alone. A letter due in a week whose digest already went waits a week."""
    month = periods.month_key(monday)
    rows = written.get((region.code, hears.address), [])
    letter_this_week = any(k == "escalation_letter" and p == month and d == monday for k, p, d in rows)
    digest_this_week = any(k == "weekly_digest" and p == week for k, p, _d in rows)
    letter_this_month = any(k == "escalation_letter" and p == month for k, p, _d in rows)
    wants_letter = "escalation_letter" in kinds and hears.letter and not letter_this_month
    wants_digest = "weekly_digest" in kinds and hears.digest
    contact = hears.contact
    if letter_this_week or (wants_letter and not digest_this_week):
        return Planned(
            "escalation_letter",
            region.code,
            hears.address,
            contact.name,
            contact.channel,
            contact.locale,
            month,
            monday,
            opd_ids=hears.opd_ids if hears.digest else None,
            with_digest=hears.digest,
        )
    if wants_digest or digest_this_week:
        return Planned(
            "weekly_digest",
            region.code,
            hears.address,
            contact.name,
            contact.channel,
            contact.locale,
            week,
            monday,
            opd_ids=hears.opd_ids,
        )
    return None


def _regional(at, kinds, regions, contacts, open_work, escalation_days):
    """One message per address, region and week (see `audience`): the digest, or the month's letter
    carrying it."""
    written = _weekly_rows(at, regions)
    planned = []
    for region in regions:
        week = periods.weekly_period(at, region.timezone)
        recipients = contacts.get(region.id, [])
        if not week or not recipients:
            continue
        monday = periods.week_start(at, region.timezone)
        work = open_work.get(region.id, [])
        for hears in audience.weekly(recipients, work, monday, digests.DUE_SOON, escalation_days):
            item = _one_a_week(kinds, region, hears, week, monday, written)
            if item is not None:
                planned.append(item)
    return planned


def _monthly(at, regions, contacts, open_work, escalation_days):
    planned = []
    month = periods.monthly_period(at)
    if month:
        first = periods.month_start(at)
        planned += [
            _to_user("monthly_summary", "national", user, month, first)
            for user in _users(("ministry_viewer", "host_admin"))
        ]
    with_contacts = {r.parent_id for r in regions if r.parent_id and contacts.get(r.parent_id)}
    parents = {p.id: p for p in db.session.scalars(select(Region).where(Region.id.in_(sorted(with_contacts))))}
    provinces = {}
    for region in regions:
        province = parents.get(region.parent_id)
        if province is None:
            continue
        first = periods.month_start(at, province.timezone)
        if not periods.monthly_period(at, province.timezone):
            continue
        if audience.step_of(open_work.get(region.id, []), first, escalation_days) >= ladder.MONTHLY:
            provinces[province.id] = (province, first)
    for province_id, (province, first) in sorted(provinces.items()):
        month = periods.month_key(first)
        planned += [_to("monthly_summary", province.code, c, month, first) for c in contacts[province_id]]
    return planned


def _review_backlog(at):
    zone = i18n.DEFAULT_ZONE  # the host's clock (Sumedang, WIB), as in the message itself
    weekly = periods.weekly_period(at, zone)
    if not weekly:
        return []
    monday = periods.week_start(at, zone)
    if not digests.any_late_review(monday, zone):
        return []
    return [_to_user("review_backlog", "host", user, weekly, monday) for user in _users(("host_staff",))]


def plan(at, kinds=None):
    """What is due at `at` (aware UTC datetime): a list of Planned messages, nothing written.

    The same few queries for any number of regions."""
    kinds = kinds or KINDS
    escalation_days = current_app.config["ESCALATION_DAYS"]
    regions = _active_regions()
    open_work = _open_work()
    contacts = _contacts([r.id for r in regions] + sorted({r.parent_id for r in regions if r.parent_id}))
    planned = _regional(at, kinds, regions, contacts, open_work, escalation_days)
    if "monthly_summary" in kinds:
        planned += _monthly(at, regions, contacts, open_work, escalation_days)
    if "review_backlog" in kinds:
        planned += _review_backlog(at)
    return planned


def enqueue(at, kinds=None):
    """Insert the due messages that are not in the outbox yet; returns the number inserted.

    Only the keys of the periods now due are read, not every key ever written. Each row is
    committed on its own, so a row another scheduler inserted first (the unique key refuses it)
    costs only that row, never the others. A letter gets its number before its first row.
    """
    planned = plan(at, kinds)
    period_keys = sorted({item.period_key for item in planned})
    existing = set(
        db.session.execute(
            select(Notification.kind, Notification.scope, Notification.recipient, Notification.period_key).where(
                Notification.period_key.in_(period_keys)
            )
        )
    )
    inserted = 0
    for item in planned:
        if (item.kind, item.scope, item.recipient, item.period_key) in existing:
            continue
        if item.kind == "escalation_letter":
            letters.allocate(item.scope, item.period_key, item.content_date)
        db.session.add(
            Notification(
                kind=item.kind,
                scope=item.scope,
                recipient=item.recipient,
                recipient_name=item.recipient_name,
                channel=item.channel,
                locale=item.locale,
                period_key=item.period_key,
                content_date=item.content_date,
                opd_ids=item.opd_ids,
                with_digest=item.with_digest,
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
