"""milestones verified below target reopened; the host region's own commitments flagged

Two corrections of existing data, so the figures mean what they say:

* A milestone `verified` at a level below its target is not done. Such milestones go back to
  `in_progress` with their verified level kept, as the host's verification does from now on. Each
  gets an appended history row (action `verify_below_target`, no actor, a note saying it was
  recomputed; dated at the milestone's last update, so "last update" and "stalled" do not move),
  a new version (an open form gets the usual conflict) and an audit event.
* The host region is not an adopter and makes no commitment of its own. Its existing commitments
  are not deleted: they get `flag = 'host_region'`, which the host admin sees (a banner on the
  commitment, a count on the home page and the commitment list); national figures leave them out.

The downgrade drops the column; the reopened milestones stay open (older code reads them fine).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 17:10:00.000000

"""
import logging
import os
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

NOTE = (
    "Dihitung ulang (migrasi 0009): diverifikasi di bawah target, tonggak tetap terbuka "
    "sampai terverifikasi pada target."
)

milestones = sa.table(
    "milestones",
    sa.column("id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("level", sa.Integer),
    sa.column("verified_level", sa.Integer),
    sa.column("target_level", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
milestone_updates = sa.table(
    "milestone_updates",
    sa.column("milestone_id", sa.Integer),
    sa.column("actor_id", sa.Integer),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("action", sa.String),
    sa.column("from_status", sa.String),
    sa.column("to_status", sa.String),
    sa.column("level", sa.Integer),
    sa.column("verified_level", sa.Integer),
    sa.column("note", sa.Text),
    sa.column("version", sa.Integer),
)
audit_events = sa.table(
    "audit_events",
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("entity_type", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("ip", sa.String),
)
commitments = sa.table(
    "commitments",
    sa.column("id", sa.Integer),
    sa.column("region_id", sa.Integer),
    sa.column("flag", sa.String),
)
regions = sa.table("regions", sa.column("id", sa.Integer), sa.column("code", sa.String))


def _host_region_code():
    """The deployment's host region: the app's setting when run by `livinglab db upgrade`."""
    try:
        from flask import current_app

        return current_app.config["HOST_REGION_CODE"]
    except (ImportError, RuntimeError, KeyError):
        return os.environ.get("HOST_REGION_CODE", "32.11")


def _reopen_below_target(bind, now):
    below = sa.and_(
        milestones.c.status == "verified",
        milestones.c.verified_level.is_not(None),
        milestones.c.verified_level < milestones.c.target_level,
    )
    rows = bind.execute(
        sa.select(
            milestones.c.id,
            milestones.c.level,
            milestones.c.verified_level,
            milestones.c.target_level,
            milestones.c.version,
            milestones.c.updated_at,
        ).where(below)
    ).all()
    if not rows:
        return
    bind.execute(
        milestone_updates.insert(),
        [
            {
                "milestone_id": row.id,
                "actor_id": None,
                "at": row.updated_at or now,
                "action": "verify_below_target",
                "from_status": "verified",
                "to_status": "in_progress",
                "level": row.level,
                "verified_level": row.verified_level,
                "note": NOTE,
                "version": row.version + 1,
            }
            for row in rows
        ],
    )
    bind.execute(
        audit_events.insert(),
        [
            {
                "at": now,
                "actor_id": None,
                "action": "milestone.recompute_below_target",
                "entity_type": "Milestone",
                "entity_id": str(row.id),
                "before": {"status": "verified", "verified_level": row.verified_level,
                           "target_level": row.target_level, "version": row.version},
                "after": {"status": "in_progress", "verified_level": row.verified_level,
                          "target_level": row.target_level, "version": row.version + 1, "note": NOTE},
                "ip": None,
            }
            for row in rows
        ],
    )
    bind.execute(
        milestones.update().where(below).values(status="in_progress", version=milestones.c.version + 1)
    )
    log.info("0009: %d milestone(s) verified below target reopened", len(rows))


def _flag_host_commitments(bind, now):
    host = _host_region_code()
    ids = bind.execute(
        sa.select(commitments.c.id)
        .join(regions, regions.c.id == commitments.c.region_id)
        .where(regions.c.code == host, commitments.c.flag.is_(None))
        .order_by(commitments.c.id)
    ).scalars().all()
    if not ids:
        return
    bind.execute(commitments.update().where(commitments.c.id.in_(ids)).values(flag="host_region"))
    bind.execute(
        audit_events.insert(),
        [
            {
                "at": now,
                "actor_id": None,
                "action": "commitment.flag",
                "entity_type": "Commitment",
                "entity_id": str(commitment_id),
                "before": {"flag": None},
                "after": {"flag": "host_region", "region": host},
                "ip": None,
            }
            for commitment_id in ids
        ],
    )
    log.info("0009: %d commitment(s) of the host region %s flagged for the admin", len(ids), host)


def upgrade():
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('flag', sa.String(length=40), nullable=True))

    bind = op.get_bind()
    now = datetime.now(UTC)
    _reopen_below_target(bind, now)
    _flag_host_commitments(bind, now)


def downgrade():
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_column('flag')
