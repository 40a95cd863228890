"""The reminder ladder across simulated weeks, against a real SMTP server: one message per
recipient and week, heads of agency at ESCALATION_DAYS, a numbered letter to the Sekda at twice
that, the province and ministry summary at three times; headers, local content day, BASE_URL."""

import base64
import email
import io
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from email import policy as email_policy

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from livinglab import jobs, policy
from livinglab.extensions import db
from livinglab.models import EscalationLetter, MilestoneUpdate, Notification, SentReport
from livinglab.services import contacts, milestones

FIRST_MONDAY = datetime(2026, 10, 5, 1, 0, tzinfo=UTC)  # 08:00 WIB, week 2026-W41
DUE = date(2026, 10, 4)  # the day before: 1 day late in week 1, 78 in week 12
ESCALATION_DAYS = 14


def _pdf_text(data):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _contact(region, email_address, role="officer", locale="id", **fields):
    return contacts.create_contact(
        policy.SYSTEM, region, name=f"{role} {region}", email=email_address, role=role, locale=locale, **fields
    )


@pytest.fixture
def ladder_app(make_app, smtp_server):
    app = make_app(MAIL_URL=smtp_server.url, ESCALATION_DAYS=ESCALATION_DAYS)
    with app.app_context():
        yield app


def test_the_ladder_climbs_one_message_per_recipient_and_week(ladder_app, smtp_server, make_commitment, make_user):
    make_commitment(region="32.04", due=DUE)
    _contact("32.04", "officer@bandungkab.go.id")
    _contact("32.04", "kadis@bandungkab.go.id", role="head_of_agency", locale="en")
    _contact("32.04", "sekda@bandungkab.go.id", role="sekda")
    _contact("32", "bappeda@jabarprov.go.id")  # the province's contact
    viewer = make_user("ministry_viewer", locale="en")
    sent_by_week = {}
    for week in range(12):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        before = len(smtp_server.messages)
        jobs.run_once(ladder_app, monday)
        again = jobs.run_once(ladder_app, monday + timedelta(hours=3))
        assert again["enqueued"] == 0 and again["sent"] == 0, f"week {week + 1} went out twice"
        sent_by_week[week + 1] = smtp_server.messages[before:]
    for week, messages in sent_by_week.items():
        per_recipient = Counter(rcpt[0] for rcpt, _message in messages)
        assert set(per_recipient.values()) <= {1}, f"week {week}: {per_recipient}"

    def weeks_of(address):
        return [week for week, messages in sent_by_week.items() if any(rcpt == [address] for rcpt, _m in messages)]

    assert weeks_of("officer@bandungkab.go.id") == list(range(1, 13))
    assert weeks_of("kadis@bandungkab.go.id") == list(range(3, 13))  # 15 days late in week 3
    assert weeks_of("sekda@bandungkab.go.id") == [5, 10]  # 29 days late (2 Nov), then December's letter
    assert weeks_of("bappeda@jabarprov.go.id") == [10]  # 58 days late on 1 December
    assert weeks_of(viewer.email) == [1, 5, 10]  # the national summary each month

    head = next(m for rcpt, m in sent_by_week[3] if rcpt == ["kadis@bandungkab.go.id"])
    text = _body(head)
    assert "Escalation" in text and "SPBE-01" in text and "15 days late" in text
    assert "2026-W43" in head["Subject"]

    letters = [m for rcpt, m in sent_by_week[5] + sent_by_week[10] if rcpt == ["sekda@bandungkab.go.id"]]
    first, second = (_pdf_text(next(m.iter_attachments()).get_content()) for m in letters)
    assert "Pemerintah Kabupaten Sumedang" in first and "Sekretaris Daerah Kabupaten Bandung" in first
    assert "005/001/Diskominfo/2026" in first and "2 November 2026" in first
    assert "SPBE-01" in first and "SPBE-21" in first and "29" in first
    assert "005/002/Diskominfo/2026" in second and "7 Desember 2026" in second
    assert "005/002/Diskominfo/2026" in letters[1]["Subject"]
    numbers = db.session.scalars(select(EscalationLetter.number).order_by(EscalationLetter.sequence)).all()
    assert numbers == ["005/001/Diskominfo/2026", "005/002/Diskominfo/2026"]
    archived = db.session.scalars(select(SentReport).where(SentReport.kind == "escalation_letter")).all()
    assert [r.recipients for r in archived] == [["sekda@bandungkab.go.id"], ["sekda@bandungkab.go.id"]]

    province = next(m for rcpt, m in sent_by_week[10] if rcpt == ["bappeda@jabarprov.go.id"])
    assert "Jawa Barat" in province["Subject"] and "32.04 Kabupaten Bandung" in _body(province)
    national = next(m for rcpt, m in sent_by_week[10] if rcpt == [viewer.email])
    assert "32.04 Kabupaten Bandung" in _body(national) and "58 days late" in _body(national)
    november = next(m for rcpt, m in sent_by_week[5] if rcpt == [viewer.email])
    assert "32.04" not in _body(november)  # 28 days on 1 November: not yet at the top step
    assert not db.session.scalars(select(Notification).where(Notification.status != "sent")).all()


def test_every_email_has_a_date_and_a_message_id_on_the_base_url_host(
    make_app, smtp_server, make_commitment, make_user
):
    app = make_app(MAIL_URL=smtp_server.url, BASE_URL="https://livinglab.sumedangkab.go.id:8443/")
    with app.app_context():
        commitment = make_commitment(region="32.04", due=FIRST_MONDAY.date() + timedelta(days=10))
        _contact("32.04", "officer@bandungkab.go.id", locale="en")
        verified = commitment.milestones[0]
        officer, mentor = make_user("region_officer"), make_user("host_staff")
        milestones.update(officer, verified.id, version=verified.version, status="submitted", level=3)
        milestones.verify(mentor, verified.id, decision="verify", level=3)
        _move_history(verified.id, FIRST_MONDAY - timedelta(days=3))
        code = verified.practice.code
        jobs.run_once(app, FIRST_MONDAY)
    [(_rcpt, message)] = smtp_server.messages
    assert email.utils.parsedate_to_datetime(message["Date"]).tzinfo is not None
    assert message["Message-ID"].endswith("@livinglab.sumedangkab.go.id>")
    text = _body(message)
    assert "https://livinglab.sumedangkab.go.id:8443/regions/32.04/milestones" in text
    since = text.split("Since last week", 1)[1]
    assert f"Verified: {code}" in since


def _move_history(milestone_id, at):
    for update in db.session.scalars(select(MilestoneUpdate).where(MilestoneUpdate.milestone_id == milestone_id)):
        update.at = at
    db.session.commit()


def test_a_wit_region_gets_its_own_mondays_content_through_the_cli(runner, outbox, make_commitment):
    make_commitment(region="91.71", due=date(2026, 11, 22))  # Kota Jayapura (WIT): due on Sunday
    _contact("91.71", "diskominfo@jayapurakota.go.id", locale="en")
    monday_0815_wit = "2026-11-22T23:15:00+00:00"  # still Sunday in UTC
    result = runner.invoke(args=["reminders", "send", "--at", monday_0815_wit, "--kind", "weekly_digest"])
    assert result.exit_code == 0, result.output
    [path] = outbox.glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email_policy.default)
    text = _body(message)
    assert "November 23, 2026" in text and "2026-W48" in message["Subject"]
    assert "Newly overdue: SPBE-01" in text
    overdue = text.split("Overdue:", 1)[1]
    assert "SPBE-01" in overdue


def test_host_staff_hear_weekly_of_reviews_past_the_sla(ladder_app, smtp_server, make_commitment, make_user):
    commitment = make_commitment(region="32.04", due=FIRST_MONDAY.date() + timedelta(days=60))
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    late, fresh = commitment.milestones[0], commitment.milestones[1]
    for m in (late, fresh):
        milestones.update(officer, m.id, version=m.version, status="submitted", level=2)
    _move_history(late.id, FIRST_MONDAY - timedelta(days=20))
    _move_history(fresh.id, FIRST_MONDAY - timedelta(days=2))
    assert jobs.run_once(ladder_app, FIRST_MONDAY, ["review_backlog"])["sent"] == 1
    assert jobs.run_once(ladder_app, FIRST_MONDAY + timedelta(days=1), ["review_backlog"])["sent"] == 0
    [(rcpt, message)] = smtp_server.messages
    assert rcpt == [mentor.email] and message["Message-ID"] and message["Date"]
    text = _body(message)
    assert late.practice.code in text and fresh.practice.code not in text
    assert not list(message.iter_attachments())


def test_a_whatsapp_group_gets_a_short_text_with_counts_and_a_link(make_app, webhook_receiver, make_commitment):
    app = make_app(WEBHOOK_URL=webhook_receiver.url, WEBHOOK_SECRET="gateway-secret")
    with app.app_context():
        make_commitment(region="32.04", due=FIRST_MONDAY.date() - timedelta(days=3))
        group = {"channel": "whatsapp_group", "phone": "+62 812 0000 1111", "locale": "en"}
        _contact("32.04", "grup-spbe@bandungkab.go.id", **group)
        assert jobs.run_once(app, FIRST_MONDAY)["sent"] == 1
        assert db.session.scalar(select(SentReport.id)) is None  # no PDF rendered for a short text
    [(_headers, _body_bytes, payload)] = webhook_receiver.requests
    assert payload["channel"] == "whatsapp_group" and payload["group"]["phone"] == "+6281200001111"
    assert "attachments" not in payload
    assert "0 returned, 3 overdue, 0 due within 30 days" in payload["text"]
    assert "http://localhost/regions/32.04/milestones" in payload["text"]


def test_a_letter_through_the_gateway_carries_the_weeks_digest_too(make_app, webhook_receiver, make_commitment):
    """The Sekda who is also the region's weekly contact hears once that week, by the gateway: the
    letter and the status sheet it folds in both travel, as on email."""
    app = make_app(WEBHOOK_URL=webhook_receiver.url, WEBHOOK_SECRET="gateway-secret", ESCALATION_DAYS=ESCALATION_DAYS)
    with app.app_context():
        make_commitment(region="32.04", due=DUE)
        gateway = {"channel": "webhook", "phone": "+62 812 0000 2222", "locale": "en"}
        _contact("32.04", "sekda@bandungkab.go.id", **gateway)
        _contact("32.04", "sekda@bandungkab.go.id", role="sekda", **gateway)
        fifth_monday = FIRST_MONDAY + timedelta(weeks=4)  # 29 days late: the Sekda's letter is due
        assert jobs.run_once(app, fifth_monday)["sent"] == 1
    [(_headers, _body_bytes, payload)] = webhook_receiver.requests
    assert payload["kind"] == "escalation_letter"
    letter, sheet = payload["attachments"]
    assert letter["filename"] == "living-lab-32.04-2026-11.pdf"
    assert sheet["filename"] == "living-lab-32.04-2026-W45.pdf"
    sheet_text = _pdf_text(base64.b64decode(sheet["data_base64"]))
    assert "Kabupaten Bandung" in sheet_text and "SPBE-01" in sheet_text
