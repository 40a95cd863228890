"""`livinglab commitments import FILE [--dry-run]`: the same report as the API, non-zero when nothing was saved."""

import json

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment

HEADER = "region,signatory_name,signatory_title,signed_on,practices"


def _sheet(tmp_path, *lines):
    path = tmp_path / "penandatangan.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return str(path)


def _count():
    return db.session.scalar(select(func.count(Commitment.id)))


def test_dry_run_then_import(runner, tmp_path):
    path = _sheet(
        tmp_path, "Kab. Bandung,Dadang,Bupati,2022-11-21,SPBE-01", "Palu,Hadianto,Pj Wali Kota,2022-11-21,SPBE-01"
    )
    preview = runner.invoke(args=["commitments", "import", path, "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert "row 2\tok\t32.04 Kabupaten Bandung (100)" in preview.output
    assert "row 3\tok\t72.71 Kota Palu (100)" in preview.output
    assert "(dry run: nothing saved)" in preview.output and _count() == 0
    done = runner.invoke(args=["commitments", "import", path, "--json"])
    assert done.exit_code == 0, done.output
    body = json.loads(done.output[: done.output.rindex("}") + 1])
    assert body["created"] == 2 and body["dry_run"] is False
    assert [r["signatory_title"] for r in body["rows"]] == ["Bupati", "Pj. Wali Kota"]
    assert _count() == 2


def test_any_row_not_ok_saves_nothing_and_exits_non_zero(runner, tmp_path):
    path = _sheet(
        tmp_path,
        "Kab. Bandung,Dadang,Bupati,2022-11-21,SPBE-01",
        "Bandung,Yana,Wali Kota,2022-11-21,SPBE-01",
        "Kota Entahdimana,X,Wali Kota,2022-11-21,SPBE-01",
    )
    result = runner.invoke(args=["commitments", "import", path])
    assert result.exit_code == 1
    assert "row 3\tambiguous" in result.output and "32.04 Kabupaten Bandung; 32.73 Kota Bandung" in result.output
    rejected = next(line for line in result.output.splitlines() if line.startswith("row 4\trejected"))
    assert len(rejected.split("\t")[-1].split("; ")) == 3  # the three nearest names
    assert "3 rows: 1 ok, 1 ambiguous, 1 rejected. Nothing was saved." in result.output
    assert _count() == 0
