"""Issue 14, point 5: a region's evidence library over the API. A document is uploaded once, linked
to any number of the region's milestones, read by the age rules like uploaded evidence; another
region's document is "not found"."""

import io
from datetime import timedelta

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import AuditEvent
from livinglab.models.base import utcnow

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
DOCUMENTS = "/api/v1/regions/32.04/documents"


def _upload(client, path=DOCUMENTS, **fields):
    data = {"kind": "regulation", "title": "Perbup Bandung 12/2024 tentang SPBE", "number": "12/2024"}
    data.update(fields)
    if "url" not in data:
        data.setdefault("file", (io.BytesIO(PDF), "perbup.pdf"))
    return client.post(path, data=data, content_type="multipart/form-data")


def _link(client, milestone_id, document_id):
    return client.post(f"/api/v1/milestones/{milestone_id}/evidence", json={"document_id": document_id})


def test_a_document_is_uploaded_once_and_linked_to_two_milestones(api_as, make_commitment):
    first, second, _third = make_commitment().milestones
    officer = api_as("region_officer")
    created = _upload(officer, enacted_on="2024-03-01")
    assert created.status_code == 201, created.json
    document = created.json
    assert document["region"] == "32.04" and document["file_name"] == "perbup.pdf"
    assert (document["kind"], document["number"], document["enacted_on"]) == ("regulation", "12/2024", "2024-03-01")
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "document.create"))

    for milestone in (first, second):
        linked = _link(officer, milestone.id, document["id"])
        assert linked.status_code == 201, linked.json
        assert linked.json["document_id"] == document["id"]
        assert linked.json["document"] == "Perbup Bandung 12/2024 tentang SPBE"
        assert linked.json["enacted_on"] == "2024-03-01" and linked.json["file_name"] == "perbup.pdf"
        history = officer.get(f"/api/v1/milestones/{milestone.id}/history").json
        assert history[-1]["evidence"][0]["document_id"] == document["id"]
    evidence_id = linked.json["id"]
    assert officer.get(f"/api/v1/evidence/{evidence_id}/file").data == PDF, "one upload serves every link"

    again = _link(officer, second.id, document["id"])
    assert again.status_code == 422 and "document_id" in again.json["error"]["fields"]

    listed = api_as("ministry_viewer").get(DOCUMENTS)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json["items"]] == [document["id"]] and listed.json["total"] == 1


def test_a_document_of_another_region_is_not_found(api_as, make_commitment):
    milestone = make_commitment().milestones[0]
    host = api_as("host_admin")
    foreign = _upload(host, "/api/v1/regions/51.71/documents", title="Perwal Denpasar")
    assert foreign.status_code == 201
    for client in (api_as("region_officer"), host):
        answer = _link(client, milestone.id, foreign.json["id"])
        assert answer.status_code == 404, answer.json
        assert answer.json == _link(client, milestone.id, 999_999).json, "the same answer as an unknown id"
    other = api_as("region_officer", region="51.71")
    assert other.get(DOCUMENTS).status_code == 404
    assert _upload(other).status_code == 404
    assert _upload(api_as("ministry_viewer")).status_code == 403
    assert api_as("region_officer").get("/api/v1/regions/51.71/documents").status_code == 404


def test_bad_documents_are_refused(api_as):
    officer = api_as("region_officer")
    for fields, field in (
        ({"url": ""}, "file"),  # neither a file nor a URL
        ({"kind": "poster"}, "kind"),
        ({"title": "  "}, "title"),
        ({"url": "ftp://jdih.example.go.id/perbup"}, "url"),
        ({"enacted_on": "1 Maret 2024"}, "enacted_on"),
        ({"file": (io.BytesIO(b"MZ\x90\x00"), "perbup.pdf")}, "file"),
    ):
        answer = _upload(officer, **fields)
        assert answer.status_code == 422, (fields, answer.json)
        assert field in answer.json["error"]["fields"], answer.json
    assert officer.get(DOCUMENTS).json["total"] == 0
    assert _upload(officer, url="https://jdih.example.go.id/perbup-12-2024").status_code == 201


def test_the_age_rule_reads_a_linked_documents_date(api_as, make_commitment):
    milestone = make_commitment(practices=("SPBE-01",)).milestones[0]
    officer, mentor = api_as("region_officer"), api_as("host_staff")
    url = f"/api/v1/milestones/{milestone.id}"
    old_review = (utcnow().date() - timedelta(days=3 * 365)).isoformat()
    recent_review = (utcnow().date() - timedelta(days=40)).isoformat()
    old = _upload(officer, kind="report", title="Laporan reviu lama", number="", enacted_on=old_review).json
    recent = _upload(officer, kind="report", title="Laporan reviu SPBE", number="", enacted_on=recent_review).json

    assert _link(officer, milestone.id, old["id"]).status_code == 201
    version = officer.get(url).json["version"]
    assert officer.patch(url, json={"status": "submitted", "level": 4, "version": version}).status_code == 200
    too_old = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 4})
    assert too_old.status_code == 422 and too_old.json["error"]["code"] == "evidence_age_rule"
    assert old_review in too_old.json["error"]["message"]

    returned = mentor.post(f"{url}/verification", json={"decision": "return", "comment": "Reviu terbaru"})
    assert returned.status_code == 200
    assert _link(officer, milestone.id, recent["id"]).status_code == 201
    version = officer.get(url).json["version"]
    assert officer.patch(url, json={"status": "submitted", "version": version}).status_code == 200
    verified = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 4})
    assert verified.status_code == 200, verified.json
    assert verified.json["verified_level"] == 4
