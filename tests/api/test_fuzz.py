"""Fuzz the whole API from its own OpenAPI document: no 500, every answer as documented.

The document is read once from an app without a database (it does not need one); each generated
case is then sent in-process to the test's app, on SQLite and PostgreSQL, with a host admin's token
(the role that reaches every operation). The token is given through schemathesis' auth hook, so
its negative checks (missing or wrong credentials must be refused) can take it away.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from livinglab import create_app
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


@pytest.fixture
def fuzz_app(app, make_app, make_user, make_commitment):
    """A second app on the same database, whose requests each get their own app context (the
    test's `app` context would otherwise be shared by every request, and with it `g`)."""
    make_commitment()
    make_commitment(region="32.73")
    _, CURRENT_TOKEN["raw"] = accounts.create_token(make_user("host_admin").email, "fuzz")
    yield make_app()
    CURRENT_TOKEN.clear()


# Every check but one: a request that fits the schema may still be refused with a documented 422
# when it names a region or practice that does not exist, or an inconsistent set of dates; that
# is validation the document cannot express, not a fault.
DOMAIN_VALIDATION = [checks.positive_data_acceptance]


@SCHEMA.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_answers_as_documented(case, fuzz_app):
    case.call_and_validate(app=fuzz_app, excluded_checks=DOMAIN_VALIDATION)
