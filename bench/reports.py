"""PDF and reminder speed: one region report against WeasyPrint's floor, and the national weekly run.

Usage: .venv/bin/python bench/reports.py [--regions 552] [--repeat 10]

Prints the median time to render one region status report, then one weekly status sheet (the
digest's two-page attachment), each beside the time WeasyPrint needs for a bare document with the
same number of pages (the floor) and the time WeasyPrint alone needs for the report's own HTML (what
is left for our queries, charts and template) and for the report's words alone as plain paragraphs
(what is left for the layout); the time and queries of one reminder planning sweep; then the time to
enqueue, render and send the weekly digest for every region into a local SMTP server (aiosmtpd), and
peak memory.
"""

import argparse
import io
import os
import re
import resource
import socket
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller
from bench_app import demo_app
from flask import render_template
from flask_babel import force_locale
from pypdf import PdfReader
from sqlalchemy import event, select
from weasyprint import HTML

from livinglab import jobs, policy
from livinglab.extensions import db
from livinglab.models import Commitment, Contact, Region
from livinglab.reporting import pdf
from livinglab.services import national_demo, reminders, reports

MONDAY_0900_WIB = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # past Monday 08:00 in WIB, WITA and WIT


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        return "250 OK"


def load():
    """The machine's load average now (1 minute): figures on a shared machine need it beside them."""
    return f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def floor_pdf(pages):
    html = "".join(
        f"<section style='page-break-after: always'><h1>Page {n}</h1><p>Living Lab</p></section>" for n in range(pages)
    )
    return HTML(string=f"<html><body style='font-family: DejaVu Sans'>{html}</body></html>").write_pdf()


def plain_words(html):
    """The words of a report's body, set as plain paragraphs (one per source line) with no style: what
    WeasyPrint needs for the text alone, without the layout of tiles, tables and lists."""
    body = re.sub(r"<style>.*?</style>|<head>.*?</head>", "", html, flags=re.S)
    lines = (re.sub(r"<[^>]+>", " ", line).split() for line in body.splitlines())
    paragraphs = "".join(f"<p>{' '.join(words)}</p>" for words in lines if words)
    return f"<html><body style='font-family: DejaVu Sans'>{paragraphs}</body></html>"


def median_ms(repeat, action):
    """(median milliseconds of `repeat` calls of `action`, its last result)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def measure_report(app, name, repeat, render, template, context):
    """Print a report's render time beside the bare WeasyPrint floor of the same page count,
    WeasyPrint's own time on the report's HTML and the time of our queries, charts and template
    (timed on their own: the difference of two medians on a busy machine says little)."""
    report, data = median_ms(repeat, render)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    bare, _pdf = median_ms(repeat, lambda: floor_pdf(pages))

    def ours():
        with app.test_request_context(), force_locale("id"):
            return render_template(f"reports/{template}", **context())

    own, html = median_ms(repeat, ours)
    weasy, _pdf = median_ms(repeat, lambda: pdf.write(html))
    plain, _pdf = median_ms(repeat, lambda: pdf.write(plain_words(html)))
    print(
        f"{name} ({pages} pages): median {report:.0f} ms; "
        f"bare {pages}-page WeasyPrint floor: median {bare:.0f} ms; ratio {report / bare:.2f} ({load()})"
    )
    print(
        f"  of which WeasyPrint laying out and writing the report's own HTML: {weasy:.0f} ms "
        f"(queries, charts and template, timed on their own: {own:.1f} ms, {own / weasy:.0%} of WeasyPrint's time)"
    )
    print(
        f"  its words alone as plain paragraphs, no style: {plain:.0f} ms ({plain / bare:.1f}× the floor; "
        "the rest of WeasyPrint's time is the layout of tiles, tables and lists)"
    )
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", type=int, default=552)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="livinglab-bench-")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    app = demo_app(
        f"sqlite:///{workdir}/bench.db",
        workdir,
        MAIL_URL=f"smtp://127.0.0.1:{port}",
        PASSWORD_HASH_METHOD="scrypt:1024:8:1",
    )
    with app.app_context():
        national_demo.seed_national(limit=args.regions)
        region = db.session.scalar(select(Region).where(Region.code == "32.04"))
        measure_report(
            app,
            "region report",
            args.repeat,
            lambda: reports.region_report(policy.SYSTEM, region),
            "region.html",
            lambda: reports.region_context(policy.SYSTEM, region),
        )
        sheet_ms = measure_report(
            app,
            "status sheet (weekly digest attachment)",
            args.repeat,
            lambda: reports.status_sheet(policy.SYSTEM, region),
            "status_sheet.html",
            lambda: reports.status_sheet_context(policy.SYSTEM, region),
        )
        region_ids = db.session.scalars(select(Commitment.region_id).distinct()).all()
        db.session.add_all(
            Contact(region_id=rid, name="Bench", email=f"bench-{rid}@example.go.id") for rid in region_ids
        )
        db.session.commit()
        statements = []

        def count(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", count)
        start = time.perf_counter()
        planned = reminders.plan(MONDAY_0900_WIB)
        event.remove(db.engine, "before_cursor_execute", count)
        print(
            f"planning sweep (what is due, every 15 minutes): {len(planned)} messages in "
            f"{(time.perf_counter() - start) * 1000:.0f} ms, {len(statements)} queries"
        )
    start = time.perf_counter()
    result = jobs.run_once(app, MONDAY_0900_WIB, ["weekly_digest"])
    elapsed = time.perf_counter() - start
    controller.stop()
    print(
        f"weekly digest for {len(region_ids)} regions: {elapsed:.1f} s ({result}); SMTP server received {Sink.count} "
        f"({load()})"
    )
    print(
        f"  per region: {elapsed * 1000 / max(len(region_ids), 1):.0f} ms of the run on average "
        f"(its status sheet alone: median {sheet_ms:.0f} ms, measured above)"
    )
    print(
        f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; "
        f"largest render worker: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
