"""`livinglab backup` and `restore`: online SQLite copies, verified; damaged or foreign files refused."""

import os
import sqlite3
import stat
from contextlib import closing

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import User
from livinglab.services import accounts


@pytest.fixture
def fresh(make_app, tmp_path):
    """An app on its own SQLite file, migrated, with one account."""
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'live.db'}")
    with app.app_context():
        runner = app.test_cli_runner()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        assert runner.invoke(args=["seed", "regions"]).exit_code == 0
        accounts.create_user(None, email="admin@sumedangkab.go.id", name="Admin", role="host_admin", password="x" * 12)
        yield runner


def _users():
    db.session.remove()
    return db.session.scalar(select(func.count(User.id)))


def test_backup_then_restore_brings_back_the_saved_state(fresh, tmp_path):
    result = fresh.invoke(args=["backup", "-o", str(tmp_path / "saved.db")])
    assert result.exit_code == 0, result.output
    assert "Backed up and verified" in result.output and "users 1" in result.output
    accounts.create_user(None, email="late@sumedangkab.go.id", name="Late", role="host_staff", password="x" * 12)
    assert _users() == 2

    refused = fresh.invoke(args=["restore", str(tmp_path / "saved.db")], input="n\n")
    assert refused.exit_code != 0 and _users() == 2, "nothing happens without confirmation"

    restored = fresh.invoke(args=["restore", str(tmp_path / "saved.db"), "--yes"])
    assert restored.exit_code == 0, restored.output
    assert "Restored and verified" in restored.output and "users 1" in restored.output
    assert _users() == 1
    kept = tmp_path / "live.before-restore.db"
    assert kept.exists() and sqlite3.connect(kept).execute("SELECT count(*) FROM users").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a file with content"),
        (b"This is not a database at all, just some text." * 100, "not a readable SQLite database"),
    ],
)
def test_restore_refuses_damaged_files_and_changes_nothing(fresh, tmp_path, content, message):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    result = fresh.invoke(args=["restore", str(bad), "--yes"])
    assert result.exit_code != 0 and message in result.output
    assert _users() == 1


def test_restore_refuses_a_database_of_another_application(fresh, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    result = fresh.invoke(args=["restore", str(other), "--yes"])
    assert result.exit_code != 0 and "not a Living Lab database" in result.output
    assert _users() == 1


def test_a_truncated_backup_is_refused(fresh, tmp_path):
    saved = tmp_path / "saved.db"
    assert fresh.invoke(args=["backup", "-o", str(saved)]).exit_code == 0
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    result = fresh.invoke(args=["restore", str(saved), "--yes"])
    assert result.exit_code != 0 and "Error:" in result.output
    assert _users() == 1


def test_on_postgresql_backup_points_to_pg_dump(runner, backend, tmp_path):
    result = runner.invoke(args=["backup", "-o", str(tmp_path / "x.db")])
    if backend == "postgresql":
        assert result.exit_code != 0 and "pg_dump" in result.output
    else:
        assert result.exit_code == 0 and (tmp_path / "x.db").stat().st_size > 0


def test_backups_and_the_copy_kept_by_a_restore_are_readable_by_their_owner_only(fresh, tmp_path):
    previous = os.umask(0o022)  # what a shell usually has: new files 0644
    try:
        kept = tmp_path / "live.before-restore.db"
        with closing(sqlite3.connect(kept)) as earlier:  # left by an earlier restore, world-readable
            earlier.execute("CREATE TABLE earlier (x)")
        kept.chmod(0o644)
        assert fresh.invoke(args=["backup", "-o", str(tmp_path / "saved.db")]).exit_code == 0
        restored = fresh.invoke(args=["restore", str(tmp_path / "saved.db"), "--yes"])
        assert restored.exit_code == 0, restored.output
    finally:
        os.umask(previous)
    for path in (tmp_path / "saved.db", kept, tmp_path / "live.db"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
