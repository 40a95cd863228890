"""what a reminder row covers: its OPDs, and a letter carrying the week's digest

An outbox row remembers, from the moment it was planned, which OPDs' milestones its recipient
hears about (`opd_ids`, null for the whole region), and whether a Sekda letter also carries that
week's digest (`with_digest`: one message per address and week). Rows written before keep their
meaning: the whole region, the letter alone.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opd_ids', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('with_digest', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('with_digest')
        batch_op.drop_column('opd_ids')
