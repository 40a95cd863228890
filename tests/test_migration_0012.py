"""Migration 0012 on every backend: the 2022 Living Lab rounds aimed at 3.50 by 2025, and existing
commitments take their event's target; other events and commitments without one stay without."""

from datetime import UTC, date, datetime
from decimal import Decimal

import flask_migrate
import pytest
import sqlalchemy as sa

from livinglab.extensions import db
from livinglab.services import seeding

WHEN = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
events = sa.table(
    "signing_events",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("place", sa.String),
    sa.column("date", sa.Date),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
commitments = sa.table(
    "commitments",
    sa.column("id", sa.Integer),
    sa.column("region_id", sa.Integer),
    sa.column("signing_event_id", sa.Integer),
    sa.column("signatory_name", sa.String),
    sa.column("signatory_title", sa.String),
    sa.column("status", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)


@pytest.fixture
def old_database(fresh_app):
    """A fresh database migrated to 0011 (before this change), with regions."""
    flask_migrate.upgrade(revision="0011")
    seeding.seed_regions()
    return fresh_app


def _event(name, day):
    values = {"name": name, "place": "x", "date": day, "created_at": WHEN}
    return db.session.execute(events.insert().values(**values).returning(events.c.id)).scalar_one()


def _commitment(region_code, event_id):
    region_id = db.session.execute(sa.text("SELECT id FROM regions WHERE code = :c"), {"c": region_code}).scalar_one()
    values = dict(region_id=region_id, signing_event_id=event_id, signatory_name="Kepala Daerah")
    values.update(signatory_title="Bupati", status="active", created_at=WHEN, updated_at=WHEN)
    return db.session.execute(commitments.insert().values(**values).returning(commitments.c.id)).scalar_one()


def test_0012_sets_the_2022_rounds_target_and_backfills_their_commitments(old_database):
    jakarta = _event("Rapat Koordinasi Living Lab SPBE bersama Kemendagri", date(2022, 11, 1))
    bali = _event("Penandatanganan Komitmen Bersama LIVING LAB SPBE", date(2022, 11, 21))
    bandung = _event("Komitmen Bersama Replikasi Inovasi", date(2020, 9, 10))
    later = _event("Living Lab SPBE putaran 2024", date(2024, 5, 2))
    signed_in_bali = _commitment("32.04", bali)
    replication = _commitment("32.73", bandung)
    without_event = _commitment("51.71", None)
    db.session.commit()

    flask_migrate.upgrade(revision="0012")

    targets = {
        r.id: (r.target_index, r.target_year)
        for r in db.session.execute(sa.text("SELECT id, target_index, target_year FROM signing_events"))
    }
    assert {k: (v[0] and Decimal(str(v[0])), v[1]) for k, v in targets.items()} == {
        jakarta: (Decimal("3.50"), 2025),
        bali: (Decimal("3.50"), 2025),
        bandung: (None, None),
        later: (None, None),
    }
    rows = {
        r.id: (r.target_index and Decimal(str(r.target_index)), r.target_year)
        for r in db.session.execute(sa.text("SELECT id, target_index, target_year FROM commitments"))
    }
    assert rows == {
        signed_in_bali: (Decimal("3.50"), 2025),
        replication: (None, None),
        without_event: (None, None),
    }
    db.session.commit()
    flask_migrate.downgrade(revision="0011")
    columns = {c["name"] for c in sa.inspect(db.engine).get_columns("commitments")}
    assert "target_index" not in columns and "target_year" not in columns
