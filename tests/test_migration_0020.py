"""Migration 0020 on every backend: existing study visits become visits of a region; the check
refuses a visit without its visitor; downgrade drops the visits it cannot keep."""

from datetime import UTC, date, datetime

import flask_migrate
import pytest
import sqlalchemy as sa

from livinglab.extensions import db
from livinglab.services import seeding

WHEN = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
VISIT = {
    "start_date": date(2022, 3, 1),
    "end_date": date(2022, 3, 2),
    "head_of_delegation": "Sekda",
    "delegation_size": 9,
    "created_at": WHEN,
    "updated_at": WHEN,
}


def _visits(*extra):
    columns = [sa.column(name) for name in ("id", "region_id", *VISIT, *extra)]
    return sa.table("study_visits", *columns)


@pytest.fixture
def old_database(fresh_app):
    """A fresh database migrated to 0019 (before this change), with regions and agencies."""
    flask_migrate.upgrade(revision="0019")
    seeding.seed_regions()
    seeding.seed_agencies()
    return fresh_app


def _id(table, code):
    return db.session.execute(sa.text(f"SELECT id FROM {table} WHERE code = :c"), {"c": code}).scalar_one()


def test_0020_keeps_existing_visits_as_visits_of_regions(old_database):
    table = _visits()
    old = db.session.execute(
        table.insert().values(region_id=_id("regions", "32.04"), **VISIT).returning(table.c.id)
    ).scalar_one()
    db.session.commit()

    flask_migrate.upgrade(revision="0020")

    row = db.session.execute(
        sa.text("SELECT visitor_kind, region_id, agency_id FROM study_visits WHERE id = :i"), {"i": old}
    ).one()
    assert tuple(row) == ("region", _id("regions", "32.04"), None)
    table = _visits("visitor_kind", "agency_id", "organisation_name", "organisation_type")
    db.session.execute(table.insert().values(visitor_kind="agency", agency_id=_id("agencies", "bssn"), **VISIT))
    db.session.execute(
        table.insert().values(
            visitor_kind="organisation", organisation_name="IPDN", organisation_type="university", **VISIT
        )
    )
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(table.insert().values(visitor_kind="organisation", organisation_type="ngo", **VISIT))
        db.session.commit()
    db.session.rollback()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(table.insert().values(visitor_kind="region", **VISIT))
        db.session.commit()
    db.session.rollback()

    flask_migrate.downgrade(revision="0019")
    assert db.session.execute(sa.text("SELECT id FROM study_visits")).scalars().all() == [old]
    columns = {c["name"] for c in sa.inspect(db.engine).get_columns("study_visits")}
    assert not columns & {"visitor_kind", "agency_id", "organisation_name", "organisation_type"}
