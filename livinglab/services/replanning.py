"""Re-planning: the host moves the due dates of many milestones in one action, with a reason.

A re-plan shifts the chosen milestones by a number of days or sets one date for all of them; it is
all-or-nothing and one transaction. Each changed milestone gets a `replan` entry in its history
(the due date before and after, the reason) and an audit event. The due dates are written by one
statement for the whole selection (an executemany UPDATE with each milestone's version checked), so
a whole commitment costs the same number of queries as one milestone; the statement goes through
the session and names its commitment, so the maintained summary row (services.summaries) is
rewritten before the commit.

Changing a commitment's target date cascades to its milestones due after the new target only when
asked (`cascade_to_target`, called by `services.commitments.update_commitment`).
"""

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import joinedload, selectinload

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.errors import Conflict, Invalid
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, MilestoneUpdate
from livinglab.services import audit
from livinglab.services.summaries import COMMITMENTS

MAX_REASON = 5000
MAX_SHIFT_DAYS = 3650


def clean_reason(reason, field="reason"):
    """A required plain-text reason of at most MAX_REASON characters."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(_("Give a reason."), {field: _("Required.")})
    if len(reason) > MAX_REASON:
        raise Invalid(_("The reason is too long (at most %(n)s characters).", n=MAX_REASON), {field: _("Too long.")})
    return reason


def _history_row(actor, milestone, action, *, note, from_due_date, to_due_date, version):
    """The values of a history row about the due date; status and levels stay as they are."""
    return {
        "milestone_id": milestone.id,
        "actor_id": actor.id,
        "action": action,
        "from_status": milestone.status,
        "to_status": milestone.status,
        "level": milestone.level,
        "verified_level": milestone.verified_level,
        "note": note,
        "version": version,
        "from_due_date": from_due_date,
        "to_due_date": to_due_date,
    }


def history_entry(actor, milestone, action, *, note, from_due_date, to_due_date):
    """Add one history row about the milestone's due date (flush only)."""
    entry = MilestoneUpdate(
        **_history_row(
            actor,
            milestone,
            action,
            note=note,
            from_due_date=from_due_date,
            to_due_date=to_due_date,
            version=milestone.version,
        )
    )
    db.session.add(entry)
    return entry


def _commitment(actor, commitment_id):
    commitment = db.session.get(
        Commitment,
        commitment_id,
        options=[joinedload(Commitment.region), selectinload(Commitment.milestones)],
    )
    return policy.found_in_scope(actor, commitment, lambda c: c.region_id, _("No such commitment."))


def _chosen(commitment, milestone_ids):
    """The milestones to move: the listed ones, or every open one of the commitment."""
    if milestone_ids is None:
        return [m for m in commitment.milestones if not states.is_done(m.status)]
    wanted = set(milestone_ids)
    if not wanted:
        raise Invalid(_("Choose at least one milestone."), {"milestone_ids": _("Choose at least one milestone.")})
    chosen = [m for m in commitment.milestones if m.id in wanted]
    unknown = wanted - {m.id for m in chosen}
    if unknown:
        message = _("Not milestones of this commitment: %(ids)s.", ids=", ".join(str(i) for i in sorted(unknown)))
        raise Invalid(message, {"milestone_ids": message})
    return chosen


def _new_dates(commitment, milestones, shift_days, due_date):
    """{milestone: new due date}, checked: exactly one of shift and date, never before the signing."""
    if (shift_days is None) == (due_date is None):
        message = _("Either shift the due dates by a number of days or set a date, not both.")
        raise Invalid(message, {"mode": message})
    if due_date is not None:
        if not isinstance(due_date, date):
            raise Invalid(_("Not a valid date."), {"due_date": _("Not a valid date (YYYY-MM-DD).")})
        planned = {m: due_date for m in milestones}
    else:
        if isinstance(shift_days, bool) or not isinstance(shift_days, int) or shift_days == 0:
            raise Invalid(_("Shift by a whole number of days other than 0."), {"shift_days": _("Not 0.")})
        if abs(shift_days) > MAX_SHIFT_DAYS:
            message = _("Shift by at most %(n)s days.", n=MAX_SHIFT_DAYS)
            raise Invalid(message, {"shift_days": message})
        undated = [m.practice.code for m in milestones if m.due_date is None]
        if undated:
            message = _(
                "These milestones have no due date to shift; set a date instead: %(codes)s.", codes=", ".join(undated)
            )
            raise Invalid(message, {"shift_days": message})
        planned = {m: m.due_date + timedelta(days=shift_days) for m in milestones}
    if commitment.signed_on and any(day < commitment.signed_on for day in planned.values()):
        message = _("A due date cannot be before the signing date (%(date)s).", date=commitment.signed_on.isoformat())
        raise Invalid(message, {"due_date" if due_date is not None else "shift_days": message})
    return {m: day for m, day in planned.items() if day != m.due_date}


def _iso(day):
    return day.isoformat() if day else None


def move_due_dates(actor, commitment, planned, *, action, note):
    """Write `planned` ({milestone: new due date}) and its history with one statement each, and one
    audit event for the commitment (flush only, no commit). Refuses the whole change if any
    milestone changed since it was read (its version moved on). Returns the ids of the moved
    milestones; the loaded milestones are stale until the caller commits or reloads them. Like any
    plan edit it leaves `updated_at` alone: the review queue keeps its order of submission."""
    if not planned:
        return []
    table = Milestone.__table__
    named = {COMMITMENTS: {commitment.id}}
    rows = [{"m_id": m.id, "m_version": m.version, "m_due": day} for m, day in planned.items()]
    statement = (
        update(table)
        .where(table.c.id == bindparam("m_id"), table.c.version == bindparam("m_version"))
        .values(due_date=bindparam("m_due"), version=table.c.version + 1)
    )
    if db.session.execute(statement, rows, execution_options=named).rowcount != len(rows):
        raise Conflict(
            _("Some of these milestones were changed at the same moment by someone else. Reload and try again.")
        )
    history = [
        _history_row(actor, m, action, note=note, from_due_date=m.due_date, to_due_date=day, version=m.version + 1)
        for m, day in planned.items()
    ]
    db.session.execute(insert(MilestoneUpdate), history, execution_options=named)
    audit.record(
        actor,
        f"commitment.{action}",
        commitment,
        {"due_dates": {m.practice.code: _iso(m.due_date) for m in planned}},
        {"due_dates": {m.practice.code: _iso(day) for m, day in planned.items()}, "note": note},
    )
    return [m.id for m in planned]


def _reloaded(ids):
    """The milestones, fresh from the database in one query (after the commit expired them)."""
    return db.session.scalars(
        select(Milestone).where(Milestone.id.in_(ids)).order_by(Milestone.due_date, Milestone.id)
    ).all()


def replan(actor, commitment_id, *, reason, milestone_ids=None, shift_days=None, due_date=None):
    """Shift (by `shift_days`) or set (`due_date`) the due dates of the listed milestones, or of
    every open milestone of the commitment when `milestone_ids` is None. All or nothing, one
    transaction; returns the changed milestones (none changed is refused: nothing to do)."""
    policy.ensure(actor, "commitments.manage")
    commitment = _commitment(actor, commitment_id)
    if commitment.status in ("withdrawn", "completed"):
        raise Invalid(_("A withdrawn or completed commitment cannot be re-planned."))
    reason = clean_reason(reason)
    chosen = _chosen(commitment, milestone_ids)
    planned = _new_dates(commitment, chosen, shift_days, due_date)
    if not planned:
        raise Invalid(_("Nothing to change: the chosen milestones are already due on that date."))
    moved = move_due_dates(actor, commitment, planned, action="replan", note=reason)
    db.session.commit()
    return _reloaded(moved)


def cascade_to_target(actor, commitment):
    """Bring the commitment's milestones due after its target date back to the target date
    (flush only; the caller commits). Returns the ids of the moved milestones."""
    target = commitment.target_date
    if target is None:
        return []
    planned = {m: target for m in commitment.milestones if m.due_date is not None and m.due_date > target}
    return move_due_dates(actor, commitment, planned, action="target_cascade", note=None)


def after_target(commitment):
    """How many of the commitment's milestones are due after its target date."""
    target = commitment.target_date
    return 0 if target is None else sum(1 for m in commitment.milestones if m.due_date and m.due_date > target)
