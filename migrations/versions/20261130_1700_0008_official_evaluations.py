"""official evaluation results (evaluations, evaluation_levels) replace baselines

Official SPBE results per region and evaluation year: the published index (two decimals), its
predicate, the decree that published it, the date, and optionally the level of each indicator.

The old `baselines` table (a level per region and indicator, with an optional year and source)
is folded in and dropped: its rows are grouped by (region, year) into one evaluation each, their
levels kept as that evaluation's levels. A baseline never carried an index, so these evaluations
have none (and no predicate); their source is the baselines' source(s), and a baseline without a
year becomes an evaluation without a year ("year not recorded") rather than one with an invented
year. Levels outside 1–5 cannot be kept (the new table checks the range) and are logged as
skipped. The downgrade rebuilds `baselines` (one level per region and indicator): each from the
newest evaluation that has it, so migrated rows come back as they were.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 17:00:00.000000

"""
import logging

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

baselines = sa.table(
    'baselines',
    sa.column('id', sa.Integer()),
    sa.column('region_id', sa.Integer()),
    sa.column('practice_id', sa.Integer()),
    sa.column('level', sa.Integer()),
    sa.column('year', sa.Integer()),
    sa.column('source', sa.String()),
    sa.column('recorded_at', sa.DateTime(timezone=True)),
)
evaluations = sa.Table(  # a Table, not sa.table: inserts must return the new id
    'evaluations',
    sa.MetaData(),
    sa.Column('id', sa.Integer(), primary_key=True),
    sa.Column('region_id', sa.Integer()),
    sa.Column('year', sa.Integer()),
    sa.Column('spbe_index', sa.Numeric(4, 2)),
    sa.Column('predicate', sa.String()),
    sa.Column('source', sa.String()),
    sa.Column('evaluated_on', sa.Date()),
    sa.Column('created_at', sa.DateTime(timezone=True)),
    sa.Column('updated_at', sa.DateTime(timezone=True)),
)
evaluation_levels = sa.table(
    'evaluation_levels',
    sa.column('id', sa.Integer()),
    sa.column('evaluation_id', sa.Integer()),
    sa.column('practice_id', sa.Integer()),
    sa.column('level', sa.Integer()),
)


def baseline_groups(rows):
    """Baseline rows (region_id, practice_id, level, year, source, recorded_at) grouped into one
    evaluation per (region_id, year): {key: {"source", "created_at", "levels": {practice_id: level}}}.
    Levels outside 1–5 are left out (and returned apart)."""
    groups, skipped = {}, []
    for region_id, practice_id, level, year, source, recorded_at in rows:
        group = groups.setdefault((region_id, year), {"sources": set(), "created_at": recorded_at, "levels": {}})
        if source:
            group["sources"].add(source.strip())
        if recorded_at is not None and (group["created_at"] is None or recorded_at < group["created_at"]):
            group["created_at"] = recorded_at
        if level is None or not 1 <= level <= 5:
            skipped.append((region_id, practice_id, level))
            continue
        group["levels"][practice_id] = level
    for group in groups.values():
        group["source"] = "; ".join(sorted(s for s in group.pop("sources") if s))[:200] or None
    return groups, skipped


def _move_baselines(bind):
    rows = bind.execute(
        sa.select(
            baselines.c.region_id, baselines.c.practice_id, baselines.c.level,
            baselines.c.year, baselines.c.source, baselines.c.recorded_at,
        ).order_by(baselines.c.id)
    ).all()
    groups, skipped = baseline_groups(rows)
    for region_id, practice_id, level in skipped:
        log.warning("baseline level %s of region id %s, practice id %s is outside 1-5: not kept",
                    level, region_id, practice_id)
    for (region_id, year), group in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        moment = group["created_at"]
        evaluation_id = bind.execute(
            evaluations.insert().values(
                region_id=region_id, year=year, spbe_index=None, predicate=None, source=group["source"],
                evaluated_on=None, created_at=moment, updated_at=moment,
            )
        ).inserted_primary_key[0]
        if group["levels"]:
            bind.execute(evaluation_levels.insert(), [
                {"evaluation_id": evaluation_id, "practice_id": practice_id, "level": level}
                for practice_id, level in sorted(group["levels"].items())
            ])


def upgrade():
    op.create_table('evaluations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('spbe_index', sa.Numeric(precision=4, scale=2), nullable=True),
    sa.Column('predicate', sa.String(length=40), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('evaluated_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('spbe_index >= 0 AND spbe_index <= 5', name=op.f('ck_evaluations_index_range')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_evaluations_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluations')),
    sa.UniqueConstraint('region_id', 'year', name=op.f('uq_evaluations_region_id'))
    )
    op.create_table('evaluation_levels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.CheckConstraint('level >= 1 AND level <= 5', name=op.f('ck_evaluation_levels_level_range')),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluations.id'], name=op.f('fk_evaluation_levels_evaluation_id_evaluations')),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], name=op.f('fk_evaluation_levels_practice_id_practices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_levels')),
    sa.UniqueConstraint('evaluation_id', 'practice_id', name=op.f('uq_evaluation_levels_evaluation_id'))
    )

    _move_baselines(op.get_bind())

    with op.batch_alter_table('baselines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_baselines_region_id'))

    op.drop_table('baselines')


def _restore_baselines(bind):
    """Per region and indicator, the level of the newest evaluation that has one (a dated
    evaluation before one without a year) back into `baselines`: migrated rows come back as they were."""
    rows = bind.execute(
        sa.select(
            evaluations.c.region_id, evaluations.c.year, evaluations.c.source, evaluations.c.created_at,
            evaluation_levels.c.practice_id, evaluation_levels.c.level,
        ).select_from(evaluations.join(evaluation_levels, evaluation_levels.c.evaluation_id == evaluations.c.id))
    ).all()
    newest = {}
    for row in rows:
        rank = (row.year is not None, row.year or 0)
        key = (row.region_id, row.practice_id)
        if key not in newest or rank > newest[key][0]:
            newest[key] = (rank, row)
    values = [
        {"region_id": region_id, "practice_id": practice_id, "level": row.level, "year": row.year,
         "source": row.source, "recorded_at": row.created_at}
        for (region_id, practice_id), (_rank, row) in sorted(newest.items())
    ]
    if values:
        bind.execute(baselines.insert(), values)


def downgrade():
    op.create_table('baselines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['practice_id'], ['practices.id'], name=op.f('fk_baselines_practice_id_practices')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_baselines_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_baselines')),
    sa.UniqueConstraint('region_id', 'practice_id', name=op.f('uq_baselines_region_id'))
    )
    with op.batch_alter_table('baselines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baselines_region_id'), ['region_id'], unique=False)

    _restore_baselines(op.get_bind())

    op.drop_table('evaluation_levels')
    op.drop_table('evaluations')
