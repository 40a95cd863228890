"""Replication of host practices: its progress per commitment, and the SPBE indicators a practice
supports, which the host's verification of the practice suggests (never sets) levels on.

Host practices are those of a framework of the `host` family; they carry no SPBE weight, so the
index and weighted progress leave them out and this module counts them apart.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from livinglab import policy
from livinglab.domain.replication import replication_progress
from livinglab.extensions import db
from livinglab.models import Commitment, Framework, Milestone, Practice, PracticeSupport

HOST_FAMILY = "host"


def commitment_replication(commitment):
    """`Replication` figures of the commitment's host-practice milestones."""
    rows = db.session.execute(
        select(Milestone.status, Milestone.verified_level, Milestone.target_level)
        .join(Milestone.practice)
        .join(Practice.framework)
        .where(Milestone.commitment_id == commitment.id, Framework.family == HOST_FAMILY)
    ).all()
    return replication_progress(tuple(row) for row in rows)


def supported_codes(practice_ids):
    """{practice id: [indicator codes it supports]}, in catalogue order."""
    result = defaultdict(list)
    if not practice_ids:
        return result
    for practice_id, code in db.session.execute(
        select(PracticeSupport.practice_id, Practice.code)
        .join(Practice, Practice.id == PracticeSupport.indicator_id)
        .where(PracticeSupport.practice_id.in_(practice_ids))
        .order_by(Practice.position, Practice.code)
    ):
        result[practice_id].append(code)
    return result


@dataclass(frozen=True)
class Suggestion:
    indicator: Practice  # the supported SPBE indicator
    rationale: str | None
    milestone: Milestone | None  # the region's milestone on it, when the region committed to it
    level: int | None  # the level to consider: the practice's verified level, once verified


def suggestions(actor, milestone):
    """What verifying this host-practice milestone suggests for the indicators it supports; empty
    for an indicator. Nothing is written: the host decides on each indicator milestone itself."""
    policy.ensure(actor, "commitments.view")
    supports = db.session.scalars(
        select(PracticeSupport)
        .join(Practice, Practice.id == PracticeSupport.indicator_id)
        .where(PracticeSupport.practice_id == milestone.practice_id)
        .order_by(Practice.position, Practice.code)
    ).all()
    if not supports:
        return []
    region_id = milestone.commitment.region_id
    committed = {}
    for row in db.session.scalars(
        select(Milestone)
        .join(Milestone.commitment)
        .where(
            Commitment.region_id == region_id,
            Commitment.status != "withdrawn",
            Milestone.practice_id.in_([s.indicator_id for s in supports]),
        )
        .order_by(Commitment.signed_on, Commitment.id)
    ):
        committed[row.practice_id] = row  # the most recently signed commitment wins
    return [
        Suggestion(s.indicator, s.rationale, committed.get(s.indicator_id), milestone.verified_level) for s in supports
    ]
