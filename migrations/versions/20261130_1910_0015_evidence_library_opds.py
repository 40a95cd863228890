"""region evidence library and responsible OPDs

`opds` holds each region's perangkat daerah (name, short name unique per region); `documents` is
the region's evidence library (kind, title, number, enactment/review date, a file or a URL).
`evidence.document_id` links a library document to a milestone as evidence; `milestones.opd_id`
names the responsible OPD; `contacts.opd_id` makes a contact an OPD's, for its milestones only.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

# (table, column, referenced table) of the new nullable references on existing tables.
REFERENCES = (
    ('evidence', 'document_id', 'documents'),
    ('milestones', 'opd_id', 'opds'),
    ('contacts', 'opd_id', 'opds'),
)


def upgrade():
    op.create_table('opds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('short_name', sa.String(length=30), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_opds_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opds')),
    sa.UniqueConstraint('region_id', 'short_name', name=op.f('uq_opds_region_id'))
    )
    with op.batch_alter_table('opds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opds_region_id'), ['region_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('number', sa.String(length=120), nullable=True),
    sa.Column('enacted_on', sa.Date(), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('upload_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_documents_created_by_id_users')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_documents_region_id_regions')),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_documents_upload_id_uploads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_region_id'), ['region_id'], unique=False)

    # A plain ADD COLUMN on both backends: rebuilding milestones or evidence on SQLite would drop
    # tables that others reference. SQLite takes the reference inline (it has no ADD CONSTRAINT).
    inline = op.get_bind().dialect.name == 'sqlite'
    for table, column, target in REFERENCES:
        reference = sa.ForeignKey(f'{target}.id', name=op.f(f'fk_{table}_{column}_{target}'))
        op.add_column(table, sa.Column(column, sa.Integer(), reference, nullable=True), inline_references=inline)
        op.create_index(op.f(f'ix_{table}_{column}'), table, [column], unique=False)


def downgrade():
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table, column, target in reversed(REFERENCES):
        op.drop_index(op.f(f'ix_{table}_{column}'), table_name=table)
        if not sqlite:
            op.drop_constraint(op.f(f'fk_{table}_{column}_{target}'), table, type_='foreignkey')
        op.drop_column(table, column)
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_region_id'))
    op.drop_table('documents')
    with op.batch_alter_table('opds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opds_region_id'))
    op.drop_table('opds')
