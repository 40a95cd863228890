"""maintained national figures: one summary row per commitment

`commitment_summaries` holds what the national pages (overview, /national, /map, /public) need
of each commitment, rewritten in the same transaction by every write that changes its inputs
(services.summaries). The rows are filled by `livinglab summaries rebuild` after `db upgrade`;
until then a commitment without a row is computed on the fly, so figures are right either way.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 17:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'commitment_summaries',
        sa.Column('commitment_id', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('refreshed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['commitment_id'], ['commitments.id'],
            name=op.f('fk_commitment_summaries_commitment_id_commitments'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['region_id'], ['regions.id'], name=op.f('fk_commitment_summaries_region_id_regions'),
        ),
        sa.PrimaryKeyConstraint('commitment_id', name=op.f('pk_commitment_summaries')),
    )
    with op.batch_alter_table('commitment_summaries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_summaries_region_id'), ['region_id'], unique=False)


def downgrade():
    with op.batch_alter_table('commitment_summaries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_summaries_region_id'))
    op.drop_table('commitment_summaries')
