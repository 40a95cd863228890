"""Backup and restore of an SQLite database with SQLite's online backup API, each verified.

PostgreSQL deployments use pg_dump / pg_restore (README, "Backups"); these functions refuse them
with that pointer. Uploaded files live in UPLOAD_FOLDER and are copied separately (README).
"""

import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.services.operations import migration_heads

# Tables whose row counts a backup reports and a restore checks.
COUNTED = ("regions", "practices", "users", "commitments", "milestones", "milestone_updates", "evidence")


@dataclass(frozen=True)
class Summary:
    path: str
    size: int
    revision: str
    counts: dict

    def describe(self):
        counts = ", ".join(f"{table} {count}" for table, count in self.counts.items())
        return f"{self.path}: {self.size // 1024} KB, schema {self.revision}; {counts}"


def _live_path():
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        raise Invalid(
            "backup and restore here are for SQLite; for PostgreSQL use pg_dump and pg_restore "
            "(README, section Backups)"
        )
    if not url.database or url.database == ":memory:":
        raise Invalid("the database is in memory; there is nothing on disk to back up")
    return Path(url.database)


def verify(path):
    """Check that `path` is an intact Living Lab SQLite database; returns its Summary or raises Invalid."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise Invalid(f"{path} is not a file with content")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if integrity != "ok":
                raise Invalid(f"{path} is damaged: {integrity}")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = {"alembic_version", *COUNTED} - tables
            if missing:
                raise Invalid(f"{path} is not a Living Lab database (no {', '.join(sorted(missing))})")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in COUNTED}
    except sqlite3.DatabaseError as error:
        raise Invalid(f"{path} is not a readable SQLite database: {error}") from None
    if revision is None:
        raise Invalid(f"{path} has no schema revision")
    return Summary(str(path), path.stat().st_size, revision[0], counts)


def _owner_only(path):
    """Create `path` (or take it over) readable and writable by its owner alone: a copy of the
    database holds password hashes and every region's records."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def _copy(source, target):
    """Page-by-page online copy into an owner-only file; other connections may keep reading and
    writing `source`."""
    _owner_only(target)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst, pages=1024)


def backup(output):
    """Write a consistent copy of the live database to `output` (atomically), then verify it."""
    live = _live_path()
    output = Path(output).resolve()
    if output == live.resolve():
        raise Invalid("the backup file cannot be the live database itself")
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=output.parent)
    os.close(handle)
    try:
        _copy(str(live), temporary)
        with closing(sqlite3.connect(temporary)) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
        verify(temporary)
        os.replace(temporary, output)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return verify(output)


def restore(source):
    """Replace the live database's content with the verified backup `source`.

    The current content is first saved beside the live file (`<name>.before-restore.db`), so a
    wrong restore can be undone. Returns (summary of what is live now, path of the saved copy).
    """
    live = _live_path()
    wanted = verify(source)
    known = migration_heads()
    db.session.remove()
    db.engine.dispose()
    saved = live.with_name(f"{live.stem}.before-restore.db")
    _copy(str(live), str(saved))
    _copy(str(source), str(live))
    now = verify(live)
    if now.counts != wanted.counts or now.revision != wanted.revision:
        _copy(str(saved), str(live))
        raise Invalid("the restored database did not match the backup; the previous content was put back")
    if now.revision not in known:
        now = Summary(now.path, now.size, f"{now.revision} (run `livinglab db upgrade` next)", now.counts)
    return now, saved
