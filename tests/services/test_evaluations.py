"""Reading official results from a spreadsheet: the full 52-column template, codes typed as
numbers, header mistakes named before any row is read."""

import io
from decimal import Decimal

import pytest
from flask_babel import force_locale
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from livinglab import policy
from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.models import Evaluation
from livinglab.services import evaluation_files, evaluations


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_lists_every_indicator_and_its_example_row_loads(app):
    codes = evaluations.indicator_codes()
    assert len(codes) == 47 and codes[0] == "SPBE-01" and codes[-1] == "SPBE-47"
    sheet = load_workbook(io.BytesIO(evaluation_files.template_xlsx(codes))).active
    header = [cell.value for cell in sheet[1]]
    assert header == ["Daerah", "Tahun", "Indeks", "Sumber", "Tanggal evaluasi", *codes]
    report = evaluations.import_file(policy.SYSTEM, evaluation_files.template_xlsx(codes))
    assert report.saved == 1 and report.rows[0].subject == "32.11", report.rows
    csv_report = evaluations.import_file(policy.SYSTEM, evaluation_files.template_csv(codes))
    assert csv_report.counts["unchanged"] == 1 and csv_report.saved == 0


def test_a_full_width_sheet_with_codes_typed_as_numbers(app):
    codes = evaluations.indicator_codes()
    rows = [
        ["region", "year", "index", "source", *codes],
        [32.1, 2023, 3.5, "KepmenPANRB 13/2024", *[3] * 47],  # 32.10 typed into a number cell
        [32, 2023.0, 2, "KepmenPANRB 13/2024"],
    ]
    report = evaluations.import_file(policy.SYSTEM, _xlsx(rows))
    assert report.saved == 2, [r.message for r in report.rows]
    stored = {e.region.code: e for e in db.session.scalars(select(Evaluation))}
    assert set(stored) == {"32.10", "32"} and len(stored["32.10"].levels) == 47
    assert stored["32"].spbe_index == Decimal("2.00") and stored["32"].predicate == "Cukup"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["region", "year", "indeks_spbe", "source"], "Unknown columns: indeks_spbe"),
        (["region", "year", "index", "SPBE-48"], "Unknown columns: SPBE-48"),
        (["region", "year", "source"], "Missing columns: Index"),
        (["region", "index", "SPBE-01", "spbe-1"], "Columns given more than once: SPBE-01"),
    ],
)
def test_header_mistakes_refuse_the_file(app, header, message):
    with force_locale("en"), pytest.raises(Invalid) as error:
        evaluations.import_file(policy.SYSTEM, _xlsx([header, ["32.11", 2023, 3, "x"]]), source="x")
    assert message in error.value.message
    assert db.session.scalar(select(func.count(Evaluation.id))) == 0


def test_indonesian_column_names_and_defaults_from_the_import(app):
    data = b"kode;tahun;indeks;spbe-1\n32.11;2023;3,84;4\nKab. Bandung;;2,5;\n"
    report = evaluations.import_file(policy.SYSTEM, data, year=2023, source="KepmenPANRB 13/2024")
    assert report.saved == 2, [r.message for r in report.rows]
    stored = {e.region.code: e for e in db.session.scalars(select(Evaluation))}
    assert stored["32.11"].level_map() == {"SPBE-01": 4} and stored["32.04"].year == 2023
