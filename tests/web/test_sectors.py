"""Issue 13, point 8: each region names the public-service sectors of its indicators 45–47; the
name shows next to the indicator wherever it appears for that region (pages, PDF, XLSX)."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import AuditEvent, RegionSector
from livinglab.services import milestones

URL = "/api/v1/regions/32.04/sectors"
EMPTY = {"SPBE-45": None, "SPBE-46": None, "SPBE-47": None}


def _put(client, body, url=URL):
    return client.http.open(url, method="PUT", headers=client.headers, json=body)


def test_officer_names_sectors_over_the_api_and_everyone_reads_them(api_as):
    officer = api_as("region_officer")
    assert officer.get(URL).get_json() == EMPTY
    response = _put(officer, {"SPBE-45": "  Kesehatan ", "SPBE-46": "Pendidikan"})
    assert response.status_code == 200
    assert response.get_json() == {"SPBE-45": "Kesehatan", "SPBE-46": "Pendidikan", "SPBE-47": None}
    assert api_as("ministry_viewer").get(URL).get_json()["SPBE-46"] == "Pendidikan"
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "region.sectors")).one()
    assert audit.actor_id == officer.user.id and audit.after == {"SPBE-45": "Kesehatan", "SPBE-46": "Pendidikan"}

    # PUT replaces: an indicator left out or emptied has no sector any more.
    assert _put(api_as("host_staff"), {"SPBE-47": "Pariwisata", "SPBE-45": ""}).get_json() == {
        "SPBE-45": None,
        "SPBE-46": None,
        "SPBE-47": "Pariwisata",
    }
    assert db.session.scalars(select(RegionSector.label)).all() == ["Pariwisata"]


def test_bad_sector_input_is_refused_and_nothing_changes(api_as):
    officer = api_as("region_officer")
    _put(officer, {"SPBE-45": "Kesehatan"})
    for body, field in (
        ({"SPBE-44": "Kesehatan"}, "SPBE-44"),  # an indicator without a sector
        ({"SPBE-99": "Kesehatan"}, "SPBE-99"),  # no such indicator
        ({"HOST-MPP": "Kesehatan"}, "HOST-MPP"),
        ({"SPBE-45": "x" * 81}, "SPBE-45"),
        ({"SPBE-45": 7}, "SPBE-45"),
    ):
        response = _put(officer, body)
        assert response.status_code == 422, body
        error = response.get_json()["error"]
        assert error["code"] == "invalid" and field in error["fields"], error
    assert _put(officer, ["Kesehatan"]).status_code == 422
    assert "80" in _put(officer, {"SPBE-45": "x" * 81}).get_json()["error"]["fields"]["SPBE-45"]
    assert officer.get(URL).get_json()["SPBE-45"] == "Kesehatan"


def test_another_regions_officer_gets_404_and_a_ministry_403(api_as, make_user):
    other = api_as("region_officer", region="51.71")
    assert other.get(URL).status_code == 404
    assert _put(other, {"SPBE-45": "Kesehatan"}).status_code == 404
    assert _put(other, {"SPBE-99": "x"}).status_code == 404, "scope is checked before the body"
    assert _put(api_as("ministry_viewer"), {"SPBE-45": "Kesehatan"}).status_code == 403
    assert api_as("host_admin").get("/api/v1/regions/99.99/sectors").status_code == 404
    assert db.session.scalar(select(RegionSector.id)) is None


def test_the_sectors_page_is_reached_from_the_workspace(login_as, make_commitment):
    make_commitment(practices=("SPBE-45", "SPBE-01"))
    officer = login_as("region_officer", locale="en")
    workspace = officer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert 'href="/regions/32.04/sectors"' in workspace
    form = officer.get("/regions/32.04/sectors").get_data(as_text=True)
    assert 'name="SPBE-45"' in form and 'name="SPBE-47"' in form and 'name="SPBE-44"' not in form
    assert '<option value="Kesehatan">' in form

    too_long = officer.post("/regions/32.04/sectors", data={"SPBE-45": "x" * 81})
    assert too_long.status_code == 422 and "At most 80 characters." in too_long.get_data(as_text=True)
    saved = officer.post("/regions/32.04/sectors", data={"SPBE-45": "Kesehatan", "SPBE-46": "Perhubungan"})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/regions/32.04/milestones")
    workspace = officer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert 'data-testid="sector-label">Sector: Kesehatan<' in workspace

    assert login_as("region_officer", region="51.71").get("/regions/32.04/sectors").status_code == 404
    assert login_as("ministry_viewer").get("/regions/32.04/sectors").status_code == 403
    ministry = login_as("ministry_viewer").get("/regions/32.04/milestones").get_data(as_text=True)
    assert 'href="/regions/32.04/sectors"' not in ministry


def test_the_sector_shows_next_to_the_indicator_everywhere(login_as, api_as, make_commitment, make_user):
    commitment = make_commitment(practices=("SPBE-45", "SPBE-46", "SPBE-01"))
    officer = make_user("region_officer")
    sector45 = next(m for m in commitment.milestones if m.practice.code == "SPBE-45")
    milestones.update(officer, sector45.id, version=1, status="in_progress", level=2)
    _put(api_as("host_staff"), {"SPBE-45": "Kesehatan Ibu dan Anak"})
    viewer = login_as("host_staff", locale="en")

    label = 'data-testid="sector-label">Sector: Kesehatan Ibu dan Anak<'
    page = viewer.get(f"/milestones/{sector45.id}").get_data(as_text=True)
    assert label in page
    assert label in viewer.get("/regions/32.04").get_data(as_text=True)
    assert label in viewer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert page.count("sector-label") == 1, "only the indicator the region named"

    pdf = viewer.get("/regions/32.04/report.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split())
    assert "Kesehatan Ibu dan Anak" in text

    sheet = load_workbook(io.BytesIO(viewer.get("/regions/32.04/milestones.xlsx").data)).active
    titles = {row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles["SPBE-45"].endswith("(sector: Kesehatan Ibu dan Anak)")
    assert "sector" not in titles["SPBE-46"] and "sector" not in titles["SPBE-01"]
