"""Peer learning: which regions have a practice verified, so an adopter stuck on it knows whom
to copy from."""

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from livinglab.domain import milestone_states as states
from livinglab.extensions import db
from livinglab.models import Commitment, Evidence, Milestone, MilestoneUpdate, Practice, Region, User


def verified_by(practice_code):
    """Regions that have the practice verified: level, when, evidence titles, public contacts.

    Open to every signed-in role on purpose (an adopter stuck on a practice looks for whom to
    copy from); it shows titles of evidence, never the files or notes.
    """
    practice = db.session.scalar(
        select(Practice).where(Practice.code == practice_code).order_by(Practice.framework_id.desc())
    )
    if practice is None:
        return None, []
    rows = db.session.scalars(
        select(Milestone)
        .join(Milestone.commitment)
        .join(Commitment.region)
        .where(
            Milestone.practice_id == practice.id,
            Milestone.status.in_(states.DONE_STATUSES),
            Commitment.status != "withdrawn",
        )
        .options(joinedload(Milestone.commitment).joinedload(Commitment.region))
        .order_by(Milestone.verified_level.desc(), Region.name)
    ).all()
    ids = [m.id for m in rows]
    verified_at = dict(
        db.session.execute(
            select(MilestoneUpdate.milestone_id, func.max(MilestoneUpdate.at))
            .where(MilestoneUpdate.milestone_id.in_(ids), MilestoneUpdate.action == "verify")
            .group_by(MilestoneUpdate.milestone_id)
        ).all()
    )
    evidence = defaultdict(list)
    for milestone_id, title in db.session.execute(
        select(Evidence.milestone_id, Evidence.title).where(Evidence.milestone_id.in_(ids)).order_by(Evidence.id)
    ):
        evidence[milestone_id].append(title)
    region_ids = {m.commitment.region_id for m in rows}
    contacts = defaultdict(list)
    for user in db.session.scalars(
        select(User)
        .where(User.region_id.in_(region_ids), User.role == "region_officer", User.active.is_(True))
        .order_by(User.name)
    ):
        contacts[user.region_id].append(user)
    return practice, [
        {
            "region": m.commitment.region,
            "level": m.verified_level,
            "verified_at": verified_at.get(m.id),
            "evidence": evidence[m.id],
            "contacts": contacts[m.commitment.region_id],
        }
        for m in rows
    ]
