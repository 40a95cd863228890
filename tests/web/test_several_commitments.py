"""One region, several commitments (issue 14 point 4): a second ongoing commitment needs explicit
confirmation on the form and the API; pages, the workspace, the PDF report and the overview show
each commitment separately; national averages count the region once."""

import io
from datetime import date

from pypdf import PdfReader
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, SigningEvent
from livinglab.services import milestones


def _event(name, day):
    event = SigningEvent(name=name, place="Sumedang", date=day)
    db.session.add(event)
    db.session.commit()
    return event


def _count():
    return db.session.scalar(select(func.count(Commitment.id)))


def _payload(**changes):
    data = {
        "region": "32.04",
        "signatory_name": "Bupati Bandung",
        "signed_on": "2024-05-02",
        "practices": ["SPBE-05"],
        "status": "active",
    }
    data.update(changes)
    return data


def test_api_refuses_a_second_active_commitment_without_confirmation(api_as, make_commitment):
    first = make_commitment()
    host = api_as("host_staff")
    refused = host.post("/api/v1/commitments", json=_payload())
    assert refused.status_code == 409, refused.json
    error = refused.json["error"]
    assert error["code"] == "second_commitment" and error["existing_commitment_id"] == first.id
    assert "confirm_second" in error["fields"] and "Kabupaten Bandung" in error["message"]
    assert _count() == 1, "nothing saved"
    draft = host.post("/api/v1/commitments", json=_payload(status="draft", signed_on=None))
    assert draft.status_code == 201, "a draft is not ongoing: no confirmation needed"
    confirmed = host.post("/api/v1/commitments", json=_payload(confirm_second=True))
    assert confirmed.status_code == 201, confirmed.json
    assert _count() == 3
    other_region = host.post("/api/v1/commitments", json=_payload(region="51.71"))
    assert other_region.status_code == 201


def test_the_form_warns_names_the_active_commitment_and_saves_nothing_until_confirmed(login_as, make_commitment):
    bali = _event("Penandatanganan UID Bali", date(2022, 11, 21))
    make_commitment(signing_event_id=bali.id)
    host = login_as("host_staff", locale="en")
    form = {
        "region": "32.04",
        "signatory_name": "Bupati Bandung",
        "signed_on": "2024-05-02",
        "status": "active",
        "practices": ["SPBE-05"],
    }
    first_try = host.post("/commitments/new", data=form, content_type="multipart/form-data")
    page = first_try.get_data(as_text=True)
    assert first_try.status_code == 422
    assert 'data-testid="second-commitment"' in page
    assert "Kabupaten Bandung already has an active commitment:" in page and "Penandatanganan UID Bali" in page
    assert "Nothing was saved." in page and "Yes, record a second commitment" in page
    assert 'value="Bupati Bandung"' in page, "the form keeps what was typed"
    assert _count() == 1
    confirmed = host.post("/commitments/new", data={**form, "confirm_second": "y"}, content_type="multipart/form-data")
    assert confirmed.status_code == 302, confirmed.get_data(as_text=True)
    assert _count() == 2
    second = host.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "Other commitments of Kabupaten Bandung" in second and "Penandatanganan UID Bali" in second


def test_the_form_speaks_indonesian_by_default(login_as, make_commitment):
    make_commitment()
    host = login_as("host_staff")
    page = host.post(
        "/commitments/new",
        data={
            "region": "32.04",
            "signatory_name": "B",
            "signed_on": "2024-05-02",
            "status": "signed",
            "practices": ["SPBE-05"],
        },
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Ya, catat komitmen kedua" in page


def _two_commitments(make_commitment, make_user):
    """Kabupaten Bandung: the 2022 Bali commitment (SPBE-01, SPBE-21) and a 2024 replication
    commitment (SPBE-33, one verified: progress 100%); Kota Denpasar: one commitment, no progress."""
    bali = _event("Penandatanganan UID Bali", date(2022, 11, 21))
    later = _event("Replikasi Inovasi 2024", date(2024, 5, 2))
    make_commitment(signing_event_id=bali.id, practices=("SPBE-01", "SPBE-21"))
    newer = make_commitment(signing_event_id=later.id, practices=("SPBE-33",), signed_on=date(2024, 5, 2))
    make_commitment(region="51.71", signing_event_id=bali.id, practices=("SPBE-01",))
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    milestone = newer.milestones[0]
    milestones.update(officer, milestone.id, version=1, status="submitted", level=3)
    milestones.verify(mentor, milestone.id, decision="verify", level=3)


def test_region_page_and_workspace_show_a_section_per_commitment(login_as, make_commitment, make_user):
    _two_commitments(make_commitment, make_user)
    viewer = login_as("host_staff", locale="en")
    page = viewer.get("/regions/32.04").get_data(as_text=True)
    assert page.count('data-testid="commitment-section"') == 2
    assert "This region has 2 commitments." in page
    newer = page.index("Milestones of the commitment Replikasi Inovasi 2024")
    older = page.index("Milestones of the commitment Penandatanganan UID Bali")
    assert newer < older, "the commitment that represents the region comes first"
    assert newer < page.index("SPBE-33") < older < page.index("SPBE-21"), "each milestone under its commitment"
    assert "represents the region in national averages" in page[newer:older]
    workspace = viewer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert workspace.count('data-testid="commitment-section"') == 2
    first, second = (workspace.index(t) for t in ("Commitment Replikasi Inovasi 2024", "Commitment Penandatanganan"))
    assert first < workspace.index("SPBE-33") < second < workspace.index("SPBE-21")
    single = viewer.get("/regions/51.71/milestones").get_data(as_text=True)
    assert 'data-testid="commitment-section"' not in single, "one commitment: no extra heading"


def test_the_pdf_report_has_a_section_per_commitment(api_as, make_commitment, make_user):
    _two_commitments(make_commitment, make_user)
    data = api_as("host_staff", locale="en").get("/api/v1/regions/32.04/report.pdf").data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    newer = text.index("Milestones of the commitment Replikasi Inovasi 2024")
    older = text.index("Milestones of the commitment Penandatanganan UID Bali")
    assert newer < text.index("SPBE-33", newer) < older < text.index("SPBE-21", older)
    assert "This region has 2 commitments." in text


def test_national_averages_count_a_region_with_two_commitments_once(api_as, login_as, make_commitment, make_user):
    _two_commitments(make_commitment, make_user)
    summary = api_as("ministry_viewer").get("/api/v1/summary").json
    assert summary["commitments"] == 3 and summary["regions"] == 2
    assert summary["average_progress"] == 0.5, "Bandung by its 2024 commitment (100%), Denpasar 0%"
    jawa_barat = next(p for p in summary["by_province"] if p["code"] == "32")
    assert (jawa_barat["commitments"], jawa_barat["regions"], jawa_barat["average_progress"]) == (2, 1, 1.0)
    page = login_as("host_staff", locale="en").get("/overview").get_data(as_text=True)
    assert "Averages and region counts take each region once" in page
    assert page.count("2 commitments") == 2 and page.count("counts in averages") == 1


def test_the_public_board_and_the_map_count_the_region_once(web, login_as, make_commitment, make_user):
    _two_commitments(make_commitment, make_user)
    board = web.get("/public").get_data(as_text=True)
    regions = board.index("Daerah dengan komitmen")
    assert board[regions:].index('<div class="card-figure">2</div>') < 100
    assert '<div class="card-figure">50%</div>' in board, "Bandung by its 2024 commitment (100%), Denpasar 0%"
    viewer = login_as("ministry_viewer", locale="en")
    jawa_barat = viewer.get("/map?measure=progress").get_data(as_text=True)
    assert "100%" in jawa_barat and "50%" not in jawa_barat


def test_signing_a_draft_while_another_commitment_is_active_needs_the_confirmation(login_as, make_commitment):
    make_commitment()
    draft = make_commitment(status="draft", signed_on=date(2024, 5, 2), practices=("SPBE-05",))
    host = login_as("host_staff", locale="en")
    page = host.get(f"/commitments/{draft.id}").get_data(as_text=True)
    assert "Yes, record a second commitment" in page
    refused = host.post(f"/commitments/{draft.id}/status", data={"status": "signed"}, follow_redirects=True)
    assert "Kabupaten Bandung already has an active commitment:" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Commitment, draft.id).status == "draft"
    host.post(f"/commitments/{draft.id}/status", data={"status": "signed", "confirm_second": "y"})
    db.session.expire_all()
    assert db.session.get(Commitment, draft.id).status == "signed"
