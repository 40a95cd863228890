"""The spreadsheet round trip: download, fill offline, upload; all rows or none."""

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Milestone, MilestoneUpdate


def _download(client, code="32.04"):
    response = client.get(f"/regions/{code}/milestones.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.data))


def _upload(client, book, code="32.04"):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return client.post(
        f"/regions/{code}/milestones/import",
        data={"file": (buffer, "filled.xlsx")},
        content_type="multipart/form-data",
    )


def _fill(sheet, row, status=None, level=None, note=None):
    header = [c.value for c in sheet[1]]
    for name, value in (("New status", status), ("New level", level), ("Note", note)):
        sheet.cell(row=row, column=header.index(name) + 1, value=value)


def _history_count():
    return db.session.scalar(select(func.count(MilestoneUpdate.id)))


def test_round_trip_applies_every_row(login_as, make_commitment):
    commitment = make_commitment()
    officer = login_as("region_officer", locale="en")
    book = _download(officer)
    sheet = book.worksheets[0]
    assert sheet.max_row == 4 and sheet["A2"].value == commitment.milestones[0].id
    _fill(sheet, 2, "in_progress", 2, "Drafting")
    _fill(sheet, 3, "submitted", 3, "Done, see SK")
    response = _upload(officer, book)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    states = {m.id: (m.status, m.level) for m in db.session.scalars(select(Milestone))}
    assert states[commitment.milestones[0].id] == ("in_progress", 2)
    assert states[commitment.milestones[1].id] == ("submitted", 3)
    assert states[commitment.milestones[2].id] == ("not_started", None)
    assert _history_count() == 2


def test_one_bad_row_writes_nothing_and_reports_every_reason(login_as, make_commitment):
    commitment = make_commitment()
    other = make_commitment(region="51.71")
    officer = login_as("region_officer", locale="en")
    book = _download(officer)
    sheet = book.worksheets[0]
    _fill(sheet, 2, "in_progress", 2)
    _fill(sheet, 3, "verified", None)
    _fill(sheet, 4, None, 7)
    sheet.append([other.milestones[0].id, "SPBE-01", "", None, "not_started", None, None, 1, "in_progress", None, None])
    sheet.append([commitment.milestones[0].id, "SPBE-01", "", None, "", None, None, 1, None, None, "second edit"])
    response = _upload(officer, book)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "4 rows were rejected; nothing was saved." in page
    assert "cannot go from" in page or "Only the host" in page
    assert "whole number from 1 to 5" in page
    assert "Unknown milestone for this region" in page
    assert "Stale version" in page
    assert _history_count() == 0
    db.session.expire_all()
    assert db.session.get(Milestone, commitment.milestones[0].id).status == "not_started"


def test_not_a_workbook_and_stale_download(login_as, make_commitment):
    commitment = make_commitment()
    officer = login_as("region_officer", locale="en")
    response = officer.post(
        "/regions/32.04/milestones/import",
        data={"file": (io.BytesIO(b"%PDF-1.4 not a sheet"), "x.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and "not a readable XLSX" in response.get_data(as_text=True)
    book = _download(officer)
    from livinglab.services import milestones

    milestones.update(officer.user, commitment.milestones[0].id, version=1, status="in_progress")
    _fill(book.worksheets[0], 2, "submitted", 3)
    response = _upload(officer, book)
    assert response.status_code == 422 and "Stale version" in response.get_data(as_text=True)


def test_other_regions_cannot_use_the_sheet(login_as, make_commitment):
    make_commitment()
    stranger = login_as("region_officer", region="51.71")
    assert stranger.get("/regions/32.04/milestones.xlsx").status_code == 404
    assert stranger.get("/regions/32.04/milestones/import").status_code == 404
    assert login_as("ministry_viewer").get("/regions/32.04/milestones/import").status_code == 403
