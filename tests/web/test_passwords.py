"""Password rules, the same on every way in: at least 12 characters and none of the 10,000 most
common passwords (the ranked list shipped by zxcvbn), compared without regard to case."""

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import User
from livinglab.services import demo, password_reset

REFUSED = {
    "eleven-char": "abcdefghijk",
    "common 12 chars": "qwerty123456",
    "common, other case": "QWERTY123456",
    "common, long": "123456789987654321",
}
ACCEPTED = ("correct-horse-battery", demo.DEMO_PASSWORD, "twelve-chars")


def _users():
    return db.session.scalar(select(func.count(User.id)))


@pytest.mark.parametrize("password", REFUSED.values(), ids=list(REFUSED))
def test_the_admin_form_refuses_short_and_common_passwords(login_as, password):
    admin = login_as("host_admin", locale="en")
    before = _users()
    data = {"email": "new@example.go.id", "name": "New", "role": "host_staff", "locale": "en", "password": password}
    response = admin.post("/admin/users/new", data=data)
    assert response.status_code == 422
    assert _users() == before


@pytest.mark.parametrize("password", REFUSED.values(), ids=list(REFUSED))
def test_the_cli_refuses_short_and_common_passwords(runner, password):
    args = ["users", "create", "--email", "cli@example.go.id", "--name", "Cli", "--role", "host_staff"]
    result = runner.invoke(args=[*args, "--password", password])
    assert result.exit_code != 0 and len(result.output.strip().splitlines()) == 1
    assert _users() == 0


@pytest.mark.parametrize("password", REFUSED.values(), ids=list(REFUSED))
def test_the_reset_form_refuses_short_and_common_passwords(make_user, web, password):
    user = make_user("host_staff", locale="en")
    link = "/reset-password/" + password_reset.password_reset_token(user)
    response = web.post(link, data={"password": password, "confirm": password})
    assert response.status_code == 200 and "password" in response.get_data(as_text=True)
    assert web.login(user.email, password).status_code == 401


@pytest.mark.parametrize("password", ACCEPTED)
def test_long_uncommon_passwords_and_the_demo_password_are_accepted(make_user, web, password):
    user = make_user("host_staff", password=password)
    assert web.login(user.email, password).status_code == 302
