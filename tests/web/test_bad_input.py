"""Hostile input is refused with the usual 400/422 error, never a 500: huge or out-of-range numbers
and edge dates in every query filter of every page, lone surrogates and deep nesting in JSON,
NUL characters. The pages are walked from the URL map, so a new page or filter is covered."""

import pytest
from conftest import ApiClient
from tests_support import routes

from livinglab.services import accounts
from livinglab.web.input_guard import MAX_INT, MAX_JSON_DEPTH

HUGE = "99999999999999999999"
# Every query parameter a page or API list reads (`request.args`); each gets every hostile value.
FILTERS = (
    "page", "per_page", "event", "year", "region", "province", "status", "practice", "domain", "kind", "q",
    "sort", "dir", "measure", "stalled", "overdue", "role", "action", "entity_type", "actor", "since", "until",
    "framework", "parent", "next",
)  # fmt: skip
HOSTILE = (HUGE, "-" + HUGE, "9999-12-31", "0001-01-01", "%ED%A0%80")


def _urls(app, make_user, api):
    """Every GET route of one side without URL arguments: the lists and exports that filter."""
    from flask import url_for

    with app.test_request_context():
        return [
            url_for(rule.endpoint)
            for rule, method in routes(app)
            if method == "GET" and not rule.arguments and rule.rule.startswith("/api/") == api
        ]


def _status(client, url):
    try:  # under TESTING an unhandled error is raised here instead of answering 500
        return client.get(url).status_code
    except Exception as error:
        return repr(error)[:120]


def _walk(client, urls):
    """Each URL with every filter at once per hostile value; when that is refused (4xx), which
    may hide the filters after the refused one, each filter alone. Returns the 500s."""
    failures = {}
    for url in urls:
        for value in HOSTILE:
            queries = ["&".join(f"{name}={value}" for name in FILTERS)]
            if isinstance(status := _status(client, f"{url}?{queries[0]}"), int) and 400 <= status < 500:
                queries = [f"{name}={value}" for name in FILTERS]
            for query in queries:
                status = _status(client, f"{url}?{query}")
                if not isinstance(status, int) or status >= 500:
                    failures[f"{url}?{query}"] = status
    return failures


def test_every_page_answers_hostile_filters_without_a_500(app, make_user, login_as, make_commitment):
    make_commitment()
    client = login_as("host_admin")
    failures = _walk(client, _urls(app, make_user, api=False))
    assert not failures, "\n".join(f"{url} → {status}" for url, status in failures.items())


def test_every_api_list_answers_hostile_filters_without_a_500(app, make_user, make_commitment):
    make_commitment()
    _, raw = accounts.create_token(make_user("host_admin").email, "bad-input")
    assert not _walk(ApiClient(app, raw), _urls(app, make_user, api=True))


LIST_FILTERS = [(path, f"page={HUGE}") for path in ("/commitments", "/visits", "/reviews", "/admin/audit")] + [
    ("/admin/audit", f"page=-{HUGE}"),
    ("/commitments", f"event={HUGE}"),
    ("/visits", f"year={HUGE}"),
    ("/visits", "year=2147483648"),
]


@pytest.mark.parametrize(("path", "query"), LIST_FILTERS)
def test_a_number_no_database_holds_is_a_400_on_the_list_pages(login_as, path, query):
    response = login_as("host_admin", locale="en").get(f"{path}?{query}")
    assert response.status_code == 400, response.status_code
    body = response.get_data(as_text=True)
    assert "is not a usable number" in body and "<html" in body


@pytest.fixture
def officer_api(api_as, make_commitment):
    make_commitment()
    return api_as("region_officer", region="32.04")


def _milestone(client):
    return client.get("/api/v1/commitments").get_json()["items"][0]["milestones"][0]


def _assert_api_error(response, status=400):
    assert response.status_code == status, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert set(error) >= {"code", "message"} and error["code"] == "bad_request"
    return error


LONE_SURROGATE = b'"Catatan \\ud800 tanpa pasangan"'


def test_a_lone_surrogate_in_json_is_a_400(officer_api):
    milestone = _milestone(officer_api)
    patch = b'{"version": %d, "note": %s}' % (milestone["version"], LONE_SURROGATE)
    for url, method, body in (
        (f"/api/v1/milestones/{milestone['id']}", "PATCH", patch),
        ("/api/v1/regions/32.04/contacts", "POST", b'{"name": %s, "email": "a@example.go.id"}' % LONE_SURROGATE),
        ("/api/v1/regions/32.04/contacts", "POST", b'{"name\\udc00": "x", "email": "a@example.go.id"}'),
    ):
        response = officer_api._call(method, url, data=body, content_type="application/json")
        assert "surrogate" in _assert_api_error(response)["message"]
    pair = b'{"version": %d, "note": "Emoji \\ud83d\\ude00 ok"}' % milestone["version"]
    ok = officer_api.patch(f"/api/v1/milestones/{milestone['id']}", data=pair, content_type="application/json")
    assert ok.status_code == 200 and ok.status_code != 400, "a proper pair is a character like any other"


@pytest.mark.parametrize("depth", [100_000, 1_000])
def test_json_nested_too_deep_is_refused_before_parsing(officer_api, depth):
    milestone = _milestone(officer_api)
    body = b'{"version": 1, "note": ' + b"[" * depth + b"]" * depth + b"}"
    response = officer_api.patch(f"/api/v1/milestones/{milestone['id']}", data=body, content_type="application/json")
    assert str(MAX_JSON_DEPTH) in _assert_api_error(response)["message"]  # "at most 32 levels", in id or en
    brackets_in_text = b'{"version": %d, "note": "%s"}' % (milestone["version"], b"[{" * 2_000)
    response = officer_api.patch(
        f"/api/v1/milestones/{milestone['id']}", data=brackets_in_text, content_type="application/json"
    )
    assert response.status_code == 200, "brackets inside a string are text, not nesting"


@pytest.mark.parametrize("number", [HUGE, "-" + HUGE, "2147483648"])
def test_a_json_integer_no_database_holds_is_a_400(officer_api, number):
    milestone = _milestone(officer_api)
    body = b'{"version": %d, "level": %s}' % (milestone["version"], number.encode())
    response = officer_api.patch(f"/api/v1/milestones/{milestone['id']}", data=body, content_type="application/json")
    assert str(MAX_INT) in _assert_api_error(response)["message"]  # "between -2147483647 and 2147483647"


def test_a_refused_request_leaves_the_national_figures_usable_for_the_next(login_as, make_commitment):
    make_commitment()
    client = login_as("host_admin")
    assert client.get("/map?province=99").status_code == 404  # after the cached figures were built
    assert client.get(f"/overview?page={HUGE}").status_code == 400
    assert client.get("/overview").status_code == 200 and client.get("/map").status_code == 200


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TROJAN = f"Selesai {BIDI[4]}kcatta{BIDI[2]} sesuai SK {BIDI[6]}2023{BIDI[8]}"


def test_bidi_override_characters_are_removed_from_notes_sent_by_page_and_api(login_as, api_as, make_commitment):
    from livinglab.extensions import db
    from livinglab.models import MilestoneUpdate

    milestone = make_commitment().milestones[0]
    page = login_as("region_officer", region="32.04")
    saved = page.post(
        f"/milestones/{milestone.id}/update", data={"version": "1", "status": "in_progress", "note": TROJAN}
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    api = api_as("region_officer", region="32.04")
    body = {"version": 2, "note": f"API {TROJAN}", "status": "in_progress"}
    assert api.patch(f"/api/v1/milestones/{milestone.id}", json=body).status_code == 200
    contact = api.post("/api/v1/regions/32.04/contacts", json={"name": TROJAN, "email": "wa@example.go.id"})
    assert contact.status_code == 201 and contact.get_json()["name"] == "Selesai kcatta sesuai SK 2023"
    notes = [item["note"] for item in api.get(f"/api/v1/milestones/{milestone.id}/history").get_json()]
    assert notes[-2:] == ["Selesai kcatta sesuai SK 2023", "API Selesai kcatta sesuai SK 2023"]
    assert not any(char in (row.note or "") for row in db.session.query(MilestoneUpdate) for char in BIDI)
