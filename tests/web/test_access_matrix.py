"""Every route × anonymous and each role gets the answer the policy declares.

The routes come from `app.url_map`, never from a hand-kept list: a new route without a declared
permission fails here, and so does one whose enforcement differs from `livinglab.policy`.
"""

import pytest
from conftest import ApiClient, WebClient
from page_samples import SAMPLES
from tests_support import routes

from livinglab import create_app, policy
from livinglab.models.accounts import ROLES
from livinglab.services import accounts


def _route_ids():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return [(rule.rule, rule.endpoint, method) for rule, method in routes(app)]


ROUTES = _route_ids()


def _permission(app, endpoint):
    view = app.view_functions[endpoint]
    return getattr(view, "permission", None)


def _url(app, rule, users):
    with app.test_request_context():
        missing = [arg for arg in rule.arguments if arg not in SAMPLES]
        assert not missing, f"add a sample value for URL argument(s) {missing} in tests/page_samples.py"
        from flask import url_for

        return url_for(rule.endpoint, **{arg: SAMPLES[arg](users) for arg in rule.arguments})


def _call(client, method, url, is_api):
    if is_api:
        return client.http.open(url, method=method, headers=client.headers, json={} if method != "GET" else None)
    if method == "GET":
        return client.get(url)
    return client.post(url) if method == "POST" else client.http.open(url, method=method)


def _is_login_redirect(response):
    return response.status_code == 302 and "/login" in response.headers.get("Location", "")


def test_every_route_declares_a_permission(app):
    undeclared = [endpoint for _, endpoint, _ in ROUTES if _permission(app, endpoint) is None]
    assert not undeclared, f"routes without @requires(...): {sorted(set(undeclared))}"
    unknown = {
        _permission(app, endpoint)
        for _, endpoint, _ in ROUTES
        if _permission(app, endpoint) not in (policy.PUBLIC, policy.LOGIN, *policy.PERMISSIONS)
    }
    assert not unknown, f"permissions not in policy.PERMISSIONS: {unknown}"


@pytest.mark.parametrize(("path", "endpoint", "method"), ROUTES, ids=[f"{m} {p}" for p, _, m in ROUTES])
def test_route_answers_each_role_as_declared(app, make_user, path, endpoint, method):
    rule = next(r for r in app.url_map.iter_rules() if r.rule == path and r.endpoint == endpoint)
    permission = _permission(app, endpoint)
    assert permission is not None, f"{endpoint} has no @requires(...)"
    is_api = path.startswith("/api/")
    users = {role: make_user(role) for role in ROLES}
    users["target"] = make_user("region_officer")
    url = _url(app, rule, users)

    anonymous = ApiClient(app) if is_api else WebClient(app)
    response = _call(anonymous, method, url, is_api)
    if permission == policy.PUBLIC:
        assert response.status_code not in (401, 403) and response.status_code < 500, (
            f"anonymous {method} {url}: {response.status_code}"
        )
    elif is_api:
        assert response.status_code == 401, f"anonymous {method} {url}: {response.status_code}"
    else:
        assert _is_login_redirect(response), f"anonymous {method} {url}: {response.status_code}"

    for role in ROLES:
        user = users[role]
        if is_api:
            _, raw = accounts.create_token(user.email, "matrix")
            client = ApiClient(app, raw)
        else:
            client = WebClient(app)
            assert client.login(user.email).status_code == 302
            client.user = user
        response = _call(client, method, url, is_api)
        allowed = policy.can(user, permission)
        if allowed:
            assert response.status_code not in (401, 403) and response.status_code < 500, (
                f"{role} {method} {url}: {response.status_code}, expected access"
            )
            if method == "GET" and permission != policy.PUBLIC:
                assert response.status_code != 404, f"{role} GET {url}: 404 for a sample it may see"
            if permission != policy.PUBLIC:
                assert not _is_login_redirect(response), f"{role} {method} {url}: sent to login"
        else:
            assert response.status_code == 403, f"{role} {method} {url}: {response.status_code}, expected 403"
