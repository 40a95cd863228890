"""Bulk import of commitments from XLSX or CSV: previewed, then all rows or none, every rejection explained."""

import io
import re
from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, SigningEvent

HEADER = [
    "region_code",
    "signatory_name",
    "signatory_title",
    "signed_on",
    "target_date",
    "event",
    "practices",
    "target_index",
    "target_year",
]


def _event():
    event = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    return event


def _xlsx(rows):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _post(client, buffer, name):
    """Step one: the preview."""
    return client.post("/commitments/import", data={"file": (buffer, name)}, content_type="multipart/form-data")


def _hidden(page, name):
    return re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)


def _confirm(client, preview, picks=None):
    """Step two: send back what the preview page holds, with the picks for ambiguous names."""
    page = preview.get_data(as_text=True)
    data = {"payload": _hidden(page, "payload"), "filename": _hidden(page, "filename")}
    data.update({f"pick-{row}": code for row, code in (picks or {}).items()})
    return client.post("/commitments/import/confirm", data=data)


def _import(client, buffer, name):
    preview = _post(client, buffer, name)
    assert preview.status_code == 200, preview.get_data(as_text=True)
    assert _counts() == (0, 0)  # nothing saved by the preview
    return _confirm(client, preview)


def _counts():
    return db.session.scalar(select(func.count(Commitment.id))), db.session.scalar(select(func.count(Milestone.id)))


def test_valid_xlsx_imports_every_row(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    rows = [
        ["32.04", "Dadang Supriatna", "", date(2022, 11, 21), date(2025, 12, 31), event.name, "SPBE-01 SPBE-02"],
        ["51.71", "Jaya Negara", "Wali Kota", "2022-11-21", "", str(event.id), "SPBE-33;HOST-MPP"],
    ]
    response = _import(host, _xlsx(rows), "komitmen.xlsx")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _counts() == (2, 4)
    titles = {c.region.code: c.signatory_title for c in db.session.scalars(select(Commitment))}
    assert titles == {"32.04": "Bupati", "51.71": "Wali Kota"}


def test_one_bad_row_writes_nothing_and_every_bad_row_is_reported(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    rows = [
        ["32.04", "Good One", "", "2022-11-21", "2025-12-31", event.name, "SPBE-01"],
        ["99.99", "Unknown Region", "", "2022-11-21", "", event.name, "SPBE-01"],
        ["32.73", "Bad Date", "", "2026-01-01", "2025-01-01", event.name, "SPBE-01"],
        ["32.74", "Bad Practice", "", "2022-11-21", "", event.name, "SPBE-99"],
        ["32.04", "Duplicate", "", "2022-11-21", "", event.name, "SPBE-02"],
        ["32.75", "Bad Event", "", "2022-11-21", "", "No such event", "SPBE-01"],
        ["32.76", "Good Two", "", "2022-11-21", "", event.name, "SPBE-03"],
    ]
    response = _post(host, _xlsx(rows), "komitmen.xlsx")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "5 rows were rejected; nothing was saved." in page
    for text in (
        "Unknown region code: 99.99",
        "must not be before",
        "SPBE-99",
        "already has a commitment",
        "Unknown signing event",
    ):
        assert text in page, text
    assert _counts() == (0, 0)


def test_csv_with_semicolons_and_the_templates(login_as):
    _event()
    host = login_as("host_admin", locale="en")
    text = "region_code;signatory_name;signed_on;practices\n32.04;Dadang;2022-11-21;SPBE-01,SPBE-02\n"
    assert _import(host, io.BytesIO(text.encode()), "komitmen.csv").status_code == 302
    assert _counts() == (1, 2)
    template = load_workbook(io.BytesIO(host.get("/commitments/import/template.xlsx").data)).active
    assert [c.value for c in template[1]][:4] == ["Region", "Province", "Signatory name", "Signatory title"]
    assert host.get("/commitments/import/template.csv").data.decode("utf-8-sig").startswith("Region,Province,")


def test_unreadable_files_and_missing_columns(login_as):
    host = login_as("host_staff", locale="en")
    assert "Missing columns" in _post(host, io.BytesIO(b"name,x\n1,2\n"), "a.csv").get_data(as_text=True)
    assert _post(host, io.BytesIO(b"PK\x03\x04broken"), "a.xlsx").status_code == 422
    assert login_as("region_officer").get("/commitments/import").status_code == 403


def test_a_row_for_the_host_region_is_refused_and_nothing_is_saved(login_as, app):
    host = login_as("host_staff", locale="en")
    rows = [
        ["32.04", "Dadang Supriatna", "", date(2022, 11, 21), "", "", "SPBE-01"],
        [app.config["HOST_REGION_CODE"], "Dony Ahmad Munir", "", date(2022, 11, 21), "", "", "SPBE-01"],
    ]
    response = _post(host, _xlsx(rows), "komitmen.xlsx")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Kabupaten Sumedang is the host region: the host is not an adopting region" in page
    assert _counts() == (0, 0)


def test_targets_come_from_the_file_or_the_event(login_as):
    from decimal import Decimal

    event = _event()
    event.target_index, event.target_year = Decimal("3.50"), 2025
    db.session.commit()
    host = login_as("host_staff", locale="en")
    bad = [["32.73", "Too High", "", "2022-11-21", "", event.name, "SPBE-01", 5.5, 2025]]
    refused = _post(host, _xlsx(bad), "komitmen.xlsx")
    assert refused.status_code == 422 and "from 0 to 5 with at most two decimals" in refused.get_data(as_text=True)
    rows = [
        ["32.04", "Own Target", "", "2022-11-21", "", event.name, "SPBE-01", 3.8, 2026],
        ["51.71", "Event Target", "Wali Kota", "2022-11-21", "", event.name, "SPBE-01", None, None],
    ]
    assert _import(host, _xlsx(rows), "komitmen.xlsx").status_code == 302
    targets = {c.region.code: (c.target_index, c.target_year) for c in db.session.scalars(select(Commitment))}
    assert targets == {"32.04": (Decimal("3.80"), 2026), "51.71": (Decimal("3.50"), 2025)}
