"""Practices, signing events, study visits and commitments over the API."""

import pytest


def test_practices_filter_by_framework(api_as):
    api = api_as("region_officer")
    body = api.get("/api/v1/practices?framework=spbe-2020&per_page=100").json
    assert body["total"] == 47
    first = body["items"][0]
    assert first == {**first, "code": "SPBE-01", "framework": "spbe-2020", "domain": "D1", "aspect": "A1"}
    assert abs(sum(p["weight"] for p in body["items"]) - 100) < 1e-9
    host = api.get("/api/v1/practices?framework=host-practices").json
    assert host["total"] >= 7 and all(p["domain"] is None for p in host["items"])
    assert api.get("/api/v1/practices?framework=nope").status_code == 404


def test_signing_events_create_list_show(api_as):
    host = api_as("host_staff")
    created = host.post("/api/v1/signing-events", json={"name": "UID Bali", "place": "Bali", "date": "2022-11-21"})
    assert created.status_code == 201 and created.json["id"]
    assert host.get(f"/api/v1/signing-events/{created.json['id']}").json["date"] == "2022-11-21"
    assert api_as("ministry_viewer").get("/api/v1/signing-events").json["total"] == 1
    assert host.post("/api/v1/signing-events", json={"name": "", "place": "x", "date": "2022-01-01"}).status_code == 422
    assert (
        host.post("/api/v1/signing-events", json={"name": "x", "place": "x", "date": "21/11/2022"}).status_code == 422
    )
    assert (
        api_as("region_officer")
        .post("/api/v1/signing-events", json={"name": "x", "place": "x", "date": "2022-11-21"})
        .status_code
        == 403
    )


VISIT = {
    "region": "32.04",
    "start_date": "2022-10-03",
    "end_date": "2022-10-04",
    "head_of_delegation": "Sekda",
    "delegation_size": 15,
    "practices": ["HOST-MPP", "SPBE-01"],
    "notes": "Learned e-SKM",
}


def test_study_visits_create_filter_and_scope(api_as):
    host = api_as("host_admin")
    created = host.post("/api/v1/study-visits", json=VISIT)
    assert created.status_code == 201, created.json
    assert created.json["practices"] == ["HOST-MPP", "SPBE-01"] and created.json["region"] == "32.04"
    host.post(
        "/api/v1/study-visits",
        json={**VISIT, "region": "51.71", "start_date": "2023-02-01", "end_date": "2023-02-02", "practices": []},
    )
    assert host.get("/api/v1/study-visits?year=2022").json["total"] == 1
    assert host.get("/api/v1/study-visits?practice=HOST-MPP").json["total"] == 1
    assert host.get("/api/v1/study-visits?province=51").json["items"][0]["region"] == "51.71"
    officer = api_as("region_officer")
    assert officer.get("/api/v1/study-visits").json["total"] == 1
    other = host.get("/api/v1/study-visits?region=51.71").json["items"][0]["id"]
    assert officer.get(f"/api/v1/study-visits/{other}").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"region": "99.99"}, "region"),
        ({"end_date": "2022-10-01"}, "end_date"),
        ({"delegation_size": 0}, "delegation_size"),
        ({"practices": ["NOPE"]}, "practices"),
    ],
)
def test_bad_visits_are_422(api_as, changes, field):
    response = api_as("host_staff").post("/api/v1/study-visits", json={**VISIT, **changes})
    assert response.status_code == 422 and field in response.json["error"]["fields"]


def test_commitments_create_read_filter_scope(api_as):
    host = api_as("host_staff")
    event = host.post("/api/v1/signing-events", json={"name": "UID Bali", "place": "Bali", "date": "2022-11-21"}).json
    body = {
        "region": "32.04",
        "signing_event_id": event["id"],
        "signatory_name": "Dadang Supriatna",
        "signed_on": "2022-11-21",
        "target_date": "2025-12-31",
        "practices": ["SPBE-01", "SPBE-02", "HOST-MPP"],
    }
    created = host.post("/api/v1/commitments", json=body)
    assert created.status_code == 201, created.json
    assert created.json["region"] == "32.04" and created.json["status"] == "signed"
    assert [m["practice"] for m in created.json["milestones"]] == ["SPBE-01", "SPBE-02", "HOST-MPP"]
    assert host.post("/api/v1/commitments", json=body).status_code == 409
    assert host.post("/api/v1/commitments", json={**body, "region": "99.99"}).status_code == 422
    assert host.post("/api/v1/commitments", json={**body, "signed_on": "2026-01-01"}).status_code == 422
    cid = created.json["id"]
    assert host.get(f"/api/v1/commitments?event={event['id']}").json["total"] == 1
    assert host.get("/api/v1/commitments?status=withdrawn").json["total"] == 0
    assert host.get(f"/api/v1/commitments/{cid}/milestones?per_page=2").json["total"] == 3
    assert api_as("ministry_viewer").get(f"/api/v1/commitments/{cid}").status_code == 200
    assert api_as("region_officer").get(f"/api/v1/commitments/{cid}").status_code == 200
    assert api_as("region_officer", region="51.71").get(f"/api/v1/commitments/{cid}").status_code == 404
    assert api_as("region_officer", region="51.71").get("/api/v1/commitments").json["total"] == 0
    assert api_as("ministry_viewer").post("/api/v1/commitments", json=body).status_code == 403


def test_the_host_region_cannot_commit_over_the_api(api_as, app, make_commitment):
    from livinglab.extensions import db
    from livinglab.models import Commitment

    host = api_as("host_admin")
    body = {"region": app.config["HOST_REGION_CODE"], "signatory_name": "Dony Ahmad Munir", "practices": ["SPBE-01"]}
    refused = host.post("/api/v1/commitments", json=body)
    assert refused.status_code == 422, refused.json
    error = refused.json["error"]
    assert error["code"] == "invalid" and "Kabupaten Sumedang" in error["message"] and "region" in error["fields"]
    assert db.session.query(Commitment).count() == 0
    make_commitment()
    make_commitment(region=app.config["HOST_REGION_CODE"], flag="host_region")  # as migration 0009 leaves one
    summary = host.get("/api/v1/summary").json
    assert summary["commitments"] == 1 and [p["code"] for p in summary["by_province"]] == ["32"]
    assert [r["region"] for r in host.get("/api/v1/overview").json["items"]] == ["32.04"]
