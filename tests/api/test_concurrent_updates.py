"""Concurrent milestone updates through a real threaded HTTP server: every write that was answered
200 is in the history, every refused one (409, stale version) left no trace: no lost update."""

import json
import threading
import urllib.error
import urllib.request

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Milestone, MilestoneUpdate
from livinglab.services import accounts, milestones

WRITERS = 8
ATTEMPTS = 12


def _call(base, token, method, path, body=None):
    request = urllib.request.Request(
        base + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_no_update_is_lost_under_concurrent_writers(app, live_server, make_user, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = make_user("region_officer")
    milestones.update(officer, milestone.id, version=1, status="in_progress", note="start")
    _, token = accounts.create_token(officer.email, "load")
    url = f"/api/v1/milestones/{milestone.id}"  # read here: the writer threads have no app context
    outcomes, lock = [], threading.Lock()

    def writer(number):
        for attempt in range(ATTEMPTS):
            status, current = _call(live_server, token, "GET", url)
            assert status == 200, current
            body = {
                "version": current["version"],
                "level": 1 + (current["version"] % 5),
                "note": f"w{number}-{attempt}",
            }
            status, _answer = _call(live_server, token, "PATCH", url, body)
            with lock:
                outcomes.append((status, body["note"]))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    statuses = [status for status, _note in outcomes]
    assert len(statuses) == WRITERS * ATTEMPTS
    assert set(statuses) <= {200, 409}, f"only success or a clean conflict: {sorted(set(statuses))}"
    succeeded = {note for status, note in outcomes if status == 200}
    assert succeeded, "some writes must get through"
    db.session.expire_all()
    history = db.session.scalars(
        select(MilestoneUpdate.note).where(
            MilestoneUpdate.milestone_id == milestone.id, MilestoneUpdate.note != "start"
        )
    ).all()
    assert sorted(history) == sorted(succeeded), "history rows are exactly the successful writes"
    version = db.session.scalar(select(Milestone.version).where(Milestone.id == milestone.id))
    assert version == 2 + len(succeeded)
    assert db.session.scalar(select(func.count(MilestoneUpdate.id))) == 1 + len(succeeded)
