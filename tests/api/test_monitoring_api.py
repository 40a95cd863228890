"""Monitoring API: national summary, overview rows, one region's progress."""

from datetime import date

from livinglab.services import milestones


def test_region_progress_with_index_by_domain(api_as, make_commitment, make_user):
    commitment = make_commitment()
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    m = commitment.milestones[0]
    milestones.update(officer, m.id, version=1, status="submitted", level=3)
    milestones.verify(mentor, m.id, decision="verify", level=3)
    body = api_as("region_officer").get("/api/v1/regions/32.04/progress").json
    assert body["region"] == "32.04" and body["verified"] == 1 and body["total"] == 3
    assert 0 < body["progress"] < 1
    assert body["index"]["verified"] == 3.0 and body["index"]["domains"]["D1"] == 3.0
    assert body["index"]["domains"]["D4"] is None and body["index"]["self_assessed"] == 3.0
    assert api_as("region_officer", region="51.71").get("/api/v1/regions/32.04/progress").status_code == 404
    assert api_as("ministry_viewer").get("/api/v1/regions/99.99/progress").status_code == 404
    empty = api_as("ministry_viewer").get("/api/v1/regions/51.71/progress").json
    assert empty["total"] == 0 and empty["index"] is None


def test_summary_and_overview(api_as, make_commitment):
    make_commitment(region="32.04", signed_on=date(2020, 1, 1))
    make_commitment(region="51.71")
    summary = api_as("ministry_viewer").get("/api/v1/summary").json
    assert summary["commitments"] == 2
    assert {p["code"] for p in summary["by_province"]} == {"32", "51"}
    host = api_as("host_staff")
    page = host.get("/api/v1/overview?province=32").json
    assert page["total"] == 1 and page["items"][0]["region"] == "32.04"
    assert host.get("/api/v1/overview?stalled=true").json["total"] >= 1
    assert host.get("/api/v1/overview?per_page=1").json["per_page"] == 1
    assert api_as("ministry_viewer").get("/api/v1/overview").status_code == 403
    assert api_as("region_officer").get("/api/v1/summary").status_code == 403
