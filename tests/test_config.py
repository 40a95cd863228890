"""Configuration: environment and .env, refusing the default key, SQLite pragmas."""

import pytest
from sqlalchemy import text

from livinglab import create_app
from livinglab.config import ConfigError
from livinglab.extensions import db


def test_default_secret_key_is_refused_outside_debug_and_testing(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert create_app({"DEBUG": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_database_url_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv("UPLOAD_MAX_MB", "7")
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.db")
    assert app.config["MAX_CONTENT_LENGTH"] == 7 * 1024 * 1024


def test_bad_numbers_in_the_environment_are_a_clear_error(monkeypatch):
    monkeypatch.setenv("STALLED_DAYS", "forty")
    with pytest.raises(ConfigError, match="STALLED_DAYS"):
        create_app({"TESTING": True})


@pytest.mark.parametrize("value", ["sixty", "1.5", "-0.1", "NaN"])
def test_the_index_coverage_threshold_is_a_share(monkeypatch, value):
    monkeypatch.setenv("INDEX_MIN_COVERAGE", value)
    with pytest.raises(ConfigError, match="INDEX_MIN_COVERAGE"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_index_threshold_and_the_review_limit_have_defaults(monkeypatch):
    from decimal import Decimal

    monkeypatch.delenv("INDEX_MIN_COVERAGE", raising=False)
    monkeypatch.setenv("VERIFY_SLA_DAYS", "10")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["INDEX_MIN_COVERAGE"] == Decimal("0.6") and app.config["VERIFY_SLA_DAYS"] == 10


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.db'}"})
    with app.app_context():
        _check_pragmas()
        db.engine.dispose()


def _check_pragmas():
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
