"""Transfer size of the officer's workspace: what a phone downloads, compressed, on a first visit.

Usage: .venv/bin/python bench/transfer.py [--encoding "br, gzip"]

Signs in as the demo region officer through the login form, requests the workspace with the
browser's Accept-Encoding, then every stylesheet, script and image the page links from static/, and
prints each answer's compressed and uncompressed size and the total (the aim: ≤ 150 KB). The page
is the same HTML at 360 px and at 1366 px (the layout is CSS), so one request measures both.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_app import demo_app

from livinglab.services.demo import DEMO_PASSWORD

OFFICER = "officer.bandung@demo.livinglab.id"
WORKSPACE = "/regions/32.04/milestones"
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')
LINKED = re.compile(r'(?:href|src)="(/static/[^"]+)"')
LIMIT_KB = 150


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoding", default="br, gzip")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="livinglab-bench-")
    app = demo_app(f"sqlite:///{workdir}/bench.db", workdir, PASSWORD_HASH_METHOD="scrypt:1024:8:1")
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    signed_in = client.post("/login", data={"email": OFFICER, "password": DEMO_PASSWORD, "csrf_token": token})
    assert signed_in.status_code == 302, signed_in.status_code
    headers = {"Accept-Encoding": args.encoding}
    page = client.get(WORKSPACE, headers=headers)
    assert page.status_code == 200, page.status_code
    html = client.get(WORKSPACE).get_data(as_text=True)
    answers = [(WORKSPACE, page)]
    answers += [(url, client.get(url, headers=headers)) for url in dict.fromkeys(LINKED.findall(html))]
    total = 0
    for url, answer in answers:
        sent = len(answer.get_data())
        plain = len(client.get(url).get_data())
        total += sent
        encoding = answer.headers.get("Content-Encoding", "identity")
        print(f"{url.split('?')[0]:<60} {encoding:>8} {sent / 1024:7.1f} KB (uncompressed {plain / 1024:.1f} KB)")
    verdict = "within" if total <= LIMIT_KB * 1024 else "OVER"
    print(f"officer's workspace, first visit: {total / 1024:.1f} KB transferred ({verdict} the {LIMIT_KB} KB aim)")


if __name__ == "__main__":
    main()
