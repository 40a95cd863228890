"""The scheduler process: single leader, crash safety, the operator's `reminders send`."""

import os
import socket
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from tests_support import clock_at

from livinglab import create_app, jobs, policy
from livinglab.config import ConfigError
from livinglab.extensions import db
from livinglab.models import Notification, SchedulerHeartbeat
from livinglab.services import contacts

SCRIPT = Path(sys.executable).parent / "livinglab"
MONDAY = "2026-11-23T01:00:00+00:00"  # 08:00 WIB, when Jawa Barat's weekly digest falls due
DIGEST_KEY = ("weekly_digest", "2026-W48", "diskominfo@example.go.id")


@pytest.fixture
def on_monday():
    """Environment for child processes whose clock reads MONDAY now, so a scheduler's own sweep
    sees the same week as the test whatever the machine's date; one offset for the whole test."""
    return clock_at(datetime.fromisoformat(MONDAY))


def _digest():
    """The outbox row of the test's digest, by its unique key (the outbox may hold others)."""
    kind, period_key, recipient = DIGEST_KEY
    return db.session.scalar(
        select(Notification).where(
            Notification.kind == kind, Notification.period_key == period_key, Notification.recipient == recipient
        )
    )


def _env(database, tmp_path, mail_url):
    return {
        **os.environ,
        "SECRET_KEY": "scheduler-test-secret-key-0123456789",
        "DATABASE_URL": database,
        "MAIL_URL": mail_url,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "REMINDER_SENDING_TIMEOUT": "0",
    }


@pytest.fixture
def region_with_contact(make_commitment):
    make_commitment(due=date(2026, 12, 10))
    contacts.create_contact(policy.SYSTEM, "32.04", name="Diskominfo", email="diskominfo@example.go.id")


def test_a_second_scheduler_waits_for_the_leader(app):
    first, second = jobs.LeaderLock(app), jobs.LeaderLock(app)
    assert first.acquire(wait=False)
    try:
        assert not second.acquire(wait=False)
        assert jobs.run_scheduler(app, wait=False) is False
    finally:
        first.release()
    assert second.acquire(wait=False)
    second.release()


def test_a_killed_sender_loses_nothing(database, tmp_path, region_with_contact, smtp_factory, on_monday):
    silent = socket.socket()  # accepts the connection and never answers: the send hangs
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    port = silent.getsockname()[1]
    process = subprocess.Popen(
        [str(SCRIPT), "reminders", "send", "--at", MONDAY, "--kind", "weekly_digest"],
        env={**_env(database, tmp_path, f"smtp://127.0.0.1:{port}"), **on_monday},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        db.session.expire_all()
        row = _digest()
        if row is not None and row.status == "sending":
            break
        time.sleep(0.2)
    process.kill()
    process.wait(timeout=10)
    silent.close()
    assert row is not None and row.status == "sending", "the sender never claimed the row"
    server = smtp_factory()
    rerun = subprocess.run(
        [str(SCRIPT), "reminders", "send", "--at", MONDAY, "--kind", "weekly_digest"],
        env={**_env(database, tmp_path, server.url), **on_monday},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    db.session.expire_all()
    assert _digest().status == "sent"
    assert [rcpt for rcpt, _message in server.messages] == [["diskominfo@example.go.id"]]


def test_dry_run_prints_and_writes_nothing(runner, region_with_contact):
    result = runner.invoke(args=["reminders", "send", "--dry-run", "--at", MONDAY, "--kind", "weekly_digest"])
    assert result.exit_code == 0, result.output
    assert "weekly_digest 2026-W48 32.04 → diskominfo@example.go.id" in result.output
    assert db.session.scalar(select(Notification)) is None
    bad = runner.invoke(args=["reminders", "send", "--at", "next monday"])
    assert bad.exit_code != 0 and "--at" in bad.output


def test_an_invalid_mail_url_is_refused_at_start(tmp_path):
    for url in ("gopher://mail.example", "smtp://", "smtp://mail.example:notaport"):
        with pytest.raises(ConfigError, match="MAIL_URL"):
            create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "MAIL_URL": url})
    env = {
        **os.environ,
        "SECRET_KEY": "s" * 32,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}",
        "MAIL_URL": "gopher://x",
    }
    result = subprocess.run(
        [str(SCRIPT), "reminders", "send", "--dry-run"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "MAIL_URL" in result.stderr and "Traceback" not in result.stderr


def test_scheduler_command_refuses_when_told_not_to_wait(app, runner):
    lock = jobs.LeaderLock(app)
    assert lock.acquire(wait=False)
    try:
        result = runner.invoke(args=["scheduler", "--no-wait"])
        assert result.exit_code != 0 and "another scheduler holds the lock" in result.output
    finally:
        lock.release()


def _wait_for(predicate, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        db.session.expire_all()
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_killed_scheduler_resumes_with_nothing_lost_or_doubled(
    database, tmp_path, region_with_contact, smtp_factory, on_monday
):
    from livinglab.services import reminders

    queued = reminders.enqueue(datetime.fromisoformat(MONDAY), ["weekly_digest"])
    assert queued == 1
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    first = subprocess.Popen(
        [str(SCRIPT), "scheduler"],
        env={**_env(database, tmp_path, f"smtp://127.0.0.1:{silent.getsockname()[1]}"), **on_monday},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: _digest().status == "sending"), "never claimed"
    finally:
        first.kill()
        first.wait(timeout=10)
        silent.close()
    server = smtp_factory()
    second = subprocess.Popen(
        [str(SCRIPT), "scheduler"],
        env={**_env(database, tmp_path, server.url), **on_monday},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _wait_for(lambda: all(status == "sent" for status in db.session.scalars(select(Notification.status)))), (
            "the restarted scheduler did not deliver"
        )
        assert _wait_for(lambda: db.session.get(SchedulerHeartbeat, "reminders") is not None)
    finally:
        second.terminate()
        second.wait(timeout=30)
    rows = db.session.scalars(select(Notification)).all()
    keys = [(row.kind, row.period_key, row.recipient) for row in rows]
    assert len(keys) == len(set(keys)) and DIGEST_KEY in keys
    assert all(row.status == "sent" for row in rows)
    assert len(server.messages) == len(rows), "each outbox row went out exactly once"
