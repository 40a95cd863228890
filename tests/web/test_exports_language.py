"""Spreadsheets in the reader's language, read back in either (issue 16, point 4): XLSX headers and
statuses as words, imports that accept Indonesian, English or codes whatever the case, spaces and
accents, and CSV files in the reader's format (id: `;` and a decimal comma; en: `,` and a point)."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Commitment, Contact, Evaluation, Milestone
from livinglab.services import evaluations
from livinglab.services.evaluations import EvaluationInput

HIDDEN = 'name="{}" type="hidden" value="([^"]*)"'


def _book(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.data))


def _saved(book):
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _upload_sheet(client, book):
    return client.post(
        "/regions/32.04/milestones/import",
        data={"file": (_saved(book), "tonggak.xlsx")},
        content_type="multipart/form-data",
    )


def _fill(sheet, row, **values):
    header = [cell.value for cell in sheet[1]]
    for name, value in values.items():
        sheet.cell(row=row, column=header.index(name) + 1, value=value)


def _statuses():
    db.session.expire_all()
    return [m.status for m in db.session.scalars(select(Milestone).order_by(Milestone.id))]


def test_an_indonesian_milestone_sheet_imports_in_an_english_session(login_as, make_commitment):
    make_commitment()
    book = _book(login_as("region_officer", locale="id").get("/regions/32.04/milestones.xlsx"))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert sheet.title == "Tonggak capaian" and book.sheetnames[1] == "Petunjuk"
    assert header[:5] == ["ID tonggak capaian", "Praktik", "Judul", "Tenggat", "Status"]
    assert "Status baru" in header and "_" not in "".join(header)
    assert sheet.cell(row=2, column=5).value == "Belum dimulai"
    assert sheet.data_validations.dataValidation[0].formula1.startswith('"Belum dimulai,Sedang berjalan,')
    _fill(sheet, 2, **{"Status baru": "Sedang berjalan", "Tingkat baru": 2})
    _fill(sheet, 3, **{"Status baru": "  DIAJUKAN ", "Tingkat baru": 3, "Catatan": "SK terbit"})
    response = _upload_sheet(login_as("region_officer", locale="en"), book)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _statuses() == ["in_progress", "submitted", "not_started"]


def test_an_english_milestone_sheet_with_codes_and_words_imports_in_an_indonesian_session(login_as, make_commitment):
    make_commitment()
    book = _book(login_as("region_officer", locale="en").get("/regions/32.04/milestones.xlsx"))
    sheet = book.worksheets[0]
    assert sheet.title == "Milestones" and sheet.cell(row=2, column=5).value == "Not started"
    _fill(sheet, 2, **{"New status": "in progress"})
    _fill(sheet, 3, **{"New status": "in_progress", "New level": 1})
    sheet.cell(row=1, column=9, value="NEW_STATUS")  # an older template's code, in capitals
    response = _upload_sheet(login_as("region_officer", locale="id"), book)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _statuses() == ["in_progress", "in_progress", "not_started"]


def _commitment_import(client, data, name):
    preview = client.post(
        "/commitments/import", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page
    fields = {key: re.search(HIDDEN.format(key), page).group(1) for key in ("payload", "filename")}
    return client.post("/commitments/import/confirm", data=fields)


def test_the_indonesian_commitment_template_imports_in_an_english_session(login_as):
    template = _book(login_as("host_admin", locale="id").get("/commitments/import/template.xlsx"))
    sheet = template.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Daerah", "Provinsi", "Nama penanda tangan"] and "Peran kontak" in header
    example = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert example["Tuan rumah sebagai pihak"] == "ya" and example["Indeks target"] == 3.5
    assert sheet.cell(row=2, column=header.index("Indeks target") + 1).number_format == "0.00"
    role = example["Peran kontak"]
    assert role.startswith("Kepala perangkat daerah")
    row = ["32.04", "Jawa Barat", "Dadang", "Bupati", "2022-11-21", "", "", "SPBE-01", "KemenPANRB", "tidak"]
    sheet.append([*row, "", "", "kominfo@bandungkab.go.id", "Kominfo", role])
    response = _commitment_import(login_as("host_admin", locale="en"), _saved(sheet.parent).getvalue(), "k.xlsx")
    assert response.status_code == 302, response.get_data(as_text=True)
    commitment = db.session.scalar(select(Commitment))
    assert commitment.host_is_party is False
    assert (
        db.session.scalar(select(Contact.role).where(Contact.email == "kominfo@bandungkab.go.id")) == "head_of_agency"
    )


def test_commitment_headers_in_any_case_spacing_or_accents(login_as):
    text = (
        "  DÁERAH ;Nama_Penandatangan;signatory-title;Practices;host is a party;PIHAK  KEDUA\n"
        "32.04;Dadang;Bupati;SPBE-01;No;KemenPANRB\n"
    )
    response = _commitment_import(login_as("host_admin", locale="id"), text.encode(), "k.csv")
    assert response.status_code == 302, response.get_data(as_text=True)
    commitment = db.session.scalar(select(Commitment))
    assert commitment.signatory_title == "Bupati" and commitment.host_is_party is False


def test_an_indonesian_evaluation_csv_imports_in_an_english_session(login_as):
    template = login_as("host_admin", locale="id").get("/evaluations/import/template.csv").data
    text = template.decode("utf-8-sig")
    assert text.startswith("Daerah;Tahun;Indeks;Sumber;Tanggal evaluasi;SPBE-01;") and ";3,75;" in text
    admin = login_as("host_admin", locale="en")
    preview = admin.post(
        "/evaluations/import",
        data={"file": (io.BytesIO(template), "hasil.csv")},
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "New: <strong>1</strong>" in page, page
    done = admin.post("/evaluations/import/confirm", data={"ticket": re.search(HIDDEN.format("ticket"), page).group(1)})
    assert done.status_code == 302
    assert str(db.session.scalar(select(Evaluation.spbe_index))) == "3.75"


@pytest.fixture
def official_result(make_commitment):
    make_commitment(region="32.04", practices=("SPBE-01",))
    row = EvaluationInput(row=1, region="32.04", index="2.10", levels={})
    evaluations.import_results(policy.SYSTEM, [row], year=2023, source="KepmenPANRB 13/2024")
    assert db.session.scalar(select(func.count(Evaluation.id))) == 1


@pytest.mark.parametrize(
    ("locale", "separator", "official", "status"),
    [("id", ";", "Indeks resmi", "Aktif"), ("en", ",", "Official index", "Active")],
)
def test_csv_exports_follow_the_readers_format(login_as, official_result, locale, separator, official, status):
    response = login_as("host_staff", locale=locale).get("/overview.csv")
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=separator))
    bandung = dict(zip(rows[0], next(row for row in rows[1:] if row[0] == "32.04"), strict=True))
    assert bandung[official] == ("2,10" if locale == "id" else "2.10")
    assert status in bandung.values()


@pytest.mark.parametrize(
    ("locale", "separator", "header", "flag"),
    [
        ("id", ";", ["Indikator", "Domain", "Aspek", "Bobot %"], "tidak"),
        ("en", ",", ["Indicator", "Domain", "Aspect", "Weight %"], "no"),
    ],
)
def test_the_index_csv_has_headers_and_words_in_the_readers_language(
    login_as, official_result, locale, separator, header, flag
):
    response = login_as("host_staff", locale=locale).get("/regions/32.04/index.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=separator))
    assert rows[0][:4] == header and all("_" not in name for name in rows[0])
    assert {row[7] for row in rows[1:]} == {flag}
    weights = [row[3] for row in rows[1:]]
    assert "," not in "".join(weights) if locale == "en" else "." not in "".join(weights)


def test_indices_in_xlsx_show_two_decimals(login_as, official_result):
    sheet = _book(login_as("host_staff", locale="en").get("/overview.xlsx")).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Official index") + 1)
    assert cell.value == 2.1 and cell.number_format == "0.00"
