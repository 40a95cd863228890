"""IDOR: every API endpoint that takes an id, tried by a region officer of another region with
region 32.04's ids. Each answer is a 404 (ids leak nothing), the body names nothing of 32.04, and
nothing changes. Lists show only the caller's own region."""

from datetime import date, timedelta

import pytest
from conftest import ApiClient
from sqlalchemy import func, select
from tests_support import api_rules

from livinglab import create_app, policy
from livinglab.extensions import db
from livinglab.models import Contact, Evidence, Milestone, MilestoneUpdate, RegionSector
from livinglab.services import accounts, contacts, milestones, sectors, visits
from livinglab.services.milestones import EvidenceInput

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET = "Rahasia Sumedang-Bandung"  # appears only in region 32.04's records
OWNED_ARGUMENTS = {"code", "commitment_id", "milestone_id", "evidence_id", "visit_id"}


def _rules():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return [
        (rule.rule, method)
        for rule, method in api_rules(app)
        if set(rule.arguments) & OWNED_ARGUMENTS and rule.rule != "/api/v1/regions/<string:code>"
    ]


RULES = _rules()


@pytest.fixture
def victim(make_commitment, make_user):
    """Region 32.04's records, each carrying SECRET where there is free text."""
    commitment = make_commitment(signatory_name=SECRET, notes=SECRET)
    milestone = commitment.milestones[0]
    officer = make_user("region_officer", region="32.04")
    evidence = milestones.add_evidence(officer, milestone.id, EvidenceInput("report", SECRET, file=(PDF, "sk.pdf")))
    visit = visits.create_visit(
        policy.SYSTEM,
        region="32.04",
        start_date=date(2022, 10, 3),
        end_date=date(2022, 10, 4),
        head_of_delegation=SECRET,
        delegation_size=5,
    )
    contacts.create_contact(policy.SYSTEM, "32.04", name=SECRET, email="rahasia@example.go.id")
    sectors.update(policy.SYSTEM, commitment.region, {"SPBE-45": SECRET})
    return {
        "code": "32.04",
        "commitment_id": commitment.id,
        "milestone_id": milestone.id,
        "evidence_id": evidence.id,
        "visit_id": visit.id,
    }


def _version(milestone_id):
    return db.session.get(Milestone, milestone_id).version


def _valid_body(path, method, milestone_id=None):
    """A body the endpoint would accept from someone allowed: only the access check may refuse it."""
    if method == "GET":
        return None
    version = _version(milestone_id) if milestone_id else db.session.scalar(select(func.max(Milestone.version)))
    return {
        "/api/v1/milestones/<int:milestone_id>": {"version": version, "status": "in_progress"},
        "/api/v1/milestones/<int:milestone_id>/evidence": {"url": "https://x.go.id/sk", "description": "SK"},
        "/api/v1/milestones/<int:milestone_id>/verification": {
            "decision": "return",
            "comment": "x",
            "version": version,
        },
        "/api/v1/regions/<string:code>/contacts": {"name": "Orang Lain", "email": "lain@example.go.id"},
        "/api/v1/regions/<string:code>/sectors": {"SPBE-45": "Kesehatan"},
        "/api/v1/commitments/<int:commitment_id>/replan": {"shift_days": 7, "reason": "Anggaran bergeser"},
        "/api/v1/milestones/<int:milestone_id>/extension-requests": {
            "due_date": (date.today() + timedelta(days=400)).isoformat(),
            "reason": "Perbup masih di Biro Hukum",
        },
        "/api/v1/regions/<string:code>/documents": {"url": "https://x.go.id/pb", "kind": "regulation", "title": "P"},
        "/api/v1/regions/<string:code>/opds": {"name": "Dinas Komunikasi dan Informatika", "short_name": "Kominfo"},
    }[path]


def _state():
    return (
        db.session.scalar(select(func.sum(Milestone.version))),
        db.session.scalar(select(func.count(MilestoneUpdate.id))),
        db.session.scalar(select(func.count(Evidence.id))),
        db.session.scalar(select(func.count(Contact.id))),
        db.session.scalar(select(func.count(RegionSector.id))),
    )


@pytest.mark.parametrize(("path", "method"), RULES, ids=[f"{m} {p}" for p, m in RULES])
def test_another_regions_ids_are_not_found_for_a_region_officer(app, make_user, victim, path, method):
    _, raw = accounts.create_token(make_user("region_officer", region="32.73").email, "outsider")
    outsider = ApiClient(app, raw)
    url = path
    for name, value in victim.items():
        url = url.replace(f"<int:{name}>", str(value)).replace(f"<string:{name}>", str(value))
    before = _state()
    response = outsider.http.open(url, method=method, headers=outsider.headers, json=_valid_body(path, method))
    assert response.status_code in (403, 404), f"{method} {url}: {response.status_code}"
    if response.status_code == 404 or method == "GET":
        assert response.status_code == 404, f"{method} {url}: a readable id answers 404, not 403"
    assert SECRET not in response.get_data(as_text=True)
    db.session.expire_all()
    assert _state() == before, f"{method} {url} changed something"


@pytest.mark.parametrize("url", ["/api/v1/commitments", "/api/v1/study-visits", "/api/v1/regions/32.73/contacts"])
def test_lists_show_only_the_callers_region(app, make_user, victim, make_commitment, url):
    make_commitment(region="32.73")
    _, raw = accounts.create_token(make_user("region_officer", region="32.73").email, "outsider")
    response = ApiClient(app, raw).get(url)
    assert response.status_code == 200
    assert SECRET not in response.get_data(as_text=True)
    items = response.get_json()["items"] if isinstance(response.get_json(), dict) else response.get_json()
    assert all(item.get("region", "32.73") == "32.73" for item in items)


@pytest.mark.parametrize("role", ["host_admin", "host_staff", "ministry_viewer"])
def test_roles_without_a_region_scope_read_every_regions_ids(app, make_user, victim, role):
    _, raw = accounts.create_token(make_user(role).email, "reader")
    client = ApiClient(app, raw)
    for url in (
        f"/api/v1/commitments/{victim['commitment_id']}",
        f"/api/v1/milestones/{victim['milestone_id']}",
        f"/api/v1/milestones/{victim['milestone_id']}/history",
        f"/api/v1/evidence/{victim['evidence_id']}/file",
        f"/api/v1/study-visits/{victim['visit_id']}",
        "/api/v1/regions/32.04/progress",
    ):
        assert client.get(url).status_code == 200, f"{role} GET {url}"
    before = _state()
    write = client.patch(
        f"/api/v1/milestones/{victim['milestone_id']}",
        json=_valid_body("/api/v1/milestones/<int:milestone_id>", "PATCH", victim["milestone_id"]),
    )
    assert write.status_code == (403 if role == "ministry_viewer" else 200)
    db.session.expire_all()
    assert (_state() == before) == (role == "ministry_viewer")


UNKNOWN_ID = 2**31 - 1
ID_RULES = [(path, method) for path, method in RULES if "<int:" in path]


@pytest.mark.parametrize(("path", "method"), ID_RULES, ids=[f"{m} {p}" for p, m in ID_RULES])
def test_another_regions_id_and_an_unknown_id_answer_alike(app, make_user, victim, path, method):
    """Reading or changing (PATCH, verification, evidence) another region's record gives the very
    answer an id that does not exist gives: same status, same body."""
    _, raw = accounts.create_token(make_user("region_officer", region="32.73").email, "outsider")
    outsider = ApiClient(app, raw)
    answers = []
    for ids in (victim, dict.fromkeys(victim, UNKNOWN_ID) | {"code": "32.04"}):
        url = path
        for name, value in ids.items():
            url = url.replace(f"<int:{name}>", str(value)).replace(f"<string:{name}>", str(value))
        body = _valid_body(path, method, victim["milestone_id"] if "milestone_id" in path else None)
        response = outsider.http.open(url, method=method, headers=outsider.headers, json=body)
        answers.append((response.status_code, response.get_json()))
    assert answers[0] == answers[1], f"{method} {path}: {answers}"
    assert answers[0][0] in (403, 404)
