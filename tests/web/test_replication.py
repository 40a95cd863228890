"""Issue 13, point 5: host practices carry no SPBE weight; replication is counted apart from the
index; verifying a host practice suggests (never sets) levels on the indicators it supports."""

import csv
import io
import json
from decimal import Decimal

from pypdf import PdfReader
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Framework, Milestone, MilestoneUpdate, Practice
from livinglab.services import milestones, monitoring
from livinglab.services.seeding import SEEDS


def _submit(officer, milestone, level=3):
    milestones.update(officer, milestone.id, version=milestone.version, status="submitted", level=level)


def _by_code(commitment):
    return {m.practice.code: m for m in commitment.milestones}


def test_host_practices_carry_no_weight_and_each_is_mapped_to_indicators(app):
    host = db.session.scalars(select(Practice).join(Practice.framework).where(Framework.family == "host")).all()
    assert host and all(p.weight == 0 for p in host)
    spec = json.loads((SEEDS / "frameworks" / "host-practices.json").read_text("utf-8"))
    assert all(item["weight"] == 0 for item in spec["practices"])
    with open(SEEDS / "host_practice_indicators.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {item["code"] for item in spec["practices"]} == {r["practice"] for r in rows}, "every host practice"
    assert all(r["rationale"].strip() for r in rows), "every mapping says why"
    indicators = {f"SPBE-{n:02d}" for n in range(1, 48)}
    assert {r["indicator"] for r in rows if r["indicator"]} <= indicators


def test_practices_api_lists_the_indicators_a_practice_supports(api_as):
    client = api_as("ministry_viewer")
    items = client.get("/api/v1/practices?framework=host-practices&per_page=100").get_json()["items"]
    supports = {p["code"]: p["supports"] for p in items}
    assert supports["HOST-ARSITEKTUR"] == ["SPBE-01", "SPBE-02", "SPBE-11", "SPBE-12"]
    assert supports["HOST-TIM-KOORDINASI"] == ["SPBE-10", "SPBE-19"]
    assert supports["HOST-SATU-DATA"] == ["SPBE-03", "SPBE-23", "SPBE-43"]
    assert all(p["weight"] == 0 for p in items)
    spbe = client.get("/api/v1/practices?framework=spbe-2020&per_page=100").get_json()["items"]
    assert all(p["supports"] == [] for p in spbe)


def test_the_catalogue_page_of_a_host_practice_names_the_indicators_it_supports(login_as):
    practice_id = db.session.scalar(select(Practice.id).where(Practice.code == "HOST-SATU-DATA"))
    page = login_as("region_officer", locale="en").get(f"/catalogue/practices/{practice_id}").get_data(as_text=True)
    supports = page[page.index('data-testid="supports"') :]
    assert supports.index("SPBE-03") < supports.index("SPBE-23") < supports.index("SPBE-43")
    assert "Verifying this practice suggests a level for these indicators; it never sets one." in page


def test_progress_counts_indicators_by_weight_and_replication_apart(make_commitment, make_user, login_as, api_as):
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    commitment = make_commitment(practices=("SPBE-01", "HOST-ARSITEKTUR", "HOST-EOFFICE"))
    m = _by_code(commitment)
    _submit(officer, m["HOST-ARSITEKTUR"])
    milestones.verify(mentor, m["HOST-ARSITEKTUR"].id, decision="verify", level=3)

    item = monitoring.region_figures(mentor, commitment.region)[0][commitment.id]
    assert item.progress == 0, "a verified host practice carries no SPBE weight"
    assert item.index.value is None, "nor does it make an index"
    progress = api_as("host_staff").get("/api/v1/regions/32.04/progress").get_json()
    assert progress["progress"] == 0

    page = login_as("ministry_viewer", locale="en").get("/regions/32.04").get_data(as_text=True)
    assert 'data-testid="replication-count">1/2<' in page
    assert "verified level 50% of target" in page
    assert "Replication of host practices" in page
    pdf = login_as("host_staff", locale="en").get("/regions/32.04/report.pdf").data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "1/2" in text and "1/3" in text, "replication 1 of 2 host practices; 1 of 3 milestones done"

    _submit(officer, m["SPBE-01"])
    milestones.verify(mentor, m["SPBE-01"].id, decision="verify", level=3)
    item = monitoring.region_figures(mentor, commitment.region)[0][commitment.id]
    assert item.progress == 1 and item.index.value == Decimal("3.00")


def test_a_commitment_of_host_practices_only_counts_them_by_number(make_commitment, make_user):
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    commitment = make_commitment(practices=("HOST-MPP", "HOST-EOFFICE"))
    first = commitment.milestones[0]
    _submit(officer, first)
    milestones.verify(mentor, first.id, decision="verify", level=3)
    item = monitoring.region_figures(mentor, commitment.region)[0][commitment.id]
    assert item.progress == Decimal("0.5")


def _history_count(milestone_id):
    return db.session.scalar(select(func.count()).where(MilestoneUpdate.milestone_id == milestone_id))


def test_verifying_a_host_practice_suggests_levels_and_sets_none(make_commitment, make_user, login_as, api_as):
    officer = make_user("region_officer")
    commitment = make_commitment(practices=("HOST-ARSITEKTUR", "SPBE-01", "SPBE-11"))
    m = _by_code(commitment)
    host, spbe01, spbe11 = m["HOST-ARSITEKTUR"], m["SPBE-01"], m["SPBE-11"]
    _submit(officer, host)
    mentor = login_as("host_staff", locale="en")

    before = mentor.get(f"/milestones/{host.id}").get_data(as_text=True)
    assert 'data-testid="suggestions"' in before and f'href="/milestones/{spbe01.id}"' in before
    assert "Once this practice is verified, its level is suggested here." in before

    response = mentor.post(
        f"/milestones/{host.id}/verification", data={"version": "2", "decision": "verify", "verified_level": "3"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/milestones/{host.id}#suggestions")
    page = mentor.get(f"/milestones/{host.id}").get_data(as_text=True)
    assert "This practice supports SPBE-01, SPBE-11, which the region committed to: consider level 3" in page
    assert "No indicator level was changed." in page and "Not committed: SPBE-02, SPBE-12." in page
    assert f'href="/milestones/{spbe01.id}"' in page and f'href="/milestones/{spbe11.id}"' in page
    assert page.count('data-testid="suggestion-text">Consider level 3') == 2

    for indicator in (spbe01, spbe11):
        row = db.session.get(Milestone, indicator.id)
        db.session.refresh(row)
        assert (row.status, row.level, row.verified_level, row.version) == ("not_started", None, None, 1)
        assert _history_count(indicator.id) == 0

    api = api_as("host_admin")
    assert api.get(f"/api/v1/milestones/{host.id}").get_json()["suggests"] == [
        {"practice": "SPBE-01", "milestone_id": spbe01.id, "level": 3},
        {"practice": "SPBE-02", "milestone_id": None, "level": 3},
        {"practice": "SPBE-11", "milestone_id": spbe11.id, "level": 3},
        {"practice": "SPBE-12", "milestone_id": None, "level": 3},
    ]
    assert api.get(f"/api/v1/milestones/{spbe01.id}").get_json()["suggests"] == []


def test_verifying_over_the_api_answers_with_the_suggestions(make_commitment, make_user, api_as):
    officer = make_user("region_officer")
    commitment = make_commitment(practices=("HOST-TIM-KOORDINASI", "SPBE-19"))
    m = _by_code(commitment)
    _submit(officer, m["HOST-TIM-KOORDINASI"], level=2)
    body = (
        api_as("host_staff")
        .post(f"/api/v1/milestones/{m['HOST-TIM-KOORDINASI'].id}/verification", json={"decision": "verify", "level": 2})
        .get_json()
    )
    assert body["status"] == "in_progress" and body["verified_level"] == 2, "below the default target 3"
    assert body["suggests"] == [
        {"practice": "SPBE-10", "milestone_id": None, "level": 2},
        {"practice": "SPBE-19", "milestone_id": m["SPBE-19"].id, "level": 2},
    ]
    assert db.session.get(Milestone, m["SPBE-19"].id).verified_level is None
