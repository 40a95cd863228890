"""No raw code reaches a reader (issue 16, point 4): notification kinds, statuses, channels,
contact roles and inbox kinds in words of the reader's language; audit entries as
`field: before → after` lines, not JSON; SHA-256 fingerprints only behind a <details> toggle."""

from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import InboxItem, Notification, SentReport, User
from livinglab.models.notifications import CHANNELS, CONTACT_ROLES, KINDS, NOTIFICATION_STATUSES
from livinglab.services import audit, contacts, uploads

INBOX_KINDS = ("milestone_returned", "milestone_submitted", "milestone_verified", "milestone_below_target")
SCOPES = ("32.04", "national", "account")
CODES = set(KINDS) | set(NOTIFICATION_STATUSES) | set(CHANNELS) | set(CONTACT_ROLES) | set(INBOX_KINDS)
CODES |= {"id", "en", "national", "account"}
WORDS = {
    "id": ("Ringkasan mingguan", "Terkirim", "Gagal", "Dalam antrean", "Grup WhatsApp", "Sekretaris Daerah"),
    "en": ("Weekly digest", "Sent", "Failed", "Queued", "WhatsApp group", "Regional Secretary"),
}


class _Page(HTMLParser):
    """The text of each table cell and list item, and what sits inside <details> (kept apart)."""

    def __init__(self):
        super().__init__()
        self.cells, self.hidden, self._open, self._details = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "details":
            self._details += 1
        if tag in ("td", "li", "option"):
            self._open.append([])

    def handle_endtag(self, tag):
        if tag == "details":
            self._details -= 1
        if tag in ("td", "li", "option") and self._open:
            self.cells.append(" ".join("".join(self._open.pop()).split()))

    def handle_data(self, data):
        if self._details:
            self.hidden.append(data)
        elif self._open:
            self._open[-1].append(data)


def _read(response):
    assert response.status_code == 200
    page = _Page()
    page.feed(response.get_data(as_text=True))
    return page


def _raw(cells):
    return [cell for cell in cells if cell in CODES or any(code in cell for code in CODES if "_" in code)]


@pytest.fixture
def outbox_rows(app):
    sha = uploads.write_blob(b"%PDF-1.4 as sent\n%%EOF\n")
    report = SentReport(
        kind="weekly_digest", scope="32.04", period_key="2026-W48", locale="id", sha256=sha, size=24, recipients=["a@x"]
    )
    db.session.add(report)
    for number, kind in enumerate(KINDS):
        for status in NOTIFICATION_STATUSES:
            db.session.add(
                Notification(
                    kind=kind,
                    scope=SCOPES[number % len(SCOPES)],
                    recipient=f"{status}-{number}@example.go.id",
                    channel="email",
                    period_key="2026-W48",
                    status=status,
                    report=report,
                )
            )
    db.session.commit()
    return sha


@pytest.mark.parametrize("locale", ["id", "en"])
def test_outbox_names_kinds_statuses_and_languages_and_hides_fingerprints(login_as, outbox_rows, locale):
    page = _read(login_as("host_admin", locale=locale).get("/outbox"))
    assert not _raw(page.cells), _raw(page.cells)
    assert all(word in page.cells for word in WORDS[locale][:4])
    assert "Bahasa Indonesia" in page.cells
    assert outbox_rows in "".join(page.hidden) and not any(outbox_rows[:16] in cell for cell in page.cells)


@pytest.mark.parametrize("locale", ["id", "en"])
def test_contacts_name_channels_roles_and_languages(login_as, make_user, locale):
    admin = make_user("host_admin")
    for number, role in enumerate(CONTACT_ROLES):
        contacts.create_contact(
            admin,
            "32.04",
            name=f"Kontak {number}",
            email=f"kontak{number}@example.go.id",
            phone="+6281234567890",
            channel=CHANNELS[number % len(CHANNELS)],
            locale="en",
            role=role,
        )
    page = _read(login_as("host_admin", locale=locale).get("/contacts"))
    assert not _raw(page.cells), _raw(page.cells)
    assert any(WORDS[locale][4] in cell for cell in page.cells) and "English" in page.cells
    assert any(WORDS[locale][5] in cell for cell in page.cells)


@pytest.mark.parametrize("locale", ["id", "en"])
def test_inbox_names_every_kind(login_as, make_commitment, locale):
    client = login_as("host_staff", locale=locale)
    milestone = make_commitment().milestones[0]
    for kind in INBOX_KINDS:
        db.session.add(InboxItem(user_id=client.user.id, kind=kind, milestone_id=milestone.id))
    db.session.commit()
    page = _read(client.get("/inbox"))
    assert len([cell for cell in page.cells if milestone.practice.code in cell]) == len(INBOX_KINDS)
    assert not _raw(page.cells), _raw(page.cells)


@pytest.mark.parametrize(("locale", "yes", "title"), [("id", "ya", "Judul"), ("en", "yes", "Title")])
def test_audit_log_shows_changes_as_lines_and_hides_fingerprints(login_as, locale, yes, title):
    client = login_as("host_admin", locale=locale)
    actor = db.session.scalar(select(User).where(User.id == client.user.id))
    fingerprint = "ab" * 32
    audit.record(
        actor,
        "evidence.replace",
        ("Evidence", 7),
        before={"title": "SK lama", "due_date": "2025-01-31", "public": False, "sha256": "cd" * 32},
        after={"title": "SK baru", "due_date": "2025-01-31", "public": True, "sha256": fingerprint, "stage": {"n": 2}},
    )
    db.session.commit()
    page = _read(client.get("/admin/audit"))
    lines = [cell for cell in page.cells if "→" in cell or "stage" in cell]
    assert f"{title}: SK lama → SK baru" in lines and f"public: {'tidak' if locale == 'id' else 'no'} → {yes}" in lines
    assert "stage · n: 2" in lines and not any("due_date" in line for line in lines)
    assert not any("{" in cell or fingerprint[:16] in cell for cell in page.cells)
    assert fingerprint in "".join(page.hidden)
