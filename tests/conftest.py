"""Test harness: one migrated database per backend and session, emptied after every test.

SQLite always; PostgreSQL too when TEST_DATABASE_URL points at a server (`make test` starts a
throwaway cluster). Each session gets its own PostgreSQL database, so parallel runs never meet.
"""

import contextlib
import contextvars
import os
import re
import threading
import uuid

import flask_migrate
import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from livinglab import create_app
from livinglab.extensions import db
from livinglab.services import accounts, seeding
from livinglab.web.limits import limiter

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
REFERENCE_TABLES = {
    "regions",
    "agencies",
    "frameworks",
    "catalogue_domains",
    "catalogue_aspects",
    "practices",
    "practice_supports",
    "level_definitions",
    "predicate_bands",
    "innovations",
    "outcome_measures",
}
REFERENCE_BASELINE = {}  # database url → {reference table: highest seeded id}
DEFAULT_REGION = {"region_officer": "32.04"}
PASSWORD = "correct-horse-battery"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def test_config(database_url, tmp_path=None, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "BASE_URL": "http://localhost",
        "RATELIMIT_ENABLED": False,
        "MAIL_URL": f"file:{tmp_path / 'outbox'}" if tmp_path else "",
        "UPLOAD_FOLDER": str(tmp_path / "uploads") if tmp_path else None,
    }
    config.update(overrides)
    return config


test_config.__test__ = False


def _create_postgres_database(base_url):
    name = f"ll_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, base_url.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(base_url, name):
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database(request, tmp_path_factory):
    """A database URL with every migration applied and the reference data seeded."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    else:
        base = make_url(os.environ["TEST_DATABASE_URL"])
        name, url = _create_postgres_database(base)
    app = create_app(test_config(url))
    with app.app_context():
        flask_migrate.upgrade()
        seeding.seed_regions()
        seeding.seed_agencies()
        seeding.seed_catalogue()
        REFERENCE_BASELINE[url] = {
            table.name: db.session.execute(select(func.max(table.c.id))).scalar() or 0
            for table in db.metadata.sorted_tables
            if table.name in REFERENCE_TABLES
        }
        db.session.remove()
        db.engine.dispose()
    yield url
    if request.param == "postgresql":
        _drop_postgres_database(base, name)


@pytest.fixture
def backend(database):
    return make_url(database).get_backend_name()


@pytest.fixture
def fresh_app(backend, tmp_path):
    """An app on an empty database of the test's backend (not the shared, migrated one), for tests
    that run migrations themselves; dropped afterwards."""
    if backend == "sqlite":
        url, cleanup = f"sqlite:///{tmp_path / 'migration.db'}", None
    else:
        base = make_url(os.environ["TEST_DATABASE_URL"])
        name, url = _create_postgres_database(base)
        cleanup = (base, name)
    app = create_app(test_config(url, tmp_path))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    if cleanup:
        _drop_postgres_database(*cleanup)


class IsolatedClient(FlaskClient):
    """Each request runs in a fresh context, as in a real server: its own app context, `g` and
    database session, never the test's own (which would hide stale state and leak `g`)."""

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def make_app(database, tmp_path):
    """Build an app on the test database with extra config; emptied and disposed afterwards.

    Reference tables (regions, agencies, catalogue) keep their seeded rows; rows a test added
    there are deleted. Tests must not edit seeded reference rows: create their own instead.
    """
    apps = []

    def build(**overrides):
        app = create_app(test_config(database, tmp_path, **overrides))
        app.test_client_class = IsolatedClient
        apps.append(app)
        return app

    yield build
    for app in apps:
        empty_database(app, database)


def delete_added_rows(database):
    """Delete every row added since seeding (reference tables keep their seeded rows), in the
    current app context: the database as a fresh one has it."""
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                connection.execute(table.delete())
            else:
                connection.execute(table.delete().where(table.c.id > REFERENCE_BASELINE[database][table.name]))


def empty_database(app, database):
    """Delete every row a test added and close the pool."""
    with app.app_context():
        delete_added_rows(database)
        db.engine.dispose()


SHARED_APPS = {}  # (database url, name) → (an app built once for the tests that bring no settings, its config)


def shared_app(database, tmp_path, name="app"):
    """An app on the test database with the test configuration. Building one costs more than most
    tests, so it is built once per database, name and session: each test gets it with the
    configuration it was built with, its own outbox and upload folder, and the rate limiter set back
    to it. A test that changes the app itself (routes, hooks) or needs other settings builds its own
    with `make_app`."""
    if (database, name) not in SHARED_APPS:
        built = create_app(test_config(database, tmp_path))
        built.test_client_class = IsolatedClient
        SHARED_APPS[database, name] = (built, dict(built.config))
    app, config = SHARED_APPS[database, name]
    app.config.clear()
    app.config.update(config)
    app.config.update(test_config(database, tmp_path))
    limiter.init_app(app)  # one limiter serves every app: counting or not follows the app built last
    return app


@pytest.fixture
def app(database, tmp_path):
    """The shared app, in an app context; the database is emptied afterwards."""
    app = shared_app(database, tmp_path)
    try:
        with app.app_context():
            yield app
    finally:
        empty_database(app, database)


@pytest.fixture
def second_app(database, tmp_path):
    """A second shared app on the same database, for requests that must each get their own app
    context (a request to `app` would share the test's, and with it `g`); emptied afterwards."""
    second = shared_app(database, tmp_path, "second")
    yield second
    empty_database(second, database)


@pytest.fixture
def outbox(tmp_path):
    """The directory the file-outbox channel writes .eml files into."""
    return tmp_path / "outbox"


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create an account through the service, as the CLI would; returns the User."""
    counter = iter(range(1, 10_000))

    def build(role="host_admin", **fields):
        n = next(counter)
        fields.setdefault("email", f"{role.replace('_', '-')}-{n}@example.go.id")
        fields.setdefault("name", f"{role} {n}")
        fields.setdefault("password", PASSWORD)
        if role == "region_officer":
            fields.setdefault("region", DEFAULT_REGION["region_officer"])
        if role == "ministry_viewer":
            fields.setdefault("agency", "kemendagri")
        return accounts.create_user(None, role=role, **fields)

    return build


@pytest.fixture
def make_commitment(app):
    """An active commitment with one not-started milestone per practice code (default 32.04)."""
    from datetime import date

    from livinglab.models import Commitment, Milestone, Practice, Region

    def build(region="32.04", practices=("SPBE-01", "SPBE-21", "SPBE-33"), due=date(2023, 6, 30), **fields):
        commitment = Commitment(
            region=db.session.scalar(select(Region).where(Region.code == region)),
            signatory_name=fields.pop("signatory_name", "Kepala Daerah"),
            signatory_title=fields.pop("signatory_title", "Bupati"),
            signed_on=fields.pop("signed_on", date(2022, 11, 21)),
            target_date=fields.pop("target_date", date(2025, 12, 31)),
            status=fields.pop("status", "active"),
            **fields,
        )
        for code in practices:
            practice = db.session.scalar(select(Practice).where(Practice.code == code))
            commitment.milestones.append(Milestone(practice=practice, due_date=due))
        db.session.add(commitment)
        db.session.commit()
        return commitment

    return build


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class WebClient:
    """A test client that signs in through the login form and sends CSRF tokens like a browser."""

    def __init__(self, app):
        self.http = app.test_client()
        self.user = None

    def csrf(self, page="/login"):
        html = self.http.get(page).get_data(as_text=True)
        match = CSRF_META.search(html)
        assert match, f"no csrf-token meta tag on {page}"
        return match.group(1)

    def login(self, email, password=PASSWORD):
        token = self.csrf("/login")
        return self.http.post("/login", data={"email": email, "password": password, "csrf_token": token})

    def get(self, *args, **kwargs):
        return self.http.get(*args, **kwargs)

    def post(self, url, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf("/home" if self.user else "/login"))
        return self.http.post(url, data=data, **kwargs)


@pytest.fixture
def web(app):
    """An anonymous browser-like client."""
    return WebClient(app)


@pytest.fixture
def login_as(app, make_user):
    """`login_as("region_officer")` → a WebClient signed in as a new user of that role."""

    def sign_in(role, **fields):
        user = make_user(role, **fields)
        client = WebClient(app)
        response = client.login(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        client.user = user
        return client

    return sign_in


class ApiClient:
    def __init__(self, app, token=None):
        self.http = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.user = None

    def _call(self, method, url, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.http.open(url, method=method, headers=headers, **kwargs)

    def get(self, url, **kwargs):
        return self._call("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self._call("POST", url, **kwargs)

    def patch(self, url, **kwargs):
        return self._call("PATCH", url, **kwargs)

    def put(self, url, **kwargs):
        return self._call("PUT", url, **kwargs)

    def delete(self, url, **kwargs):
        return self._call("DELETE", url, **kwargs)


@pytest.fixture
def api_as(app, make_user):
    """`api_as("host_staff")` → an ApiClient with a bearer token of a new user of that role."""

    def build(role, **fields):
        user = make_user(role, **fields)
        _, raw = accounts.create_token(user.email, "test")
        client = ApiClient(app, raw)
        client.user = user
        return client

    return build


@pytest.fixture
def anonymous_api(app):
    return ApiClient(app)


@pytest.fixture
def live_server(app):
    """The app served by a real HTTP server on a free local port; yields its base URL."""
    with serving(app) as base:
        yield base


@contextlib.contextmanager
def serving(app):
    """Serve `app` on a free local port in a thread for the block; gives its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, never a downloaded browser; no network beyond loopback."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


class SmtpRecorder:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy as email_policy

        message = email.message_from_bytes(envelope.content, policy=email_policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_factory():
    """`start(port=None)` → a real SMTP server on 127.0.0.1 (aiosmtpd) with `.url` and `.messages`."""
    from aiosmtpd.controller import Controller

    controllers = []

    def start(port=None):
        recorder = SmtpRecorder()
        controller = Controller(recorder, hostname="127.0.0.1", port=port or _free_port())
        controller.start()
        controllers.append(controller)
        recorder.url = f"smtp://127.0.0.1:{controller.port}"
        return recorder

    start.free_port = _free_port
    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def smtp_server(smtp_factory):
    """A real SMTP server on 127.0.0.1 (aiosmtpd); `.url` for MAIL_URL, `.messages` received."""
    return smtp_factory()


@pytest.fixture
def webhook_receiver():
    """A real HTTP server on 127.0.0.1 that records JSON POSTs; `.status` sets its answer."""
    import json
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Receiver:
        status = 200
        requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            Receiver.requests.append((dict(self.headers), body, json.loads(body or b"{}")))
            self.send_response(Receiver.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    Receiver.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Receiver.url = f"http://127.0.0.1:{server.server_port}/hook"
    yield Receiver
    server.shutdown()
    thread.join(timeout=5)
