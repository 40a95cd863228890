"""The API's error surface: JSON `{"error": {"code", "message"}}` with the right status."""

import json

import pytest

from livinglab.errors import Conflict


def _error(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.json
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_missing_token_is_401(anonymous_api):
    _error(anonymous_api.get("/api/v1/me"), 401, "unauthorized")


@pytest.mark.parametrize("header", ["Bearer nope", "Basic dXNlcjpwYXNz", "Bearer ", "ll_only_the_token"])
def test_bad_token_is_401(anonymous_api, header):
    _error(anonymous_api.get("/api/v1/me", headers={"Authorization": header}), 401, "unauthorized")


def test_session_cookie_does_not_authenticate_the_api(login_as):
    web = login_as("host_admin")
    response = web.get("/api/v1/me")
    _error(response, 401, "unauthorized")


def test_a_page_session_cookie_does_not_get_in_the_way_of_a_token(login_as, make_user):
    from livinglab.services import accounts

    web = login_as("host_admin")
    _, raw = accounts.create_token(make_user("ministry_viewer").email, "beside a browser session")
    response = web.http.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200 and response.get_json()["role"] == "ministry_viewer"
    assert "Set-Cookie" not in response.headers, "the API never sets a session cookie"


def test_token_of_deactivated_user_is_401(app, api_as):
    api = api_as("host_staff")
    assert api.get("/api/v1/me").status_code == 200
    api.user.active = False
    from livinglab.extensions import db

    db.session.commit()
    _error(api.get("/api/v1/me"), 401, "unauthorized")


def test_me_answers_the_documented_fields(api_as):
    api = api_as("region_officer", region="51.71")
    body = api.get("/api/v1/me").json
    assert body["role"] == "region_officer"
    assert body["region"] == "51.71"
    assert body["agency"] is None
    assert body["email"] == api.user.email
    viewer = api_as("ministry_viewer", agency="kemenpanrb").get("/api/v1/me").json
    assert viewer["agency"] == "KemenPAN-RB" and viewer["region"] is None


def test_unknown_path_is_404(api_as):
    _error(api_as("host_admin").get("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_405_with_allow(api_as):
    response = api_as("host_admin").delete("/api/v1/me")
    error = _error(response, 405, "method_not_allowed")
    assert error["message"]
    assert "GET" in response.headers["Allow"]


def test_malformed_json_is_400(api_as):
    response = api_as("host_admin").patch("/api/v1/me", data="{not json", content_type="application/json")
    _error(response, 400, "bad_request")


def test_wrong_content_type_is_415(api_as):
    response = api_as("host_admin").patch("/api/v1/me", data="locale=en", content_type="text/plain")
    _error(response, 415, "unsupported_media_type")


def test_oversize_body_is_413(make_app, make_user):
    app = make_app(UPLOAD_MAX_MB=1)
    with app.app_context():
        from livinglab.services import accounts

        user = make_user("host_admin")
        _, raw = accounts.create_token(user.email)
    client = app.test_client()
    body = json.dumps({"locale": "en", "pad": "x" * (1024 * 1024 + 10)})
    response = client.patch(
        "/api/v1/me", data=body, content_type="application/json", headers={"Authorization": f"Bearer {raw}"}
    )
    _error(response, 413, "payload_too_large")


def test_invalid_values_are_422_with_fields(api_as):
    api = api_as("host_admin")
    error = _error(api.patch("/api/v1/me", json={"locale": "fr"}), 422, "invalid")
    assert "locale" in error["fields"]
    error = _error(api.patch("/api/v1/me", json={"locale": "en", "role": "host_admin"}), 422, "invalid")
    assert "role" in error["fields"]


def test_patch_me_changes_locale(api_as):
    api = api_as("ministry_viewer")
    response = api.patch("/api/v1/me", json={"locale": "en"})
    assert response.status_code == 200
    assert response.json["locale"] == "en"
    assert api.get("/api/v1/me").json["locale"] == "en"


def test_domain_conflict_and_unhandled_errors_are_json(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def conflict():
        raise Conflict("Someone else changed this milestone.")

    def boom():
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/v1/_conflict", "probe_conflict", conflict)
    app.add_url_rule("/api/v1/_boom", "probe_boom", boom)
    client = app.test_client()
    error = _error(client.get("/api/v1/_conflict"), 409, "conflict")
    assert error["message"] == "Someone else changed this milestone."
    response = client.get("/api/v1/_boom")
    error = _error(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)


def test_html_pages_keep_html_errors(web):
    response = web.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/api/v1/commitments?region=%00", None),
        ("PATCH", "/api/v1/me", '{"locale": "id\\u0000"}'),
    ],
)
def test_nul_characters_are_refused_alike_on_every_database(api_as, method, url, body):
    response = api_as("host_admin").http.open(
        url,
        method=method,
        data=body,
        content_type="application/json" if body else None,
        headers=api_as("host_admin").headers,
    )
    _error(response, 400, "bad_request")
    assert "NUL" in response.get_json()["error"]["message"]


def test_nul_in_a_form_field_is_refused(login_as):
    web = login_as("host_admin")
    response = web.post("/visits/new", data={"head_of_delegation": "Sekda\x00"})
    assert response.status_code == 400


def test_huge_ids_are_not_found_instead_of_overflowing(api_as, login_as):
    assert api_as("host_admin").get("/api/v1/milestones/9223372036854775808").status_code == 404
    assert login_as("host_admin").get("/milestones/2147483648").status_code == 404
