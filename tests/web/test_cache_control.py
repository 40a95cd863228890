"""Nothing a signed-in user or a token holder is shown may be kept by a browser or proxy cache:
every GET route, walked from the URL map with a host admin's session (pages, PDFs, spreadsheets,
archived files) and token (the API), answers `Cache-Control: no-store`. Static files and the
anonymous public board keep their caching."""

from conftest import ApiClient
from test_access_matrix import SAMPLES
from tests_support import routes

from livinglab.services import accounts


def _get_urls(app, users, api):
    """Every GET route of one side (pages or API) with its arguments filled from SAMPLES."""
    from flask import url_for

    urls = []
    for rule, method in routes(app):
        if method != "GET" or rule.endpoint == "static" or rule.rule.startswith("/api/") != api:
            continue
        with app.test_request_context():
            urls.append(url_for(rule.endpoint, **{arg: SAMPLES[arg](users) for arg in rule.arguments}))
    return urls


def _users(make_user):
    users = {role: make_user(role) for role in ("host_admin", "host_staff", "region_officer", "ministry_viewer")}
    users["target"] = make_user("region_officer")
    return users


def test_every_page_and_download_for_a_signed_in_user_is_no_store(app, make_user, login_as, make_commitment):
    make_commitment(region="32.73")  # beside the samples, which record 32.04's
    client = login_as("host_admin")
    urls = _get_urls(app, _users(make_user), api=False)
    assert len(urls) > 40 and any(url.endswith(".pdf") or "file" in url for url in urls)
    stored = {}
    for url in urls:
        response = client.get(url)
        if "no-store" not in response.headers.get("Cache-Control", ""):
            stored[url] = (response.status_code, response.headers.get("Cache-Control"))
    assert not stored, f"answers a cache may keep: {stored}"


def test_every_api_answer_to_a_token_is_no_store(app, make_user, make_commitment):
    make_commitment(region="32.73")  # beside the samples, which record 32.04's
    users = _users(make_user)
    _, raw = accounts.create_token(users["host_admin"].email, "cache")
    client = ApiClient(app, raw)
    stored = {}
    for url in _get_urls(app, users, api=True):
        response = client.get(url)
        if "no-store" not in response.headers.get("Cache-Control", ""):
            stored[url] = (response.status_code, response.headers.get("Cache-Control"))
    assert not stored, f"answers a cache may keep: {stored}"
    refused = ApiClient(app, "not-a-token").get("/api/v1/me")
    assert refused.status_code == 401 and refused.headers["Cache-Control"] == "no-store"


def test_static_files_and_the_anonymous_public_board_keep_caching(web, login_as):
    for path in ("/public", "/static/css/app.css"):
        assert "no-store" not in web.get(path).headers.get("Cache-Control", ""), path
    signed_in = login_as("host_staff")
    assert "no-store" not in signed_in.get("/static/css/app.css").headers.get("Cache-Control", "")
    assert signed_in.get("/public").headers["Cache-Control"] == "no-store", "the page names the signed-in user"
