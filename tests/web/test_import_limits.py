"""Hostile spreadsheets through both imports (commitments: XLSX and CSV; the milestone sheet):
zip bombs and sheets of a million rows are refused with a clear 422, quickly and without the
worker's memory growing; IMPORT_MAX_ROWS counts every row, filled or not, whatever the sheet's
dimension tag claims."""

import io
import time

import hostile_files
import pytest
from conftest import WebClient
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, MilestoneUpdate
from livinglab.services.commitment_import import COLUMNS as COMMITMENT_HEADER
from livinglab.services.milestone_sheets import COLUMNS as MILESTONE_HEADER

IMPORTS = {
    "commitments": ("host_staff", "/commitments/import", COMMITMENT_HEADER),
    "milestones": ("region_officer", "/regions/32.04/milestones/import", MILESTONE_HEADER),
}


def _post(client, url, data, name="isian.xlsx"):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _nothing_written():
    return db.session.scalar(select(func.count(Commitment.id))) <= 1 and not db.session.scalar(
        select(func.count(MilestoneUpdate.id))
    )


def _refused_quickly(client, url, data, name="isian.xlsx"):
    """Post `data`; assert a 422 within 5 s and < 50 MB of peak memory growth; returns the page."""
    before, started = hostile_files.peak_rss_mb(), time.perf_counter()
    response = _post(client, url, data, name)
    elapsed, growth = time.perf_counter() - started, hostile_files.peak_rss_mb() - before
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page[:2000]
    assert elapsed < 5 and growth < 50, (elapsed, growth)
    return page


@pytest.fixture(params=sorted(IMPORTS))
def importer(request, login_as, make_commitment):
    make_commitment()
    role, url, header = IMPORTS[request.param]
    return login_as(role, locale="en"), url, header


def test_a_zip_bomb_is_refused_before_the_workbook_is_opened(importer):
    client, url, header = importer
    page = _refused_quickly(client, url, hostile_files.xlsx_bomb(header))
    assert "unpacks to more than" in page or "compressed more than" in page
    assert _nothing_written()


@pytest.mark.parametrize("dimension", [None, "A1:A1", "A1:A1000000"], ids=["no-dimension", "lying", "declared"])
def test_a_million_one_cell_rows_are_refused_at_the_row_cap(importer, dimension):
    client, url, header = importer
    page = _refused_quickly(client, url, hostile_files.many_rows_xlsx(header, dimension=dimension))
    assert "more than 2000 rows" in page
    assert _nothing_written()


def test_a_row_far_below_the_header_counts_every_empty_row_before_it(importer):
    client, url, header = importer
    page = _refused_quickly(client, url, hostile_files.far_row_xlsx(header))
    assert "more than 2000 rows" in page


def test_a_csv_of_a_million_lines_is_refused_at_the_row_cap(login_as):
    host = login_as("host_staff", locale="en")
    text = ",".join(COMMITMENT_HEADER) + "\n" + "32.04\n" * 1_000_000
    page = _refused_quickly(host, "/commitments/import", text.encode(), "komitmen.csv")
    assert "more than 2000 rows" in page


def test_a_csv_with_an_oversized_field_is_a_clear_refusal(login_as):
    host = login_as("host_staff", locale="en")
    text = ",".join(COMMITMENT_HEADER) + '\n"' + "x" * 300_000 + '"\n'
    assert _post(host, "/commitments/import", text.encode(), "komitmen.csv").status_code == 422


def test_the_row_cap_is_a_setting_and_counts_empty_rows(make_app, make_user, make_commitment):
    from openpyxl import load_workbook

    app = make_app(IMPORT_MAX_ROWS=3)
    with app.app_context():
        make_commitment()
        officer = make_user("region_officer", locale="en")
        client = WebClient(app)
        client.login(officer.email)
        client.user = officer
        sheet_bytes = client.get("/regions/32.04/milestones.xlsx").data
        book = load_workbook(io.BytesIO(sheet_bytes))
        assert book.worksheets[0].max_row == 4  # the header and three milestones: at the cap
        book.worksheets[0]["I2"] = "in_progress"
        buffer = io.BytesIO()
        book.save(buffer)
        assert _post(client, "/regions/32.04/milestones/import", buffer.getvalue()).status_code == 302
        book.worksheets[0]["K6"] = " "  # one more row, even one that only looks empty
        buffer = io.BytesIO()
        book.save(buffer)
        response = _post(client, "/regions/32.04/milestones/import", buffer.getvalue())
        assert response.status_code == 422 and "more than 3 rows" in response.get_data(as_text=True)
        csv = ",".join(COMMITMENT_HEADER) + "\n" + "\n" * 3 + "32.73,Kepala,,,,,SPBE-01\n"
        host = WebClient(app)
        host_user = make_user("host_staff", locale="en")
        host.login(host_user.email)
        host.user = host_user
        response = _post(host, "/commitments/import", csv.encode(), "komitmen.csv")
        assert response.status_code == 422 and "more than 3 rows" in response.get_data(as_text=True)
