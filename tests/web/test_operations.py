"""`/healthz` and `/readyz`: JSON for load balancers and monitoring, no sign-in needed."""

from datetime import timedelta

from conftest import test_config
from sqlalchemy import text

from livinglab import create_app
from livinglab.extensions import db
from livinglab.models import SchedulerHeartbeat
from livinglab.models.base import utcnow
from livinglab.services import operations

UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def test_healthz_answers_without_the_database():
    response = create_app(test_config(UNREACHABLE)).test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_reports_database_migrations_and_scheduler(app, web):
    response = web.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["database"] == body["migrations"] == "ok"
    assert body["scheduler"] == {"status": "missing", "age_seconds": None} and body["status"] == "degraded"

    operations.beat()
    body = web.get("/readyz").get_json()
    assert body["scheduler"]["status"] == "ok" and body["scheduler"]["age_seconds"] < 60
    assert body["status"] == "ok"

    heartbeat = db.session.get(SchedulerHeartbeat, "reminders")
    heartbeat.beat_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    response = web.get("/readyz")
    assert response.status_code == 200, "a stale scheduler does not take the web instance out"
    assert response.get_json()["scheduler"]["status"] == "stale"
    assert response.get_json()["scheduler"]["age_seconds"] >= 600


def test_readyz_is_503_when_the_schema_is_behind(app, web):
    (version,) = db.session.execute(text("SELECT version_num FROM alembic_version")).one()
    db.session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    db.session.commit()
    try:
        response = web.get("/readyz")
        assert response.status_code == 503
        assert "0001" in response.get_json()["migrations"] and response.get_json()["status"] == "unavailable"
    finally:
        db.session.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": version})
        db.session.commit()


def test_readyz_is_503_when_the_database_is_unreachable():
    response = create_app(test_config(UNREACHABLE)).test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable" and body["database"].startswith("unavailable")


def test_readyz_says_the_schema_is_behind_when_new_code_meets_an_old_database(tmp_path):
    import flask_migrate

    app = create_app(test_config(f"sqlite:///{tmp_path / 'old.db'}"))
    with app.app_context():
        flask_migrate.upgrade(revision="0005")  # before the heartbeat table existed
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["database"] == "ok" and "0005" in body["migrations"] and body["status"] == "unavailable"
