"""signatory titles, second parties and practice packages

A commitment may be signed with an agency as second party (e.g. BSKDN Kemendagri), besides or
instead of the host (`host_is_party`, true for every existing commitment). Host-defined practice
packages (a name and its practices) are new tables; the packages derived from the catalogue are
not stored. Signatory titles (Pj., Plt., Wakil, Sekda) fit the existing column.

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 19:50:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('host_is_party', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('second_party_agency_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_commitments_second_party_agency_id_agencies'), 'agencies', ['second_party_agency_id'], ['id']
        )
    op.create_table(
        'practice_packages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_practice_packages_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_packages')),
        sa.UniqueConstraint('name', name=op.f('uq_practice_packages_name')),
    )
    op.create_table(
        'practice_package_items',
        sa.Column('package_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['package_id'], ['practice_packages.id'],
            name=op.f('fk_practice_package_items_package_id_practice_packages'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['practice_id'], ['practices.id'], name=op.f('fk_practice_package_items_practice_id_practices'),
        ),
        sa.PrimaryKeyConstraint('package_id', 'practice_id', name=op.f('pk_practice_package_items')),
    )


def downgrade():
    op.drop_table('practice_package_items')
    op.drop_table('practice_packages')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_commitments_second_party_agency_id_agencies'), type_='foreignkey')
        batch_op.drop_column('second_party_agency_id')
        batch_op.drop_column('host_is_party')
