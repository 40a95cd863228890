"""Fuzz the whole API from its own OpenAPI document: no 500, every answer as documented.

The document is read once from an app without a database (it does not need one); each generated
case is then sent in-process to the test's app, on SQLite and PostgreSQL, with a host admin's token
(the role that reaches every operation). The token is given through schemathesis' auth hook, so
its negative checks (missing or wrong credentials must be refused) can take it away.

A second pass puts one hostile value into each generated case, where the document cannot say it
is wrong: a lone surrogate or bidirectional overrides in a JSON string, a number no database
integer holds in the body or the query. Those must be refused with the usual error body or
cleaned, never answered with a 500.
"""

import json

import pytest
import schemathesis
from conftest import REFERENCE_TABLES
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import checks
from sqlalchemy import select

from livinglab import create_app
from livinglab.domain.replication_stages import DEFAULT_STAGES
from livinglab.extensions import db
from livinglab.services import accounts

SCHEMA = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
)
CURRENT_TOKEN = {}


@SCHEMA.auth(refresh_interval=None)
class HostAdminToken:
    def get(self, case, context):
        return CURRENT_TOKEN.get("raw", "no-token-outside-a-test")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def _seeded_rows():
    """Every row of the reference tables (regions, catalogue, innovation registry…), by table and id."""
    with db.engine.connect() as connection:
        return {
            table: {row["id"]: dict(row) for row in connection.execute(select(table)).mappings()}
            for table in db.metadata.sorted_tables
            if table.name in REFERENCE_TABLES
        }


def _put_back(seeded):
    """Write back each seeded reference row a request changed (rows added are removed after every
    test anyway), so that the tests after the fuzz read the registry as seeded."""
    now = _seeded_rows()
    with db.engine.begin() as connection:
        for table, rows in seeded.items():
            for row_id, row in rows.items():
                if now[table].get(row_id) != row:
                    connection.execute(table.update().where(table.c.id == row_id).values(row))


@pytest.fixture
def fuzz_app(app, second_app, make_user, make_commitment):
    """A second app on the same database (conftest.second_app), whose requests each get their own
    app context (the test's `app` context would otherwise be shared by every request, and with it `g`).

    The host admin may rewrite seeded reference rows (PUT /innovations/{id}/stages changes a
    registry innovation's stage template); they are put back after the test."""
    seeded = _seeded_rows()
    make_commitment()
    make_commitment(region="32.73")
    _, CURRENT_TOKEN["raw"] = accounts.create_token(make_user("host_admin").email, "fuzz")
    yield second_app
    CURRENT_TOKEN.clear()
    db.session.remove()
    _put_back(seeded)


def test_a_seeded_innovation_the_fuzz_rewrote_is_put_back(app, api_as):
    """What the fixture does after each case, shown on the row CI found rewritten."""
    seeded = _seeded_rows()
    host = api_as("host_admin")
    eskm = next(i for i in host.get("/api/v1/innovations?q=BDG-ESKM").json["items"] if i["code"] == "BDG-ESKM")
    rewritten = host.put(f"/api/v1/innovations/{eskm['id']}/stages", json={"stages": ["Komitmen"]})
    _put_back(seeded)
    assert rewritten.status_code == 200 and rewritten.json["stages"] != list(DEFAULT_STAGES)
    assert host.get(f"/api/v1/innovations/{eskm['id']}").json["stages"] == list(DEFAULT_STAGES)
    assert _seeded_rows() == seeded


# Every check but one: a request that fits the schema may still be refused with a documented 422
# when it names a region or practice that does not exist, or an inconsistent set of dates; that
# is validation the document cannot express, not a fault.
DOMAIN_VALIDATION = [checks.positive_data_acceptance]


@SCHEMA.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_answers_as_documented(case, fuzz_app):
    # Through WSGI the body comes back as sent: a compressed answer would reach the checks still
    # compressed, where an HTTP client decodes it (tests/web/test_transfer.py checks compression).
    case.call_and_validate(app=fuzz_app, excluded_checks=DOMAIN_VALIDATION, headers={"Accept-Encoding": "identity"})


HOSTILE_SCHEMA = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
).exclude(path_regex=r"\.pdf$")  # the report's filters are walked in tests/web/test_bad_input.py
HOSTILE_SCHEMA.auth(refresh_interval=None)(HostAdminToken)
HUGE = 10**20


def _leaves(value, path=()):
    """(path, value) of every string and number in a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    elif isinstance(value, str | int) and not isinstance(value, bool):
        yield path, value


def _replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


def _hostile(leaf, choice, in_query):
    if isinstance(leaf, int):
        return (HUGE, -HUGE, 2**31)[choice]
    if in_query:  # a URL carries UTF-8, which has no lone surrogates
        return ("\u202e" + leaf, leaf + "\u2066\u2069", str(HUGE))[choice]
    return (leaf + "\ud800", "\udc00" + leaf, "\u202e" + leaf + "\u2066")[choice]


@HOSTILE_SCHEMA.hook("flatmap_case")
def one_hostile_value(context, case):
    original = {"query": dict(case.query or {}), "body": case.body}
    targets = [("query", path, leaf) for path, leaf in _leaves(original["query"])]
    if case.media_type == "application/json" and isinstance(case.body, dict | list):
        targets += [("body", path, leaf) for path, leaf in _leaves(case.body)]
    if not targets:
        return st.just(case)

    def corrupt(pick):
        (container, path, leaf), choice = pick
        value = _replaced(original[container], path, _hostile(leaf, choice, container == "query"))
        # The body goes as the bytes a client would send ("\\ud800" escaped), which schemathesis
        # passes through as they are instead of validating them against the document.
        setattr(case, container, json.dumps(value).encode() if container == "body" else value)
        return case

    return st.tuples(st.sampled_from(targets), st.integers(0, 2)).map(corrupt)


@HOSTILE_SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_hostile_values_are_refused_or_cleaned_never_a_500(case, fuzz_app):
    response = case.call(app=fuzz_app)
    assert response.status_code < 500, response.text
    if response.status_code >= 400 and "json" in response.headers.get("Content-Type", [""])[0]:
        assert {"code", "message"} <= set(response.json()["error"]), response.text
