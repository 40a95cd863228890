"""The scheduler process: one leader runs the reminder jobs on cron triggers.

`livinglab scheduler` is the only place a scheduler starts (web workers never start one). It takes
a single-leader lock first — a PostgreSQL advisory lock on a connection held for the process's
life, or an exclusive lock file for SQLite — so a second scheduler waits instead of running jobs.
Each job only calls services; the outbox's unique key makes any re-run harmless.
"""

import fcntl
import logging
import time
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import text

from livinglab import rendering_pool
from livinglab.extensions import db
from livinglab.models.base import utcnow
from livinglab.models.notifications import ACCOUNT_KINDS
from livinglab.services import delivery, operations, reminders

log = logging.getLogger("livinglab.scheduler")
ADVISORY_LOCK_ID = 7_2011_2022  # any constant shared by every scheduler of this database


def run_once(app, at=None, kinds=None):
    """Enqueue what is due at `at` and deliver every claimable row; returns a summary dict."""
    with app.app_context():
        at = at or utcnow()
        queued = reminders.enqueue(at, kinds)
        keys = delivery.reports_to_render(at)
        db.session.remove()
    rendered = rendering_pool.prerender(app, keys)
    with app.app_context():
        outcome = delivery.deliver_pending(at)
        db.session.remove()
    log.info(
        "reminders at %s: %s queued, %s reports rendered in parallel, %s",
        at.isoformat(timespec="minutes"),
        queued,
        rendered,
        outcome,
    )
    return {"enqueued": queued, **outcome}


def flush_account_mail(app):
    """Send queued account mail (reset links): the web request already tried right after its
    response; this catches what it could not send (no server reachable, a crash, a retry)."""
    with app.app_context():
        outcome = delivery.deliver_pending(kinds=ACCOUNT_KINDS)
        db.session.remove()
    if any(outcome.values()):
        log.info("account mail: %s", outcome)
    return outcome


def heartbeat(app):
    """Tell `/readyz` the leader is alive."""
    with app.app_context():
        operations.beat()
        db.session.remove()


# The job table: the reminder sweep every quarter of an hour (each region's Monday 08:00 falls on a
# quarter hour in WIB, WITA and WIT alike; the sweep decides per region and kind what is due),
# account mail every five seconds (a reset link is awaited by someone at the screen), and the
# leader's heartbeat every minute.
JOBS = (
    ("reminders", CronTrigger(minute="*/15", timezone="UTC"), run_once),
    ("account-mail", IntervalTrigger(seconds=5, timezone="UTC"), flush_account_mail),
    ("heartbeat", IntervalTrigger(seconds=60, timezone="UTC"), heartbeat),
)


class LeaderLock:
    """Hold the single-leader lock; `acquire(wait=True)` blocks until this process is the leader."""

    def __init__(self, app):
        self.app = app
        self.connection = None
        self.handle = None

    def _try(self):
        with self.app.app_context():
            engine = db.engine
            if engine.dialect.name == "postgresql":
                if self.connection is None:
                    self.connection = engine.connect()
                got = self.connection.execute(
                    text("SELECT pg_try_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID}
                ).scalar()
                self.connection.commit()
                return bool(got)
            path = Path(self.app.instance_path) / "scheduler.lock"
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.handle or open(path, "w")  # noqa: SIM115 (held for the process's life)
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

    def acquire(self, wait=True, poll=5.0):
        while not self._try():
            if not wait:
                return False
            log.info("another scheduler holds the lock; waiting")
            time.sleep(poll)
        return True

    def release(self):
        if self.connection is not None:
            self.connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID})
            self.connection.close()
            self.connection = None
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def run_scheduler(app, wait=True):
    """Become the leader, then run the job table until stopped."""
    lock = LeaderLock(app)
    if not lock.acquire(wait=wait):
        return False
    scheduler = BlockingScheduler(timezone="UTC")
    for name, trigger, job in JOBS:
        scheduler.add_job(job, trigger, args=[app], id=name, coalesce=True, max_instances=1, misfire_grace_time=900)
    log.info("scheduler is the leader; jobs: %s", ", ".join(name for name, _trigger, _job in JOBS))
    try:
        heartbeat(app)
        run_once(app)
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        lock.release()
    return True
