"""Password reset by emailed link: same answer and time for every email, the mail goes through the
outbox (within seconds, by a real SMTP server), the link works once for one hour and is never logged."""

import email
import http.cookiejar
import io
import json
import logging
import re
import statistics
import threading
import time
import urllib.parse
import urllib.request

import pytest
import time_machine
from conftest import CSRF_META, WebClient
from sqlalchemy import select
from werkzeug.serving import make_server

from livinglab import jobs
from livinglab.extensions import db
from livinglab.models import Notification

FORGOT = "/forgot-password"


def _forgot(web, address):
    return web.post(FORGOT, data={"email": address})


def _eml(outbox):
    files = sorted(outbox.glob("*.eml"))
    return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in files]


def _link(message):
    return re.search(r"http://localhost(/reset-password/\S+)", message.get_content()).group(1)


def test_known_and_unknown_emails_get_the_same_answer_in_the_same_time(make_app, make_user, smtp_server):
    """Timed as a client sees it, with mail going to a real SMTP server as in production."""
    app = make_app(MAIL_URL=smtp_server.url)
    with app.app_context():
        address = make_user("host_staff").email
    web = WebClient(app)
    token = web.csrf(FORGOT)
    timings = {"known": [], "unknown": []}
    sent = 0
    for attempt in range(42):
        pair = [("known", address), ("unknown", f"ghost{attempt}@example.go.id")]
        for kind, typed in pair if attempt % 2 else reversed(pair):  # alternate, so drift cancels out
            started = time.perf_counter()
            response = web.http.post(FORGOT, data={"email": typed, "csrf_token": token})
            elapsed = time.perf_counter() - started
            response.close()  # as a server does once the client has the answer: the mail goes out now
            # The SMTP server runs in this process: let it finish the mail before the next timing.
            sent += kind == "known"
            deadline = time.monotonic() + 10
            while len(smtp_server.messages) < sent and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.02)
            assert response.status_code == 302 and response.headers["Location"] == "/login"
            if attempt >= 2:  # the first rounds warm up templates and connections
                timings[kind].append(elapsed)
    known, unknown = statistics.median(timings["known"]), statistics.median(timings["unknown"])
    assert abs(known - unknown) <= max(0.003, 0.2 * max(known, unknown)), (known, unknown)


def test_the_reset_mail_is_an_outbox_row_without_the_link(app, make_user, web, login_as, outbox):
    user = make_user("region_officer", locale="en")
    _forgot(web, user.email).close()  # the server closes the response once it is sent
    (message,) = _eml(outbox)
    assert message["To"] == user.email and "Message-ID" in message
    token = _link(message).rsplit("/", 1)[1]
    row = db.session.scalar(select(Notification))
    assert (row.kind, row.recipient, row.status) == ("password_reset", user.email, "sent")
    stored = json.dumps({column.name: str(getattr(row, column.key)) for column in Notification.__table__.columns})
    assert token not in stored
    admin = login_as("host_admin")
    assert token not in admin.get("/outbox").get_data(as_text=True)
    page = admin.get("/outbox").get_data(as_text=True)
    assert user.email in page and "Atur ulang kata sandi" in page


def test_an_unknown_email_gets_no_mail_and_its_row_is_dropped(app, web, outbox):
    _forgot(web, "nobody@example.go.id").close()
    assert _eml(outbox) == []
    row = db.session.scalar(select(Notification))
    assert row.status == "dropped" and row.sent_at is None


def test_the_link_works_once(app, make_user, web, outbox):
    user = make_user("host_staff")
    _forgot(web, user.email).close()
    link = _link(_eml(outbox)[0])
    assert web.get(link).status_code == 200
    new = "a-brand-new-password"
    assert web.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert web.get(link).status_code == 400
    assert web.login(user.email, "a-brand-new-password").status_code == 302


def test_the_link_is_valid_for_one_hour(app, make_user, web, outbox):
    assert app.config["PASSWORD_RESET_MAX_AGE"] == 3600
    user = make_user("host_staff", locale="en")
    _forgot(web, user.email).close()
    link = _link(_eml(outbox)[0])
    assert web.get(link).status_code == 200
    with time_machine.travel(time.time() + 59 * 60, tick=True):
        assert web.get(link).status_code == 200
    with time_machine.travel(time.time() + 61 * 60, tick=True):
        assert web.get(link).status_code == 400


def test_the_scheduler_flushes_account_mail_within_seconds(app, make_user, web, outbox):
    user = make_user("host_staff")
    response = _forgot(web, user.email)  # never closed: the after-response delivery did not happen
    assert _eml(outbox) == []
    _name, trigger, job = next(entry for entry in jobs.JOBS if entry[0] == "account-mail")
    assert trigger.interval.total_seconds() <= 10
    job(app)
    assert [message["To"] for message in _eml(outbox)] == [user.email]
    response.close()  # the late after-response delivery finds the row already sent
    assert len(_eml(outbox)) == 1


# --- through a real server and a real SMTP server -------------------------------------------------


@pytest.fixture
def serve():
    servers = []

    def start(app):
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


class Browser:
    """urllib with a cookie jar, no redirects followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirect
        )

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def csrf(self, path):
        return CSRF_META.search(self.open(path)[1]).group(1)


def test_the_reset_mail_reaches_a_real_smtp_server_within_seconds(make_app, make_user, smtp_server, serve):
    app = make_app(MAIL_URL=smtp_server.url)
    with app.app_context():
        address = make_user("region_officer", locale="en").email
    browser = Browser(serve(app))
    status, _body = browser.open(FORGOT, {"email": address, "csrf_token": browser.csrf(FORGOT)})
    assert status == 302
    deadline = time.monotonic() + 15
    while not smtp_server.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert smtp_server.messages, "no reset mail within 15 s"
    recipients, message = smtp_server.messages[0]
    assert recipients == [address]
    path = re.search(r"http://localhost(/reset-password/\S+)", message.get_content()).group(1)
    assert browser.open(path)[0] == 200


# --- logs -------------------------------------------------------------------------------------------


@pytest.fixture
def log_text():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s %(path)s"))
    handler.addFilter(lambda record: setattr(record, "path", getattr(record, "path", "")) or True)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream.getvalue
    root.removeHandler(handler)
    root.setLevel(level)


def test_reset_tokens_never_reach_the_logs(make_app, make_user, serve, outbox, log_text):
    app = make_app()
    with app.app_context():
        address = make_user("host_staff", locale="en").email
    browser = Browser(serve(app))
    browser.open(FORGOT, {"email": address, "csrf_token": browser.csrf(FORGOT)})
    deadline = time.monotonic() + 15
    while not list(outbox.glob("*.eml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    link = _link(_eml(outbox)[0])
    token = link.rsplit("/", 1)[1]
    assert browser.open(link)[0] == 200
    assert browser.open(link, {"password": "short", "confirm": "short", "csrf_token": browser.csrf(link)})[0] == 200
    logged = log_text()
    assert "livinglab.access" in logged and "/reset-password/<token>" in logged
    assert token not in logged
