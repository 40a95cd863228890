"""Import preview speed: 600 rows naming all 552 regions the way secretariats write them.

Usage: .venv/bin/python bench/imports.py [--repeat 5]

Prints the median time to match the 600 names against the registry (RegionLookup, rapidfuzz for
the misspelt ones) and the median time of the whole preview (`dry_run`: reading the CSV, matching,
checking every row and building its commitment, then rolling back), with its query count; then
the same for a full sheet whose rows also name all 47 indicators (a package), a new officer's
account and a reminder contact. The issue's budget is 1 s.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import flask_migrate
from sqlalchemy import event, select

from livinglab import create_app, policy
from livinglab.extensions import db
from livinglab.models import Region
from livinglab.services import commitment_import, seeding
from livinglab.services.lookups import RegionLookup

ROWS = 600


def written_forms(regions):
    """Each region's name as a secretariat might type it: short kind, no kind, all caps, a typo."""
    names = []
    for number, region in enumerate(regions):
        name = region.name
        style = number % 4
        if style == 0:
            name = name.replace("Kabupaten ", "Kab. ")
        elif style == 1:
            name = name.upper()
        elif style == 2 and len(name) > 8:
            name = name[:-2] + name[-1] + name[-2]  # two letters swapped
        names.append(name)
    return (names * 2)[:ROWS]


def sheet(names):
    lines = ["daerah,nama_penandatangan,jabatan,tanggal_penandatanganan,praktik"]
    lines += [f'"{name}",Penandatangan {i},,2022-11-21,SPBE-01' for i, name in enumerate(names)]
    return ("\n".join(lines) + "\n").encode()


def full_sheet(names):
    lines = [
        "daerah,nama_penandatangan,jabatan,tanggal_penandatanganan,praktik,"
        "email_petugas,nama_petugas,email_kontak,nama_kontak,peran_kontak"
    ]
    lines += [
        f'"{name}",Penandatangan {i},Pj. Bupati,2022-11-21,Semua 47 indikator SPBE,'
        f"operator{i}@daerah.go.id,Operator {i},sekda{i}@daerah.go.id,Sekda {i},sekda"
        for i, name in enumerate(names)
    ]
    return ("\n".join(lines) + "\n").encode()


def timed_preview(data, repeat):
    """(median seconds, queries of one run, report) of the preview of `data`."""
    queries, times = [], []
    event.listen(db.engine, "before_cursor_execute", lambda *_args: queries.append(1))
    for _ in range(repeat):
        queries.clear()
        started = time.perf_counter()
        report = commitment_import.import_commitments(policy.SYSTEM, data, "bench.csv", dry_run=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(queries), report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        app = create_app(
            {
                "SECRET_KEY": "bench-secret-key-0123456789abcdef0123",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db",
                "MAIL_URL": f"file:{workdir}/outbox",
                "UPLOAD_FOLDER": f"{workdir}/uploads",
            }
        )
        with app.app_context(), app.test_request_context():
            flask_migrate.upgrade()
            seeding.seed_regions()
            seeding.seed_agencies()
            seeding.seed_catalogue()
            regions = db.session.scalars(select(Region).order_by(Region.code)).all()
            names = written_forms(regions)
            matching = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                lookup = RegionLookup()
                outcomes = [lookup.match(name).status for name in names]
                matching.append(time.perf_counter() - started)
            counts = {status: outcomes.count(status) for status in ("ok", "ambiguous", "rejected")}
            print(f"{len(names)} names ({len(regions)} regions): {counts}")
            print(f"matching: median {statistics.median(matching):.3f} s (budget 1 s)")
            seconds, queries, report = timed_preview(sheet(names), args.repeat)
            print(f"whole preview of {len(report.rows)} rows: median {seconds:.3f} s, {queries} queries")
            seconds, queries, report = timed_preview(full_sheet(names), args.repeat)
            print(
                f"whole preview of {len(report.rows)} rows with 47 indicators, officer and contact each: "
                f"median {seconds:.3f} s, {queries} queries"
            )


if __name__ == "__main__":
    main()
