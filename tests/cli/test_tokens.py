"""API tokens may carry an expiry: `tokens create EMAIL --expires-in 90d`; an expired token is 401."""

from datetime import timedelta

from conftest import ApiClient
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import ApiToken
from livinglab.models.base import utcnow


def _create(runner, *args):
    result = runner.invoke(args=["tokens", "create", *args])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def test_a_token_with_an_expiry_is_listed_with_it_and_refused_once_expired(app, runner, make_user):
    user = make_user("host_staff")
    raw = _create(runner, user.email, "--name", "quarterly", "--expires-in", "90d")
    token = db.session.scalar(select(ApiToken))
    assert abs(token.expires_at - (utcnow() + timedelta(days=90))) < timedelta(minutes=1)
    listed = runner.invoke(args=["tokens", "list", user.email]).output
    assert "quarterly" in listed and f"expires {token.expires_at.date().isoformat()}" in listed
    api = ApiClient(app, raw)
    assert api.get("/api/v1/me").status_code == 200

    token.expires_at = utcnow() - timedelta(seconds=1)  # 90 days later
    db.session.commit()
    assert api.get("/api/v1/me").status_code == 401
    assert "\texpired\t" in runner.invoke(args=["tokens", "list", user.email]).output


def test_hours_weeks_and_no_expiry(app, runner, make_user):
    user = make_user("host_staff")
    _create(runner, user.email, "--name", "short", "--expires-in", "12h")
    _create(runner, user.email, "--name", "weeks", "--expires-in", "2w")
    _create(runner, user.email, "--name", "forever")
    tokens = {token.name: token.expires_at for token in db.session.scalars(select(ApiToken))}
    assert abs(tokens["short"] - (utcnow() + timedelta(hours=12))) < timedelta(minutes=1)
    assert abs(tokens["weeks"] - (utcnow() + timedelta(days=14))) < timedelta(minutes=1)
    assert tokens["forever"] is None
    assert "never expires" in runner.invoke(args=["tokens", "list", user.email]).output


def test_a_bad_expiry_is_one_clear_line(runner, make_user):
    user = make_user("host_staff")
    for value in ("90", "soon", "0d", "-1d", "90y"):
        result = runner.invoke(args=["tokens", "create", user.email, "--expires-in", value])
        assert result.exit_code != 0, value
        assert "--expires-in" in result.output and len(result.output.strip().splitlines()) == 1
    assert db.session.scalar(select(ApiToken)) is None
