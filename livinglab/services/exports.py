"""CSV and XLSX files: the table views' exports, and the one way any spreadsheet leaves the app.

`csv_bytes` and `xlsx_bytes` are the only writers (the milestone sheet and the import templates
use them too). Both neutralise text a spreadsheet would run as a formula (OWASP "CSV injection":
a value starting with =, +, -, @, tab or CR): in CSV such a cell gets a leading apostrophe; in
XLSX it is stored as a text cell with Excel's quote prefix, so it shows exactly as typed and stays
text when edited. Numbers stay numeric cells; in the table views' exports (`to_csv`, `to_xlsx`) a
number carries at most two decimals (an index 2.64, not 2.637894736842105263157894737), and an XLSX
fraction is shown with the format `0.00` (Excel writes it with the reader's own decimal mark).

A CSV file is written for the reader's language (`CSV_FORMATS`): Indonesian with `;` between
columns and a decimal comma (`2,64`), which Excel set to Indonesian opens in columns; English with
`,` and a decimal point. Both are UTF-8 with a BOM; yes/no cells are words in that language.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from livinglab.i18n import current_locale
from livinglab.labels import YES_NO_LABELS

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
DECIMALS = 2
NUMBER_FORMAT = "0.00"
CSV_FORMATS = {"id": {"delimiter": ";", "decimal": ","}, "en": {"delimiter": ",", "decimal": "."}}


def formula_like(value):
    """True for text a spreadsheet would read as a formula (a plain signed number is not)."""
    return isinstance(value, str) and value[:1] in FORMULA_TRIGGERS and not PLAIN_NUMBER.fullmatch(value)


def csv_bytes(rows):
    """`rows` (header first) as UTF-8 CSV with a BOM in the format of the reader's language;
    formulas neutralised."""
    csv_format = CSV_FORMATS.get(current_locale(), CSV_FORMATS["en"])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_format["delimiter"])
    words = {True: str(YES_NO_LABELS["yes"]), False: str(YES_NO_LABELS["no"])}
    for row in rows:
        writer.writerow([_csv_cell(value, csv_format["decimal"], words) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value, decimal_mark, words):
    if value is None:
        return ""
    if isinstance(value, bool):
        return words[value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return format(Decimal(str(value)), "f").replace(".", decimal_mark)
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


def decimals(sheet):
    """Show every fractional number of `sheet` with two decimals (`0.00`, in the reader's Excel locale)."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, float | Decimal):
                cell.number_format = NUMBER_FORMAT


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
    decimals(sheet)
    sheet.freeze_panes = "A2"
    return xlsx_bytes(book)
