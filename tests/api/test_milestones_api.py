"""Milestone API: every documented status code, scoping, and the verification cycle."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import MilestoneUpdate
from livinglab.models.base import utcnow

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def milestone(make_commitment):
    return make_commitment().milestones[0]


def _count_history(milestone_id):
    return db.session.scalar(select(func.count()).where(MilestoneUpdate.milestone_id == milestone_id))


def test_get_returns_the_documented_fields(api_as, milestone):
    body = api_as("region_officer").get(f"/api/v1/milestones/{milestone.id}").json
    assert set(body) >= {
        "id",
        "commitment_id",
        "region",
        "practice",
        "title",
        "due_date",
        "status",
        "target_level",
        "level",
        "verified_level",
        "done",
        "below_target",
        "version",
        "updated_at",
    }
    assert body["region"] == "32.04" and body["practice"] == "SPBE-01" and body["version"] == 1
    assert body["due_date"] == "2023-06-30"
    assert body["done"] is False and body["below_target"] is False


def test_patch_then_stale_version_is_409(api_as, milestone):
    officer = api_as("region_officer")
    ok = officer.patch(f"/api/v1/milestones/{milestone.id}", json={"status": "in_progress", "level": 2, "version": 1})
    assert ok.status_code == 200 and ok.json["version"] == 2 and ok.json["level"] == 2
    stale = officer.patch(f"/api/v1/milestones/{milestone.id}", json={"level": 3, "version": 1})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "conflict"
    assert _count_history(milestone.id) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "verified", "version": 1}, "status"),
        ({"level": 7, "version": 1}, "level"),
        ({"level": "3", "version": 1}, "level"),
        ({"status": "blocked", "version": 1}, "reason"),
        ({"status": "done", "version": 1}, "status"),
        ({"level": 2}, "version"),
        ({"level": 2, "version": 1, "verified_level": 5}, "verified_level"),
    ],
)
def test_illegal_values_are_422_and_write_nothing(api_as, milestone, body, field):
    response = api_as("region_officer").patch(f"/api/v1/milestones/{milestone.id}", json=body)
    assert response.status_code == 422, response.json
    assert field in response.json["error"]["fields"]
    assert _count_history(milestone.id) == 0


def test_scope_and_roles(api_as, milestone):
    stranger = api_as("region_officer", region="51.71")
    assert stranger.patch(f"/api/v1/milestones/{milestone.id}", json={"level": 2, "version": 1}).status_code == 404
    assert stranger.get(f"/api/v1/milestones/{milestone.id}").status_code == 404
    assert stranger.get(f"/api/v1/milestones/{milestone.id}/history").status_code == 404
    viewer = api_as("ministry_viewer")
    assert viewer.get(f"/api/v1/milestones/{milestone.id}").status_code == 200
    response = viewer.patch(f"/api/v1/milestones/{milestone.id}", json={"level": 2, "version": 1})
    assert response.status_code == 403 and response.json["error"]["code"] == "forbidden"
    assert (
        viewer.post(f"/api/v1/milestones/{milestone.id}/verification", json={"decision": "verify"}).status_code == 403
    )
    assert (
        api_as("region_officer")
        .post(f"/api/v1/milestones/{milestone.id}/verification", json={"decision": "verify", "level": 3})
        .status_code
        == 403
    )
    assert api_as("host_admin").get("/api/v1/milestones/999999").status_code == 404
    assert _count_history(milestone.id) == 0


def test_verification_cycle_and_history(api_as, milestone):
    officer, mentor = api_as("region_officer"), api_as("host_staff")
    url = f"/api/v1/milestones/{milestone.id}"
    assert officer.patch(url, json={"status": "submitted", "level": 3, "version": 1}).status_code == 200
    empty = mentor.post(f"{url}/verification", json={"decision": "return", "comment": " "})
    assert empty.status_code == 422 and "comment" in empty.json["error"]["fields"]
    returned = mentor.post(f"{url}/verification", json={"decision": "return", "comment": "Add the SK"})
    assert returned.status_code == 200 and returned.json["status"] == "returned"
    assert officer.patch(url, json={"status": "submitted", "note": "SK added", "version": 3}).status_code == 200
    no_level = mentor.post(f"{url}/verification", json={"decision": "verify"})
    assert no_level.status_code == 422
    verified = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 3, "version": 4})
    assert verified.status_code == 200 and verified.json["verified_level"] == 3
    history = officer.get(f"{url}/history").json
    assert [row["action"] for row in history] == ["submit", "return", "submit", "verify"]
    assert history[1]["note"] == "Add the SK"


def test_verification_below_target_is_recorded_but_not_done(api_as, milestone, make_user):
    from livinglab.services import commitments

    admin = make_user("host_admin")
    commitments.update_milestone_plan(admin, milestone.id, due_date=milestone.due_date, target_level=4)
    officer, mentor = api_as("region_officer"), api_as("host_staff")
    url = f"/api/v1/milestones/{milestone.id}"
    assert officer.patch(url, json={"status": "submitted", "level": 3, "version": 2}).status_code == 200
    below = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 3, "version": 3})
    assert below.status_code == 200, below.json
    assert (below.json["status"], below.json["verified_level"], below.json["target_level"]) == ("in_progress", 3, 4)
    assert below.json["done"] is False and below.json["below_target"] is True
    assert officer.get(url).json["below_target"] is True
    weights = [m.practice.weight for m in milestone.commitment.milestones]  # SPBE-01 (this one), SPBE-21, SPBE-33
    progress = mentor.get("/api/v1/regions/32.04/progress").json
    assert (progress["verified"], progress["overdue"]) == (0, 3), "below target: not verified, still overdue"
    assert progress["progress"] == pytest.approx(float(weights[0] * 3 / 4 / sum(weights)))
    review = {"url": "https://example.go.id/reviu.pdf", "kind": "report", "description": "Laporan reviu"}
    review["enacted_on"] = (utcnow().date() - timedelta(days=30)).isoformat()
    assert officer.post(f"{url}/evidence", json=review).status_code == 201  # level 4 needs a recent review
    assert officer.patch(url, json={"status": "submitted", "level": 4, "version": 5}).status_code == 200
    done = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 4, "version": 6})
    assert done.status_code == 200 and done.json["status"] == "verified"
    assert done.json["done"] is True and done.json["below_target"] is False
    history = officer.get(f"{url}/history").json
    assert [row["action"] for row in history] == ["submit", "verify_below_target", "evidence", "submit", "verify"]


def test_evidence_file_and_link(api_as, milestone):
    officer = api_as("region_officer")
    url = f"/api/v1/milestones/{milestone.id}/evidence"
    created = officer.post(
        url,
        data={
            "file": (io.BytesIO(PDF), "sk.pdf"),
            "kind": "decree",
            "description": "SK Tim SPBE",
            "enacted_on": "2023-02-01",
        },
        content_type="multipart/form-data",
    )
    assert created.status_code == 201, created.json
    assert created.json["file_name"] == "sk.pdf" and created.json["kind"] == "decree"
    file = officer.get(f"/api/v1/evidence/{created.json['id']}/file")
    assert file.status_code == 200 and file.data == PDF
    assert file.headers["Content-Disposition"].startswith("attachment")
    link = officer.post(url, json={"url": "https://sumedangkab.go.id/perbup", "description": "Perbup online"})
    assert link.status_code == 201 and link.json["url"].startswith("https://")
    assert officer.get(f"/api/v1/evidence/{link.json['id']}/file").status_code == 404
    stranger = api_as("region_officer", region="51.71")
    assert stranger.get(f"/api/v1/evidence/{created.json['id']}/file").status_code == 404
    assert [r["action"] for r in officer.get(f"/api/v1/milestones/{milestone.id}/history").json] == ["evidence"] * 2


def test_bad_evidence_is_refused(api_as, milestone):
    officer = api_as("region_officer")
    url = f"/api/v1/milestones/{milestone.id}/evidence"
    exe = officer.post(
        url,
        data={"file": (io.BytesIO(b"MZ\x90\x00binary"), "tool.pdf"), "description": "x"},
        content_type="multipart/form-data",
    )
    assert exe.status_code == 422 and "file" in exe.json["error"]["fields"]
    assert officer.post(url, json={"url": "javascript:alert(1)", "description": "x"}).status_code == 422
    assert officer.post(url, json={"description": "no url"}).status_code == 422
    assert officer.post(url, data="kind=x", content_type="text/plain").status_code == 415
    assert api_as("ministry_viewer").post(url, json={"url": "https://x.id", "description": "x"}).status_code == 403
    assert _count_history(milestone.id) == 0
