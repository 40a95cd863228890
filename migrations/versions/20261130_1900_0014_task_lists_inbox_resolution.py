"""task lists and self-resolving inbox items

Users keep the moments of their home-page visits (the ministry's "what changed since your last
visit" counts from the previous one); inbox items get `done_at`, set when what they announce has
been acted on. Existing items are resolved here: a "new submission" item whose milestone has since
been decided (verified, verified below target or returned, or no longer submitted), and a "returned
for rework" item whose milestone has since been submitted again (or verified).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# (inbox kind, the actions that resolve it, the statuses that show it was acted on)
RESOLVED_BY = (
    ("milestone_submitted", ("verify", "verify_below_target", "return"), ("submitted",)),
    ("milestone_returned", ("submit",), ("returned", "in_progress", "not_started", "blocked")),
)


def _resolve_existing():
    items = sa.table(
        "inbox_items",
        sa.column("kind", sa.String),
        sa.column("milestone_id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("done_at", sa.DateTime(timezone=True)),
    )
    updates = sa.table(
        "milestone_updates",
        sa.column("milestone_id", sa.Integer),
        sa.column("action", sa.String),
        sa.column("at", sa.DateTime(timezone=True)),
    )
    milestones = sa.table(
        "milestones",
        sa.column("id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    for kind, actions, waiting in RESOLVED_BY:
        acted_at = (
            sa.select(sa.func.min(updates.c.at))
            .where(
                updates.c.milestone_id == items.c.milestone_id,
                updates.c.action.in_(actions),
                updates.c.at >= items.c.created_at,
            )
            .scalar_subquery()
        )
        moved_at = (
            sa.select(milestones.c.updated_at)
            .where(milestones.c.id == items.c.milestone_id, milestones.c.status.not_in(waiting))
            .scalar_subquery()
        )
        op.execute(
            items.update()
            .where(items.c.kind == kind, items.c.done_at.is_(None), items.c.milestone_id.is_not(None))
            .where(sa.or_(acted_at.is_not(None), moved_at.is_not(None)))
            .values(done_at=sa.func.coalesce(acted_at, moved_at))
        )


# Plain ALTER TABLE on both backends (recreate="never"): rebuilding users on SQLite, which every
# login, token and history row refers to, fails its foreign keys once there is data.


def upgrade():
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('last_visit_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('previous_visit_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('inbox_items', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('done_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_inbox_items_done_at'), ['done_at'], unique=False)
    _resolve_existing()


def downgrade():
    with op.batch_alter_table('inbox_items', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbox_items_done_at'))
        batch_op.drop_column('done_at')
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('previous_visit_at')
        batch_op.drop_column('last_visit_at')
