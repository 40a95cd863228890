"""Signing in and out: generic errors, throttling, CSRF, safe redirects, cookie flags, KDF."""

import re

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
