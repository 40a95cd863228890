"""Page speed at national scale: cold and warm median server time, SQL queries per page, peak memory.

Usage: .venv/bin/python bench/pages.py [--regions 62,276,552] [--repeat 7] [--cold 3] [--database-url URL]

"Cold" is the first request after a write: before each cold request a region officer submits one of
Kabupaten Bandung's milestones and the host verifies it through the milestone service (real writes
that move the region's progress and index), so whatever the national pages keep between requests
has to follow it. "Warm" is the median of the
`--repeat` requests that follow without a write. Both columns are medians; the query columns are the
most any request of that kind ran. The last columns compare cold with warm (the aim: ≤ 1.5×) and,
on the overview's row, the warm overview with the warm region page (the aim: ≤ 2×).

Builds a throwaway database (SQLite in a temp dir unless --database-url is given), loads the
regions, the catalogue, the demo and `seed demo --scale national` up to each region count, then
requests the overview, a region page, the ministry view, the map and the public board (signed out)
as a user of the right role and prints one table. Figures are printed, never asserted.
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
from sqlalchemy import event, select

from livinglab.domain import milestone_states as states
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, Region, User
from livinglab.services import demo, milestones, national_demo

WRITER = "officer.bandung@demo.livinglab.id"
VERIFIER = "mentor@demo.livinglab.id"
WRITER_REGION = "32.04"
PAGES = (
    ("overview", "mentor@demo.livinglab.id", "/overview"),
    ("region", "mentor@demo.livinglab.id", "/regions/32.04"),
    ("ministry", "viewer@demo.livinglab.id", "/national"),
    ("map", "viewer@demo.livinglab.id", "/map"),
    ("public", None, "/public"),
)


def _login(client, email):
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = client.post("/login", data={"email": email, "password": demo.DEMO_PASSWORD, "csrf_token": token})
    assert response.status_code == 302, "demo login failed"


def _write(app, n):
    """Real writes behind the national figures: the region officer submits a milestone at level 3
    and the host verifies it, so progress, the estimate and "most improved" all move."""
    with app.app_context():
        officer = db.session.scalar(select(User).where(User.email == WRITER))
        milestone = db.session.scalar(
            select(Milestone)
            .join(Milestone.commitment)
            .join(Commitment.region)
            .where(
                Region.code == WRITER_REGION,
                Commitment.status != "withdrawn",
                Milestone.status.not_in(("submitted", *states.DONE_STATUSES)),
            )
            .order_by(Milestone.id)
        )
        assert milestone is not None, "no open milestone to write on"
        milestones.update(
            officer, milestone.id, version=milestone.version, status="submitted", level=3, note=f"bench write {n}"
        )
        verifier = db.session.scalar(select(User).where(User.email == VERIFIER))
        milestones.verify(verifier, milestone.id, decision="verify", level=3)
        db.session.remove()


def _timed(client, path, queries):
    queries["n"] = 0
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, queries["n"]


def measure(app, repeat, cold_repeat):
    queries = {"n": 0}

    def count(*_args):
        queries["n"] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    rows = []
    clients = {}
    writes = 0
    for name, email, path in PAGES:
        client = clients.get(email)
        if client is None:
            client = clients[email] = app.test_client()
            if email:
                _login(client, email)
        _timed(client, path, queries)  # templates compiled, session loaded: not part of the figures
        cold, cold_counts = [], []
        for _ in range(cold_repeat):
            writes += 1
            _write(app, writes)
            elapsed, n = _timed(client, path, queries)
            cold.append(elapsed)
            cold_counts.append(n)
        warm, warm_counts = [], []
        for _ in range(repeat):
            elapsed, n = _timed(client, path, queries)
            warm.append(elapsed)
            warm_counts.append(n)
        rows.append((name, statistics.median(cold), statistics.median(warm), max(cold_counts), max(warm_counts)))
    event.remove(engine, "before_cursor_execute", count)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", default="62,276,552", help="comma-separated region counts")
    parser.add_argument("--repeat", type=int, default=7, help="warm requests per page")
    parser.add_argument("--cold", type=int, default=3, help="cold requests per page, each after one write")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="livinglab-bench-")
    url = args.database_url or f"sqlite:///{workdir}/bench.db"
    app = demo_app(url, workdir, PASSWORD_HASH_METHOD="scrypt:1024:8:1")
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")
    print("cold = first request after a write (median of --cold); warm = median of --repeat requests after it")
    header = f"{'regions':>8} {'page':<9} {'cold ms':>8} {'warm ms':>8} {'cold q':>7} {'warm q':>7}"
    print(f"{header} {'cold/warm':>9} {'overview/region':>15}")
    for count in (int(n) for n in args.regions.split(",")):
        with app.app_context():
            started = time.perf_counter()
            lines = national_demo.seed_national(limit=count)
            seeded = time.perf_counter() - started
        print(f"# {lines[0]} in {seeded:.1f} s")
        rows = measure(app, args.repeat, args.cold)
        region_warm = next(warm for name, _cold, warm, *_ in rows if name == "region")
        for name, cold, warm, cold_q, warm_q in rows:
            ratio = f"{cold / warm:.1f}×" if warm else "-"
            versus = f"{warm / region_warm:.1f}×" if name == "overview" and region_warm else ""
            print(f"{count:>8} {name:<9} {cold:>8.1f} {warm:>8.1f} {cold_q:>7} {warm_q:>7} {ratio:>9} {versus:>15}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (server and client together): {peak:.0f} MB")


if __name__ == "__main__":
    main()
