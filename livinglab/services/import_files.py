"""Reading an uploaded XLSX or CSV import within fixed bounds, whatever the file claims.

Every import (commitments, evaluations, the milestone sheet) reads its rows here, and its header and
coded values through `sheet_vocabulary`. An XLSX file is first
inspected as an archive (`archives.inspect`), then every XML part is scanned by a streaming
parser that counts elements and rows and stops at the budget, so openpyxl only opens a workbook
small enough to read; the chosen sheet's declared dimension is checked, and rows are counted
again while openpyxl streams them (read-only mode), filled or not. A CSV file is read row by row
up to the same cap. The cap is IMPORT_MAX_ROWS data rows below the header.
"""

import csv
import io
import zipfile
from xml.parsers import expat

from flask import current_app
from flask_babel import gettext as _
from openpyxl import load_workbook

from livinglab.errors import Invalid
from livinglab.services import archives

MAX_COLUMNS = 32  # columns read per row by default; the commitment and milestone templates have 7 and 11
MAX_CELLS_PER_ROW = 1000  # cells a row may hold in the file (styled empty cells included)
BASE_ELEMENTS = 50_000  # XML elements allowed besides the cells: styles, theme, relationships
ELEMENTS_PER_CELL = 8  # <c><v/></c> or <c><is><t/></is></c>, plus a shared string <si><r><rPr>…</rPr><t/></r></si>
CHUNK = 64 * 1024
SNIFF_CHARS = 4096


def max_rows():
    return current_app.config["IMPORT_MAX_ROWS"]


def is_xlsx(data):
    return data.startswith(b"PK\x03\x04")


def xlsx_rows(data, max_columns=MAX_COLUMNS):
    """The rows of the first sheet as tuples, the header first; raises Invalid.

    At most `max_columns` columns are read (a wider template, such as the evaluation results' 52, asks for more).
    """
    if not is_xlsx(data):
        raise _unreadable()
    archive = archives.inspect(data)
    if "xl/workbook.xml" not in archive.names:
        raise _unreadable()
    limit = max_rows() + 1  # the header and the data rows
    _scan_markup(data, archive.names, limit, max_columns)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # openpyxl raises many types for a damaged workbook
        raise _unreadable() from None
    try:
        sheet = book.worksheets[0]
        if (sheet.max_row or 0) > limit:
            raise _too_many_rows()
        rows = []
        # max_row overrides a dimension tag that lies low; one row past the limit tells "too many".
        for values in sheet.iter_rows(max_row=limit + 1, max_col=max_columns, values_only=True):
            rows.append(_trimmed(values))
            if len(rows) > limit:
                raise _too_many_rows()
    except Invalid:
        raise
    except Exception:
        raise _unreadable() from None
    finally:
        book.close()
    return rows


def csv_rows(data, max_columns=MAX_COLUMNS):
    """The rows of a UTF-8 CSV file (comma, semicolon or tab separated) as lists, the header first."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(_("The file is neither XLSX nor UTF-8 CSV."), {"file": _("Unknown format.")}) from None
    first_line = text[:SNIFF_CHARS].split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line or ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    limit = max_rows() + 1
    rows = []
    try:
        for values in csv.reader(io.StringIO(text), dialect):
            rows.append(values[:max_columns])
            if len(rows) > limit:
                raise _too_many_rows()
    except csv.Error:
        message = _("The file is not a readable CSV file.")
        raise Invalid(message, {"file": message}) from None
    return rows


class _Budget:
    """What the XML scan has seen so far, across every part of the workbook."""

    def __init__(self, limit, max_columns):
        self.row_limit = limit
        self.elements_left = BASE_ELEMENTS + limit * max_columns * ELEMENTS_PER_CELL
        self.rows = self.cells_in_row = 0


def _scan_markup(data, names, limit, max_columns):
    budget = _Budget(limit, max_columns)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            for name in sorted(names):
                if name.endswith((".xml", ".rels")):
                    budget.rows = 0
                    with zipped.open(name) as stream:
                        _scan_part(stream, budget)
    except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable() from None


def _scan_part(stream, budget):
    """Stream one XML part through expat (no tree is built), stopping at the first excess."""
    parser = expat.ParserCreate()

    def start(name, attributes):
        budget.elements_left -= 1
        if budget.elements_left < 0:
            raise _too_large()
        local = name.rpartition(":")[2]
        if local == "row":
            budget.rows += 1
            budget.cells_in_row = 0
            number = attributes.get("r", "")
            if budget.rows > budget.row_limit or (number.isdigit() and int(number) > budget.row_limit):
                raise _too_many_rows()
        elif local == "c":
            budget.cells_in_row += 1
            if budget.cells_in_row > MAX_CELLS_PER_ROW:
                raise _too_large()

    def refuse_doctype(*_args):
        raise _unreadable()  # no part of an XLSX file declares a DTD (entities, external files)

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_doctype
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _trimmed(values):
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


def _unreadable():
    return Invalid(_("The file is not a readable XLSX workbook."), {"file": _("Not readable.")})


def _too_many_rows():
    message = _(
        "The sheet has more than %(n)s rows (empty rows count too); delete the unused rows or split the file.",
        n=max_rows(),
    )
    return Invalid(message, {"file": message})


def _too_large():
    message = _(
        "The workbook is too large to import; keep to the template's columns and at most %(n)s rows.", n=max_rows()
    )
    return Invalid(message, {"file": message})
