"""Sign-in, password reset and the API are rate limited: 429 with Retry-After, per address and token."""

import re

import pytest
from conftest import PASSWORD, ApiClient, WebClient

from livinglab.services import accounts
from livinglab.web.limits import limiter


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
