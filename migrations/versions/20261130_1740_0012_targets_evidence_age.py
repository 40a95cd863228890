"""commitment targets: target index and year on signing events and commitments

Signing events and commitments get `target_index` (Indeks SPBE, 0–5, two decimals) and
`target_year`. The 2022 Living Lab rounds (events of November 2022 named "Living Lab") aimed at
3.50 by 2025; existing commitments take their event's target. The evidence age rules of issue 13
need no schema: evidence already carries its kind and `enacted_on`.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 17:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

TABLES = ('signing_events', 'commitments')


# Plain ALTER TABLE on both backends (recreate="never"): rebuilding signing_events on SQLite would
# drop a table that commitments reference, which foreign keys refuse once there is data. The ranges
# (index 0–5, two decimals; year 2000–2100) are checked by services.targets.clean_target.


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            batch_op.add_column(sa.Column('target_index', sa.Numeric(precision=4, scale=2), nullable=True))
            batch_op.add_column(sa.Column('target_year', sa.Integer(), nullable=True))
    # The 2022 Living Lab rounds (Jakarta 1 Nov, Jatinangor 7 Nov, UID Bali 21 Nov) aimed at
    # raising the regional index to 3.5 by 2025.
    op.execute(
        "UPDATE signing_events SET target_index = 3.50, target_year = 2025 "
        "WHERE target_index IS NULL AND date >= '2022-11-01' AND date <= '2022-11-30' "
        "AND lower(name) LIKE '%living lab%'"
    )
    op.execute(
        "UPDATE commitments SET "
        "target_index = (SELECT e.target_index FROM signing_events e WHERE e.id = commitments.signing_event_id), "
        "target_year = (SELECT e.target_year FROM signing_events e WHERE e.id = commitments.signing_event_id) "
        "WHERE target_index IS NULL AND target_year IS NULL AND signing_event_id IS NOT NULL"
    )


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None, recreate='never') as batch_op:
            batch_op.drop_column('target_year')
            batch_op.drop_column('target_index')
