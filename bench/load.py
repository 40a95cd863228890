"""Load run at national scale: gunicorn (2 workers) under locust, on SQLite and on PostgreSQL.

Usage: .venv/bin/python bench/load.py [--backend sqlite|postgresql|both] [--requests 3000] [--users 20]
(`make bench-load` runs both; PostgreSQL comes from TEST_DATABASE_URL, which scripts/with-postgres
provides as a throwaway cluster.)

For each backend: a fresh database with the regions, the catalogue, the demo and
`seed demo --scale national` (552 regions × 47 milestones × ~10 history rows); gunicorn with 2
workers and the production settings (JSON logs to a file); a warm-up request per page and worker;
then locust, headless, with a bounded number of requests over the main pages and the API for mixed
roles (bench/locustfile.py). Prints requests/s, median, p95 and the error count per backend and
per page. The rate limits are raised for the run: every simulated user comes from 127.0.0.1.
Figures are printed, never asserted.
"""

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import demo_app
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from livinglab.extensions import db
from livinglab.models import Region
from livinglab.services import accounts, demo, national_demo

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database(backend, workdir):
    if backend == "sqlite":
        return f"sqlite:///{workdir}/load.db"
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        raise SystemExit("PostgreSQL needs TEST_DATABASE_URL (run through scripts/with-postgres)")
    base = make_url(base)
    name = f"ll_load_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _prepare(url, workdir):
    app = demo_app(url, workdir)  # the real password hashing: sign-ins cost what they cost in production
    with app.app_context():
        started = time.perf_counter()
        summary = national_demo.seed_national()
        print(f"  seeded: {summary[0]} in {time.perf_counter() - started:.0f} s")
        _, api_token = accounts.create_token("mentor@demo.livinglab.id", "load")
        regions = db.session.scalars(select(Region.code).where(Region.kind != "province").order_by(Region.code)).all()
        db.session.remove()
        db.engine.dispose()
    tokens = Path(workdir) / "tokens.json"
    tokens.write_text(json.dumps({"api": api_token, "regions": regions}))
    return tokens


def _serve(url, workdir, port):
    env = {
        **os.environ,
        "SECRET_KEY": "bench-load-secret-key-0123456789abcdef",
        "DATABASE_URL": url,
        "UPLOAD_FOLDER": f"{workdir}/uploads",
        "MAIL_URL": f"file:{workdir}/outbox",
        "API_RATE_LIMIT_PER_TOKEN": "1000000 per minute",
        "API_RATE_LIMIT_PER_ADDRESS": "1000000 per minute",
        "LOGIN_RATE_LIMIT": "1000 per minute",
    }
    log = open(Path(workdir) / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "--no-control-socket", "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
                if response.status == 200:
                    return server, log
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"gunicorn did not become ready; see {workdir}/gunicorn.log")


def _warm_up(port, tokens):
    """Fill each worker's national-figures cache, as on a server that has been up a while."""
    api = json.loads(Path(tokens).read_text())["api"]
    for _ in range(6):
        for path in ("/api/v1/summary", "/api/v1/overview?per_page=10"):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {api}"}
            )
            with urllib.request.urlopen(request, timeout=120):
                pass


def _run_locust(port, tokens, workdir, requests, users):
    env = {
        **os.environ,
        "LOAD_TOKENS": str(tokens),
        "LOAD_REQUESTS": str(requests),
        "LOAD_PASSWORD": demo.DEMO_PASSWORD,
    }
    prefix = Path(workdir) / "locust"
    started = time.perf_counter()
    subprocess.run(
        [
            str(VENV_BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--host",
            f"http://127.0.0.1:{port}",
            "--run-time",
            "15m",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        check=False,
        capture_output=True,
        cwd=workdir,
    )
    elapsed = time.perf_counter() - started
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle)), elapsed


def _print(backend, rows):
    print(f"  {'endpoint':<34} {'requests':>8} {'errors':>6} {'req/s':>7} {'median ms':>9} {'p95 ms':>7}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else f"ALL ({backend})"
        print(
            f"  {name:<34} {row['Request Count']:>8} {row['Failure Count']:>6} {float(row['Requests/s']):>7.1f} "
            f"{row['50%']:>9} {row['95%']:>7}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--requests", type=int, default=3000, help="stop after this many requests")
    parser.add_argument("--users", type=int, default=20, help="simulated concurrent users")
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    print(f"load: gunicorn 2 workers, locust {args.users} users, {args.requests} requests, national scale")
    for backend in backends:
        workdir = tempfile.mkdtemp(prefix=f"livinglab-load-{backend}-")
        print(f"\n{backend}:")
        url = _database(backend, workdir)
        tokens = _prepare(url, workdir)
        port = _free_port()
        server, log = _serve(url, workdir, port)
        try:
            _warm_up(port, tokens)
            rows, elapsed = _run_locust(port, tokens, workdir, args.requests, args.users)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        print(f"  run took {elapsed:.0f} s (logs and CSV in {workdir})")
        _print(backend, rows)


if __name__ == "__main__":
    main()
