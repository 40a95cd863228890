"""Sign-in, password reset and the API are rate limited: 429 with Retry-After, per address and token."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import PASSWORD, ApiClient, WebClient

from livinglab.config import PROJECT_ROOT
from livinglab.services import accounts
from livinglab.web.limits import limiter

BIN = Path(sys.executable).parent


@pytest.fixture
def limited_app(app, make_app):
    """Built after `app`: the limiter is one per process, and the last app initialised sets it up."""
    app = make_app(
        RATELIMIT_ENABLED=True,
        LOGIN_RATE_LIMIT="3 per minute",
        PASSWORD_RESET_RATE_LIMIT="2 per minute",
        API_RATE_LIMIT_PER_TOKEN="4 per minute",
        API_RATE_LIMIT_PER_ADDRESS="6 per minute",
    )
    with app.app_context():
        limiter.reset()
        yield app


def _login(client, email, password):
    return client.http.post("/login", data={"email": email, "password": password, "csrf_token": client.csrf("/login")})


def test_sign_in_submissions_are_limited_per_address(limited_app, make_user):
    user = make_user("host_staff")
    client = WebClient(limited_app)
    for _ in range(3):
        assert _login(client, f"nobody-{_}@example.go.id", "wrong").status_code == 401
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Terlalu banyak permintaan" in response.get_data(as_text=True)
    assert client.get("/login").status_code == 200, "showing the form is not limited"


def test_repeated_failures_on_one_account_answer_429_with_retry_after(app, make_user, web):
    user = make_user("host_staff")
    for _ in range(5):
        assert _login(web, user.email, "wrong").status_code == 401
    response = _login(web, user.email, PASSWORD)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) == 15 * 60


def test_password_reset_requests_are_limited(limited_app, make_user):
    client = WebClient(limited_app)
    for _ in range(2):
        token = client.csrf("/forgot-password")
        response = client.http.post("/forgot-password", data={"email": "a@example.go.id", "csrf_token": token})
        assert response.status_code == 302
    token = client.csrf("/forgot-password")
    response = client.http.post("/forgot-password", data={"email": "a@example.go.id", "csrf_token": token})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0


def test_api_is_limited_per_token_then_per_address(limited_app, make_user):
    _, first = accounts.create_token(make_user("host_staff").email, "load")
    _, second = accounts.create_token(make_user("ministry_viewer").email, "load")
    one, two = ApiClient(limited_app, first), ApiClient(limited_app, second)
    for _ in range(4):
        assert one.get("/api/v1/me").status_code == 200
    refused = one.get("/api/v1/me")
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) > 0
    answers = [two.get("/api/v1/me").status_code for _ in range(4)]
    assert answers[0] == 200, "another token has its own quota"
    assert 429 in answers, "but the address's quota of 6 runs out before that token's 4"


def test_pages_are_not_limited_by_the_api_quota(limited_app, make_user):
    _, raw = accounts.create_token(make_user("host_staff").email, "load")
    api = ApiClient(limited_app, raw)
    for _ in range(7):
        api.get("/api/v1/me")
    assert WebClient(limited_app).get("/login").status_code == 200


def test_forgot_password_sends_a_link_only_to_an_active_account_and_answers_the_same(app, make_user, web, outbox):
    user = make_user("region_officer", locale="en")
    answers = []
    for email in (user.email.upper(), "ghost@example.go.id"):
        response = web.http.post("/forgot-password", data={"email": email, "csrf_token": web.csrf("/forgot-password")})
        answers.append((response.status_code, response.headers["Location"]))
        response.close()  # as a server does once the response is sent: the mail goes out then
    assert answers[0] == answers[1] == (302, "/login")
    files = list(outbox.glob("*.eml"))
    assert len(files) == 1
    text = files[0].read_text()
    assert user.email in text
    link = re.search(r"http://localhost(/reset-password/\S+)", text.replace("=\n", "")).group(1)
    assert web.get(link).status_code == 200


@pytest.fixture
def redis_server(tmp_path):
    """A throwaway redis-server on a free local port, nothing written to disk (`.url`, `.process`).

    Not skipped when the binary is missing: `make test` installs redis-server (Debian package)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run `make test` (it installs the redis-server package)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() is None, process)
        yield SimpleNamespace(url=f"redis://127.0.0.1:{port}/0", process=process)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(ready, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert process.poll() is None, f"{process.args[0]} exited with {process.returncode}"
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{process.args[0]} did not become ready")


def _serve(database, tmp_path, storage):
    """One more app process (a gunicorn with one worker) on a free port; its base URL."""
    port = _free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "shared-rate-limit-test-" + "k" * 32,
        "DATABASE_URL": database,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "MAIL_URL": f"file:{tmp_path / 'outbox'}",
        "RATELIMIT_STORAGE_URI": storage,
        "LOGIN_RATE_LIMIT": "3 per minute",
    }
    command = [str(BIN / "gunicorn"), "--no-control-socket", "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"]
    process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    _wait_until(lambda: urllib.request.urlopen(f"{url}/healthz", timeout=2).status == 200, process)
    return process, url


def _sign_in_attempt(opener, url, email):
    page = opener.open(f"{url}/login", timeout=10).read().decode()
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"email": email, "password": "wrong", "csrf_token": token}).encode()
    try:
        return opener.open(f"{url}/login", data=form, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def test_workers_sharing_a_redis_store_count_sign_in_attempts_together(database, tmp_path, redis_server):
    """Two app processes stand in for two gunicorn workers: with memory:// each would allow 3
    attempts a minute; with the shared store the fourth attempt overall is refused, whichever
    process answers it. If the store goes away, each process counts on its own meanwhile."""
    servers = [_serve(database, tmp_path, redis_server.url) for _ in range(2)]
    try:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        answers = [_sign_in_attempt(opener, url, f"nobody-{n}@example.go.id") for n, (_, url) in enumerate(servers * 2)]
        redis_server.process.terminate()
        redis_server.process.wait(timeout=10)
        without_store = _sign_in_attempt(opener, servers[0][1], "nobody-else@example.go.id")
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=30)
    assert answers == [401, 401, 401, 429], answers
    assert without_store == 401, "a lost store falls back to counting in memory, never a 500"
