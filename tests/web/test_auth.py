"""Signing in and out: generic errors, throttling, CSRF, safe redirects, cookie flags, KDF."""

import re
import statistics
import time

import pytest
from conftest import PASSWORD, WebClient

from livinglab.extensions import db
from livinglab.services import accounts


def _login(client, email, password=PASSWORD, next_=""):
    return client.http.post(
        "/login", data={"email": email, "password": password, "next": next_, "csrf_token": client.csrf("/login")}
    )


def test_sign_in_lands_on_the_role_home(web, make_user):
    user = make_user("ministry_viewer", locale="en")
    response = _login(web, user.email)
    assert response.status_code == 302 and response.headers["Location"] == "/home"
    assert "National view" in web.get("/home").get_data(as_text=True)


def test_wrong_password_and_unknown_email_look_the_same(web, make_user):
    user = make_user("host_staff")
    wrong = _login(web, user.email, "not-the-password")
    unknown = _login(web, "nobody@example.go.id", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    message = "Email atau kata sandi tidak benar."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_an_invited_account_without_a_password_costs_the_same_check_as_an_unknown_email(make_app, make_user):
    """An account waiting for its invitation stores no password hash: signing in as it must still
    run a full hash check, or its answer time would tell an invited address from an unknown one."""
    app = make_app(LOGIN_MAX_FAILURES=1000, PASSWORD_HASH_METHOD="scrypt:16384:8:1")  # a check worth timing
    with app.app_context():
        invited = make_user("region_officer")
        invited.active = False
        invited.password_hash = accounts.unusable_password_hash()
        db.session.commit()
        address = invited.email
    web = WebClient(app)
    timings = {"invited": [], "unknown": []}
    for attempt in range(12):
        pair = [("invited", address), ("unknown", f"ghost{attempt}@example.go.id")]
        for kind, typed in pair if attempt % 2 else reversed(pair):  # alternate, so drift cancels out
            token = web.csrf("/login")
            started = time.perf_counter()
            response = web.http.post("/login", data={"email": typed, "password": "tebakan-saja", "csrf_token": token})
            elapsed = time.perf_counter() - started
            assert response.status_code == 401
            if attempt >= 2:
                timings[kind].append(elapsed)
    invited_time, unknown_time = statistics.median(timings["invited"]), statistics.median(timings["unknown"])
    assert abs(invited_time - unknown_time) <= max(0.003, 0.2 * max(invited_time, unknown_time)), timings


@pytest.mark.parametrize("exists", [True, False])
def test_throttled_after_five_failures_even_with_the_right_password(web, make_user, exists):
    email = make_user("host_staff").email if exists else "ghost@example.go.id"
    for _ in range(5):
        assert _login(web, email, "wrong-password").status_code == 401
    response = _login(web, email, PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.get_data(as_text=True)


def test_deactivated_users_cannot_sign_in(web, make_user):
    admin = make_user("host_admin")
    user = make_user("region_officer")
    accounts.set_active(admin, user.id, False)
    assert _login(web, user.email).status_code == 401


def test_missing_csrf_token_is_400(web, make_user):
    user = make_user("host_staff")
    response = web.http.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "token keamanan" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/admin/users", "/admin/users"),
        ("//evil.example/x", "/home"),
        ("http://evil.example/x", "/home"),
        ("/\\evil.example", "/home"),
        ("javascript:alert(1)", "/home"),
    ],
)
def test_next_redirects_only_to_local_paths(web, make_user, target, expected):
    user = make_user("host_admin")
    assert _login(web, user.email, next_=target).headers["Location"] == expected


def test_logout_is_post_only_and_ends_the_session(app, make_user):
    user = make_user("host_staff")
    client = WebClient(app)
    client.login(user.email)
    assert client.get("/logout").status_code == 405
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/home").get_data(as_text=True)).group(1)
    assert client.http.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/home").status_code == 302


def test_session_cookie_flags(make_app, make_user):
    for secure in (False, True):
        app = make_app(SESSION_COOKIE_SECURE=secure)
        with app.app_context():
            user = make_user("host_staff")
            client = WebClient(app)
            cookie = client.login(user.email).headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
            assert ("Secure" in cookie) is secure


def test_passwords_are_hashed_with_scrypt(make_user):
    user = make_user("host_staff")
    db.session.refresh(user)
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash
