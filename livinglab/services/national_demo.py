"""Bulk data at national scale for the benchmarks (`livinglab seed national`, bench/): every region
but the host with a commitment on all 47 SPBE indicators and ~10 history rows per milestone, written
with bulk inserts, labelled as demo data. The demo users and the signing rounds come from
`services.demo`, which must have run first."""

import random
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, MilestoneUpdate, Practice, Region, SigningEvent, User
from livinglab.services import commitments, events
from livinglab.services.demo import DEMO_TAG, DEMO_USERS, SEED

UPDATES_PER_MILESTONE = 10


def seed_national(limit=None, today=None):
    """Bulk data for benchmarks: every region but the host (or the first `limit`) with a commitment on all 47
    SPBE indicators and ~10 history rows per milestone. Written with bulk inserts (not the
    services: a quarter of a million history rows through the services would take an hour), and
    labelled as demo data. Regions that already have a commitment for the event are skipped."""
    rng = random.Random(SEED)
    today = today or date.today()
    admin = db.session.scalar(select(User).where(User.email == DEMO_USERS[0]["email"]))
    event = db.session.scalar(select(SigningEvent).where(SigningEvent.name == "National scale benchmark (demo)"))
    if event is None:
        event = events.create_event(
            admin,
            name="National scale benchmark (demo)",
            place="Nasional",
            date=date(2022, 11, 21),
            description=DEMO_TAG,
        )
    taken = set(db.session.scalars(select(Commitment.region_id).where(Commitment.signing_event_id == event.id)))
    host = current_app.config["HOST_REGION_CODE"]  # no adopter: never a commitment, here neither
    adopters = db.session.scalars(select(Region).where(Region.code != host).order_by(Region.code))
    regions = [r for r in adopters if r.id not in taken]
    regions = regions[: max(limit - len(taken), 0)] if limit is not None else regions
    practices = db.session.execute(
        select(Practice.id, Practice.default_duration_days).where(Practice.code.like("SPBE-%")).order_by(Practice.code)
    ).all()
    now = datetime.now(UTC)
    signed = datetime.combine(event.date, time(9), tzinfo=UTC)
    span = max((datetime.combine(today, time(9), tzinfo=UTC) - signed).days, 30)
    db.session.execute(
        Commitment.__table__.insert(),
        [
            {
                "region_id": r.id,
                "signing_event_id": event.id,
                "signatory_name": f"Penandatangan {r.name} {DEMO_TAG}",
                "signatory_title": commitments.default_title(r),
                "signed_on": event.date,
                "target_date": date(2025, 12, 31),
                "status": "active",
                "created_at": now,
                "updated_at": now,
                "created_by_id": admin.id,
            }
            for r in regions
        ],
    )
    ids = dict(
        db.session.execute(
            select(Commitment.region_id, Commitment.id).where(Commitment.signing_event_id == event.id)
        ).all()
    )
    milestone_rows, plan = [], []
    for region in regions:
        for practice_id, duration in practices:
            final = rng.choices(("not_started", "in_progress", "submitted", "returned", "verified"), (2, 3, 1, 1, 3))[0]
            level = rng.randint(1, 4) if final != "not_started" else None
            below = final == "verified" and level < 3  # verified below the target (3): level kept, still open
            final = "in_progress" if below else final
            verified = level if final == "verified" or below else None
            history = 0 if final == "not_started" else UPDATES_PER_MILESTONE
            last = signed + timedelta(days=rng.randint(1, span))
            milestone_rows.append(
                {
                    "commitment_id": ids[region.id],
                    "practice_id": practice_id,
                    "due_date": event.date + timedelta(days=duration),
                    "target_level": 3,
                    "level": level,
                    "verified_level": verified,
                    "status": final,
                    "version": history + 1,
                    "created_at": signed,
                    "updated_at": last if history else signed,
                }
            )
            plan.append((history, final, level, verified, last))
    db.session.execute(Milestone.__table__.insert(), milestone_rows)
    milestone_ids = db.session.scalars(
        select(Milestone.id).where(Milestone.commitment_id.in_([ids[r.id] for r in regions])).order_by(Milestone.id)
    ).all()
    batch = []
    for milestone_id, (history, final, level, verified, last) in zip(milestone_ids, plan, strict=True):
        statuses = ["in_progress", "submitted", "returned", "in_progress"] * 3
        for n in range(history):
            to_status = final if n == history - 1 else statuses[n]
            batch.append(
                {
                    "milestone_id": milestone_id,
                    "actor_id": admin.id,
                    "action": "update",
                    "from_status": "in_progress",
                    "to_status": to_status,
                    "level": level,
                    "verified_level": verified if n == history - 1 else None,
                    "note": f"Catatan {n + 1} {DEMO_TAG}",
                    "version": n + 2,
                    "at": last - timedelta(days=(history - 1 - n) * 7),
                }
            )
        if len(batch) >= 20_000:
            db.session.execute(MilestoneUpdate.__table__.insert(), batch)
            batch = []
    if batch:
        db.session.execute(MilestoneUpdate.__table__.insert(), batch)
    db.session.commit()
    return [
        f"national scale: {len(regions)} commitments added ({len(taken)} existed), "
        f"{len(milestone_rows)} milestones, {sum(p[0] for p in plan)} history rows"
    ]
