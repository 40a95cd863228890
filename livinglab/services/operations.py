"""Operational facts: the scheduler's heartbeat and whether this instance is ready to serve."""

import ipaddress
import os
import socket
from functools import cache

from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from livinglab import policy
from livinglab.config import PROJECT_ROOT
from livinglab.extensions import db
from livinglab.models import SchedulerHeartbeat
from livinglab.models.base import utcnow
from livinglab.services import accounts

SCHEDULER = "reminders"


def beat(name=SCHEDULER):
    """Record that the scheduler `name` is alive (called by the leader every minute)."""
    heartbeat = db.session.get(SchedulerHeartbeat, name) or SchedulerHeartbeat(name=name)
    heartbeat.beat_at = utcnow()
    heartbeat.host = socket.gethostname()[:255]
    heartbeat.pid = os.getpid()
    db.session.add(heartbeat)
    db.session.commit()


@cache
def migration_heads():
    """The revisions the code expects (read once from migrations/)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def readiness(now=None):
    """(ready, report): the database answers, its schema is at the code's head, the scheduler's age.

    A stale or missing scheduler heartbeat is reported (status "degraded") but does not make the
    web instance unready: pages and the API still work; only reminders wait.
    """
    report = {"database": "ok", "migrations": "ok", "scheduler": {"status": "missing", "age_seconds": None}}
    try:
        current = set(db.session.scalars(text("SELECT version_num FROM alembic_version")))
        expected = migration_heads()
        if current != expected:
            report["migrations"] = f"database at {sorted(current) or 'nothing'}, code expects {sorted(expected)}"
            report["scheduler"]["status"] = "unknown"
        else:
            report["scheduler"] = _scheduler_age(now or utcnow())
    except SQLAlchemyError as error:
        db.session.rollback()
        report.update(
            database=f"unavailable: {type(getattr(error, 'orig', None) or error).__name__}",
            migrations="unknown",
            status="unavailable",
        )
        return False, report
    finally:
        db.session.remove()
    ready = report["migrations"] == "ok"
    if not ready:
        report["status"] = "unavailable"
    else:
        report["status"] = "ok" if report["scheduler"]["status"] == "ok" else "degraded"
    return ready, report


def _scheduler_age(now):
    heartbeat = db.session.get(SchedulerHeartbeat, SCHEDULER)
    if heartbeat is None:
        return {"status": "missing", "age_seconds": None}
    age = max(0, int((now - heartbeat.beat_at).total_seconds()))
    return {"status": "stale" if age > current_app.config["SCHEDULER_STALE_SECONDS"] else "ok", "age_seconds": age}


def may_see_details(remote_addr, raw_token):
    """Whether the readiness details go to this client: the host itself (a loopback address) or
    the bearer token of a user who may `operations.view`. Without the database, nobody but the
    host: the status already says it is down."""
    try:
        if ipaddress.ip_address(remote_addr or "").is_loopback:
            return True
    except ValueError:
        pass
    if not raw_token:
        return False
    try:
        return policy.can(accounts.user_for_token(raw_token), "operations.view")
    except SQLAlchemyError:
        db.session.rollback()
        return False
