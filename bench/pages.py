"""Page speed at national scale: median server time, SQL queries per page, peak memory.

Usage: .venv/bin/python bench/pages.py [--regions 62,276,552] [--repeat 7] [--database-url URL]

The national figures behind the overview, ministry view and map are cached per process until the
data changes; "cold" is the first request after a change, the median is over the requests after it.

Builds a throwaway database (SQLite in a temp dir unless --database-url is given), loads the
regions, the catalogue, the demo and `seed demo --scale national` up to each region count, then
requests the overview, a region page, the ministry view and the map as a signed-in user of the
right role and prints one table. Figures are printed, never asserted.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import demo_app
from sqlalchemy import event

from livinglab.extensions import db
from livinglab.services import demo

PAGES = (
    ("overview", "mentor@demo.livinglab.id", "/overview"),
    ("region", "mentor@demo.livinglab.id", "/regions/32.04"),
    ("ministry", "viewer@demo.livinglab.id", "/national"),
    ("map", "viewer@demo.livinglab.id", "/map"),
)


def _login(client, email):
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = client.post("/login", data={"email": email, "password": demo.DEMO_PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "demo login failed"


def measure(app, repeat):
    queries = {"n": 0}

    def count(*_args):
        queries["n"] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    rows = []
    clients = {}
    for name, email, path in PAGES:
        client = clients.get(email)
        if client is None:
            client = clients[email] = app.test_client()
            _login(client, email)
        app.extensions.get("livinglab.national_rows", {}).clear()
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        cold = (time.perf_counter() - start) * 1000
        timings, counts = [], []
        for _ in range(repeat):
            queries["n"] = 0
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            counts.append(queries["n"])
            assert response.status_code == 200, (path, response.status_code)
        rows.append((name, cold, statistics.median(timings), max(counts)))
    event.remove(engine, "before_cursor_execute", count)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", default="62,276,552", help="comma-separated region counts")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="livinglab-bench-")
    url = args.database_url or f"sqlite:///{workdir}/bench.db"
    app = demo_app(url, workdir, PASSWORD_HASH_METHOD="scrypt:1024:8:1")
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")
    print("cold = first request after the national figures changed (cache empty); median of the repeats after it")
    print(f"{'regions':>8} {'page':<10} {'cold ms':>8} {'median ms':>10} {'queries':>8}")
    for count in (int(n) for n in args.regions.split(",")):
        with app.app_context():
            started = time.perf_counter()
            lines = demo.seed_national(limit=count)
            seeded = time.perf_counter() - started
        print(f"# {lines[0]} in {seeded:.1f} s")
        for name, cold, median, queries in measure(app, args.repeat):
            print(f"{count:>8} {name:<10} {cold:>8.1f} {median:>10.1f} {queries:>8}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (server and client together): {peak:.0f} MB")


if __name__ == "__main__":
    main()
