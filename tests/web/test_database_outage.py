"""The database briefly unavailable: a clean 503 (page or JSON) with Retry-After, and no partial write."""

import sqlite3
from contextlib import contextmanager

import pytest
from conftest import test_config
from sqlalchemy import create_engine, event, func, select, text

from livinglab import create_app
from livinglab.extensions import db
from livinglab.models import Milestone, MilestoneUpdate
from livinglab.services import accounts

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def test_an_unreachable_database_answers_503_on_pages_and_the_api():
    client = create_app(test_config(UNREACHABLE)).test_client()
    page = client.get("/public")
    assert page.status_code == 503 and page.headers["Retry-After"] == "5"
    html = page.get_data(as_text=True)
    assert "Layanan sedang tidak tersedia" in html and "Traceback" not in html and "psycopg" not in html
    api = client.get("/api/v1/me", headers={"Authorization": "Bearer some-token"})
    assert api.status_code == 503 and api.get_json()["error"]["code"] == "unavailable"


@contextmanager
def _outage_during_history_insert(app, database):
    """Cut the request's own database connection just before it writes the history row, after it
    has already updated the milestone: PostgreSQL terminates that backend; SQLite, where a second
    writer is the realistic outage, is locked by another connection from the start."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        admin = create_engine(database, isolation_level="AUTOCOMMIT")

        def cut(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().upper().startswith("INSERT INTO MILESTONE_UPDATES"):
                pid = conn.connection.dbapi_connection.info.backend_pid
                with admin.connect() as other:
                    other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

        event.listen(engine, "before_cursor_execute", cut)
        try:
            yield
        finally:
            event.remove(engine, "before_cursor_execute", cut)
            admin.dispose()
    else:
        locker = sqlite3.connect(engine.url.database, timeout=0.1)
        locker.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            locker.rollback()
            locker.close()


@pytest.fixture
def short_wait_app(app, make_app):
    return make_app(SQLITE_BUSY_SECONDS=0)


def test_connection_lost_mid_write_answers_503_and_saves_nothing(short_wait_app, database, make_user, make_commitment):
    milestone = make_commitment().milestones[0]
    _, raw = accounts.create_token(make_user("region_officer").email, "outage")
    client = short_wait_app.test_client()
    headers = {"Authorization": f"Bearer {raw}"}
    body = {"status": "in_progress", "level": 2, "version": 1, "note": "Draf Perbup disusun"}
    with short_wait_app.app_context(), _outage_during_history_insert(short_wait_app, database):
        response = client.patch(f"/api/v1/milestones/{milestone.id}", json=body, headers=headers)
    assert response.status_code == 503 and response.get_json()["error"]["code"] == "unavailable"
    assert response.headers["Retry-After"] == "5"
    db.session.expire_all()
    stored = db.session.get(Milestone, milestone.id)
    assert (stored.status, stored.level, stored.version) == ("not_started", None, 1), "a partial write survived"
    assert db.session.scalar(select(func.count()).select_from(MilestoneUpdate)) == 0

    retry = client.patch(f"/api/v1/milestones/{milestone.id}", json=body, headers=headers)
    assert retry.status_code == 200 and retry.get_json()["version"] == 2, "the next request works again"
