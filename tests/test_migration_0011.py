"""Migration 0011 on every backend: host practices lose their SPBE weight (indicators keep theirs),
indicators 45–47 of SPBE 2020 are marked as the per-region sector indicators; downgrade works."""

from datetime import UTC, datetime
from decimal import Decimal

import flask_migrate
import pytest
import sqlalchemy as sa

from livinglab.extensions import db

WHEN = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

frameworks = sa.table(
    "frameworks",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("family", sa.String),
    sa.column("version", sa.String),
    sa.column("name", sa.String),
    sa.column("official", sa.Boolean),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
practices = sa.table(
    "practices",
    sa.column("id", sa.Integer),
    sa.column("framework_id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("number", sa.Integer),
    sa.column("title", sa.String),
    sa.column("weight", sa.Numeric(6, 3)),
    sa.column("level_scale", sa.String),
    sa.column("default_duration_days", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("active", sa.Boolean),
)


@pytest.fixture
def old_database(fresh_app):
    """A fresh database at 0010 (before this change) with catalogue rows as they were: weight 10."""
    flask_migrate.upgrade(revision="0010")
    return fresh_app


def _framework(code, family, official):
    values = {"code": code, "family": family, "version": "1", "name": code, "official": official, "created_at": WHEN}
    return db.session.execute(frameworks.insert().values(**values).returning(frameworks.c.id)).scalar_one()


def _practice(framework_id, code, weight, number=None):
    db.session.execute(
        practices.insert().values(
            framework_id=framework_id,
            code=code,
            number=number,
            title=code,
            weight=weight,
            level_scale="process",
            default_duration_days=365,
            position=number or 0,
            active=True,
        )
    )


def _rows():
    return {
        code: (Decimal(weight), flag)
        for code, weight, flag in db.session.execute(sa.text("SELECT code, weight, per_region_sector FROM practices"))
    }


def test_upgrade_zeroes_host_weights_and_marks_the_sector_indicators(old_database):
    spbe = _framework("spbe-2020", "spbe", True)
    host = _framework("host-practices", "host", False)
    newer = _framework("spbe-2026", "spbe", True)
    for number, weight in ((44, "3.0"), (45, "3.0"), (46, "3.0"), (47, "3.0")):
        _practice(spbe, f"SPBE-{number}", weight, number)
    _practice(newer, "IPD-45", "5.0", 45)
    _practice(host, "HOST-EOFFICE", "10")
    _practice(host, "HOST-SIPD", "7.5")  # one a host admin added with its own weight
    db.session.commit()

    flask_migrate.upgrade(revision="0011")
    rows = _rows()
    assert rows["HOST-EOFFICE"] == (0, False) and rows["HOST-SIPD"] == (0, False)
    assert rows["SPBE-44"] == (Decimal("3.0"), False)
    assert [rows[f"SPBE-{n}"] for n in (45, 46, 47)] == [(Decimal("3.0"), True)] * 3
    assert rows["IPD-45"] == (Decimal("5.0"), False), "only SPBE 2020's sector indicators"
    inspector = sa.inspect(db.engine)
    assert {"practice_supports", "region_sectors"} <= set(inspector.get_table_names())
    db.session.remove()

    flask_migrate.downgrade(revision="0010")
    inspector = sa.inspect(db.engine)
    assert "region_sectors" not in inspector.get_table_names()
    assert "per_region_sector" not in {c["name"] for c in inspector.get_columns("practices")}
