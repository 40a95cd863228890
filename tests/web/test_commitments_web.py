"""Commitment pages: record with five practices and a PDF, plan, extend, remove, withdraw, scope."""

import io
from datetime import date

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, SigningEvent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIVE = ["SPBE-01", "SPBE-11", "SPBE-21", "SPBE-33", "HOST-MPP"]


def _event():
    event = SigningEvent(name="UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    return event


def _form(event_id, **changes):
    data = {
        "region": "32.04",
        "signing_event_id": str(event_id),
        "signatory_name": "H. M. Dadang Supriatna",
        "signatory_title": "",
        "signed_on": "2022-11-21",
        "target_date": "2025-12-31",
        "status": "signed",
        "practices": FIVE,
        "document": (io.BytesIO(PDF), "komitmen.pdf"),
    }
    data.update(changes)
    return data


def _count():
    return db.session.scalar(select(func.count(Commitment.id))), db.session.scalar(select(func.count(Milestone.id)))


def test_host_records_a_commitment_with_five_practices_and_a_pdf(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    response = host.post("/commitments/new", data=_form(event.id), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    page = host.get(response.headers["Location"]).get_data(as_text=True)
    assert "Commitment recorded with 5 milestones." in page
    assert "Bupati H. M. Dadang Supriatna" in page
    for code in FIVE:
        assert f'data-testid="due-{code}"' in page
    commitment = db.session.scalar(select(Commitment))
    assert host.get(f"/commitments/{commitment.id}/document").data == PDF
    event_page = host.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Kabupaten Bandung" in event_page and "H. M. Dadang Supriatna" in event_page


def test_bad_input_is_refused_and_writes_nothing(login_as, make_app):
    event = _event()
    host = login_as("host_staff", locale="en")
    cases = [
        ({"region": "99.99"}, "Unknown region code"),
        ({"signed_on": "2026-01-01", "target_date": "2025-01-01"}, "must not be before"),
        ({"document": (io.BytesIO(b"MZ\x90\x00not a pdf"), "komitmen.pdf")}, "not accepted"),
    ]
    for changes, message in cases:
        response = host.post("/commitments/new", data=_form(event.id, **changes), content_type="multipart/form-data")
        assert response.status_code == 422, changes
        assert message in response.get_data(as_text=True), message
    assert _count() == (0, 0)
    assert host.post("/commitments/new", data=_form(event.id), content_type="multipart/form-data").status_code == 302
    duplicate = host.post("/commitments/new", data=_form(event.id), content_type="multipart/form-data")
    assert duplicate.status_code == 422 and "already has a commitment" in duplicate.get_data(as_text=True)
    assert _count() == (1, 5)


def test_oversize_document_is_413(make_app, make_user):
    app = make_app(UPLOAD_MAX_MB=1)
    with app.app_context():
        from conftest import WebClient

        user = make_user("host_staff", locale="en")
        client = WebClient(app)
        client.login(user.email)
        client.user = user
        big = PDF + b"0" * (1024 * 1024 + 100)
        response = client.post(
            "/commitments/new", data=_form(1, document=(io.BytesIO(big), "big.pdf")), content_type="multipart/form-data"
        )
        assert response.status_code == 413
        assert "too large" in response.get_data(as_text=True)


def test_extend_remove_plan_and_withdraw(login_as, make_user):
    from livinglab.services import commitments

    host = login_as("host_admin", locale="en")
    commitment = commitments.create_commitment(
        host.user, region="32.04", signatory_name="X", signed_on=date(2022, 11, 21), practices=["SPBE-01"]
    )
    cid = commitment.id
    assert host.post(f"/commitments/{cid}/practices", data={"practices": ["SPBE-47"]}).status_code == 302
    milestone = next(m for m in db.session.get(Commitment, cid).milestones if m.practice.code == "SPBE-47")
    assert (
        host.post(
            f"/commitments/milestones/{milestone.id}/plan", data={"due_date": "2024-12-31", "target_level": "4"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).target_level == 4
    assert host.post(f"/commitments/{cid}/practices/remove", data={"code": "SPBE-47"}).status_code == 302
    refused = host.post(f"/commitments/{cid}/status", data={"status": "withdrawn", "reason": ""})
    assert refused.status_code == 422
    assert '<a class="alert-link" href="#reason">Reason (required to withdraw): A reason is required' in (
        refused.get_data(as_text=True)
    )
    nothing = host.post(f"/commitments/{cid}/practices", data={})
    assert nothing.status_code == 422
    assert 'href="#practices">Add practices: Choose at least one practice.</a>' in nothing.get_data(as_text=True)
    host.post(f"/commitments/{cid}/status", data={"status": "withdrawn", "reason": "Programme cancelled"})
    db.session.expire_all()
    assert db.session.get(Commitment, cid).status == "withdrawn"


def test_region_officers_see_only_their_own_commitments(login_as, make_commitment):
    own = make_commitment(region="32.04")
    other = make_commitment(region="51.71")
    officer = login_as("region_officer", locale="en")
    listing = officer.get("/commitments").get_data(as_text=True)
    assert "Kabupaten Bandung" in listing and "Kota Denpasar" not in listing
    assert officer.get(f"/commitments/{own.id}").status_code == 200
    assert officer.get(f"/commitments/{other.id}").status_code == 404
    assert officer.get("/commitments/new").status_code == 403


def test_the_form_does_not_offer_the_host_region_and_refuses_it(login_as, app):
    event = _event()
    host = login_as("host_staff", locale="en")
    code = app.config["HOST_REGION_CODE"]
    assert f'<option value="{code}">' not in host.get("/commitments/new").get_data(as_text=True)
    response = host.post("/commitments/new", data=_form(event.id, region=code), content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Kabupaten Sumedang is the host region: the host is not an adopting region" in page
    assert _count() == (0, 0)


def test_a_flagged_host_commitment_is_shown_to_the_admin_and_left_out_of_the_figures(login_as, make_commitment, app):
    import csv
    import io as _io

    adopter = make_commitment()
    old = make_commitment(region=app.config["HOST_REGION_CODE"], flag="host_region")  # as migration 0009 leaves it
    admin = login_as("host_admin", locale="en")
    notice = "1 commitment of the host region itself needs your review"
    assert notice in admin.get("/home").get_data(as_text=True)
    listing = admin.get("/commitments").get_data(as_text=True)
    assert notice in listing and "/commitments?flagged=1" in listing
    flagged = admin.get("/commitments?flagged=1").get_data(as_text=True)
    assert f"/commitments/{old.id}" in flagged and f"/commitments/{adopter.id}" not in flagged
    assert 'data-testid="host-region-flag"' in admin.get(f"/commitments/{old.id}").get_data(as_text=True)
    assert 'data-testid="host-region-flag"' not in admin.get(f"/commitments/{adopter.id}").get_data(as_text=True)
    viewer = login_as("ministry_viewer", locale="en")
    assert 'data-testid="host-region-flag"' not in viewer.get(f"/commitments/{old.id}").get_data(as_text=True)

    overview = admin.get("/overview.csv").data.decode("utf-8-sig")
    assert [row["Region code"] for row in csv.DictReader(_io.StringIO(overview))] == ["32.04"]
    regions = admin.get("/national/regions.csv").data.decode("utf-8-sig")
    assert [row["Region code"] for row in csv.DictReader(_io.StringIO(regions))] == ["32.04"]
    assert 'href="/regions/32.11"' not in admin.get("/national").get_data(as_text=True)
    public = admin.get("/public").get_data(as_text=True)
    assert "Kabupaten Bandung" in public and "32.11" not in public


def test_a_flagged_host_commitment_is_left_out_of_its_event_report(login_as, make_commitment, app):
    from pypdf import PdfReader

    event = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    make_commitment(signing_event_id=event.id)
    make_commitment(region=app.config["HOST_REGION_CODE"], signing_event_id=event.id, flag="host_region")
    data = login_as("host_admin", locale="en").get(f"/events/{event.id}/report.pdf").data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    letterhead, report = text.split("Signing event report", 1)
    assert "Government of Kabupaten Sumedang" in letterhead  # the host signs the report, it is not in it
    assert "Kabupaten Bandung" in report and "Kabupaten Sumedang" not in report
