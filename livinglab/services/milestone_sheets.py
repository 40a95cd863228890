"""The spreadsheet round trip: a region downloads its milestones as XLSX, fills status, level and
note offline, and uploads the file back. Rows are validated one by one and applied all-or-nothing.
"""

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from livinglab.domain.milestone_states import STATUSES
from livinglab.errors import Conflict, DomainError, Invalid
from livinglab.extensions import db
from livinglab.labels import MILESTONE_SHEET_COLUMNS, STATUS_LABELS
from livinglab.services import exports, import_files, milestones, sectors
from livinglab.services.row_reports import RowReport, RowResult
from livinglab.services.sheet_vocabulary import Vocabulary

COLUMNS = tuple(MILESTONE_SHEET_COLUMNS)
EDITABLE = ("new_status", "new_level", "note")


def _title(practice, named):
    """The practice title, with the sector the region named for it (indicators 45–47)."""
    label = named.get(practice.code)
    return _("%(title)s (sector: %(sector)s)", title=practice.title, sector=label) if label else practice.title


def export(actor, region):
    """The region's milestones as XLSX bytes, with dropdowns for the editable columns."""
    rows = milestones.region_milestones(actor, region.id)
    named = sectors.labels(actor, region)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Milestones")
    sheet.append([str(MILESTONE_SHEET_COLUMNS[column]) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for m in rows:
        sheet.append(
            [
                m.id,
                m.practice.code,
                _title(m.practice, named),
                m.due_date,
                str(STATUS_LABELS[m.status]),
                m.level,
                m.verified_level,
                m.version,
                None,
                None,
                None,
            ]
        )
    fill = PatternFill("solid", fgColor="FFF3CD")
    for column in ("I", "J", "K"):
        for cell in sheet[column][1:]:
            cell.fill = fill
    status_names = [str(STATUS_LABELS[status]) for status in STATUSES]
    statuses = DataValidation(type="list", formula1='"' + ",".join(status_names) + '"', allow_blank=True)
    levels = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True)
    sheet.add_data_validation(statuses)
    sheet.add_data_validation(levels)
    if rows:
        statuses.add(f"I2:I{len(rows) + 1}")
        levels.add(f"J2:J{len(rows) + 1}")
    for column, width in zip("ABCDEFGHIJK", (12, 12, 60, 12, 12, 8, 10, 9, 14, 10, 50), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "D2"
    help_sheet = book.create_sheet(_("Instructions"))
    names = {column: str(MILESTONE_SHEET_COLUMNS[column]) for column in COLUMNS}
    for line in (
        _(
            "Fill only the yellow columns: %(status)s, %(level)s (1–5) and %(note)s. Leave a row empty to keep it.",
            status=names["new_status"],
            level=names["new_level"],
            note=names["note"],
        ),
        _(
            "Do not change %(id)s or %(version)s: they protect you from overwriting someone else's change.",
            id=names["milestone_id"],
            version=names["version"],
        ),
        _("Allowed statuses: %(statuses)s", statuses=", ".join(status_names)),
        _("A blocked status needs a note with the reason. Verification is done by the host, not in this file."),
    ):
        help_sheet.append([line])
    return exports.xlsx_bytes(book)


def _read_rows(data):
    rows = import_files.xlsx_rows(data)
    header = Vocabulary(MILESTONE_SHEET_COLUMNS).codes(rows[0] if rows else ())
    missing = [c for c in ("milestone_id", "version", *EDITABLE) if c not in header]
    if missing:
        message = _("Missing columns: %(columns)s", columns=", ".join(str(MILESTONE_SHEET_COLUMNS[c]) for c in missing))
        raise Invalid(message, {"file": message})
    out = []
    for number, values in enumerate(rows[1:], start=2):
        record = dict(zip(header, values, strict=False))
        if all(record.get(c) in (None, "") for c in EDITABLE):
            continue
        out.append((number, record))
    return out


def _as_int(value):
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError(text)
    return int(text)


def import_sheet(actor, region, data):
    """Validate every filled row; apply all of them in one transaction, or none."""
    report = RowReport()
    region_ids = {m.id for m in milestones.region_milestones(actor, region.id)}
    statuses = Vocabulary(STATUS_LABELS)
    for number, record in _read_rows(data):
        raw_id = record.get("milestone_id")
        try:
            milestone_id = _as_int(raw_id)
            if milestone_id not in region_ids:
                raise Invalid(_("Unknown milestone for this region: %(id)s", id=raw_id))
            try:
                level = _as_int(record.get("new_level"))
            except ValueError:
                raise Invalid(_("A level is a whole number from 1 to 5.")) from None
            typed = str(record.get("new_status") or "").strip()
            status = statuses.code(typed, typed.lower()) or None
            # apply_update checks everything before it changes anything, so a refused row leaves
            # the session clean (no savepoint needed: SQLite's pysqlite savepoints are unreliable).
            milestones.apply_update(
                actor,
                milestone_id,
                version=_as_int(record.get("version")),
                status=status,
                level=milestones.UNSET if level is None else level,
                note=str(record.get("note") or "").strip() or None,
            )
        except ValueError:
            report.rows.append(RowResult(number, raw_id, False, _("The milestone id is not a number.")))
        except Conflict:
            report.rows.append(
                RowResult(
                    number, raw_id, False, _("Stale version: the milestone changed after you downloaded the file.")
                )
            )
        except DomainError as error:
            report.rows.append(RowResult(number, raw_id, False, error.message))
        else:
            report.rows.append(RowResult(number, raw_id, True, _("OK")))
    if report.rejected or not report.rows:
        db.session.rollback()
        return report
    db.session.commit()
    report.saved = len(report.rows)
    return report
