"""Study visit and signing event pages: record, filter, edit, soft delete, scope, audit."""

import io

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import AuditEvent, StudyVisit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _visit(**changes):
    data = {
        "region": "32.04",
        "start_date": "2022-10-03",
        "end_date": "2022-10-04",
        "head_of_delegation": "Sekda Kab. Bandung",
        "delegation_size": "14",
        "practices": ["HOST-MPP", "SPBE-01"],
        "notes": "Tertarik e-SKM <b>dan</b> e-Office",
        "attachments": (io.BytesIO(PDF), "daftar-hadir.pdf"),
    }
    data.update(changes)
    return data


def test_record_filter_edit_and_delete_a_visit(login_as):
    host = login_as("host_staff", locale="en")
    response = host.post("/visits/new", data=_visit(), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    visit = db.session.scalar(select(StudyVisit))
    page = host.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "daftar-hadir.pdf" in page and "&lt;b&gt;dan&lt;/b&gt;" in page
    attachment = host.get(f"/visits/{visit.id}/attachments/{visit.attachments[0].id}")
    assert attachment.data == PDF and attachment.headers["X-Content-Type-Options"] == "nosniff"
    host.post(
        "/visits/new",
        data=_visit(
            region="51.71",
            start_date="2023-03-01",
            end_date="2023-03-01",
            practices=["SPBE-33"],
            attachments=(io.BytesIO(b""), ""),
        ),
        content_type="multipart/form-data",
    )
    assert "Kota Denpasar" not in host.get("/visits?year=2022").get_data(as_text=True)
    assert "Kabupaten Bandung" not in host.get("/visits?practice=SPBE-33").get_data(as_text=True)
    assert "Kota Denpasar" in host.get("/visits?province=51").get_data(as_text=True)
    edited = host.post(
        f"/visits/{visit.id}/edit",
        data=_visit(delegation_size="20", attachments=(io.BytesIO(b""), "")),
        content_type="multipart/form-data",
    )
    assert edited.status_code == 302
    assert host.get(f"/visits/{visit.id}/delete").status_code == 200
    assert host.post(f"/visits/{visit.id}/delete").status_code == 302
    assert host.get(f"/visits/{visit.id}").status_code == 404
    assert "Kabupaten Bandung" not in host.get("/visits").get_data(as_text=True)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "StudyVisit")).all()
    assert actions.count("study_visit.delete") == 1 and "study_visit.update" in actions


def test_bad_visit_input_writes_nothing(login_as):
    host = login_as("host_admin", locale="en")
    for changes, text in (
        ({"region": "99.99"}, "Unknown region code"),
        ({"end_date": "2022-10-01"}, "cannot end"),
        ({"delegation_size": "0"}, "Number must be"),
        ({"attachments": (io.BytesIO(b"MZ\x90"), "x.pdf")}, "not accepted"),
    ):
        response = host.post("/visits/new", data=_visit(**changes), content_type="multipart/form-data")
        assert response.status_code == 422 and text in response.get_data(as_text=True), (changes, text)
    assert db.session.scalar(select(StudyVisit)) is None


def test_region_officers_see_their_own_visits_only(login_as):
    host = login_as("host_staff")
    host.post("/visits/new", data=_visit(), content_type="multipart/form-data")
    host.post("/visits/new", data=_visit(region="51.71"), content_type="multipart/form-data")
    officer = login_as("region_officer", locale="en")
    listing = officer.get("/visits").get_data(as_text=True)
    assert "Kabupaten Bandung" in listing and "Kota Denpasar" not in listing
    other = db.session.scalar(select(StudyVisit.id).join(StudyVisit.region).where(StudyVisit.region.has(code="51.71")))
    assert officer.get(f"/visits/{other}").status_code == 404
    assert officer.get("/visits/new").status_code == 403


def test_signing_events(login_as):
    host = login_as("host_staff", locale="en")
    response = host.post("/events/new", data={"name": "UID Bali", "place": "Kampus UID, Bali", "date": "2022-11-21"})
    assert response.status_code == 302
    page = host.get(response.headers["Location"]).get_data(as_text=True)
    assert "UID Bali" in page and "0 signatories" in page
    assert host.post("/events/new", data={"name": "", "place": "x", "date": "2022-11-21"}).status_code == 422
    assert "UID Bali" in login_as("ministry_viewer").get("/events").get_data(as_text=True)
    assert login_as("region_officer").post("/events/new", data={"name": "x"}).status_code == 403
