"""Issue 14, points 6 and 8: OPD contacts hear about their OPD's milestones only, and an address
gets at most one message per region and week, whatever rows and roles it has (the month's letter
carries that week's digest), against a real SMTP server."""

import io
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import event, select

from livinglab import jobs, policy
from livinglab.extensions import db
from livinglab.models import Contact, Notification, SentReport
from livinglab.services import contacts, delivery, milestones, opds, reminders

FIRST_MONDAY = datetime(2026, 10, 5, 1, 0, tzinfo=UTC)  # 08:00 WIB, week 2026-W41
ESCALATION_DAYS = 14


def _pdf_text(data):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _contact(email_address, role="officer", opd=None, locale="en", region="32.04"):
    return contacts.create_contact(
        policy.SYSTEM, region, name=f"{role} {opd or region}", email=email_address, role=role, locale=locale, opd=opd
    )


@pytest.fixture
def mail_app(make_app, smtp_server):
    app = make_app(MAIL_URL=smtp_server.url, ESCALATION_DAYS=ESCALATION_DAYS)
    with app.app_context():
        yield app


@pytest.fixture
def three_opds(make_commitment, make_user):
    """32.04's milestones: SPBE-01 is Diskominfo's and overdue, SPBE-21 Bappeda's and due in
    months, SPBE-33 nobody's and due in three weeks (seen from FIRST_MONDAY)."""
    commitment = make_commitment(region="32.04", due=FIRST_MONDAY.date() - timedelta(days=1))
    kominfo = opds.create_opd(policy.SYSTEM, "32.04", short_name="Diskominfo", name="Dinas Kominfo")
    bappeda = opds.create_opd(policy.SYSTEM, "32.04", short_name="Bappeda", name="Badan Perencanaan")
    opds.create_opd(policy.SYSTEM, "32.04", short_name="BKPSDM", name="Badan Kepegawaian")
    first, second, third = commitment.milestones
    officer = make_user("region_officer", region="32.04")
    milestones.update(officer, first.id, version=first.version, opd="Diskominfo")
    milestones.update(officer, second.id, version=second.version, opd="Bappeda")
    second.due_date = FIRST_MONDAY.date() + timedelta(days=120)
    third.due_date = FIRST_MONDAY.date() + timedelta(days=21)
    db.session.commit()
    return kominfo, bappeda


def test_an_opd_contact_hears_of_its_opds_milestones_only(mail_app, smtp_server, three_opds):
    _contact("rina@bandungkab.go.id", opd="Diskominfo")
    _contact("asep@bandungkab.go.id", opd="Bappeda")  # Bappeda's only milestone is months away
    _contact("tono@bandungkab.go.id", opd="BKPSDM")  # no milestone at all
    _contact("dedi@bandungkab.go.id")  # no OPD: the whole region
    jobs.run_once(mail_app, FIRST_MONDAY)
    by_address = {rcpt[0]: message for rcpt, message in smtp_server.messages}
    assert sorted(by_address) == ["dedi@bandungkab.go.id", "rina@bandungkab.go.id"]

    rina = _body(by_address["rina@bandungkab.go.id"])
    assert "weekly progress summary of Diskominfo, Kabupaten Bandung" in rina
    assert "the attached PDF is the status sheet of the whole region" in rina
    assert "SPBE-01" in rina and "SPBE-21" not in rina and "SPBE-33" not in rina
    dedi = _body(by_address["dedi@bandungkab.go.id"])
    assert "SPBE-01" in dedi and "SPBE-33" in dedi and "Diskominfo" not in dedi

    pdfs = {address: next(m.iter_attachments()).get_content() for address, m in by_address.items()}
    assert pdfs["rina@bandungkab.go.id"] == pdfs["dedi@bandungkab.go.id"]
    [report] = db.session.scalars(select(SentReport)).all()  # archived once, for both
    assert report.recipients == ["dedi@bandungkab.go.id", "rina@bandungkab.go.id"]
    assert "Kabupaten Bandung" in _pdf_text(pdfs["rina@bandungkab.go.id"])


def test_an_opd_head_of_agency_is_reached_by_its_own_opds_delay(mail_app, smtp_server, three_opds):
    kominfo, _bappeda = three_opds
    _contact("kadis-kominfo@bandungkab.go.id", role="head_of_agency", opd="Diskominfo")
    _contact("kaban-bappeda@bandungkab.go.id", role="head_of_agency", opd="Bappeda")
    week_3 = FIRST_MONDAY + timedelta(weeks=2)  # Diskominfo's SPBE-01 is 15 days late
    jobs.run_once(mail_app, week_3)
    [(rcpt, message)] = smtp_server.messages
    assert rcpt == ["kadis-kominfo@bandungkab.go.id"]
    text = _body(message)
    assert "Escalation" in text and "15 days late" in text and "SPBE-33" not in text
    assert db.session.scalars(select(Notification.opd_ids)).all() == [[kominfo.id]]


def test_each_address_gets_at_most_one_message_a_week_over_twelve_weeks(mail_app, smtp_server, make_commitment):
    make_commitment(region="32.04", due=FIRST_MONDAY.date() - timedelta(days=1))
    opds.create_opd(policy.SYSTEM, "32.04", short_name="Diskominfo", name="Dinas Kominfo")
    opds.create_opd(policy.SYSTEM, "32.04", short_name="Bappeda", name="Badan Perencanaan")
    both = "sekda@bandungkab.go.id"  # also the officer who updates the milestones
    _contact(both)
    _contact(both, role="sekda")
    twice = "sekretariat@bandungkab.go.id"  # a shared mailbox under two OPDs
    _contact(twice, opd="Diskominfo")
    _contact(twice, opd="Bappeda")
    climbing = "kadis@bandungkab.go.id"  # officer and head of agency
    _contact(climbing)
    _contact(climbing, role="head_of_agency")
    only_sekda = "setda@bandungkab.go.id"
    _contact(only_sekda, role="sekda", locale="id")
    sent_by_week = {}
    for week in range(1, 13):
        monday = FIRST_MONDAY + timedelta(weeks=week - 1)
        before = len(smtp_server.messages)
        jobs.run_once(mail_app, monday)
        again = jobs.run_once(mail_app, monday + timedelta(days=2))
        assert again == {"enqueued": 0, "sent": 0, "queued": 0, "failed": 0, "skipped": 0}, f"week {week}"
        sent_by_week[week] = smtp_server.messages[before:]
    for week, messages in sent_by_week.items():
        counts = Counter(rcpt[0] for rcpt, _message in messages)
        assert set(counts.values()) == {1}, f"week {week}: {counts}"

    def weeks_of(address):
        return [week for week, messages in sent_by_week.items() if any(rcpt == [address] for rcpt, _m in messages)]

    assert weeks_of(both) == weeks_of(climbing) == list(range(1, 13))
    assert weeks_of(twice) == []  # neither OPD has a milestone
    assert weeks_of(only_sekda) == [5, 10]

    folded = [m for rcpt, m in sent_by_week[5] + sent_by_week[10] if rcpt == [both]]
    numbers = [re.search(r"\d{3}/\d{3}/Diskominfo/2026", m["Subject"]).group(0) for m in folded]
    assert len(set(numbers)) == 2
    november = folded[0]
    text = _body(november)
    assert "This message is also this week's progress summary" in text
    assert "Since last week" in text and "Escalation" in text and "29 days late" in text
    letter, status_report = (_pdf_text(a.get_content()) for a in november.iter_attachments())
    assert "Kabupaten Bandung" in letter and numbers[0] in letter and "SPBE-01" in letter
    assert "Kabupaten Bandung" in status_report and numbers[0] not in status_report
    others = [m for rcpt, m in sent_by_week[5] if rcpt == [only_sekda]]
    assert len(list(others[0].iter_attachments())) == 1  # a Sekda alone gets the letter alone
    letters_archived = db.session.scalars(select(SentReport).where(SentReport.kind == "escalation_letter")).all()
    assert {(r.period_key, r.locale): r.recipients for r in letters_archived} == {
        ("2026-11", "en"): [both],
        ("2026-11", "id"): [only_sekda],
        ("2026-12", "en"): [both],
        ("2026-12", "id"): [only_sekda],
    }


def test_a_letter_due_after_the_weeks_digest_went_waits_a_week(mail_app, smtp_server, make_commitment):
    make_commitment(region="32.04", due=date(2026, 10, 4))
    both = "sekda@bandungkab.go.id"
    _contact(both)
    _contact(both, role="sekda")
    letter_week = FIRST_MONDAY + timedelta(weeks=4)  # 2 November: 29 days late
    jobs.run_once(mail_app, letter_week, ["weekly_digest"])
    assert jobs.run_once(mail_app, letter_week + timedelta(hours=2))["enqueued"] == 0
    jobs.run_once(mail_app, letter_week + timedelta(weeks=1))
    kinds = [("Letter" in m["Subject"], rcpt) for rcpt, m in smtp_server.messages]
    assert kinds == [(False, [both]), (True, [both])]
    assert len(list(smtp_server.messages[1][1].iter_attachments())) == 2


def test_a_row_keeps_what_it_covers_and_an_opd_deleted_since_means_the_whole_region(mail_app, smtp_server, three_opds):
    with mail_app.app_context():  # its MAIL_URL, not the default app's file outbox
        kominfo, _bappeda = three_opds
        _contact("rina@bandungkab.go.id", opd="Diskominfo")
        _contact("asep@bandungkab.go.id", opd="Diskominfo")
        assert reminders.enqueue(FIRST_MONDAY) == 2
        contacts.update_contact(
            policy.SYSTEM, _contact_id("asep@bandungkab.go.id"), name="Asep", email="asep@bandungkab.go.id", opd=None
        )
        # asep was planned as Diskominfo's contact: the change made since does not widen the row
        assert delivery.deliver_pending(FIRST_MONDAY)["sent"] == 2
        asep = _body(smtp_server.messages[-1][1])
        assert "summary of Diskominfo" in asep and "SPBE-33" not in asep

        _contact("dewi@bandungkab.go.id", opd="Diskominfo")
        week_2 = FIRST_MONDAY + timedelta(weeks=1)
        reminders.enqueue(week_2)
        opds.delete_opd(policy.SYSTEM, "32.04", kominfo.id)
        delivery.deliver_pending(week_2)
        dewi = _body(next(m for rcpt, m in smtp_server.messages if rcpt == ["dewi@bandungkab.go.id"]))
        assert "summary of Kabupaten Bandung in" in dewi and "SPBE-01" in dewi and "SPBE-33" in dewi


def _contact_id(address):
    return db.session.scalar(select(Contact.id).where(Contact.email == address))


def test_planning_for_opd_contacts_asks_the_same_number_of_queries_for_any_number_of_regions(mail_app, make_commitment):
    def queries():
        statements = []

        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            planned = reminders.plan(FIRST_MONDAY + timedelta(weeks=4))  # a letter week
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(planned), len(statements)

    def region_with_opd_contacts(code):
        commitment = make_commitment(region=code, due=FIRST_MONDAY.date() - timedelta(days=1))
        kominfo = opds.create_opd(policy.SYSTEM, code, short_name="Diskominfo", name="Dinas Kominfo")
        commitment.milestones[0].opd_id = kominfo.id
        db.session.commit()
        _contact(f"kominfo@{code}.go.id", opd="Diskominfo", region=code)
        _contact(f"sekda@{code}.go.id", region=code)
        _contact(f"sekda@{code}.go.id", role="sekda", region=code)

    region_with_opd_contacts("32.04")
    few = queries()
    for code in ("32.73", "51.71", "91.71"):
        region_with_opd_contacts(code)
    many = queries()
    assert many[0] == 4 * few[0] == 4 * 2 and many[1] == few[1]
