"""Helpers shared by test modules (walking the URL map, a moved clock for child processes, a study
visit recorded in one line, a weekly digest that failed)."""

import os
import time
from pathlib import Path

CLOCK_FOLDER = Path(__file__).resolve().parent / "clock"

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app):
    """Every (rule, method) the app serves, sorted for stable test ids."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        for method in sorted(rule.methods - IGNORED_METHODS):
            yield rule, method


def api_rules(app):
    for rule, method in routes(app):
        if rule.rule.startswith("/api/") and not rule.rule.endswith("openapi.json"):
            yield rule, method


def clock_at(moment):
    """Environment for a child process whose wall clock reads `moment` now and runs on
    (`tests/clock/sitecustomize.py`). Processes given the same result agree with each other, as
    real clocks do; this process's own moved clock, if any, is taken into account."""
    real_now = time.time() - float(os.environ.get("LIVINGLAB_TEST_CLOCK_OFFSET", 0))
    paths = [str(CLOCK_FOLDER), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {"LIVINGLAB_TEST_CLOCK_OFFSET": repr(moment.timestamp() - real_now), "PYTHONPATH": os.pathsep.join(paths)}


def review_evidence(days_ago=30, kind="report", follow_up=False):
    """Evidence of a recent review, as verifying level 4 needs (PermenPANRB 59/2020); with
    `follow_up`, also the policy enacted after it that level 5 needs."""
    from datetime import timedelta

    from livinglab.models.base import utcnow
    from livinglab.services.milestones import EvidenceInput

    review_on = utcnow().date() - timedelta(days=days_ago)
    items = [
        EvidenceInput(
            kind=kind, title="Laporan reviu SPBE", url="https://example.go.id/reviu.pdf", enacted_on=review_on
        )
    ]
    if follow_up:
        items.append(
            EvidenceInput(
                kind="regulation",
                title="Perbup tindak lanjut reviu",
                url="https://example.go.id/perbup.pdf",
                enacted_on=review_on + timedelta(days=1),
            )
        )
    return items


def study_visit(actor, region):
    """A two-day study visit by `region` (code), recorded through the service."""
    from datetime import date

    from livinglab.services import visits

    return visits.create_visit(
        actor,
        region=region,
        start_date=date(2022, 10, 3),
        end_date=date(2022, 10, 4),
        head_of_delegation="Sekda",
        delegation_size=12,
    )


def failed_digest(recipient="a@example.go.id", pdf=b"%PDF-1.4\n%%EOF\n", archived=True):
    """Region 32.04's weekly digest of 2026-W48 to `recipient`, failed after five attempts (a row of
    the outbox's "failed" list), with the PDF it carried archived unless `archived` is false.
    Returns (the row, its SentReport or None)."""
    from livinglab.extensions import db
    from livinglab.models import Notification, SentReport
    from livinglab.services import uploads

    report = None
    if archived:
        report = SentReport(
            kind="weekly_digest",
            scope="32.04",
            period_key="2026-W48",
            locale="id",
            sha256=uploads.write_blob(pdf),
            size=len(pdf),
            recipients=[recipient],
        )
    row = Notification(
        kind="weekly_digest",
        scope="32.04",
        recipient=recipient,
        channel="email",
        period_key="2026-W48",
        status="failed",
        attempts=5,
        last_error="SMTP refused",
        report=report,
    )
    db.session.add(row)
    db.session.commit()
    return row, report
