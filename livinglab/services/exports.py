"""CSV and XLSX files: the table views' exports, and the one way any spreadsheet leaves the app.

`csv_bytes` and `xlsx_bytes` are the only writers (the milestone sheet and the import templates
use them too). Both neutralise text a spreadsheet would run as a formula (OWASP "CSV injection":
a value starting with =, +, -, @, tab or CR): in CSV such a cell gets a leading apostrophe; in
XLSX it is stored as a text cell with Excel's quote prefix, so it shows exactly as typed and stays
text when edited. Numbers stay numeric cells; in the table views' exports (`to_csv`, `to_xlsx`) a
number carries at most two decimals (an index 2.64, not 2.637894736842105263157894737).
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
DECIMALS = 2


def formula_like(value):
    """True for text a spreadsheet would read as a formula (a plain signed number is not)."""
    return isinstance(value, str) and value[:1] in FORMULA_TRIGGERS and not PLAIN_NUMBER.fullmatch(value)


def csv_bytes(rows):
    """`rows` (header first) as UTF-8 CSV with a BOM, so Excel opens it right; formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return "'" + value if formula_like(value) else str(value)


def xlsx_bytes(book):
    """Save `book` as XLSX bytes after turning every formula-like cell into quote-prefixed text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rounded(value):
    """A number with more than DECIMALS decimals rounded to DECIMALS (half up, as people round);
    anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, Decimal | float):
        return value
    exact = Decimal(str(value))
    if not exact.is_finite() or exact.as_tuple().exponent >= -DECIMALS:
        return value
    return exact.quantize(Decimal(1).scaleb(-DECIMALS), rounding=ROUND_HALF_UP)


def _plain(value):
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        return float(_rounded(value))
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def to_csv(columns, rows):
    """`columns` are (key, header) pairs; rows are dicts."""
    return csv_bytes(
        [[header for _, header in columns], *([_rounded(row.get(key)) for key, _ in columns] for row in rows)]
    )


def to_xlsx(columns, rows, sheet_name="data"):
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]
    sheet.append([header for _, header in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_plain(row.get(key)) for key, _ in columns])
    sheet.freeze_panes = "A2"
    return xlsx_bytes(book)
