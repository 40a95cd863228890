"""The `livinglab` command: seeding, accounts and tokens, with one-line errors."""

import hashlib

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import ApiToken, Region, User


def test_seed_regions_again_changes_nothing(runner):
    result = runner.invoke(args=["seed", "regions"])
    assert result.exit_code == 0 and "0 added, 0 updated, 552 unchanged" in result.output
    assert "nothing changed" in result.output
    assert db.session.scalar(select(func.count(Region.id))) == 552


def test_seed_regions_on_a_fresh_database(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.db'}")
    runner = app.test_cli_runner()
    with app.app_context():
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        first = runner.invoke(args=["seed", "regions"])
        assert "Regions: 552 added" in first.output
        second = runner.invoke(args=["seed", "regions"])
        assert "Regions: 0 added, 0 updated, 552 unchanged" in second.output
        counts = dict(db.session.execute(select(Region.kind, func.count()).group_by(Region.kind)).all())
        assert counts == {"province": 38, "regency": 416, "city": 98}


def test_users_create_and_clear_errors(runner):
    ok = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Budi@Bandungkab.go.id",
            "--name",
            "Budi",
            "--role",
            "region_officer",
            "--region",
            "32.04",
            "--password",
            "a-long-password",
        ]
    )
    assert ok.exit_code == 0, ok.output
    assert db.session.scalar(select(User).where(User.email == "budi@bandungkab.go.id")).region.code == "32.04"
    bad = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "x@y.go.id",
            "--name",
            "X",
            "--role",
            "region_officer",
            "--region",
            "99.99",
            "--password",
            "a-long-password",
        ]
    )
    assert bad.exit_code != 0
    assert len(bad.output.strip().splitlines()) == 1 and "99.99" in bad.output


def test_tokens_create_list_use_and_revoke(app, runner, make_user):
    user = make_user("host_staff")
    result = runner.invoke(args=["tokens", "create", user.email, "--name", "integration"])
    assert result.exit_code == 0
    raw = result.output.strip().splitlines()[-1]
    assert raw.startswith("ll_") and " " not in raw
    token = db.session.scalar(select(ApiToken))
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.token_hash, token.prefix, token.name}
    client = app.test_client()
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/me", headers=headers).json["email"] == user.email
    assert "integration" in runner.invoke(args=["tokens", "list", user.email]).output
    assert runner.invoke(args=["tokens", "revoke", str(token.id)]).exit_code == 0
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    missing = runner.invoke(args=["tokens", "create", "nobody@example.go.id"])
    assert missing.exit_code != 0 and len(missing.output.strip().splitlines()) == 1
