"""Stored XSS: a script/onerror payload in every free-text field comes back escaped on every page
the roles can open, and as literal text in every PDF."""

import io
from datetime import date

import pytest
from conftest import WebClient
from pypdf import PdfReader
from tests_support import routes

from livinglab import policy
from livinglab.services import catalogue, commitments, contacts, events, milestones, visits
from livinglab.services.milestones import EvidenceInput

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RAW = ("<script>alert(", "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert("
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _tagged(label):
    return f"{label} {PAYLOAD}"


@pytest.fixture
def hostile(app, make_user):
    """Records of region 32.04 with the payload in each free-text field; the URL arguments to reach them."""
    admin = make_user("host_admin", name=_tagged("Admin"))
    officer = make_user("region_officer", name=_tagged("Officer"))
    viewer = make_user("ministry_viewer", name=_tagged("Viewer"))
    practice = catalogue.create_practice(
        admin,
        "host-practices",
        code="HOST-XSS",
        title=_tagged("Practice"),
        title_en=_tagged("Practice en"),
        description=_tagged("Description"),
        evidence_hint=_tagged("Hint"),
        weight=0,
        level_scale="process",
        default_duration_days=90,
    )
    event = events.create_event(
        admin, name=_tagged("Event"), place=_tagged("Place"), date=date(2022, 11, 21), description=_tagged("About")
    )
    visit = visits.create_visit(
        admin,
        region="32.04",
        start_date=date(2022, 10, 3),
        end_date=date(2022, 10, 4),
        head_of_delegation=_tagged("Head"),
        delegation_size=10,
        practices=["HOST-XSS"],
        notes=_tagged("Visit notes"),
        attachments=[(PDF, _tagged("attendance") + ".pdf")],
    )
    commitment = commitments.create_commitment(
        admin,
        region="32.04",
        signatory_name=_tagged("Signatory"),
        signed_on=date(2022, 11, 21),
        signing_event_id=event.id,
        study_visit_id=visit.id,
        practices=["SPBE-01", "HOST-XSS"],
        notes=_tagged("Commitment notes"),
        status="active",
        document=(PDF, _tagged("signed") + ".pdf"),
    )
    first, second = commitment.milestones[0], commitment.milestones[1]
    milestones.update(officer, first.id, version=first.version, status="in_progress", note=_tagged("Note"))
    evidence = EvidenceInput("report", _tagged("Evidence"), document_number=_tagged("No"), file=(PDF, "bukti.pdf"))
    milestones.update(officer, first.id, version=2, status="submitted", note=_tagged("Submit"), evidence=[evidence])
    milestones.verify(admin, first.id, decision="return", comment=_tagged("Return comment"))
    milestones.update(officer, second.id, version=second.version, status="blocked", note=_tagged("Blocked reason"))
    contact = contacts.create_contact(policy.SYSTEM, "32.04", name=_tagged("Contact"), email="kontak@example.go.id")
    return {
        "users": {"host_admin": admin, "region_officer": officer, "ministry_viewer": viewer},
        "args": {
            "code": "32.04",
            "milestone_id": first.id,
            "commitment_id": commitment.id,
            "event_id": event.id,
            "visit_id": visit.id,
            "practice_code": "HOST-XSS",
            "practice_id": practice.id,
            "contact_id": contact.id,
            "user_id": officer.id,
        },
    }


def _sign_in(app, user):
    client = WebClient(app)
    assert client.login(user.email).status_code == 302
    client.user = user
    return client


def _pages(app, args):
    """Every GET page whose URL arguments we can fill, with those arguments."""
    from flask import url_for

    with app.test_request_context():
        for rule, method in routes(app):
            if method != "GET" or rule.rule.startswith(("/api/", "/static")) or not set(rule.arguments) <= set(args):
                continue
            yield url_for(rule.endpoint, **{name: args[name] for name in rule.arguments})


@pytest.mark.parametrize("role", ["host_admin", "region_officer", "ministry_viewer"])
def test_payloads_come_back_escaped_on_every_page(app, hostile, role):
    client = _sign_in(app, hostile["users"][role])
    seen = []
    for url in _pages(app, hostile["args"]):
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        for raw in RAW:
            assert raw not in html, f"{role} {url}: unescaped payload"
        if ESCAPED in html:
            seen.append(url)
    assert len(seen) >= 5, f"{role}: the payload should show (escaped) on the pages with the records: {seen}"


def test_the_pages_that_show_each_field_escape_it(app, hostile):
    admin = _sign_in(app, hostile["users"]["host_admin"])
    args = hostile["args"]
    expected = {
        "/admin/users": ["Admin", "Officer", "Viewer"],
        f"/catalogue/practices/{args['practice_id']}": ["Practice", "Practice en", "Description", "Hint"],
        f"/commitments/{args['commitment_id']}": ["Practice", "Event", "Signatory", "Commitment notes"],
        f"/events/{args['event_id']}": ["Event", "Place", "About", "Signatory"],
        f"/visits/{args['visit_id']}": ["Practice", "Head", "Visit notes"],
        f"/milestones/{args['milestone_id']}": ["Officer", "Note", "Submit", "Return comment", "Evidence", "No"],
        "/regions/32.04": ["Officer", "Practice", "Event", "Signatory"],
        "/contacts": ["Contact"],
        "/peers/HOST-XSS": ["Practice"],
    }
    from markupsafe import escape

    for url, labels in expected.items():
        response = admin.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        for label in labels:
            assert str(escape(_tagged(label))) in html, f"{url}: {label} not shown escaped"


def _pdf_text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_payloads_are_literal_text_in_every_pdf(app, hostile):
    admin = _sign_in(app, hostile["users"]["host_admin"])
    args = hostile["args"]
    reports = {
        "/regions/32.04/report.pdf": ["Signatory", "Return comment"],
        f"/events/{args['event_id']}/report.pdf": ["Event", "Signatory"],
        "/national/report.pdf": [],
    }
    for url, labels in reports.items():
        response = admin.get(url)
        assert response.status_code == 200 and response.mimetype == "application/pdf", url
        text = " ".join(_pdf_text(response.data).split())
        for label in labels:
            assert f"{label} <script>alert(" in text, f"{url}: {label} is not literal text"
        assert "alert(1)>" in text or not labels
