"""A signed-in browser session ends when it should, and a copied cookie ends with it.

Each test signs in, copies the session cookie into a fresh client (an attacker who captured it),
does something that must end the session, and replays the copy: a sign-in redirect for pages,
401 for the API.
"""

import re

import pytest
from conftest import ApiClient, WebClient
from flask import current_app
from flask_login.utils import encode_cookie
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import ApiToken
from livinglab.services import accounts, password_reset

PAGES = ("/home", "/national/report.pdf")


def _copy(app, client):
    """A fresh client carrying a copy of `client`'s session cookie."""
    name = app.config["SESSION_COOKIE_NAME"]
    thief = app.test_client()
    thief.set_cookie(name, client.http.get_cookie(name).value)
    return thief


def _signed_out(client, page="/home"):
    response = client.get(page)
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.fixture
def signed_in(app):
    def sign_in(user):
        client = WebClient(app)
        assert client.login(user.email).status_code == 302
        client.user = user
        return client

    return sign_in


def _logout(client):
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/home").get_data(as_text=True)).group(1)
    return client.http.post("/logout", data={"csrf_token": token})


def test_a_cookie_copied_before_logout_opens_nothing_afterwards(app, make_user, signed_in):
    user = make_user("host_staff")
    browser = signed_in(user)
    copy = _copy(app, browser)
    for page in PAGES:
        assert copy.get(page).status_code == 200
    assert _logout(browser).status_code == 302
    for page in PAGES:
        assert _signed_out(copy, page), page
    assert _signed_out(browser)


def test_logout_ends_only_that_browser_session(app, make_user, signed_in):
    user = make_user("host_staff")
    laptop, phone = signed_in(user), signed_in(user)
    _logout(laptop)
    assert _signed_out(laptop)
    assert phone.get("/home").status_code == 200


def _reset_link(user):
    return "/reset-password/" + password_reset.password_reset_token(user)


def test_a_password_reset_ends_every_session_of_the_user(app, make_user, signed_in, web):
    user = make_user("region_officer")
    laptop, phone = signed_in(user), signed_in(user)
    copies = [_copy(app, laptop), _copy(app, phone)]
    link = _reset_link(user)
    changed = web.post(link, data={"password": "a-fresh-long-password", "confirm": "a-fresh-long-password"})
    assert changed.status_code == 302
    for client in (laptop, phone, *copies):
        assert _signed_out(client)
    assert WebClient(app).login(user.email, "a-fresh-long-password").status_code == 302


EDITS = {
    "deactivation": {"active": None},
    "role change": {"role": "ministry_viewer", "region": "", "agency": "kemendagri"},
    "region change": {"region": "51.71"},
}


@pytest.mark.parametrize("change", EDITS, ids=list(EDITS))
def test_an_admin_change_of_authority_ends_every_session(app, make_user, signed_in, login_as, change):
    admin = login_as("host_admin", locale="en")
    user = make_user("region_officer")
    browser = signed_in(user)
    copy = _copy(app, browser)
    form = {"name": user.name, "role": "region_officer", "region": "32.04", "agency": "", "locale": "id", "active": "y"}
    form = {key: value for key, value in {**form, **EDITS[change]}.items() if value is not None}
    assert admin.post(f"/admin/users/{user.id}/edit", data=form).status_code == 302
    assert _signed_out(browser) and _signed_out(copy)
    if change != "deactivation":
        assert WebClient(app).login(user.email).status_code == 302


def test_the_deactivate_button_ends_every_session(app, make_user, signed_in, login_as):
    admin = login_as("host_admin")
    user = make_user("ministry_viewer")
    copy = _copy(app, signed_in(user))
    assert admin.post(f"/admin/users/{user.id}/active").status_code == 302
    assert _signed_out(copy)
    assert admin.post(f"/admin/users/{user.id}/active").status_code == 302  # active again
    assert _signed_out(copy)


def test_harmless_edits_keep_the_user_signed_in(app, make_user, signed_in, login_as):
    admin = login_as("host_admin")
    user = make_user("region_officer")
    browser = signed_in(user)
    form = {"name": "Renamed", "role": "region_officer", "region": "32.04", "agency": "", "locale": "en", "active": "y"}
    assert admin.post(f"/admin/users/{user.id}/edit", data=form).status_code == 302
    assert browser.get("/home").status_code == 200


def test_a_remember_me_cookie_never_signs_anyone_in(app, make_user):
    user = make_user("host_admin")
    client = app.test_client()
    client.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"), encode_cookie(str(user.id)))
    response = client.get("/home")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


# --- API tokens -------------------------------------------------------------------------------


def _token(user, name="sync"):
    return ApiClient(current_app._get_current_object(), accounts.create_token(user.email, name)[1])


def test_api_tokens_of_a_deactivated_user_stop_working(make_user):
    admin = make_user("host_admin")
    user = make_user("host_staff")
    api = _token(user)
    assert api.get("/api/v1/me").status_code == 200
    accounts.set_active(admin, user.id, False)
    assert api.get("/api/v1/me").status_code == 401


def test_the_reset_form_offers_to_revoke_api_tokens_and_does_by_default(app, make_user, web):
    user = make_user("host_staff")
    api = _token(user)
    link = _reset_link(user)
    page = web.get(link).get_data(as_text=True)
    checkbox = re.search(r"<input[^>]*name=\"revoke_tokens\"[^>]*>", page).group(0)
    assert "checked" in checkbox
    data = {"password": "another-long-password", "confirm": "another-long-password", "revoke_tokens": "y"}
    assert web.post(link, data=data).status_code == 302
    assert api.get("/api/v1/me").status_code == 401
    assert all(token.revoked_at is not None for token in db.session.scalars(select(ApiToken)))


def test_unticking_the_box_keeps_the_api_tokens(app, make_user, web):
    user = make_user("host_staff")
    api = _token(user)
    link = _reset_link(user)
    new = "another-long-password"
    assert web.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert api.get("/api/v1/me").status_code == 200


def test_an_admin_reset_revokes_the_users_api_tokens_by_default(app, make_user, login_as):
    admin = login_as("host_admin")
    user = make_user("region_officer")
    kept_user = make_user("region_officer")
    api, kept = _token(user), _token(kept_user)
    page = admin.get("/admin/users").get_data(as_text=True)
    assert re.search(r"<input[^>]*name=\"revoke_tokens\"[^>]*checked", page)
    admin.post(f"/admin/users/{user.id}/reset-password", data={"revoke_tokens": "y"}).close()
    assert api.get("/api/v1/me").status_code == 401
    admin.post(f"/admin/users/{kept_user.id}/reset-password").close()
    assert kept.get("/api/v1/me").status_code == 200


# --- session protection and X-Forwarded-For ----------------------------------------------------


def _client_at(app, address, forwarded=None):
    client = WebClient(app)
    client.http.environ_base["REMOTE_ADDR"] = address
    if forwarded:
        client.http.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded
    return client


def _move(app, client, address, forwarded=None):
    """The same cookie, sent from another address (and X-Forwarded-For header)."""
    moved = _client_at(app, address, forwarded)
    name = app.config["SESSION_COOKIE_NAME"]
    moved.http.set_cookie(name, client.http.get_cookie(name).value)
    return moved


def test_a_spoofed_forwarded_for_header_does_not_carry_a_stolen_cookie(app, make_user):
    user = make_user("host_staff")
    victim = _client_at(app, "10.0.0.1", "203.0.113.9")
    assert victim.login(user.email).status_code == 302
    assert victim.get("/home").status_code == 200
    thief = _move(app, victim, "10.0.0.66", "203.0.113.9")
    assert _signed_out(thief)


def test_a_changing_forwarded_for_header_does_not_end_the_session(app, make_user):
    user = make_user("host_staff")
    browser = _client_at(app, "10.0.0.1")
    assert browser.login(user.email).status_code == 302
    same_machine = _move(app, browser, "10.0.0.1", "198.51.100.7")
    assert same_machine.get("/home").status_code == 200


def test_behind_a_proxy_only_the_address_the_proxy_saw_counts(make_app, make_user):
    app = make_app(PROXY_COUNT=1)
    with app.app_context():
        user = make_user("host_staff")
        browser = _client_at(app, "127.0.0.1", "spoofed-by-client, 192.0.2.10")
        assert browser.login(user.email).status_code == 302
        assert _move(app, browser, "127.0.0.1", "another-spoof, 192.0.2.10").get("/home").status_code == 200
        assert _signed_out(_move(app, browser, "127.0.0.1", "spoofed-by-client, 192.0.2.99"))
