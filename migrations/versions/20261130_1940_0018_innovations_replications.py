"""innovations and their replication; Kabupaten Bandung's three innovations leave the host catalogue

New tables: `innovations` (originator region or agency, PP 38/2017 type, links, stage template),
`outcome_measures`, `replications` (an adopting region's commitment to one innovation),
`replication_parties` (originator, sponsor), `replication_stages` (moved through the milestone
states), `replication_stage_updates`, `replication_stage_evidence` and `outcome_reports`.

Existing data: e-SKM, APIKS and Sabuk Mas (HOST-ESKM, HOST-APIKS, HOST-SABUK-MAS) were catalogued
as host practices although they are Kabupaten Bandung's (32.04) innovations. Their practice rows
are kept but retired (`active` false: no new visit or commitment can choose them), their SPBE
indicator links are dropped, and each becomes an innovation credited to Kabupaten Bandung that
points back at the retired row (`practice_id`). Milestones already on them are left as they are:
their history, evidence and verified levels stay readable on the commitments that hold them, and
the host may keep or remove them; no replication is invented for them. On a fresh database (no
catalogue yet) nothing moves: `livinglab seed catalogue` loads the innovation registry.

Downgrade drops the new tables and puts the three practices back in the catalogue (their
indicator links come back with the next `livinglab seed catalogue` of that version).

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 19:40:00.000000

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

MOVED = (
    # practice code, innovation code, name, PP 38/2017 type, first year
    ('HOST-ESKM', 'BDG-ESKM', 'e-SKM (Survei Kepuasan Masyarakat elektronik)', 'public_service', None),
    ('HOST-APIKS', 'BDG-APIKS', 'APIKS (Aplikasi Kelitbangan Sabilulungan)', 'governance', None),
    ('HOST-SABUK-MAS', 'BDG-SABUK-MAS', 'Sabuk Mas (Sabilulungan Bangun UMKM dan Koperasi untuk Masyarakat)',
     'other', None),
)
SOURCE = 'Komitmen Bersama Replikasi Inovasi, Kabupaten Bandung dan Balitbang Kemendagri, Soreang, 10 September 2020'


def upgrade():
    op.create_table('innovations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('originator_region_id', sa.Integer(), nullable=True),
    sa.Column('originator_agency_id', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('first_year', sa.Integer(), nullable=True),
    sa.Column('links', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('stages', sa.Text(), nullable=True),
    sa.Column('practice_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['originator_agency_id'], ['agencies.id'], name=op.f('fk_innovations_originator_agency_id_agencies')),
    sa.ForeignKeyConstraint(['originator_region_id'], ['regions.id'], name=op.f('fk_innovations_originator_region_id_regions')),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], name=op.f('fk_innovations_practice_id_practices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_innovations')),
    sa.UniqueConstraint('code', name=op.f('uq_innovations_code'))
    )
    op.create_index(op.f('ix_innovations_originator_agency_id'), 'innovations', ['originator_agency_id'], unique=False)
    op.create_index(op.f('ix_innovations_originator_region_id'), 'innovations', ['originator_region_id'], unique=False)
    op.create_table('outcome_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('innovation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['innovation_id'], ['innovations.id'], name=op.f('fk_outcome_measures_innovation_id_innovations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_measures')),
    sa.UniqueConstraint('innovation_id', 'name', name=op.f('uq_outcome_measures_innovation_id'))
    )
    op.create_index(op.f('ix_outcome_measures_innovation_id'), 'outcome_measures', ['innovation_id'], unique=False)
    op.create_table('replications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('innovation_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_replications_created_by_id_users')),
    sa.ForeignKeyConstraint(['innovation_id'], ['innovations.id'], name=op.f('fk_replications_innovation_id_innovations')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_replications_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replications')),
    sa.UniqueConstraint('innovation_id', 'region_id', name=op.f('uq_replications_innovation_id'))
    )
    op.create_index(op.f('ix_replications_innovation_id'), 'replications', ['innovation_id'], unique=False)
    op.create_index(op.f('ix_replications_region_id'), 'replications', ['region_id'], unique=False)
    op.create_table('outcome_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('replication_id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('value', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['outcome_measures.id'], name=op.f('fk_outcome_reports_measure_id_outcome_measures')),
    sa.ForeignKeyConstraint(['replication_id'], ['replications.id'], name=op.f('fk_outcome_reports_replication_id_replications')),
    sa.ForeignKeyConstraint(['reported_by_id'], ['users.id'], name=op.f('fk_outcome_reports_reported_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_reports')),
    sa.UniqueConstraint('replication_id', 'measure_id', 'period', name=op.f('uq_outcome_reports_replication_id'))
    )
    op.create_index(op.f('ix_outcome_reports_measure_id'), 'outcome_reports', ['measure_id'], unique=False)
    op.create_index(op.f('ix_outcome_reports_replication_id'), 'outcome_reports', ['replication_id'], unique=False)
    op.create_table('replication_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('replication_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('unit', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_replication_parties_agency_id_agencies')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_replication_parties_region_id_regions')),
    sa.ForeignKeyConstraint(['replication_id'], ['replications.id'], name=op.f('fk_replication_parties_replication_id_replications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replication_parties'))
    )
    op.create_index(op.f('ix_replication_parties_agency_id'), 'replication_parties', ['agency_id'], unique=False)
    op.create_index(op.f('ix_replication_parties_replication_id'), 'replication_parties', ['replication_id'], unique=False)
    op.create_table('replication_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('replication_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['replication_id'], ['replications.id'], name=op.f('fk_replication_stages_replication_id_replications')),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_replication_stages_verified_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replication_stages')),
    sa.UniqueConstraint('replication_id', 'position', name=op.f('uq_replication_stages_replication_id'))
    )
    op.create_index(op.f('ix_replication_stages_replication_id'), 'replication_stages', ['replication_id'], unique=False)
    op.create_index(op.f('ix_replication_stages_status'), 'replication_stages', ['status'], unique=False)
    op.create_table('replication_stage_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('upload_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_replication_stage_evidence_created_by_id_users')),
    sa.ForeignKeyConstraint(['stage_id'], ['replication_stages.id'], name=op.f('fk_replication_stage_evidence_stage_id_replication_stages')),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_replication_stage_evidence_upload_id_uploads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replication_stage_evidence'))
    )
    op.create_index(op.f('ix_replication_stage_evidence_stage_id'), 'replication_stage_evidence', ['stage_id'], unique=False)
    op.create_table('replication_stage_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_replication_stage_updates_actor_id_users')),
    sa.ForeignKeyConstraint(['stage_id'], ['replication_stages.id'], name=op.f('fk_replication_stage_updates_stage_id_replication_stages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replication_stage_updates'))
    )
    op.create_index(op.f('ix_replication_stage_updates_stage_id'), 'replication_stage_updates', ['stage_id'], unique=False)
    _move_bandung_innovations()


def _move_bandung_innovations():
    connection = op.get_bind()
    practices = sa.table('practices', sa.column('id'), sa.column('code'), sa.column('description'),
                         sa.column('active'), sa.column('framework_id'))
    frameworks = sa.table('frameworks', sa.column('id'), sa.column('family'))
    supports = sa.table('practice_supports', sa.column('practice_id'))
    regions = sa.table('regions', sa.column('id'), sa.column('code'))
    innovations = sa.table(
        'innovations', sa.column('code'), sa.column('name'), sa.column('originator_region_id'), sa.column('type'),
        sa.column('description'), sa.column('first_year'), sa.column('source'), sa.column('practice_id'),
        sa.column('created_at'),
    )
    bandung = connection.execute(sa.select(regions.c.id).where(regions.c.code == '32.04')).scalar()
    now = datetime.now(timezone.utc)
    for practice_code, code, name, kind, year in MOVED:
        row = connection.execute(
            sa.select(practices.c.id, practices.c.description)
            .join(frameworks, frameworks.c.id == practices.c.framework_id)
            .where(practices.c.code == practice_code, frameworks.c.family == 'host')
        ).first()
        if row is None:
            continue
        connection.execute(practices.update().where(practices.c.id == row.id).values(active=False))
        connection.execute(supports.delete().where(supports.c.practice_id == row.id))
        connection.execute(innovations.insert().values(
            code=code, name=name, originator_region_id=bandung, type=kind, description=row.description,
            first_year=year, source=SOURCE, practice_id=row.id, created_at=now,
        ))


def downgrade():
    practices = sa.table('practices', sa.column('code'), sa.column('active'))
    op.execute(practices.update().where(practices.c.code.in_([m[0] for m in MOVED])).values(active=True))
    op.drop_table('replication_stage_updates')
    op.drop_table('replication_stage_evidence')
    op.drop_table('replication_stages')
    op.drop_table('replication_parties')
    op.drop_table('outcome_reports')
    op.drop_table('replications')
    op.drop_table('outcome_measures')
    op.drop_table('innovations')
