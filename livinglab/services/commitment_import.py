"""Bulk entry of commitments from an XLSX or CSV file: previewed first, then all written or none.

Every row is matched and checked the same way on each step (web page, API, CLI): its region (code
or name as people write it, narrowed by an optional province; `services.lookups`), signatory
title, signing event, practices (codes or a package name), second party, officer account and
reminder contact. A preview (`dry_run`) writes nothing; the import proper writes only when every
row is ok. An ambiguous region is never picked here: the page offers its candidates and sends the
choice back (`picks`), which is accepted only when it is one of that row's candidates again.
Headers may be Indonesian or English; a row whose first cell starts with "#" is a comment (the
templates' example row) and is skipped.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select

from livinglab import policy
from livinglab.errors import DomainError, Invalid
from livinglab.extensions import db
from livinglab.labels import COMMITMENT_IMPORT_COLUMNS, CONTACT_ROLE_LABELS, YES_NO_LABELS
from livinglab.models import SigningEvent
from livinglab.services import commitments, exports, import_files, officer_accounts
from livinglab.services.commitment_index import CommitmentIndex
from livinglab.services.lookups import RegionLookup
from livinglab.services.practice_packages import PackageIndex
from livinglab.services.sheet_vocabulary import Vocabulary, yes_no
from livinglab.services.signatory_rows import ImportReport, ImportRow, RegionRef

COLUMNS = tuple(COMMITMENT_IMPORT_COLUMNS)  # target_index and target_year are optional: left empty, the event's
ALIASES = {  # older headers (codes of earlier templates, Indonesian shorthands) for the same columns
    "region": ("region_code", "daerah", "kode_daerah", "nama_daerah", "pemda", "kabupaten_kota"),
    "province": ("provinsi",),
    "signatory_name": ("signatory", "penandatangan", "nama_penandatangan"),
    "signatory_title": ("title", "jabatan", "jabatan_penandatangan"),
    "signed_on": ("signed_date", "tanggal_tanda_tangan", "tanggal_penandatanganan"),
    "target_date": ("tanggal_target",),
    "event": ("signing_event", "acara", "acara_penandatanganan"),
    "practices": ("praktik", "indikator", "paket"),
    "second_party": ("pihak_kedua", "agency", "instansi"),
    "host_party": ("tuan_rumah_pihak", "host_is_party"),
    "officer_email": ("email_petugas", "email_operator"),
    "officer_name": ("nama_petugas", "nama_operator"),
    "contact_email": ("email_kontak",),
    "contact_name": ("nama_kontak",),
    "contact_role": ("peran_kontak",),
    "target_index": ("target_indeks",),
    "target_year": ("tahun_target",),
}
REQUIRED = ("region", "signatory_name", "practices")


def _example(event_name):
    return (
        "# contoh: Kab. Bandung",
        "Jawa Barat",
        "H. M. Dadang Supriatna",
        "Bupati",
        "2022-11-21",
        "2025-12-31",
        event_name,
        "Semua 47 indikator SPBE",
        "",
        str(YES_NO_LABELS["yes"]),
        "operator.spbe@bandungkab.go.id",
        "Operator SPBE Kabupaten Bandung",
        "diskominfo@bandungkab.go.id",
        "Kepala Diskominfo",
        str(CONTACT_ROLE_LABELS["head_of_agency"]),
        Decimal("3.50"),
        2025,
    )


def _header():
    return [str(COMMITMENT_IMPORT_COLUMNS[column]) for column in COLUMNS]


def _latest_event_name():
    """The example row names a real event (the latest), or none: never a name that would not import."""
    return (
        db.session.scalar(
            select(SigningEvent.name).where(SigningEvent.deleted_at.is_(None)).order_by(SigningEvent.date.desc())
        )
        or ""
    )


def template_xlsx():
    book = Workbook()
    sheet = book.active
    sheet.title = _("Commitments")
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(_example(_latest_event_name()))
    exports.decimals(sheet)
    for index, _column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = 22
    return exports.xlsx_bytes(book)


def template_csv():
    return exports.csv_bytes([_header(), _example(_latest_event_name())])


def _records(data):
    rows = import_files.xlsx_rows(data) if import_files.is_xlsx(data) else import_files.csv_rows(data)
    if not rows:
        raise Invalid(_("The file is empty."), {"file": _("Empty.")})
    header = Vocabulary(COMMITMENT_IMPORT_COLUMNS, ALIASES).codes(rows[0])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        names = ", ".join(str(COMMITMENT_IMPORT_COLUMNS[c]) for c in missing)
        message = _("Missing columns: %(columns)s", columns=names)
        raise Invalid(message, {"file": message})
    records = []
    for number, values in enumerate(rows[1:], start=2):
        record = {key: values[i] if i < len(values) else None for i, key in enumerate(header)}
        if all(v in (None, "") for v in record.values()) or str(values[0] or "").strip().startswith("#"):
            continue
        records.append((number, record))
    return records


def _text(record, key):
    value = record.get(key)
    return "" if value is None else str(value).strip()


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


class _Context:
    """What every row is checked against, read once per file."""

    def __init__(self, actor, picks):
        self.actor = actor
        self.picks = {int(k): str(v) for k, v in (picks or {}).items()}
        self.regions = RegionLookup()
        self.commitments = CommitmentIndex()
        self.packages = PackageIndex()
        rows = db.session.execute(
            select(SigningEvent.id, func.lower(SigningEvent.name)).where(SigningEvent.deleted_at.is_(None))
        ).all()
        self.events = {"ids": {r[0] for r in rows}, "names": {r[1]: r[0] for r in rows}}
        self.contacts = []
        self.people = officer_accounts.PeopleIndex()
        self.invitations = []  # (region, email, name) of new officers, invited once the rows are written
        self.yes_no = yes_no()
        self.roles = Vocabulary(CONTACT_ROLE_LABELS)


def _fields(record, context):
    """The row's values other than its region, checked (raises Invalid)."""
    return {
        "signatory_name": _text(record, "signatory_name"),
        "signatory_title": _text(record, "signatory_title") or None,
        "signed_on": _date(record.get("signed_on"), "signed_on"),
        "target_date": _date(record.get("target_date"), "target_date"),
        "signing_event_id": _event_id(record.get("event"), context.events),
        "practices": context.packages.cell(record.get("practices")),
        "status": "signed" if record.get("signed_on") else "draft",
        "target_index": _text(record, "target_index").replace(",", ".") or None,  # 3,50 in an Indonesian CSV
        "target_year": _year(record.get("target_year")),
        "second_party": _text(record, "second_party") or None,
        "host_is_party": context.yes_no.code(_text(record, "host_party")) != "no",
    }


def _match(number, record, context, row):
    """Set the row's region (or candidates and status); returns the Region or None."""
    province = None
    if _text(record, "province"):
        province = context.regions.province(_text(record, "province"))
        if province is None:
            row.reject(_("Unknown province: %(name)s", name=_text(record, "province")))
            return None
    found = context.regions.match(_text(record, "region"), province=province)
    row.score = found.score
    row.candidates = [RegionRef.of(r) for r in found.candidates]
    if found.status == "ambiguous":
        chosen = next((r for r in found.candidates if r.code == context.picks.get(number)), None)
        if chosen is None:
            row.status = "ambiguous"
            names = ", ".join(f"{r.name} ({r.code})" for r in found.candidates)
            row.reason = _("More than one region has this name; pick one: %(names)s", names=names)
            return None
        row.candidates, row.score = [], 100.0
        return row.set_region(chosen)
    if found.status == "rejected":
        names = ", ".join(r.name for r in found.candidates)
        if names:
            row.reject(_("No region is named %(name)s. Nearest: %(names)s", name=row.typed, names=names))
        else:
            row.reject(_("Unknown region code: %(code)s", code=row.typed))
        return None
    row.candidates = []
    return row.set_region(found.region)


def _people(record, context, region, row):
    """The officer's account and the reminder contact of the row, if it names them: checked here,
    written with the rows (`import_commitments`)."""
    if _text(record, "officer_email"):
        name = _text(record, "officer_name")
        email, exists = officer_accounts.check_officer(
            context.actor, _text(record, "officer_email"), name, context.people
        )
        row.officer = "existing" if exists else "invited"
        if not exists:
            context.invitations.append((region, email, name))
    if _text(record, "contact_email"):
        pending = officer_accounts.check_contact(
            region,
            _text(record, "contact_email"),
            _text(record, "contact_name"),
            context.roles.code(_text(record, "contact_role"), _text(record, "contact_role")),
            context.people,
        )
        if pending:
            context.contacts.append(pending)


def _check_row(number, record, context):
    row = ImportRow(number, _text(record, "region"), signatory=_text(record, "signatory_name"))
    try:
        fields = _fields(record, context)
    except DomainError as error:
        _match(number, record, context, row)
        row.reject(_describe(error))
        return row
    region = _match(number, record, context, row)
    if region is None:
        return row
    try:
        commitment = commitments.build_commitment(context.actor, region=region, index=context.commitments, **fields)
        _people(record, context, region, row)
    except DomainError as error:
        row.reject(_describe(error))
    else:
        row.title, row.practices = commitment.signatory_title, len(commitment.milestones)
    return row


def import_commitments(actor, data, filename="", *, dry_run=False, picks=None):
    """Check every row; unless `dry_run`, create every commitment (with officers' accounts and
    contacts) in one transaction when all rows are ok, or none of them. `picks` maps a row number
    to the region code chosen for an ambiguous name."""
    policy.ensure(actor, "commitments.manage")
    records = _records(data)
    context = _Context(actor, picks)
    report = ImportReport(dry_run=dry_run, filename=filename)
    for number, record in records:
        report.rows.append(_check_row(number, record, context))
    if dry_run or not report.all_ok:
        db.session.rollback()
        return report
    commitments.record_built(actor, context.commitments)
    for region, email, name in context.invitations:
        officer_accounts.invite_officer(actor, region, email, name)
    commitments.commit_unique_or_conflict()
    report.created = len(report.rows)
    officer_accounts.store_contacts(actor, context.contacts)
    return report
