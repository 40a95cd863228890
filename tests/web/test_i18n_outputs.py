"""The translation-completeness test for what leaves the app besides its pages (issue 16, point 4):
for an Indonesian reader the CSV and XLSX exports, the emails (weekly digest, letter, invitation,
password reset) and their PDFs, the region report PDF, the flash messages after the main actions
and the API's validation messages hold no English catalogue string.

"English" is every run of two or more words of a message whose Indonesian translation differs,
cut at its placeholders, that no Indonesian translation contains (a name such as "Living Lab SPBE"
is the same in both).
"""

import csv
import io
import re
import subprocess
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from livinglab import jobs, policy
from livinglab.extensions import db
from livinglab.models.base import utcnow
from livinglab.services import contacts, officer_accounts, password_reset
from livinglab.services.regions import get_region

TRANSLATIONS = Path(__file__).resolve().parents[2] / "livinglab" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sd]|\{\w*\}")
FIRST_MONDAY_OF_DECEMBER_0800_WIB = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # letters go on a month's first Monday


def _catalogue(locale):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


@cache
def english_strings():
    indonesian = _catalogue("id")
    said_in_indonesian = " ".join(
        text for message in indonesian if message.id for text in message.string if isinstance(message.string, tuple)
    ) + " ".join(message.string for message in indonesian if message.id and isinstance(message.string, str))
    found = set()
    for message in indonesian:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for source in sources:
            if source in targets:
                continue
            for part in PLACEHOLDER.split(source):
                part = part.strip(" .,:;()\n\"'–—")
                if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2 and part not in said_in_indonesian:
                    found.add(part)
    return sorted(found, key=len, reverse=True)


def english_in(text):
    flat = " ".join(text.split())
    return [phrase for phrase in english_strings() if phrase in flat]


def test_the_detector_finds_english_and_leaves_indonesian_alone(app):
    assert "Stale version: the milestone changed after you downloaded the file" in english_strings()
    assert english_in("Baris 3: Stale version: the milestone changed after you downloaded the file.")
    assert english_in("Tonggak capaian: Terverifikasi; Status baru; Kabupaten Bandung; Living Lab SPBE") == []


def _csv_text(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";")
    return "\n".join(" | ".join(row) for row in rows)


def _xlsx_text(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    book = load_workbook(io.BytesIO(response.data))
    parts = list(book.sheetnames)
    for sheet in book.worksheets:
        parts += [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
        parts += [str(rule.formula1) for rule in sheet.data_validations.dataValidation]
    return "\n".join(parts)


def _pdf_text(data):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_exports_for_an_indonesian_reader_hold_no_english(login_as, make_commitment):
    make_commitment()
    host, viewer = login_as("host_admin", locale="id"), login_as("ministry_viewer", locale="id")
    officer = login_as("region_officer", locale="id")
    texts = {
        "/overview.csv": _csv_text(host.get("/overview.csv")),
        "/overview.xlsx": _xlsx_text(host.get("/overview.xlsx")),
        "/national/provinces.csv": _csv_text(viewer.get("/national/provinces.csv")),
        "/national/provinces.xlsx": _xlsx_text(viewer.get("/national/provinces.xlsx")),
        "/national/regions.csv": _csv_text(viewer.get("/national/regions.csv")),
        "/regions/32.04/index.csv": _csv_text(host.get("/regions/32.04/index.csv")),
        "/regions/32.04/milestones.xlsx": _xlsx_text(officer.get("/regions/32.04/milestones.xlsx")),
        "commitment template.csv": _csv_text(host.get("/commitments/import/template.csv")),
        "commitment template.xlsx": _xlsx_text(host.get("/commitments/import/template.xlsx")),
        "evaluation template.csv": _csv_text(host.get("/evaluations/import/template.csv")),
        "evaluation template.xlsx": _xlsx_text(host.get("/evaluations/import/template.xlsx")),
    }
    assert "Tonggak capaian" in texts["/regions/32.04/milestones.xlsx"]
    english = {name: english_in(text) for name, text in texts.items() if english_in(text)}
    assert english == {}
    in_english = login_as("host_admin", locale="en").get("/overview.csv").data.decode("utf-8-sig")
    assert "Index estimate" in english_in(in_english)  # the same file for an English reader


def test_the_region_report_pdf_for_an_indonesian_reader_holds_no_english(login_as, make_commitment):
    make_commitment()
    response = login_as("host_staff", locale="id").get("/regions/32.04/report.pdf")
    assert response.status_code == 200
    text = _pdf_text(response.data)
    assert "Kabupaten Bandung" in text
    assert english_in(text) == []


@pytest.fixture
def mail_app(make_app, smtp_server):
    app = make_app(MAIL_URL=smtp_server.url)
    with app.app_context():
        yield app


def _message_texts(message):
    parts = [message["Subject"]]
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            parts.append(part.get_content())
        elif part.get_content_type() == "application/pdf":
            parts.append(_pdf_text(part.get_content()))
    return "\n".join(parts)


def _english_by_recipient(smtp_server, expected):
    by_recipient = {rcpt[0]: message for rcpt, message in smtp_server.messages}
    assert expected <= set(by_recipient)
    found = {address: english_in(_message_texts(by_recipient[address])) for address in expected}
    return {address: phrases for address, phrases in found.items() if phrases}


def test_the_digest_and_the_letter_for_indonesian_readers_hold_no_english(mail_app, smtp_server, make_commitment):
    make_commitment(region="32.04", due=date(2026, 10, 4))  # 64 days late on the first Monday of December
    for role, address in (("officer", "diskominfo@bandungkab.go.id"), ("sekda", "sekda@bandungkab.go.id")):
        contacts.create_contact(policy.SYSTEM, "32.04", name=role, email=address, role=role, locale="id")
    jobs.run_once(mail_app, FIRST_MONDAY_OF_DECEMBER_0800_WIB)
    expected = {"diskominfo@bandungkab.go.id", "sekda@bandungkab.go.id"}
    assert _english_by_recipient(smtp_server, expected) == {}


def test_the_invitation_and_the_reset_mail_for_indonesian_readers_hold_no_english(mail_app, smtp_server, make_user):
    invited, _created = officer_accounts.invite_officer(
        policy.SYSTEM, get_region("32.04"), "baru@bandungkab.go.id", "Operator Baru"
    )
    db.session.commit()
    reader = make_user("host_staff", locale="id")
    password_reset.request_own_password_reset(reader.email)
    jobs.run_once(mail_app, utcnow() + timedelta(minutes=1))  # the account mails are due as soon as asked
    assert _english_by_recipient(smtp_server, {invited.email, reader.email}) == {}


def _page_text(response):
    html = response.get_data(as_text=True)
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))


def test_flash_messages_after_the_main_actions_hold_no_english(login_as, web, make_commitment):
    first, second = make_commitment().milestones[:2]
    officer = login_as("region_officer", locale="id")
    mentor = login_as("host_staff", locale="id")
    pages = {}
    update = {"version": "1", "status": "submitted", "level": "3", "note": "SK terbit"}
    pages["update"] = officer.post(f"/milestones/{first.id}/update", data=update, follow_redirects=True)
    decision = {"version": "2", "decision": "return", "comment": "Lengkapi bukti"}
    pages["return"] = mentor.post(f"/milestones/{first.id}/verification", data=decision, follow_redirects=True)
    refused = {"version": "1", "status": "blocked"}  # blocked without a reason: refused on the form
    pages["refused update"] = officer.post(f"/milestones/{second.id}/update", data=refused)
    pages["sign out"] = officer.post("/logout", follow_redirects=True)
    pages["wrong password"] = web.post("/login", data={"email": officer.user.email, "password": "salah"})
    shown = {name: " ".join(_page_text(page).split()) for name, page in pages.items()}
    assert "Tonggak capaian disimpan." in shown["update"] and "Keputusan dicatat." in shown["return"]
    assert "Anda telah keluar." in shown["sign out"] and "Email atau kata sandi tidak benar." in shown["wrong password"]
    english = {name: english_in(text) for name, text in shown.items() if english_in(text)}
    assert english == {}


def test_api_validation_messages_for_an_indonesian_client_hold_no_english(api_as, make_commitment):
    milestone = make_commitment().milestones[0]
    api = api_as("host_admin", locale="id")
    headers = {"Accept-Language": "id"}
    answers = [
        api.post("/api/v1/commitments", json={"region": 7, "practices": "x", "signed_on": "kemarin"}, headers=headers),
        api.post("/api/v1/commitments", json={"unknown": True}, headers=headers),
        api.patch(f"/api/v1/milestones/{milestone.id}", json={"level": "tinggi", "version": []}, headers=headers),
        api.post(f"/api/v1/milestones/{milestone.id}/verification", json={"decision": 5}, headers=headers),
    ]
    assert {answer.status_code for answer in answers} <= {400, 409, 422}
    english = [english_in(answer.get_data(as_text=True)) for answer in answers]
    assert english == [[], [], [], []]
