"""Webhooks are signed with their own WEBHOOK_SECRET over a timestamp and the body, checked by a
real HTTP receiver written as a gateway would write it; SECRET_KEY never signs them, and an app or
scheduler configured to do so does not start."""

import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import test_config
from sqlalchemy import select

from livinglab import create_app, jobs, policy
from livinglab.config import ConfigError
from livinglab.extensions import db
from livinglab.models import Notification
from livinglab.services import contacts

SCRIPT = Path(sys.executable).parent / "livinglab"
MONDAY_0800_WIB = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
SECRET_KEY = "s" * 40
WEBHOOK_SECRET = "gateway-shared-secret-0123456789abcdef"
MAX_AGE = 300


def _valid(secret, headers, body):
    """What a gateway does: recompute the HMAC over `timestamp + "." + body`, refuse old stamps."""
    timestamp = headers.get("x-livinglab-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_AGE:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers.get("x-livinglab-signature", ""), expected)


@pytest.fixture
def verifying_receiver():
    """A real HTTP server that answers 204 only to requests signed with WEBHOOK_SECRET (else 401)."""

    class Receiver:
        accepted, refused = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            valid = _valid(WEBHOOK_SECRET, headers, body)
            (Receiver.accepted if valid else Receiver.refused).append((headers, body))
            self.send_response(204 if valid else 401)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Receiver.url = f"http://127.0.0.1:{server.server_port}/hook"
    yield Receiver
    server.shutdown()
    thread.join(timeout=5)


def test_the_gateway_verifies_with_webhook_secret_and_secret_key_does_not(
    make_app, verifying_receiver, make_commitment
):
    app = make_app(SECRET_KEY=SECRET_KEY, WEBHOOK_URL=verifying_receiver.url, WEBHOOK_SECRET=WEBHOOK_SECRET)
    with app.app_context():
        make_commitment(due=date(2026, 12, 10))
        contacts.create_contact(
            policy.SYSTEM, "32.04", name="WA", email="wa@example.go.id", phone="+6281234567890", channel="webhook"
        )
        assert jobs.run_once(app, MONDAY_0800_WIB)["sent"] == 1, db.session.scalar(select(Notification.last_error))
    assert verifying_receiver.refused == [] and len(verifying_receiver.accepted) == 1
    headers, body = verifying_receiver.accepted[0]
    assert json.loads(body)["region"] == "32.04"
    assert not _valid(SECRET_KEY, headers, body), "the session key must not sign webhooks"
    unstamped = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["x-livinglab-signature"] != unstamped, "the signature covers the timestamp"
    replayed = {**headers, "x-livinglab-timestamp": str(int(headers["x-livinglab-timestamp"]) - MAX_AGE - 1)}
    assert not _valid(WEBHOOK_SECRET, replayed, body), "an old timestamp cannot be reused with this signature"


@pytest.mark.parametrize(
    ("webhook_secret", "says"),
    [("", "WEBHOOK_SECRET is not"), (SECRET_KEY, "WEBHOOK_SECRET must differ from SECRET_KEY")],
    ids=["missing", "same-as-secret-key"],
)
def test_a_webhook_without_its_own_secret_is_refused_at_start(database, tmp_path, webhook_secret, says):
    hook = {"SECRET_KEY": SECRET_KEY, "WEBHOOK_URL": "https://gateway.example.go.id/hook"}
    for relaxed in ({"TESTING": True}, {"TESTING": False}):
        with pytest.raises(ConfigError, match=says):
            create_app(test_config(database, tmp_path, **hook, **relaxed, WEBHOOK_SECRET=webhook_secret))
    env = {**os.environ, **hook, "WEBHOOK_SECRET": webhook_secret, "DATABASE_URL": database}
    result = subprocess.run(
        [str(SCRIPT), "scheduler", "--no-wait"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
