"""bulk re-planning and extension requests

`extension_requests` holds a region officer's request for a later due date and the host's
decision; a partial unique index keeps at most one pending request per milestone. Milestone
history rows gain `from_due_date`/`to_due_date`, so re-plans, requests and decisions show the
dates they were about.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 19:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'extension_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('milestone_id', sa.Integer(), nullable=False),
        sa.Column('requested_due_date', sa.Date(), nullable=False),
        sa.Column('previous_due_date', sa.Date(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decision_comment', sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'refused')", name=op.f('ck_extension_requests_status')
        ),
        sa.ForeignKeyConstraint(
            ['milestone_id'], ['milestones.id'],
            name=op.f('fk_extension_requests_milestone_id_milestones'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['requested_by_id'], ['users.id'], name=op.f('fk_extension_requests_requested_by_id_users'),
        ),
        sa.ForeignKeyConstraint(
            ['decided_by_id'], ['users.id'], name=op.f('fk_extension_requests_decided_by_id_users'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_extension_requests')),
    )
    with op.batch_alter_table('extension_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extension_requests_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_extension_requests_status'), ['status'], unique=False)
        batch_op.create_index(
            'uq_extension_requests_pending_milestone',
            ['milestone_id'],
            unique=True,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        )
    with op.batch_alter_table('milestone_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('from_due_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('to_due_date', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('milestone_updates', schema=None) as batch_op:
        batch_op.drop_column('to_due_date')
        batch_op.drop_column('from_due_date')
    with op.batch_alter_table('extension_requests', schema=None) as batch_op:
        batch_op.drop_index('uq_extension_requests_pending_milestone')
        batch_op.drop_index(batch_op.f('ix_extension_requests_status'))
        batch_op.drop_index(batch_op.f('ix_extension_requests_milestone_id'))
    op.drop_table('extension_requests')
