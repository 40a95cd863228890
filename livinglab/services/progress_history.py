"""How progress moved over time, replayed from the append-only milestone history: the overview's
most improved commitments, a commitment's month-by-month progress line, a region's latest updates."""

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.domain import scoring
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, MilestoneUpdate, Practice
from livinglab.models.base import utcnow


def most_improved(rows, catalogue, days=90, limit=10, today=None):
    """Commitments whose progress grew most in the last `days` days: today's progress (the rows)
    against the progress each had `days` ago, replayed from the history.

    The replay is the overview's costliest part (two queries over every history row of the
    country), and its answer cannot move with a write: history is append-only and stamped with the
    moment of writing, after the cutoff. It is kept per process until the day turns or a
    commitment's milestones or the index weights change; the ranking against today's progress is
    redone on every call, so a verification shows at once and the request after it costs no more."""
    today = today or utcnow().date()
    key = (
        today,
        days,
        frozenset((r["commitment_id"], r["total"]) for r in rows),
        tuple((i.code, i.weight) for i in catalogue.indicators),
    )
    kept = current_app.extensions.setdefault("livinglab.progress_then", {})
    if kept.get("key") != key:
        kept.clear()
        kept.update(key=key, then=_progress_then([r["commitment_id"] for r in rows], days, today))
    ranked = []
    for row in rows:
        then = kept["then"].get(row["commitment_id"], Decimal(0))
        gain = row["progress"] - then
        if gain > 0:
            ranked.append({**row, "progress_then": then, "gain": gain})
    ranked.sort(key=lambda r: r["gain"], reverse=True)
    return ranked[:limit]


def _progress_then(ids, days, today):
    """{commitment id: weighted progress share at the start of `today - days`}."""
    if not ids:
        return {}
    cutoff = datetime.combine(today - timedelta(days=days), time.min, tzinfo=UTC)
    latest_before = (
        select(func.max(MilestoneUpdate.id))
        .join(Milestone, Milestone.id == MilestoneUpdate.milestone_id)
        .where(Milestone.commitment_id.in_(ids), MilestoneUpdate.at < cutoff)
        .group_by(MilestoneUpdate.milestone_id)
    )
    verified_then = defaultdict(Decimal)
    for commitment_id, weight, status, verified_level, target_level in db.session.execute(
        select(
            Milestone.commitment_id,
            Practice.weight,
            MilestoneUpdate.to_status,
            MilestoneUpdate.verified_level,
            Milestone.target_level,
        )
        .join(MilestoneUpdate, MilestoneUpdate.milestone_id == Milestone.id)
        .join(Milestone.practice)
        .where(
            MilestoneUpdate.id.in_(latest_before),
            MilestoneUpdate.to_status.in_(states.DONE_STATUSES) | MilestoneUpdate.verified_level.is_not(None),
        )
    ):
        verified_then[commitment_id] += (weight or 0) * scoring.credit(status, verified_level, target_level)
    totals = db.session.execute(
        select(Milestone.commitment_id, func.sum(Practice.weight))
        .join(Milestone.practice)
        .where(Milestone.commitment_id.in_(ids))
        .group_by(Milestone.commitment_id)
    ).all()
    return {commitment_id: verified_then[commitment_id] / total for commitment_id, total in totals if total}


def _month_ends(start, end):
    """(label 'YYYY-MM', last moment of that month) from `start`'s month to `end`'s month."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        yield f"{year:04d}-{month:02d}", datetime(next_year, next_month, 1, tzinfo=UTC)
        year, month = next_year, next_month


def progress_timeline(commitment, today=None, max_months=36):
    """Progress (weighted credit) at the end of each month since signing, replayed from history."""
    today = today or utcnow().date()
    plan = {
        row.id: row
        for row in db.session.execute(
            select(Milestone.id, Practice.weight, Milestone.target_level)
            .join(Milestone.practice)
            .where(Milestone.commitment_id == commitment.id)
        )
    }
    if not plan:
        return []
    events = db.session.execute(
        select(
            MilestoneUpdate.milestone_id, MilestoneUpdate.at, MilestoneUpdate.to_status, MilestoneUpdate.verified_level
        )
        .where(MilestoneUpdate.milestone_id.in_(plan))
        .order_by(MilestoneUpdate.at, MilestoneUpdate.id)
    ).all()
    start = commitment.signed_on or (events[0].at.date() if events else today)
    months = list(_month_ends(start, today))[-max_months:]
    state, points, n = {}, [], 0
    for label, end in months:
        while n < len(events) and events[n].at < end:
            state[events[n].milestone_id] = (events[n].to_status, events[n].verified_level)
            n += 1
        share = scoring.progress(
            (row.weight, *state.get(milestone_id, ("not_started", None)), row.target_level)
            for milestone_id, row in plan.items()
        )
        points.append((label, share))
    return points


def region_history(actor, region, limit=30):
    """The latest milestone updates of the region, newest first (for the timeline)."""
    policy.ensure(actor, "commitments.view")
    policy.ensure_region_access(actor, region.id)
    return db.session.scalars(
        select(MilestoneUpdate)
        .join(MilestoneUpdate.milestone)
        .join(Milestone.commitment)
        .where(Commitment.region_id == region.id)
        .options(joinedload(MilestoneUpdate.milestone))
        .order_by(MilestoneUpdate.at.desc(), MilestoneUpdate.id.desc())
        .limit(limit)
    ).all()
