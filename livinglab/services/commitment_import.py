"""Bulk entry of commitments from an XLSX or CSV file: every row checked, all written or none."""

import re
from datetime import date, datetime

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select

from livinglab import policy
from livinglab.errors import DomainError, Invalid
from livinglab.extensions import db
from livinglab.models import SigningEvent
from livinglab.services import commitments, exports, import_files
from livinglab.services.row_reports import RowReport, RowResult

COLUMNS = (
    "region_code",
    "signatory_name",
    "signatory_title",
    "signed_on",
    "target_date",
    "event",
    "practices",
    "target_index",  # optional, as target_year: left empty, the signing event's target
    "target_year",
)
REQUIRED = ("region_code", "signatory_name", "practices")
EXAMPLE = (
    "32.04",
    "H. M. Dadang Supriatna",
    "Bupati",
    "2022-11-21",
    "2025-12-31",
    "Penandatanganan Komitmen Bersama UID Bali",
    "SPBE-01 SPBE-02 HOST-MPP",
    "3.50",
    "2025",
)


def template_xlsx():
    book = Workbook()
    sheet = book.active
    sheet.title = "commitments"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(EXAMPLE)
    for column, width in zip("ABCDEFGHI", (12, 30, 14, 12, 12, 40, 40, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    return exports.xlsx_bytes(book)


def template_csv():
    return exports.csv_bytes([COLUMNS, EXAMPLE])


def _records(data, filename):
    rows = import_files.xlsx_rows(data) if import_files.is_xlsx(data) else import_files.csv_rows(data)
    if not rows:
        raise Invalid(_("The file is empty."), {"file": _("Empty.")})
    header = [str(c or "").strip().lower() for c in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        message = _("Missing columns: %(columns)s", columns=", ".join(missing))
        raise Invalid(message, {"file": message})
    records = []
    for number, values in enumerate(rows[1:], start=2):
        record = {key: values[i] if i < len(values) else None for i, key in enumerate(header)}
        if all(v in (None, "") for v in record.values()):
            continue
        records.append((number, record))
    return records


def _date(value, name):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise Invalid(_("%(column)s is not a date (use YYYY-MM-DD): %(value)s", column=name, value=text))


def _year(value):
    """A target year from a cell: 2025, 2025.0 or "2025"; None when empty."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", text):
        return int(float(text))
    raise Invalid(_("target_year is not a year: %(value)s", value=text), {"target_year": _("Not a year.")})


def _event_id(value, events):
    text = str(value or "").strip()
    if not text:
        return None
    if text.isdigit() and int(text) in events["ids"]:
        return int(text)
    if text.lower() in events["names"]:
        return events["names"][text.lower()]
    raise Invalid(_("Unknown signing event: %(event)s", event=text))


def _describe(error):
    details = "; ".join(f"{k}: {v}" for k, v in (error.fields or {}).items() if v != error.message)
    return f"{error.message} ({details})" if details else error.message


def import_commitments(actor, data, filename=""):
    """Validate every row; create all commitments in one transaction, or none of them."""
    policy.ensure(actor, "commitments.manage")
    records = _records(data, filename)
    rows = db.session.execute(
        select(SigningEvent.id, func.lower(SigningEvent.name)).where(SigningEvent.deleted_at.is_(None))
    ).all()
    events = {"ids": {r[0] for r in rows}, "names": {r[1]: r[0] for r in rows}}
    report = RowReport()
    for number, record in records:
        region = str(record.get("region_code") or "").strip()
        try:
            commitments.build_commitment(
                actor,
                region=region,
                signatory_name=str(record.get("signatory_name") or ""),
                signatory_title=str(record.get("signatory_title") or "").strip() or None,
                signed_on=_date(record.get("signed_on"), "signed_on"),
                target_date=_date(record.get("target_date"), "target_date"),
                signing_event_id=_event_id(record.get("event"), events),
                practices=[c for c in re.split(r"[\s,;]+", str(record.get("practices") or "")) if c],
                status="signed" if record.get("signed_on") else "draft",
                target_index=str(record["target_index"]) if record.get("target_index") not in (None, "") else None,
                target_year=_year(record.get("target_year")),
            )
        except DomainError as error:
            report.rows.append(RowResult(number, region, False, _describe(error)))
        else:
            report.rows.append(RowResult(number, region, True, _("OK")))
    if report.rejected or not report.rows:
        db.session.rollback()
        return report
    commitments.commit_unique_or_conflict()
    report.saved = len(report.rows)
    return report
