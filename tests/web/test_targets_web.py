"""Targets on the pages: event and commitment forms, region page and PDF, overview, /national."""

import io
from decimal import Decimal

from pypdf import PdfReader
from sqlalchemy import select

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Commitment, SigningEvent
from livinglab.services import evaluations
from livinglab.services.evaluations import EvaluationInput

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TARGET = {"target_index": Decimal("3.50"), "target_year": 2025}


def _official(region, year, index):
    row = EvaluationInput(row=1, region=region, index=index)
    assert evaluations.import_results(policy.SYSTEM, [row], year=year, source="KepmenPANRB 13/2024").saved == 1


def test_event_form_sets_a_target_that_new_commitments_take(login_as):
    host = login_as("host_staff", locale="en")
    event = {"name": "UID Bali", "place": "Kampus UID, Bali", "date": "2022-11-21"}
    bad = host.post("/events/new", data={**event, "target_index": "5,5", "target_year": "2025"})
    assert bad.status_code == 422 and "from 0 to 5 with at most two decimals" in bad.get_data(as_text=True)
    created = host.post("/events/new", data={**event, "target_index": "3,50", "target_year": "2025"})
    assert created.status_code == 302
    assert "Indeks SPBE 3.50 by 2025" in host.get(created.headers["Location"]).get_data(as_text=True)
    saved = db.session.scalar(select(SigningEvent))
    assert (saved.target_index, saved.target_year) == (Decimal("3.50"), 2025)

    form = {
        "region": "32.04",
        "signing_event_id": str(saved.id),
        "signatory_name": "H. M. Dadang Supriatna",
        "signed_on": "2022-11-21",
        "status": "signed",
        "practices": ["SPBE-01"],
        "document": (io.BytesIO(PDF), "komitmen.pdf"),
    }
    response = host.post("/commitments/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    page = host.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="commitment-target">3.50 by 2025<' in page
    commitment = db.session.scalar(select(Commitment))
    edited = host.post(
        f"/commitments/{commitment.id}/edit",
        data={
            "signatory_name": "H. M. Dadang Supriatna",
            "signing_event_id": str(saved.id),
            "target_index": "3.8",
            "target_year": "2026",
            "signed_on": "2022-11-21",
        },
        content_type="multipart/form-data",
    )
    assert edited.status_code == 302, edited.get_data(as_text=True)
    db.session.expire_all()
    assert (db.session.get(Commitment, commitment.id).target_index, commitment.target_year) == (Decimal("3.80"), 2026)


def test_region_page_and_pdf_show_the_target_gap_and_flag(login_as, make_commitment):
    make_commitment(**TARGET)
    _official("32.04", 2022, "3.84")  # already above the target it signed: allowed, flagged
    viewer = login_as("ministry_viewer", locale="en")
    page = viewer.get("/regions/32.04").get_data(as_text=True)
    assert 'data-testid="target"' in page and "Indeks SPBE 3.50 by 2025" in page
    assert 'data-testid="target-gap">none (-0.34)<' in page
    assert "Reached by the estimate" in page
    assert "Below the official index 3.84 (2022)" in page

    data = viewer.get("/regions/32.04/report.pdf").data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Indeks SPBE 3.50 by 2025" in text and "Below the official index 3.84 (2022)" in text


def test_region_gap_is_unknown_with_too_little_data(login_as, make_commitment):
    make_commitment(**TARGET)
    page = login_as("host_staff", locale="en").get("/regions/32.04").get_data(as_text=True)
    assert 'data-testid="target-gap-unknown"' in page and "Not known yet" in page


def test_overview_column_and_national_count_and_furthest(login_as, make_commitment):
    make_commitment(region="32.04", **TARGET)
    make_commitment(region="32.73", **TARGET)
    make_commitment(region="51.71", **TARGET)
    make_commitment(region="32.01")  # no target: not counted
    _official("32.04", 2025, "3.61")  # reached officially
    _official("32.73", 2024, "2.10")  # gap 1.40
    _official("51.71", 2024, "3.20")  # gap 0.30
    host = login_as("host_admin", locale="en")
    overview = host.get("/overview").get_data(as_text=True)
    assert overview.count('data-testid="target-cell"') == 4
    assert "3.50/2025" in overview and "1.40" in overview

    national = login_as("ministry_viewer", locale="en").get("/national").get_data(as_text=True)
    assert "1 of 3 commitments reached their target." in national
    furthest = national.split('data-testid="targets-furthest"')[1].split("</table>")[0]
    assert furthest.index("Kota Bandung") < furthest.index("Kota Denpasar"), "largest gap first"
    assert "Kabupaten Bandung" not in furthest, "a region that reached its target is not listed"

    pdf = login_as("ministry_viewer", locale="en").get("/national/report.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    assert "1 of 3 commitments reached their target." in text
    furthest = text.split("Furthest from their target")[1]
    assert furthest.index("Kota Bandung") < furthest.index("Kota Denpasar") and "1.40" in furthest


def test_api_overview_rows_carry_their_target(make_commitment, api_as):
    make_commitment(region="32.04", **TARGET)
    make_commitment(region="32.01")
    _official("32.04", 2025, "3.61")
    rows = {row["region"]: row for row in api_as("host_staff").get("/api/v1/overview").json["items"]}
    target = rows["32.04"]["target"]
    assert (target["index"], target["year"], target["reached"], target["reached_by"]) == (3.5, 2025, True, "official")
    assert target["below_official"] is True  # 3.61 official, already above the 3.50 aimed at
    assert rows["32.01"]["target"] is None


def test_a_target_below_the_official_index_is_saved_and_flagged_where_it_is_entered(login_as):
    _official("32.04", 2024, Decimal("2.85"))
    host = login_as("host_staff", locale="en")
    form = {
        "region": "32.04",
        "signatory_name": "H. M. Dadang Supriatna",
        "signed_on": "2022-11-21",
        "status": "signed",
        "practices": ["SPBE-01"],
        "target_index": "2,50",
        "target_year": "2026",
        "document": (io.BytesIO(PDF), "komitmen.pdf"),
    }
    response = host.post("/commitments/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    page = host.get(response.headers["Location"]).get_data(as_text=True)
    assert "The target index 2.50 is below the region&#39;s official index 2.85 (2024)" in page
    assert 'data-testid="target-below-official">Below the official index 2.85 (2024)<' in page
    commitment = db.session.scalar(select(Commitment))
    assert commitment.target_index == Decimal("2.50")

    raised = host.post(
        f"/commitments/{commitment.id}/edit",
        data={"signatory_name": "H. M. Dadang Supriatna", "target_index": "3.10", "target_year": "2026"},
        content_type="multipart/form-data",
    )
    page = host.get(raised.headers["Location"]).get_data(as_text=True)
    assert "below the region" not in page and "target-below-official" not in page
