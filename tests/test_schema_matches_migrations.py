"""The models and the migrations describe the same schema, on every backend the tests run on."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from livinglab.extensions import db


def test_the_migrated_schema_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []
