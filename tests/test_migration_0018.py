"""Migration 0018 on every backend: Kabupaten Bandung's three innovations leave the host catalogue
(rows kept, retired) and become innovations credited to 32.04; downgrade puts them back."""

from datetime import UTC, datetime

import flask_migrate
import pytest
import sqlalchemy as sa

from livinglab.extensions import db

WHEN = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def old_database(fresh_app):
    flask_migrate.upgrade(revision="0017")
    return fresh_app


def _insert(sql, **values):
    return db.session.execute(sa.text(sql), values)


def test_the_three_practices_are_retired_and_become_bandung_innovations(old_database):
    _insert(
        "INSERT INTO regions (id, code, name, kind, timezone, administrative) "
        "VALUES (7, '32.04', 'Kabupaten Bandung', 'regency', 'WIB', :no)",
        no=False,
    )
    _insert(
        "INSERT INTO frameworks (id, code, family, version, name, official, created_at) "
        "VALUES (3, 'host-practices', 'host', '2022', 'Host', :no, :at)",
        no=False,
        at=WHEN,
    )
    for n, code in enumerate(("HOST-EOFFICE", "HOST-ESKM", "HOST-APIKS", "HOST-SABUK-MAS", "SPBE-26"), start=1):
        _insert(
            "INSERT INTO practices (id, framework_id, code, title, description, weight, level_scale, "
            "default_duration_days, position, active, per_region_sector) "
            "VALUES (:id, 3, :code, :code, :description, 0, 'process', 365, :id, :yes, :no)",
            id=n,
            code=code,
            description=f"about {code}",
            yes=True,
            no=False,
        )
    _insert("INSERT INTO practice_supports (practice_id, indicator_id) VALUES (3, 5)")
    db.session.commit()

    flask_migrate.upgrade(revision="0018")
    active = dict(db.session.execute(sa.text("SELECT code, active FROM practices")).all())
    assert active == {
        "HOST-EOFFICE": True,
        "HOST-ESKM": False,
        "HOST-APIKS": False,
        "HOST-SABUK-MAS": False,
        "SPBE-26": True,
    }
    rows = db.session.execute(
        sa.text("SELECT code, originator_region_id, practice_id, description FROM innovations ORDER BY practice_id")
    ).all()
    assert [tuple(r) for r in rows] == [
        ("BDG-ESKM", 7, 2, "about HOST-ESKM"),
        ("BDG-APIKS", 7, 3, "about HOST-APIKS"),
        ("BDG-SABUK-MAS", 7, 4, "about HOST-SABUK-MAS"),
    ]
    assert not db.session.execute(sa.text("SELECT count(*) FROM practice_supports")).scalar()
    db.session.remove()

    flask_migrate.downgrade(revision="0017")
    assert "innovations" not in sa.inspect(db.engine).get_table_names()
    active = dict(db.session.execute(sa.text("SELECT code, active FROM practices")).all())
    assert all(active.values())
