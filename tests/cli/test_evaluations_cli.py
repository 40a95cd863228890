"""`livinglab evaluations import FILE`: the per-row report, all or none, a second run changes nothing."""

from pathlib import Path

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import AuditEvent, Evaluation

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "evaluations-sample.csv"


def _count():
    return db.session.scalar(select(func.count(Evaluation.id)))


def test_the_sample_file_loads_once_and_a_second_run_changes_nothing(runner):
    first = runner.invoke(args=["evaluations", "import", str(SAMPLE)])
    assert first.exit_code == 0, first.output
    assert "created: 4, updated: 0, unchanged: 0, rejected: 0. Saved." in first.output
    assert "32.04 Kabupaten Bandung" in first.output and "35.04 Kabupaten Tulungagung" in first.output
    assert _count() == 4
    audits = db.session.scalar(select(func.count(AuditEvent.id)))
    again = runner.invoke(args=["evaluations", "import", str(SAMPLE)])
    assert again.exit_code == 0 and "unchanged: 4" in again.output and "Nothing to change." in again.output
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audits


def test_options_fill_the_rows_and_a_dry_run_saves_nothing(runner, tmp_path):
    path = tmp_path / "hasil.csv"
    path.write_text("region,index,SPBE-01\nKota Denpasar,3.12,3\n")
    args = ["evaluations", "import", str(path), "--year", "2023", "--source", "KepmenPANRB 13/2024"]
    dry = runner.invoke(args=[*args, "--dry-run"])
    assert dry.exit_code == 0 and "created: 1" in dry.output and "dry run: nothing saved" in dry.output
    assert _count() == 0
    done = runner.invoke(args=[*args, "--evaluated-on", "2024-01-15"])
    assert done.exit_code == 0, done.output
    stored = db.session.scalar(select(Evaluation))
    assert (stored.region.code, stored.year, str(stored.spbe_index), stored.predicate) == (
        "51.71",
        2023,
        "3.12",
        "Baik",
    )


def test_a_rejected_row_saves_nothing_and_exits_non_zero(runner, tmp_path):
    path = tmp_path / "hasil.csv"
    path.write_text(
        "region,year,index,source\n32.11,2023,3.84,KepmenPANRB 13/2024\n32.11,2023,3.90,KepmenPANRB 13/2024\n"
    )
    result = runner.invoke(args=["evaluations", "import", str(path)])
    assert result.exit_code == 1
    assert "row 3" in result.output and "rejected" in result.output and "Nothing was saved." in result.output
    assert _count() == 0


def test_an_unreadable_file_is_one_error_line(runner, tmp_path):
    path = tmp_path / "hasil.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = runner.invoke(args=["evaluations", "import", str(path), "--year", "2023"])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
