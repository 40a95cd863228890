"""Reminders end to end against a real SMTP server and a real HTTP receiver."""

import hmac
import io
import json
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import event, func, select

from livinglab import jobs, policy
from livinglab.channels.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, Notification, Region, SentReport
from livinglab.services import commitments, contacts, milestones, reminders

MONDAY_0800_WIB = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # W48


def _pdf_text(data):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def mail_app(make_app, smtp_server):
    app = make_app(MAIL_URL=smtp_server.url)
    with app.app_context():
        yield app


def _region_with_work(make_commitment, make_user, region="32.04", locale="id", email=None, due=date(2026, 12, 10)):
    commitment = make_commitment(region=region, due=due)
    contacts.create_contact(
        policy.SYSTEM,
        region,
        name="Kepala Diskominfo",
        email=email or f"diskominfo-{region}@example.go.id",
        locale=locale,
    )
    return commitment


def _sent(smtp_server):
    return [(rcpt, message) for rcpt, message in smtp_server.messages]


def test_weekly_digest_twice_in_the_same_week_sends_once(mail_app, smtp_server, make_commitment, make_user):
    _region_with_work(make_commitment, make_user)
    first = jobs.run_once(mail_app, MONDAY_0800_WIB)
    second = jobs.run_once(mail_app, MONDAY_0800_WIB + timedelta(hours=5))
    assert first["enqueued"] == 1 and first["sent"] == 1
    assert second["enqueued"] == 0 and second["sent"] == 0
    assert len(smtp_server.messages) == 1
    rcpt, message = smtp_server.messages[0]
    assert rcpt == ["diskominfo-32.04@example.go.id"]
    assert "Kabupaten Bandung" in message["Subject"] and "2026-W48" in message["Subject"]
    assert "mingguan" in message["Subject"]  # Indonesian for an Indonesian contact
    attachment = next(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert "Kabupaten Bandung" in _pdf_text(attachment.get_content())
    assert message["Message-ID"].endswith("@localhost>")  # the host of BASE_URL


def test_local_time_decides_when_and_english_contacts_get_english(mail_app, smtp_server, make_commitment, make_user):
    _region_with_work(make_commitment, make_user, region="91.71", locale="en")  # Kota Jayapura, WIT
    _region_with_work(make_commitment, make_user, region="32.04")  # WIB
    early = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # Monday 08:30 WIT, 06:30 WIB
    assert jobs.run_once(mail_app, early)["sent"] == 1
    _rcpt, message = smtp_server.messages[0]
    assert "Kota Jayapura" in message["Subject"] and "weekly" in message["Subject"]
    assert jobs.run_once(mail_app, MONDAY_0800_WIB)["sent"] == 1


def test_nothing_for_regions_with_nothing_open_or_withdrawn(mail_app, smtp_server, make_commitment, make_user):
    done = _region_with_work(make_commitment, make_user, region="32.04")
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    for m in done.milestones:
        milestones.update(officer, m.id, version=m.version, status="submitted", level=3)
        milestones.verify(mentor, m.id, decision="verify", level=3)
    gone = _region_with_work(make_commitment, make_user, region="51.71")
    commitments.change_status(policy.SYSTEM, gone.id, "withdrawn", reason="cancelled")
    result = jobs.run_once(mail_app, MONDAY_0800_WIB + timedelta(hours=3), ["weekly_digest"])
    assert result["enqueued"] == 0 and smtp_server.messages == []


def test_a_digest_lists_work_returned_overdue_or_due_within_30_days(mail_app, make_commitment, make_user):
    due_in_30, due_in_31 = date(2026, 12, 23), date(2026, 12, 24)  # seen from Monday 23 November
    cases = {"32.04": due_in_30, "32.73": due_in_31, "32.74": due_in_31, "51.71": date(2026, 11, 20)}
    for code, due in cases.items():
        _region_with_work(make_commitment, make_user, region=code, due=due)
    returned = db.session.scalars(
        select(Milestone).join(Milestone.commitment).join(Commitment.region).where(Region.code == "32.74")
    ).first()
    milestones.update(
        make_user("region_officer", region="32.74"), returned.id, version=returned.version, status="submitted", level=2
    )
    milestones.verify(make_user("host_staff"), returned.id, decision="return", comment="Lengkapi bukti")
    planned = reminders.plan(MONDAY_0800_WIB, ["weekly_digest"])
    assert sorted(item.scope for item in planned) == ["32.04", "32.74", "51.71"]


def test_planning_asks_the_database_the_same_number_of_times_for_any_number_of_regions(
    mail_app, make_commitment, make_user
):
    def queries():
        statements = []

        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            planned = reminders.plan(MONDAY_0800_WIB)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(planned), len(statements)

    _region_with_work(make_commitment, make_user, region="32.04")
    few = queries()
    for code in ("32.73", "32.74", "51.71", "91.71"):
        _region_with_work(make_commitment, make_user, region=code)
    many = queries()
    assert many[0] > few[0] and many[1] == few[1]


def test_two_schedulers_at_once_send_each_message_once(mail_app, smtp_server, make_commitment, make_user):
    for code in ("32.04", "32.73", "32.74", "51.71"):
        _region_with_work(make_commitment, make_user, region=code)
    barrier = threading.Barrier(2, timeout=20)
    results = []

    def scheduler():
        barrier.wait()
        results.append(jobs.run_once(mail_app, MONDAY_0800_WIB + timedelta(hours=2)))

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2
    assert sorted(rcpt[0] for rcpt, _m in smtp_server.messages) == sorted(
        f"diskominfo-{code}@example.go.id" for code in ("32.04", "32.73", "32.74", "51.71")
    )
    assert db.session.scalar(select(func.count(Notification.id)).where(Notification.status == "sent")) == 4


def test_smtp_down_keeps_the_rows_and_they_go_out_when_it_is_back(make_app, smtp_factory, make_commitment, make_user):
    port = smtp_factory.free_port()
    app = make_app(MAIL_URL=f"smtp://127.0.0.1:{port}")
    with app.app_context():
        _region_with_work(make_commitment, make_user)
        down = jobs.run_once(app, MONDAY_0800_WIB)
        assert down["queued"] == 1 and down["sent"] == 0
        row = db.session.scalar(select(Notification))
        assert row.status == "queued" and row.attempts == 1 and "127.0.0.1" in row.last_error
        smtp_server = smtp_factory(port)
        later = jobs.run_once(app, MONDAY_0800_WIB + timedelta(minutes=5))
        assert later["sent"] == 1 and len(smtp_server.messages) == 1
        db.session.expire_all()
        assert db.session.scalar(select(Notification)).status == "sent"


def test_after_the_last_attempt_a_row_is_failed_and_can_be_retried(make_app, smtp_factory, make_commitment, make_user):
    port = smtp_factory.free_port()
    app = make_app(MAIL_URL=f"smtp://127.0.0.1:{port}", REMINDER_MAX_ATTEMPTS=2)
    with app.app_context():
        _region_with_work(make_commitment, make_user)
        jobs.run_once(app, MONDAY_0800_WIB)
        jobs.run_once(app, MONDAY_0800_WIB + timedelta(minutes=10))
        row = db.session.scalar(select(Notification))
        assert row.status == "failed" and row.attempts == 2 and row.last_error
        from livinglab.services import delivery

        smtp_factory(port)
        delivery.retry(policy.SYSTEM, row.id)
        # A retried row is due at the next run, which in production runs on the real clock.
        assert delivery.deliver_pending()["sent"] == 1


def test_webhook_contacts_get_a_signed_json_and_a_500_is_retried(
    make_app, webhook_receiver, make_commitment, make_user
):
    app = make_app(WEBHOOK_URL=webhook_receiver.url, WEBHOOK_SECRET="gateway-secret")
    with app.app_context():
        make_commitment(due=date(2026, 12, 10))
        contacts.create_contact(
            policy.SYSTEM,
            "32.04",
            name="WA Diskominfo",
            email="wa@example.go.id",
            phone="+62 812 3456 7890",
            channel="webhook",
        )
        webhook_receiver.status = 500
        failed = jobs.run_once(app, MONDAY_0800_WIB)
        assert failed["queued"] == 1
        row = db.session.scalar(select(Notification))
        assert "500" in row.last_error
        webhook_receiver.status = 200
        assert jobs.run_once(app, MONDAY_0800_WIB + timedelta(minutes=5))["sent"] == 1
        headers, body, payload = webhook_receiver.requests[-1]
        headers = {name.lower(): value for name, value in headers.items()}
        expected = signature("gateway-secret", headers[TIMESTAMP_HEADER.lower()], body)
        assert hmac.compare_digest(headers[SIGNATURE_HEADER.lower()], expected)
        assert payload["recipient"]["phone"] == "+6281234567890" and payload["region"] == "32.04"
        assert [a["content_type"] for a in payload["attachments"]] == ["application/pdf"]
        assert len(webhook_receiver.requests) == 2
        assert json.loads(body)["message_id"] == payload["message_id"]


def test_every_pdf_that_went_out_is_archived_exactly(mail_app, smtp_server, make_commitment, make_user):
    _region_with_work(make_commitment, make_user)
    contacts.create_contact(policy.SYSTEM, "32.04", name="Bappeda", email="bappeda@example.go.id")
    jobs.run_once(mail_app, MONDAY_0800_WIB)
    report = db.session.scalar(select(SentReport))
    assert report.period_key == "2026-W48" and report.scope == "32.04"
    assert report.recipients == ["bappeda@example.go.id", "diskominfo-32.04@example.go.id"]
    from livinglab.services import uploads

    archived = uploads.blob_path(report.sha256).read_bytes()
    for _rcpt, message in smtp_server.messages:
        assert next(message.iter_attachments()).get_content() == archived


def test_monthly_summary_goes_to_ministry_viewers_and_host_admins(mail_app, smtp_server, make_commitment, make_user):
    make_commitment()
    viewer = make_user("ministry_viewer", locale="en")
    admin = make_user("host_admin")
    make_user("region_officer")
    result = jobs.run_once(mail_app, datetime(2026, 12, 1, 1, 30, tzinfo=UTC), ["monthly_summary"])
    assert result["sent"] == 2
    recipients = sorted(rcpt[0] for rcpt, _m in smtp_server.messages)
    assert recipients == sorted([viewer.email, admin.email])
    english = next(m for rcpt, m in smtp_server.messages if rcpt == [viewer.email])
    assert "national summary for 2026-12" in english["Subject"]
    assert "Jawa Barat" in _pdf_text(next(english.iter_attachments()).get_content())


def test_a_national_run_renders_the_reports_in_parallel_workers(mail_app, smtp_server, make_commitment, make_user):
    codes = ["32.01", "32.02", "32.03", "32.04", "32.05", "32.06", "32.07", "32.08", "32.09"]
    for code in codes:
        _region_with_work(make_commitment, make_user, region=code)
    result = jobs.run_once(mail_app, MONDAY_0800_WIB, ["weekly_digest"])
    assert result["sent"] == len(codes) and len(smtp_server.messages) == len(codes)
    assert db.session.scalar(select(func.count(SentReport.id))) == len(codes)
    for rcpt, message in smtp_server.messages:
        code = rcpt[0].split("-")[1].split("@")[0]
        assert code in message["Subject"] or "Kabupaten" in _pdf_text(next(message.iter_attachments()).get_content())
