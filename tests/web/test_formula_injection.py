"""Formula injection: user text that a spreadsheet would run (=, +, -, @, tab, CR first) comes out
of every CSV and XLSX export as visible text, never as a formula; numbers stay numbers."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from livinglab.services import catalogue, commitments, events, exports

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1", "\t=1"]
REGIONS = ["32.04", "51.71", "32.73", "32.74", "32.75"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_titles(app, make_user):
    """Practices and signing events named by the payloads, in commitments of five regions; returns
    the titles and names as stored (the services may trim them)."""
    admin = make_user("host_admin")
    practices, names = [], []
    for n, payload in enumerate(PAYLOADS, start=1):
        practice = catalogue.create_practice(
            admin,
            "host-practices",
            code=f"HOST-F{n}",
            title=payload,
            weight=0,
            level_scale="process",
            default_duration_days=90,
        )
        event = events.create_event(admin, name=payload + f" {n}", place="Bali", date=date(2022, 11, 20 + n))
        commitments.create_commitment(
            admin,
            region=REGIONS[n - 1],
            signatory_name="Kepala Daerah",
            signed_on=date(2022, 11, 21),
            signing_event_id=event.id,
            practices=[practice.code],
            status="active",
        )
        practices.append(practice.title)
        names.append(event.name)
    return practices, names


def _cells(data):
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_text_not_formula(data, expected):
    cells = _cells(data)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    shown = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in expected:
        assert text in shown, text
        assert shown[text].data_type == "s" and shown[text].quotePrefix, text


def _csv(data):
    """An export for an Indonesian reader (the default language): columns between semicolons."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _assert_prefixed(rows, expected):
    values = {value for row in rows for value in row}
    for text in expected:
        assert "'" + text in values and text not in values, text
    assert not [v for v in values if v[:1] in TRIGGERS and not re.fullmatch(r"-?\d+(\.\d+)?", v)]


def test_every_regions_milestone_sheet_shows_practice_titles_as_text(hostile_titles, login_as):
    titles, _names = hostile_titles
    for code, title in zip(REGIONS, titles, strict=True):
        response = login_as("region_officer", region=code).get(f"/regions/{code}/milestones.xlsx")
        assert response.status_code == 200
        _assert_text_not_formula(response.data, [title])


def test_table_exports_show_event_names_as_text(hostile_titles, login_as):
    _titles, names = hostile_titles
    host = login_as("host_staff")
    _assert_text_not_formula(host.get("/overview.xlsx").data, names)
    _assert_prefixed(_csv(host.get("/overview.csv").data), names)
    viewer = login_as("ministry_viewer")
    _assert_prefixed(_csv(viewer.get("/national/regions.csv").data), names)


def test_numbers_stay_numbers_and_the_templates_pass_the_same_writer(app, login_as):
    columns = [("n", "n"), ("x", "x"), ("s", "s")]
    rows = [{"n": -5, "x": -0.25, "s": "-1"}]
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(columns, rows))).active
    assert [(c.value, c.data_type) for c in sheet[2]] == [(-5, "n"), (-0.25, "n"), ("-1", "s")]
    assert _csv(exports.to_csv(columns, rows))[1] == ["-5", "-0,25", "-1"]
    host = login_as("host_admin")
    assert host.get("/commitments/import/template.xlsx").status_code == 200
    assert _csv(host.get("/commitments/import/template.csv").data)[0][0] == "Daerah"


def test_only_the_export_module_writes_spreadsheets():
    """Every CSV and XLSX leaves through exports.csv_bytes / exports.xlsx_bytes, which neutralise
    formulas: no other module may call csv.writer or save a workbook."""
    package = Path(exports.__file__).resolve().parent.parent
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "exports.py" and path.parent.name == "services":
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bcsv\.(writer|DictWriter)\(", source) or ("openpyxl" in source and ".save(" in source):
            offenders.append(str(path.relative_to(package)))
    assert offenders == []
