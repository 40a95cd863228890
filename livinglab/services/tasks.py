"""The week's work: the task list on each role's home page and at GET /api/v1/me/tasks.

A task list is the concatenation of what its role's providers find, in the providers' order; each
provider returns its tasks already ordered. Pages and the API read the same list.

* Region officer ("Tugas minggu ini"): returned for rework → overdue → due within `DUE_SOON_DAYS`
  → in progress without an update for `STALE_UPDATE_DAYS`; each milestone once, under its first kind.
  Submitted and done milestones are not the officer's to move.
* Host staff: reviews past `VERIFY_SLA_DAYS` → other reviews waiting (oldest first) → extension
  requests → regions newly stalled (crossed `STALLED_DAYS` within the last week).
* Host admin: the same, then failed reminders (outbox rows with status failed).
* Ministry viewer: what changed since their previous visit (the last 7 days on a first one):
  milestones newly verified, regions newly stalled, commitments that reached their target.

A provider is a function `(context) → [Task]`; a new kind of task is one more provider in
`PROVIDERS`.

Every provider runs a fixed number of queries, whatever the number of milestones.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app, url_for
from sqlalchemy import func, select

from livinglab import labels, policy
from livinglab.domain import milestone_states as states
from livinglab.domain import periods
from livinglab.extensions import db
from livinglab.models import Commitment, Evaluation, Milestone, MilestoneUpdate, Notification, Practice, Region
from livinglab.models.base import utcnow
from livinglab.services import extension_requests, monitoring, targets

DUE_SOON_DAYS = 30
RECENT_DAYS = 7  # "newly": within the last week, or since the previous visit for the ministries
VISIT_GAP = timedelta(hours=1)  # home-page views closer than this belong to one visit
DEFAULT_ZONE = "WIB"


@dataclass(frozen=True)
class Task:
    kind: str
    url: str
    title: str | None = None  # the practice (code and title) or what the task is about
    milestone_id: int | None = None
    region: str | None = None  # region code
    region_name: str | None = None
    due_date: date | None = None
    age_days: int | None = None  # days it has waited, or since it happened


@dataclass(frozen=True)
class Context:
    user: object
    now: datetime
    zone: str  # the user's clock: WIB, WITA or WIT
    today: date  # on that clock
    since: datetime  # "newly" counts from this moment


def _zone(user):
    if getattr(user, "timezone", None):
        return user.timezone
    region = getattr(user, "region", None)
    if policy.is_region_scoped(user) and region is not None:
        return region.timezone
    return DEFAULT_ZONE


def _days(moment, today, zone):
    return None if moment is None else (today - periods.local(moment, zone).date()).days


def _milestone_task(kind, milestone_id, practice, region, due_date, age_days):
    """A task about one milestone, one click from its page; `practice` and `region` are rows or
    models with their code and title (name)."""
    return Task(
        kind=kind,
        url=url_for("milestones.show", milestone_id=milestone_id),
        title=f"{practice.code} · {practice.title}",
        milestone_id=milestone_id,
        region=region.code,
        region_name=region.name,
        due_date=due_date,
        age_days=age_days,
    )


def _region_task(kind, row, age_days):
    """A task about one region of the overview (`row`), one click from the region's page."""
    return Task(
        kind=kind,
        url=url_for("monitoring.region", code=row["region_code"]),
        title=row["region_name"],
        region=row["region_code"],
        region_name=row["region_name"],
        age_days=age_days,
    )


# --- region officers --------------------------------------------------------------------------


def officer_milestones(context):
    """Returned, overdue, due soon and stale milestones of the officer's own region (one query)."""
    user, today = context.user, context.today
    stale_days = current_app.config["STALE_UPDATE_DAYS"]
    rows = db.session.execute(
        select(Milestone.id, Milestone.status, Milestone.due_date, Milestone.updated_at, Practice.code, Practice.title)
        .join(Milestone.practice)
        .join(Milestone.commitment)
        .where(
            Commitment.region_id == user.region_id,
            Commitment.status != "withdrawn",
            Milestone.status.not_in((*states.DONE_STATUSES, "submitted")),
        )
        .order_by(Milestone.due_date, Milestone.id)
    ).all()
    found = {"returned": [], "overdue": [], "due_soon": [], "stale": []}
    for row in rows:
        age = _days(row.updated_at, today, context.zone)
        if row.status == "returned":
            kind = "returned"
        elif row.due_date is not None and row.due_date < today:
            kind = "overdue"
        elif row.due_date is not None and row.due_date <= today + timedelta(days=DUE_SOON_DAYS):
            kind = "due_soon"
        elif row.status == "in_progress" and age is not None and age >= stale_days:
            kind = "stale"
        else:
            continue
        found[kind].append(_milestone_task(kind, row.id, row, user.region, row.due_date, age))
    found["returned"].sort(key=lambda t: -(t.age_days or 0))
    found["stale"].sort(key=lambda t: -(t.age_days or 0))
    return [task for kind in found.values() for task in kind]


# --- host roles -------------------------------------------------------------------------------


def reviews(context):
    """Submitted milestones waiting for the host: past VERIFY_SLA_DAYS first, then the others,
    oldest submission first in each (one query)."""
    sla_days = current_app.config["VERIFY_SLA_DAYS"]
    rows = db.session.execute(
        select(Milestone.id, Milestone.due_date, Milestone.updated_at, Practice.code, Practice.title, Region)
        .join(Milestone.practice)
        .join(Milestone.commitment)
        .join(Commitment.region)
        .where(Milestone.status == "submitted", Commitment.status != "withdrawn")
        .order_by(Milestone.updated_at, Milestone.id)
    ).all()
    late, waiting = [], []
    for row in rows:
        age = _days(row.updated_at, context.today, context.zone)
        kind = "review_late" if age > sla_days else "review"
        (late if kind == "review_late" else waiting).append(
            _milestone_task(kind, row.id, row, row.Region, row.due_date, age)
        )
    return late + waiting


def extensions(context):
    """Extension requests waiting for the host's decision, oldest first (one query); the date shown
    is the one asked for."""
    return [
        _milestone_task(
            "extension_request",
            request.milestone_id,
            request.milestone.practice,
            request.milestone.commitment.region,
            request.requested_due_date,
            _days(request.created_at, context.today, context.zone),
        )
        for request in extension_requests.pending_extension_requests(context.user)
    ]


def _stalled_on(row, today):
    """The day a stalled overview row became stalled (it crossed STALLED_DAYS that day)."""
    return today - timedelta(days=row["days_since_update"] - current_app.config["STALLED_DAYS"])


def newly_stalled(context):
    """Regions that became stalled since `context.since`, most recently stalled first."""
    rows, _catalogue = monitoring.overview_rows(context.user, context.today)
    since = periods.local(context.since, context.zone).date()
    found = [
        (row, _stalled_on(row, context.today))
        for row in rows
        if row["stalled"] and _stalled_on(row, context.today) > since
    ]
    found.sort(key=lambda pair: (pair[1], pair[0]["region_name"]), reverse=True)
    return [_region_task("newly_stalled", row, row["days_since_update"]) for row, _day in found]


def failed_reminders(context):
    """Outbox rows that failed, oldest first (one query)."""
    rows = db.session.execute(
        select(Notification.id, Notification.kind, Notification.scope, Notification.recipient, Notification.created_at)
        .where(Notification.status == "failed")
        .order_by(Notification.created_at, Notification.id)
    ).all()
    return [
        Task(
            kind="failed_reminder",
            url=url_for("reminders.outbox", status="failed"),
            title=f"{labels.NOTIFICATION_KIND_LABELS.get(row.kind, row.kind)} · {row.recipient}",
            region=row.scope if row.scope not in ("national", "account") else None,
            age_days=_days(row.created_at, context.today, context.zone),
        )
        for row in rows
    ]


# --- ministry viewers -------------------------------------------------------------------------


def newly_verified(context):
    """Milestones verified since `context.since` (still verified), latest first (one query)."""
    host = current_app.config["HOST_REGION_CODE"]
    rows = db.session.execute(
        select(
            Milestone.id,
            Milestone.due_date,
            Practice.code,
            Practice.title,
            Region,
            func.max(MilestoneUpdate.at).label("at"),
        )
        .join(MilestoneUpdate, MilestoneUpdate.milestone_id == Milestone.id)
        .join(Milestone.practice)
        .join(Milestone.commitment)
        .join(Commitment.region)
        .where(
            MilestoneUpdate.action == "verify",
            MilestoneUpdate.at > context.since,
            Milestone.status.in_(states.DONE_STATUSES),
            Commitment.status != "withdrawn",
            Region.code != host,
        )
        .group_by(Milestone.id, Milestone.due_date, Practice.code, Practice.title, Region.id)
    ).all()
    rows = sorted(rows, key=lambda row: (row.at, row.id), reverse=True)
    return [
        _milestone_task(
            "newly_verified", row.id, row, row.Region, row.due_date, _days(row.at, context.today, context.zone)
        )
        for row in rows
    ]


def target_reached(context):
    """Commitments at their target whose deciding input arrived since `context.since`: the official
    result that reached it was loaded, or (reached by the estimate) a milestone was verified."""
    rows, _catalogue = monitoring.overview_rows(context.user, context.today)
    statuses = targets.overview_targets(context.user, rows)
    reached = {key: status for key, status in statuses.items() if status is not None and status.reached}
    if not reached:
        return []
    by_estimate = [key for key, status in reached.items() if status.reached_by == "estimate"]
    verified_at = dict(
        db.session.execute(
            select(Milestone.commitment_id, func.max(MilestoneUpdate.at))
            .join(MilestoneUpdate, MilestoneUpdate.milestone_id == Milestone.id)
            .where(Milestone.commitment_id.in_(by_estimate), MilestoneUpdate.action == "verify")
            .group_by(Milestone.commitment_id)
        ).all()
    )
    loaded_at = {
        (region_id, year): at
        for region_id, year, at in db.session.execute(
            select(Evaluation.region_id, Evaluation.year, func.max(Evaluation.created_at))
            .join(Commitment, Commitment.region_id == Evaluation.region_id)
            .where(Commitment.id.in_(list(reached)), Evaluation.year.is_not(None))
            .group_by(Evaluation.region_id, Evaluation.year)
        )
    }
    region_ids = dict(
        db.session.execute(select(Commitment.id, Commitment.region_id).where(Commitment.id.in_(list(reached)))).all()
    )
    found = []
    for row in rows:
        status = reached.get(row["commitment_id"])
        if status is None:
            continue
        if status.reached_by == "official":
            moment = loaded_at.get((region_ids[row["commitment_id"]], status.reached_year))
        else:
            moment = verified_at.get(row["commitment_id"])
        if moment is not None and moment > context.since:
            found.append((moment, row))
    found.sort(key=lambda pair: (pair[0], pair[1]["region_name"]), reverse=True)
    return [_region_task("target_reached", row, _days(moment, context.today, context.zone)) for moment, row in found]


# --- the lists ----------------------------------------------------------------------------------

HOST_STAFF = (reviews, extensions, newly_stalled)
PROVIDERS = {
    "region_officer": (officer_milestones,),
    "host_staff": HOST_STAFF,
    "host_admin": (*HOST_STAFF, failed_reminders),
    "ministry_viewer": (newly_verified, newly_stalled, target_reached),
}


def collect(context, providers):
    """The tasks of every provider, in the providers' order (the hook new task kinds plug into)."""
    return [task for provider in providers for task in provider(context)]


def _context(user, now=None):
    now = now or utcnow()
    zone = _zone(user)
    since = now - timedelta(days=RECENT_DAYS)
    if user.role == "ministry_viewer" and user.previous_visit_at is not None:
        since = user.previous_visit_at
    return Context(user=user, now=now, zone=zone, today=periods.local(now, zone).date(), since=since)


@dataclass(frozen=True)
class TaskList:
    items: list
    since: datetime  # what "newly" counts from
    since_visit: bool  # `since` is the user's previous visit (not the last RECENT_DAYS days)

    def groups(self):
        """[(kind, [tasks])] in the list's order."""
        found = {}
        for task in self.items:
            found.setdefault(task.kind, []).append(task)
        return list(found.items())


def for_user(user, now=None):
    """The user's task list, ordered as on their home page."""
    policy.ensure(user, "home.view")
    context = _context(user, now)
    since_visit = context.since == user.previous_visit_at
    if policy.is_region_scoped(user) and user.region_id is None:
        return TaskList([], context.since, since_visit)
    return TaskList(collect(context, PROVIDERS.get(user.role, ())), context.since, since_visit)


def home(user, now=None):
    """Note the home-page view (a view more than VISIT_GAP after the one before starts a new visit,
    and the visit before becomes what "changed since your last visit" counts from; commits), then
    the user's task list."""
    policy.ensure(user, "home.view")
    now = now or utcnow()
    if user.last_visit_at is not None and now - user.last_visit_at > VISIT_GAP:
        user.previous_visit_at = user.last_visit_at
    user.last_visit_at = now
    db.session.commit()
    return for_user(user, now)
