"""Structured logs: JSON lines, one access line per request, every line of a request under its id."""

import io
import json
import logging

import pytest
from conftest import test_config

from livinglab import create_app
from livinglab.structured_log import JsonFormatter, RequestIdFilter


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_each_request_gets_an_id_in_the_header_and_the_access_line(web, log_lines):
    response = web.http.get("/login", headers={"X-Request-ID": "proxy-given-id-123"})
    assert response.headers["X-Request-ID"] == "proxy-given-id-123"
    fresh = web.http.get("/login", headers={"X-Request-ID": "bad id with spaces"})
    assert fresh.headers["X-Request-ID"] != "bad id with spaces" and len(fresh.headers["X-Request-ID"]) == 32
    access = [line for line in log_lines() if line["logger"] == "livinglab.access"]
    assert [line["request_id"] for line in access] == ["proxy-given-id-123", fresh.headers["X-Request-ID"]]
    first = access[0]
    assert first["method"] == "GET" and first["path"] == "/login" and first["status"] == 200
    assert first["level"] == "info" and first["duration_ms"] >= 0 and first["time"].endswith("Z")


def test_an_error_inside_a_request_is_logged_under_its_id(log_lines):
    app = create_app(test_config("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    response = app.test_client().get("/public", headers={"X-Request-ID": "outage-request-0001"})
    assert response.status_code == 503
    lines = [line for line in log_lines() if line.get("request_id") == "outage-request-0001"]
    assert {line["logger"] for line in lines} >= {"livinglab", "livinglab.access"}
    warning = next(line for line in lines if line["logger"] == "livinglab")
    assert warning["level"] == "warning" and "database unavailable" in warning["message"]


def test_requests_refused_by_an_early_check_still_carry_their_id(web, log_lines):
    response = web.http.post("/login", data={"email": "x@example.go.id"}, headers={"X-Request-ID": "no-csrf-token-42"})
    assert response.status_code == 400 and response.headers["X-Request-ID"] == "no-csrf-token-42"
    access = [line for line in log_lines() if line["logger"] == "livinglab.access"]
    assert access[-1]["request_id"] == "no-csrf-token-42" and access[-1]["status"] == 400


def test_a_route_with_a_secret_in_its_url_is_logged_by_its_rule(make_app, log_lines):
    """Reset tokens, signatures, keys: any URL variable named like a secret stays out of the log."""
    from livinglab import policy
    from livinglab.web.access import requires

    app = make_app()
    app.add_url_rule("/confirm/<signature>/<int:user_id>", "confirm", requires(policy.PUBLIC)(lambda **kw: "ok"))
    app.add_url_rule("/files/<path:api_key>", "files", requires(policy.PUBLIC)(lambda **kw: "ok"))
    client = app.test_client()
    assert client.get("/confirm/s3cr3t-value/7").status_code == 200
    assert client.get("/files/k3y/value").status_code == 200
    assert client.get("/reset-password/not-a-valid-token").status_code == 400
    access = [line for line in log_lines() if line["logger"] == "livinglab.access"]
    assert [line["path"] for line in access] == [
        "/confirm/<signature>/<int:user_id>",
        "/files/<path:api_key>",
        "/reset-password/<token>",
    ]
    text = json.dumps(log_lines())
    assert "s3cr3t-value" not in text and "k3y/value" not in text and "not-a-valid-token" not in text
