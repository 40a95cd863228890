"""Exports a reader can use as they come (issue 16, point 4): numbers rounded (indices to two
decimals), XLSX headers, sheet names and status values in the reader's language."""

import csv
import io

import pytest
from openpyxl import load_workbook

from livinglab import policy
from livinglab.services import evaluations
from livinglab.services.evaluations import EvaluationInput

# three regencies of Jawa Barat with official results whose average has no end: 6.55 / 3
OFFICIAL = {"32.04": "2.10", "32.73": "2.20", "32.01": "2.25"}


@pytest.fixture
def jawa_barat(make_commitment):
    for code, index in OFFICIAL.items():
        make_commitment(region=code, practices=("SPBE-01",))
        row = EvaluationInput(row=1, region=code, index=index, levels={})
        assert evaluations.import_results(policy.SYSTEM, [row], year=2023, source="KepmenPANRB 13/2024").saved == 1


def _csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def _sheet(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data)).active


def test_provinces_csv_rounds_the_average_index(login_as, jawa_barat):
    rows = _csv(login_as("ministry_viewer", locale="en").get("/national/provinces.csv"))
    header, jabar = rows[0], next(row for row in rows[1:] if row[0] == "32")
    assert jabar[header.index("Average index estimate")] == "2.18"
    assert all(len(cell.partition(".")[2]) <= 2 for row in rows[1:] for cell in row if cell.replace(".", "").isdigit())


def test_overview_csv_rounds_indices_and_names_statuses(login_as, jawa_barat):
    rows = _csv(login_as("host_staff", locale="en").get("/overview.csv"))
    header = rows[0]
    by_region = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_region["32.04"]["Official index"] == "2.10" and by_region["32.04"]["Status"] == "Active"


@pytest.mark.parametrize(
    ("locale", "title", "average"),
    [("id", "Provinsi", "Rata-rata perkiraan indeks"), ("en", "Provinces", "Average index estimate")],
)
def test_provinces_xlsx_speaks_the_readers_language(login_as, jawa_barat, locale, title, average):
    sheet = _sheet(login_as("ministry_viewer", locale=locale).get("/national/provinces.xlsx"))
    header = [cell.value for cell in sheet[1]]
    assert sheet.title == title and all("_" not in str(name) for name in header)
    jabar = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "32")
    assert jabar[header.index(average)] == 2.18


@pytest.mark.parametrize(("locale", "title", "status"), [("id", "Ikhtisar", "Aktif"), ("en", "Overview", "Active")])
def test_overview_xlsx_speaks_the_readers_language(login_as, jawa_barat, locale, title, status):
    sheet = _sheet(login_as("host_staff", locale=locale).get("/overview.xlsx"))
    header = [cell.value for cell in sheet[1]]
    assert sheet.title == title and all("_" not in str(name) for name in header)
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["32.04"][header[5]] == status
    assert all(value == round(value, 2) for row in rows.values() for value in row.values() if isinstance(value, float))
