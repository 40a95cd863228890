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


REMOTE = {"REMOTE_ADDR": "203.0.113.9"}


def test_readyz_details_go_to_the_host_itself_and_host_tokens_only(app, make_app, make_user):
    from livinglab.services import accounts

    operations.beat()
    client = app.test_client()
    assert set(client.get("/readyz").get_json()) >= {"database", "migrations", "scheduler"}, "loopback: details"
    _, staff = accounts.create_token(make_user("host_staff").email, "monitoring")
    _, officer = accounts.create_token(make_user("region_officer").email, "curious")
    for headers, detailed in (
        ({}, False),
        ({"X-Forwarded-For": "127.0.0.1"}, False),  # no proxy is trusted (PROXY_COUNT=0): a header proves nothing
        ({"Authorization": "Bearer not-a-token"}, False),
        ({"Authorization": f"Bearer {officer}"}, False),
        ({"Authorization": f"Bearer {staff}"}, True),
    ):
        response = client.get("/readyz", headers=headers, environ_base=REMOTE)
        assert response.status_code == 200
        body = response.get_json()
        assert (body if not detailed else {"status": body["status"]}) == {"status": "ok"}, headers
        assert ("migrations" in body) == detailed and ("scheduler" in body) == detailed, headers
    behind_proxy = make_app(PROXY_COUNT=1).test_client()
    relayed = behind_proxy.get("/readyz", headers={"X-Forwarded-For": "203.0.113.9"})  # from the proxy on loopback
    assert relayed.get_json() == {"status": "ok"}, "the proxy's own address is not the client's"
    assert client.get("/healthz", environ_base=REMOTE).get_json() == {"status": "ok"}


def test_readyz_says_unavailable_and_nothing_more_to_others_when_the_database_is_down():
    client = create_app(test_config(UNREACHABLE)).test_client()
    response = client.get("/readyz", headers={"Authorization": "Bearer some-token"}, environ_base=REMOTE)
    assert response.status_code == 503 and response.get_json() == {"status": "unavailable"}
