"""Official evaluation results in a spreadsheet: reading the rows, the template, and keeping an
uploaded file between the preview and the confirmation.

One row per region: `region` (code or official name), `year`, `index`, `source`, optionally
`evaluated_on` and one column per indicator (`SPBE-01` … `SPBE-47`) holding its level. The
file is read within the bounds of `import_files`; what the values mean is checked in
`services.evaluations`, row by row.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from livinglab.errors import Invalid
from livinglab.labels import EVALUATION_IMPORT_COLUMNS
from livinglab.services import exports, import_files, uploads
from livinglab.services.sheet_vocabulary import Vocabulary

FIXED_COLUMNS = tuple(EVALUATION_IMPORT_COLUMNS)
ALIASES = {"region": ("region_code", "kode", "wilayah"), "year": ("tahun",), "index": ("indeks",)}
REQUIRED = ("region", "index")
INDICATOR_COLUMN = re.compile(r"^([A-Za-z]+)-(\d{1,3})$")
MAX_COLUMNS = 64  # the five fixed columns and 47 indicators, with room to spare
SHA256 = re.compile(r"^[0-9a-f]{64}$")
EXAMPLE = {"region": "32.11", "year": 2023, "index": Decimal("3.75"), "source": "KepmenPANRB 13/2024"}


@dataclass
class EvaluationInput:
    """One region's result as given (file row, API item): values still unchecked."""

    row: int  # the spreadsheet row (header = 1) or the position in the API's list (from 1)
    region: object
    index: object
    levels: dict = field(default_factory=dict)  # indicator code → level as given
    year: object = None
    source: object = None
    evaluated_on: object = None


def read_inputs(data, indicator_codes):
    """The filled rows of an XLSX or CSV file as `EvaluationInput`s; Invalid for a bad file or header."""
    if import_files.is_xlsx(data):
        rows = import_files.xlsx_rows(data, max_columns=MAX_COLUMNS)
    else:
        rows = import_files.csv_rows(data, max_columns=MAX_COLUMNS)
    if not rows:
        raise Invalid(_("The file is empty."), {"file": _("Empty.")})
    header = _header(rows[0], indicator_codes)
    inputs = []
    for number, values in enumerate(rows[1:], start=2):
        record = {key: _cell(values[i]) if i < len(values) else None for i, key in enumerate(header) if key}
        if all(value in (None, "") for value in record.values()):
            continue
        inputs.append(
            EvaluationInput(
                row=number,
                region=_region_cell(record.get("region")),
                index=record.get("index"),
                levels={code: record[code] for code in indicator_codes if record.get(code) not in (None, "")},
                year=record.get("year"),
                source=record.get("source"),
                evaluated_on=record.get("evaluated_on"),
            )
        )
    return inputs


def _header(cells, indicator_codes):
    known = set(indicator_codes)
    fixed = Vocabulary(EVALUATION_IMPORT_COLUMNS, ALIASES)
    header, unknown = [], []
    for cell in cells:
        text = str(cell if cell is not None else "").strip()
        name = fixed.code(text, text.lower())
        indicator = INDICATOR_COLUMN.match(text)
        if indicator:
            name = f"{indicator.group(1).upper()}-{int(indicator.group(2)):02d}"  # "spbe-1" is SPBE-01
            if name not in known:
                unknown.append(text)
        elif text and name not in FIXED_COLUMNS:
            unknown.append(text)
        header.append(name or None)
    if unknown:
        message = _("Unknown columns: %(columns)s", columns=", ".join(unknown))
        raise Invalid(message, {"file": message})
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        message = _("Columns given more than once: %(columns)s", columns=", ".join(repeated))
        raise Invalid(message, {"file": message})
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        names = ", ".join(str(EVALUATION_IMPORT_COLUMNS[c]) for c in missing)
        message = _("Missing columns: %(columns)s", columns=names)
        raise Invalid(message, {"file": message})
    return header


def _cell(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, datetime):
        return value.date()
    return value


def _region_cell(value):
    """A code typed into a number cell comes back as a float: 32.1 was "32.10"."""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    return value


def template_columns(indicator_codes):
    return [*FIXED_COLUMNS, *indicator_codes]


def _template_header(columns):
    return [str(EVALUATION_IMPORT_COLUMNS.get(name, name)) for name in columns]


def template_csv(indicator_codes):
    columns = template_columns(indicator_codes)
    return exports.csv_bytes([_template_header(columns), [EXAMPLE.get(name, "") for name in columns]])


def template_xlsx(indicator_codes):
    columns = template_columns(indicator_codes)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Evaluations")
    sheet.append(_template_header(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE.get(name) for name in columns])
    exports.decimals(sheet)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["D"].width = 24
    sheet.column_dimensions["E"].width = 14
    return exports.xlsx_bytes(book)


# --- between the preview and the confirmation --------------------------------------------------


def keep(data):
    """Keep an uploaded file (content-addressed, outside static/) until it is confirmed; its SHA-256."""
    if not data:
        raise Invalid(_("The file is empty."), {"file": _("The file is empty.")})
    return uploads.write_blob(data)


def kept(sha256):
    """The bytes of a file kept by `keep`; Invalid when the reference is malformed or the file is gone."""
    path = uploads.blob_path(sha256) if SHA256.match(str(sha256 or "")) else None
    if path is None or not path.is_file():
        message = _("The checked file is no longer available; please upload it again.")
        raise Invalid(message, {"file": message})
    return path.read_bytes()
