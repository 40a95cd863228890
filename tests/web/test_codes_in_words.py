"""Codes in words (issue 16, point 4): the audit log's actions, action filter, entity types, fields
and coded values, and the catalogue's level scales come from labels.py, in the reader's language;
every action the code records has words."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from livinglab import labels
from livinglab.domain.milestone_states import TRANSITIONS
from livinglab.extensions import db
from livinglab.models import User
from livinglab.services import audit, extension_requests

SOURCE = Path(__file__).resolve().parents[2] / "livinglab"
LITERAL = re.compile(r"audit\.record\(\s*[^,]+,\s*\"([a-z_]+\.[a-z_]+)\"")
DYNAMIC = re.compile(r"audit\.record\(\s*[^,]+,\s*f\"([a-z_]+)\.\{")


def _recorded_actions():
    literal, dynamic = set(), set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        literal.update(LITERAL.findall(text))
        dynamic.update(DYNAMIC.findall(text))
    return literal, dynamic


def test_every_recorded_action_has_words(app):
    literal, dynamic = _recorded_actions()
    assert len(literal) > 30 and dynamic == {"milestone", "commitment", "replication_stage", "extension_request"}
    verbs = {t.action for t in TRANSITIONS.values()} | {"replan", "target_cascade", "comment"}
    dynamic_actions = {f"{subject}.{verb}" for subject in dynamic - {"extension_request"} for verb in verbs}
    dynamic_actions |= {f"extension_request.{decision}" for decision in extension_requests.DECISIONS}
    with force_locale("id"):
        unnamed = [action for action in literal | dynamic_actions if labels.audit_action(action) == action]
    assert unnamed == []


@pytest.mark.parametrize(
    ("locale", "action", "subject", "status"),
    [
        ("id", "Tonggak capaian: Terverifikasi", "Tonggak capaian", "Diajukan → Terverifikasi"),
        ("en", "Milestone: Verified", "Milestone", "Submitted → Verified"),
    ],
)
def test_the_audit_page_reads_in_words(login_as, locale, action, subject, status):
    client = login_as("host_admin", locale=locale)
    actor = db.session.scalar(select(User).where(User.id == client.user.id))
    audit.record(actor, "milestone.verify", ("Milestone", 3), {"status": "submitted"}, {"status": "verified"})
    db.session.commit()
    page = client.get("/admin/audit").get_data(as_text=True)
    assert f'data-testid="audit-action">{action}<' in page
    assert f'<option value="Milestone" >{subject}</option>' in page
    assert f'<option value="milestone." >{subject}</option>' in page
    assert f"{status}</li>" in page
    assert "milestone.verify" not in page and ">submitted<" not in page
    filtered = client.get("/admin/audit?action=milestone.").get_data(as_text=True)
    assert f'<option value="milestone." selected>{subject}</option>' in filtered and action in filtered


@pytest.mark.parametrize(("locale", "scale"), [("id", "Proses"), ("en", "Process")])
def test_the_catalogue_names_level_scales_in_words(login_as, locale, scale):
    page = login_as("host_admin", locale=locale).get("/catalogue").get_data(as_text=True)
    assert f"<td>{scale}</td>" in page and "<td>process</td>" not in page


@pytest.mark.parametrize(
    ("role", "url", "words", "code"),
    [
        ("host_admin", "/commitments/import", "Nama penanda tangan", "signatory_name"),
        ("host_admin", "/evaluations/import", "Tanggal evaluasi", "evaluated_on"),
        ("region_officer", "/regions/32.04/milestones/import", "Status baru", "new_status"),
    ],
)
def test_import_pages_name_the_columns_as_the_templates_do(login_as, role, url, words, code):
    html = login_as(role, locale="id").get(url).get_data(as_text=True)
    text = re.sub(r"<[^>]+>", " ", html)  # what a reader sees, not the form's field names
    assert words in text and code not in text
