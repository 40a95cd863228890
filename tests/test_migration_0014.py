"""Migration 0014 on every backend: inbox items about something since acted on are done (a new
submission once decided, a return once submitted again), the others stay open; visit moments and
`done_at` come and go with the revision."""

from datetime import UTC, date, datetime, timedelta

import flask_migrate
import pytest
import sqlalchemy as sa

from livinglab.extensions import db
from livinglab.models.base import UTCDateTime

T1 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
T2, T3 = T1 + timedelta(days=3), T1 + timedelta(days=9)


@pytest.fixture
def old_database(fresh_app):
    """A fresh database migrated to 0013 (before this change). The test's region is written as that
    schema has it: today's seeding writes through today's models."""
    flask_migrate.upgrade(revision="0013")
    return fresh_app


def _filler(kind):
    if isinstance(kind, sa.DateTime):
        return T1
    if isinstance(kind, sa.Date):
        return date(2024, 1, 1)
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Integer | sa.Numeric):
        return 1
    return "x"


def _insert(table_name, **values):
    """A row of `table_name` as the 0013 schema has it: the values given, placeholders for other
    required columns. Written on a connection of its own, past the session's hooks, which read
    through today's models."""
    with db.engine.begin() as connection:
        table = sa.Table(table_name, sa.MetaData(), autoload_with=connection)
        for column in table.columns:
            optional = column.nullable or column.primary_key or column.server_default is not None
            if column.name not in values and not optional:
                values[column.name] = _filler(column.type)
        return connection.execute(table.insert().values(**values).returning(table.c.id)).scalar_one()


def _milestone(commitment, code, status, history):
    practice = _insert("practices", framework_id=_insert("frameworks", code=f"fw-{code}"), code=code, title=code)
    milestone = _insert("milestones", commitment_id=commitment, practice_id=practice, status=status, updated_at=T3)
    for at, action, to_status in history:
        _insert("milestone_updates", milestone_id=milestone, at=at, action=action, to_status=to_status)
    return milestone


def test_0014_settles_the_items_whose_milestone_was_since_acted_on(old_database):
    region = _insert("regions", code="32.04", name="Kabupaten Bandung", kind="regency")
    host = _insert("users", email="host@example.go.id", role="host_staff")
    officer = _insert("users", email="officer@example.go.id", role="region_officer", region_id=region)
    commitment = _insert("commitments", region_id=region, status="active")
    verified = _milestone(commitment, "A", "verified", [(T1, "submit", "submitted"), (T2, "verify", "verified")])
    again = _milestone(
        commitment,
        "B",
        "submitted",
        [(T1, "submit", "submitted"), (T2, "return", "returned"), (T3, "submit", "submitted")],
    )
    returned = _milestone(commitment, "C", "returned", [(T1, "submit", "submitted"), (T2, "return", "returned")])
    moved = _milestone(commitment, "D", "in_progress", [])
    items = {
        "verified": _insert("inbox_items", user_id=host, kind="milestone_submitted", milestone_id=verified),
        "first submission": _insert("inbox_items", user_id=host, kind="milestone_submitted", milestone_id=again),
        "resubmitted": _insert(
            "inbox_items", user_id=officer, kind="milestone_returned", milestone_id=again, created_at=T2
        ),
        "second submission": _insert(
            "inbox_items", user_id=host, kind="milestone_submitted", milestone_id=again, created_at=T3
        ),
        "still returned": _insert(
            "inbox_items", user_id=officer, kind="milestone_returned", milestone_id=returned, created_at=T2
        ),
        "moved without history": _insert("inbox_items", user_id=host, kind="milestone_submitted", milestone_id=moved),
    }
    db.session.commit()

    flask_migrate.upgrade(revision="0014")

    table = sa.table("inbox_items", sa.column("id", sa.Integer), sa.column("done_at", UTCDateTime()))
    done = dict(db.session.execute(sa.select(table.c.id, table.c.done_at)).all())
    assert {name: done[item] for name, item in items.items()} == {
        "verified": T2,
        "first submission": T2,
        "resubmitted": T3,
        "second submission": None,
        "still returned": None,
        "moved without history": T3,
    }
    db.session.commit()
    flask_migrate.downgrade(revision="0013")
    inspector = sa.inspect(db.engine)
    assert "done_at" not in {c["name"] for c in inspector.get_columns("inbox_items")}
    assert not {"last_visit_at", "previous_visit_at"} & {c["name"] for c in inspector.get_columns("users")}
