"""contact roles and the reminder ladder

Contacts get a role (officer, head_of_agency, sekda, head_of_region) that decides which step of
the escalation ladder reaches them; outbox rows remember the local day their content is for; the
channel column is widened for `whatsapp_group` (a downgrade needs those contacts gone first); the
formal letters to a region's Sekda keep their numbers (a per-year sequence, never reused). The
separate overdue_escalation mail is folded into the weekly digest: rows of it still waiting are
dropped, not sent.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), server_default='officer', nullable=False))
        batch_op.alter_column('channel', existing_type=sa.String(length=10), type_=sa.String(length=20))
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_date', sa.Date(), nullable=True))
        batch_op.alter_column('channel', existing_type=sa.String(length=10), type_=sa.String(length=20))
    op.create_table(
        'escalation_letters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('scope', sa.String(length=10), nullable=False),
        sa.Column('period_key', sa.String(length=20), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=False),
        sa.Column('dated_on', sa.Date(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_letters')),
        sa.UniqueConstraint('number', name=op.f('uq_escalation_letters_number')),
        sa.UniqueConstraint('scope', 'period_key', name=op.f('uq_escalation_letters_scope')),
        sa.UniqueConstraint('year', 'sequence', name=op.f('uq_escalation_letters_year')),
    )
    notifications = sa.table(
        'notifications', sa.column('kind', sa.String), sa.column('status', sa.String), sa.column('last_error', sa.Text)
    )
    op.execute(
        notifications.update()
        .where(notifications.c.kind == 'overdue_escalation', notifications.c.status.in_(['queued', 'sending']))
        .values(status='dropped', last_error='folded into the weekly digest: not sent')
    )


def downgrade():
    op.drop_table('escalation_letters')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('channel', existing_type=sa.String(length=20), type_=sa.String(length=10))
        batch_op.drop_column('content_date')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.alter_column('channel', existing_type=sa.String(length=20), type_=sa.String(length=10))
        batch_op.drop_column('role')
