"""Migration 0009 corrects existing data on every backend: milestones verified below their target
go back to in_progress (history and audit appended), the host region's own commitments are
flagged for the admin, not deleted."""

from datetime import UTC, date, datetime

import flask_migrate
import pytest
import sqlalchemy as sa

from livinglab.extensions import db
from livinglab.services import seeding

WHEN = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

commitments = sa.table(
    "commitments",
    sa.column("id", sa.Integer),
    sa.column("region_id", sa.Integer),
    sa.column("signatory_name", sa.String),
    sa.column("signatory_title", sa.String),
    sa.column("signed_on", sa.Date),
    sa.column("status", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
milestones = sa.table(
    "milestones",
    sa.column("id", sa.Integer),
    sa.column("commitment_id", sa.Integer),
    sa.column("practice_id", sa.Integer),
    sa.column("due_date", sa.Date),
    sa.column("target_level", sa.Integer),
    sa.column("level", sa.Integer),
    sa.column("verified_level", sa.Integer),
    sa.column("status", sa.String),
    sa.column("version", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)


@pytest.fixture
def old_database(fresh_app):
    """A fresh database migrated to 0008 (before this change), with regions and three indicators
    written as that schema had them (today's models may hold columns 0008 did not have)."""
    flask_migrate.upgrade(revision="0008")
    seeding.seed_regions()
    db.session.execute(
        sa.text(
            "INSERT INTO frameworks (id, code, family, version, name, official, created_at)"
            " VALUES (1, 'spbe-2020', 'spbe', '2020', 'SPBE 2020', true, :at)"
        ),
        {"at": WHEN},
    )
    for number, code in enumerate(("SPBE-01", "SPBE-02", "SPBE-03"), start=1):
        db.session.execute(
            sa.text(
                "INSERT INTO practices (id, framework_id, code, title, weight, level_scale,"
                " default_duration_days, position, active) VALUES (:id, 1, :code, :code, 1, 'process', 365, :id, true)"
            ),
            {"id": number, "code": code},
        )
    db.session.commit()
    return fresh_app


def _id(table, column, value):
    return db.session.execute(sa.text(f"SELECT id FROM {table} WHERE {column} = :v"), {"v": value}).scalar_one()


def _commitment(region_code):
    return db.session.execute(
        commitments.insert()
        .values(
            region_id=_id("regions", "code", region_code),
            signatory_name="Kepala Daerah",
            signatory_title="Bupati",
            signed_on=date(2022, 11, 21),
            status="active",
            created_at=WHEN,
            updated_at=WHEN,
        )
        .returning(commitments.c.id)
    ).scalar_one()


def _milestone(commitment_id, practice, status, target, verified):
    return db.session.execute(
        milestones.insert()
        .values(
            commitment_id=commitment_id,
            practice_id=_id("practices", "code", practice),
            due_date=date(2023, 6, 30),
            target_level=target,
            level=verified,
            verified_level=verified,
            status=status,
            version=3,
            created_at=WHEN,
            updated_at=WHEN,
        )
        .returning(milestones.c.id)
    ).scalar_one()


def test_0009_reopens_below_target_and_flags_the_hosts_own_commitments(old_database):
    app = old_database
    adopter, host = _commitment("32.04"), _commitment(app.config["HOST_REGION_CODE"])
    below = _milestone(adopter, "SPBE-01", "verified", target=4, verified=3)
    done = _milestone(adopter, "SPBE-02", "verified", target=3, verified=3)
    untouched = _milestone(adopter, "SPBE-03", "in_progress", target=4, verified=None)
    db.session.commit()

    flask_migrate.upgrade(revision="0009")

    rows = {
        r.id: (r.status, r.verified_level, r.version)
        for r in db.session.execute(sa.text("SELECT id, status, verified_level, version FROM milestones"))
    }
    assert rows == {below: ("in_progress", 3, 4), done: ("verified", 3, 3), untouched: ("in_progress", None, 3)}
    history = db.session.execute(
        sa.text(
            "SELECT milestone_id, action, from_status, to_status, verified_level, version, note FROM milestone_updates"
        )
    ).all()
    assert [(h.milestone_id, h.action, h.from_status, h.to_status, h.verified_level, h.version) for h in history] == [
        (below, "verify_below_target", "verified", "in_progress", 3, 4)
    ]
    assert "0009" in history[0].note
    at = db.session.execute(
        sa.select(sa.column("at", sa.DateTime(timezone=True))).select_from(sa.table("milestone_updates"))
    )
    assert at.scalar_one().replace(tzinfo=None) == WHEN.replace(tzinfo=None), "dated at its last update: not 'new'"
    flags = dict(db.session.execute(sa.text("SELECT id, flag FROM commitments")).all())
    assert flags == {adopter: None, host: "host_region"}, "flagged for the admin, not deleted"
    audit = db.session.execute(sa.text("SELECT action, entity_id FROM audit_events ORDER BY id")).all()
    assert [tuple(a) for a in audit] == [
        ("milestone.recompute_below_target", str(below)),
        ("commitment.flag", str(host)),
    ]
