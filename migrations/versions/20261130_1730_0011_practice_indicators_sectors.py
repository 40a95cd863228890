"""host practices carry no SPBE weight; practice → indicator support; sectors of indicators 45–47

The SPBE index and the replication of host practices are kept apart:

* every practice of a host framework (frameworks.family = 'host': the host's practices and the
  innovations replicated with it) gets weight 0, so commitment progress by weight counts only
  SPBE indicators (replication is counted separately, by number and verified level);
* `practice_supports` says which SPBE indicators a host practice supports (verifying the practice
  suggests, never sets, a level on them). Its rows are catalogue data, loaded by
  `livinglab seed catalogue` from seeds/host_practice_indicators.csv, not by this migration;
* `practices.per_region_sector` marks the indicators whose public-service sector each region names
  (SPBE 2020 indicators 45–47), and `region_sectors` holds each region's label for them.

The downgrade drops the new tables and column; host-practice weights stay 0 (the weights they had
before are not kept anywhere, and 0 is what the seeds now say).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 17:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

frameworks = sa.table('frameworks', sa.column('id', sa.Integer()), sa.column('code', sa.String()),
                      sa.column('family', sa.String()))
practices = sa.table('practices', sa.column('id', sa.Integer()), sa.column('framework_id', sa.Integer()),
                     sa.column('number', sa.Integer()), sa.column('weight', sa.Numeric(6, 3)),
                     sa.column('per_region_sector', sa.Boolean()))

SECTOR_FRAMEWORK = 'spbe-2020'
SECTOR_NUMBERS = (45, 46, 47)


def upgrade():
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('per_region_sector', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('practice_supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['practices.id'], name=op.f('fk_practice_supports_indicator_id_practices')),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], name=op.f('fk_practice_supports_practice_id_practices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_supports')),
    sa.UniqueConstraint('practice_id', 'indicator_id', name=op.f('uq_practice_supports_practice_id'))
    )
    with op.batch_alter_table('practice_supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_supports_practice_id'), ['practice_id'], unique=False)

    op.create_table('region_sectors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], name=op.f('fk_region_sectors_practice_id_practices')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_region_sectors_region_id_regions')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_region_sectors_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region_sectors')),
    sa.UniqueConstraint('region_id', 'practice_id', name=op.f('uq_region_sectors_region_id'))
    )
    with op.batch_alter_table('region_sectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_region_sectors_region_id'), ['region_id'], unique=False)

    host = sa.select(frameworks.c.id).where(frameworks.c.family == 'host')
    op.execute(practices.update().where(practices.c.framework_id.in_(host)).values(weight=0))
    spbe = sa.select(frameworks.c.id).where(frameworks.c.code == SECTOR_FRAMEWORK)
    op.execute(
        practices.update()
        .where(practices.c.framework_id.in_(spbe), practices.c.number.in_(SECTOR_NUMBERS))
        .values(per_region_sector=True)
    )


def downgrade():
    with op.batch_alter_table('region_sectors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_region_sectors_region_id'))

    op.drop_table('region_sectors')
    with op.batch_alter_table('practice_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_supports_practice_id'))

    op.drop_table('practice_supports')
    with op.batch_alter_table('practices', schema=None) as batch_op:
        batch_op.drop_column('per_region_sector')
