"""visits by any institution; several commitments per region

A study visit's visitor is a region, an agency (from `agencies`) or another organisation (name and
type: ngo, university, private, international): `study_visits` gains `visitor_kind` (every existing
visit becomes "region"), `agency_id`, `organisation_name` and `organisation_type`; `region_id` may
now be empty, and a check keeps exactly the columns of the visitor's kind filled. Several
commitments per region need no schema change (the rule is in services.commitments).

Downgrade deletes the visits of agencies and organisations (a visit without a region cannot be
kept in the old table), with their practice and attachment links.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 20:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


VISITOR_CHECK = (
    "(visitor_kind = 'region' AND region_id IS NOT NULL AND agency_id IS NULL"
    " AND organisation_name IS NULL AND organisation_type IS NULL)"
    " OR (visitor_kind = 'agency' AND agency_id IS NOT NULL AND region_id IS NULL"
    " AND organisation_name IS NULL AND organisation_type IS NULL)"
    " OR (visitor_kind = 'organisation' AND region_id IS NULL AND agency_id IS NULL"
    " AND organisation_name IS NOT NULL"
    " AND organisation_type IN ('ngo', 'university', 'private', 'international'))"
)


def upgrade():
    with op.batch_alter_table('study_visits', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('visitor_kind', sa.String(length=20), server_default='region', nullable=False)
        )
        batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('organisation_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('organisation_type', sa.String(length=20), nullable=True))
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_study_visits_visitor_kind'), ['visitor_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_study_visits_agency_id'), ['agency_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_study_visits_agency_id_agencies'), 'agencies', ['agency_id'], ['id']
        )
        batch_op.create_check_constraint(op.f('ck_study_visits_visitor'), VISITOR_CHECK)


def downgrade():
    others = "SELECT id FROM study_visits WHERE visitor_kind <> 'region'"
    op.execute(f"UPDATE commitments SET study_visit_id = NULL WHERE study_visit_id IN ({others})")
    op.execute(f"DELETE FROM study_visit_practices WHERE study_visit_id IN ({others})")
    op.execute(f"DELETE FROM study_visit_attachments WHERE study_visit_id IN ({others})")
    op.execute("DELETE FROM study_visits WHERE visitor_kind <> 'region'")
    with op.batch_alter_table('study_visits', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_study_visits_visitor'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_study_visits_agency_id_agencies'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_study_visits_agency_id'))
        batch_op.drop_index(batch_op.f('ix_study_visits_visitor_kind'))
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('organisation_type')
        batch_op.drop_column('organisation_name')
        batch_op.drop_column('agency_id')
        batch_op.drop_column('visitor_kind')
