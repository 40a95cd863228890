"""Re-planning and extension requests over the API: the rules, the history, the scope."""

from datetime import timedelta

from sqlalchemy import event, select

from livinglab.domain import periods
from livinglab.extensions import db
from livinglab.models import Milestone, Practice
from livinglab.models.base import utcnow
from livinglab.services import extension_requests


def _today():
    """Today where the sample regions are (Jawa Barat: WIB), as the services count it."""
    return periods.local(utcnow(), "WIB").date()


def _iso(day):
    return day.isoformat()


def _history(client, milestone_id):
    return client.get(f"/api/v1/milestones/{milestone_id}/history").json


def test_an_officer_asks_for_more_time_and_the_request_is_in_the_api_and_the_history(api_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=10)).milestones[0]
    officer = api_as("region_officer")
    wanted = today + timedelta(days=60)

    response = officer.post(
        f"/api/v1/milestones/{milestone.id}/extension-requests",
        json={"due_date": _iso(wanted), "reason": "Perbup masih di bagian hukum"},
    )

    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "pending" and body["milestone_id"] == milestone.id
    assert body["requested_due_date"] == _iso(wanted) and body["reason"] == "Perbup masih di bagian hukum"
    assert body["requested_by"] == officer.user.email and body["created_at"]
    listed = officer.get(f"/api/v1/milestones/{milestone.id}/extension-requests").json
    assert [item["id"] for item in listed["items"]] == [body["id"]] and listed["total"] == 1
    entry = _history(officer, milestone.id)[-1]
    assert entry["action"] == "extension_request" and entry["note"] == "Perbup masih di bagian hukum"
    assert entry["from_due_date"] == _iso(today + timedelta(days=10)) and entry["to_due_date"] == _iso(wanted)
    assert officer.get(f"/api/v1/milestones/{milestone.id}").json["due_date"] == _iso(today + timedelta(days=10))


def test_an_extension_must_be_later_than_today_and_the_current_due_date_and_only_one_waits(api_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=20)).milestones[0]
    officer = api_as("region_officer", locale="en")
    url = f"/api/v1/milestones/{milestone.id}/extension-requests"

    past = officer.post(url, json={"due_date": _iso(today - timedelta(days=3)), "reason": "x"})
    assert past.status_code == 422 and "in the past" in past.json["error"]["message"]
    earlier = officer.post(url, json={"due_date": _iso(today + timedelta(days=20)), "reason": "x"})
    assert earlier.status_code == 422 and "after the current due date" in earlier.json["error"]["message"]
    no_reason = officer.post(url, json={"due_date": _iso(today + timedelta(days=40)), "reason": "  "})
    assert no_reason.status_code == 422
    assert officer.post(url, json={"due_date": _iso(today + timedelta(days=40)), "reason": "x"}).status_code == 201
    second = officer.post(url, json={"due_date": _iso(today + timedelta(days=50)), "reason": "y"})
    assert second.status_code == 422 and "already waiting" in second.json["error"]["message"]
    assert officer.get(url).json["total"] == 1


def test_another_regions_officer_gets_not_found(api_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=5)).milestones[0]
    own = api_as("region_officer")
    other = api_as("region_officer", region="51.71")
    url = f"/api/v1/milestones/{milestone.id}/extension-requests"
    created = own.post(url, json={"due_date": _iso(today + timedelta(days=30)), "reason": "x"}).json

    assert other.post(url, json={"due_date": _iso(today + timedelta(days=30)), "reason": "x"}).status_code == 404
    assert other.get(url).status_code == 404
    host = api_as("host_staff")
    assert host.get(url).json["items"][0]["id"] == created["id"]
    assert api_as("host_staff").post(url, json={"due_date": _iso(today), "reason": "x"}).status_code == 403


def test_the_host_approves_and_the_due_date_becomes_the_requested_one_once(api_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=5)).milestones[0]
    officer, host = api_as("region_officer"), api_as("host_staff")
    wanted = today + timedelta(days=45)
    request = officer.post(
        f"/api/v1/milestones/{milestone.id}/extension-requests", json={"due_date": _iso(wanted), "reason": "x"}
    ).json
    assert [r["id"] for r in host.get("/api/v1/extension-requests").json["items"]] == [request["id"]]
    assert (
        officer.post(f"/api/v1/extension-requests/{request['id']}/decision", json={"decision": "approve"}).status_code
        == 403
    )

    approved = host.post(f"/api/v1/extension-requests/{request['id']}/decision", json={"decision": "approve"})

    assert approved.status_code == 200, approved.json
    assert approved.json["status"] == "approved" and approved.json["decided_by"] == host.user.email
    shown = officer.get(f"/api/v1/milestones/{milestone.id}").json
    assert shown["due_date"] == _iso(wanted) and shown["version"] == 2
    entry = _history(officer, milestone.id)[-1]
    assert entry["action"] == "extension_approve" and entry["to_due_date"] == _iso(wanted)
    again = host.post(
        f"/api/v1/extension-requests/{request['id']}/decision", json={"decision": "refuse", "comment": "x"}
    )
    assert again.status_code == 409
    assert host.get("/api/v1/extension-requests").json["total"] == 0


def test_a_refusal_needs_a_comment_and_keeps_the_due_date(api_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=5)).milestones[0]
    officer, host = api_as("region_officer"), api_as("host_admin")
    url = f"/api/v1/milestones/{milestone.id}/extension-requests"
    request = officer.post(url, json={"due_date": _iso(today + timedelta(days=45)), "reason": "x"}).json
    decision = f"/api/v1/extension-requests/{request['id']}/decision"

    assert host.post(decision, json={"decision": "refuse"}).status_code == 422
    assert host.post(decision, json={"decision": "postpone"}).status_code == 422
    refused = host.post(decision, json={"decision": "refuse", "comment": "Tenggat sudah diperpanjang sekali"})

    assert refused.status_code == 200 and refused.json["status"] == "refused"
    assert refused.json["decision_comment"] == "Tenggat sudah diperpanjang sekali"
    assert officer.get(f"/api/v1/milestones/{milestone.id}").json["due_date"] == _iso(today + timedelta(days=5))
    entry = _history(officer, milestone.id)[-1]
    assert entry["action"] == "extension_refuse" and entry["note"] == "Tenggat sudah diperpanjang sekali"
    assert officer.post(url, json={"due_date": _iso(today + timedelta(days=30)), "reason": "again"}).status_code == 201


def test_the_host_shifts_a_whole_commitment_with_a_reason_in_each_history(api_as, make_commitment):
    today = _today()
    commitment = make_commitment(due=today + timedelta(days=10))
    host = api_as("host_staff")

    response = host.post(
        f"/api/v1/commitments/{commitment.id}/replan", json={"shift_days": 30, "reason": "Refocusing anggaran"}
    )

    assert response.status_code == 200, response.json
    assert response.json["changed"] == 3
    assert {m["due_date"] for m in response.json["milestones"]} == {_iso(today + timedelta(days=40))}
    assert all(m["version"] == 2 for m in response.json["milestones"])
    for milestone in commitment.milestones:
        entry = _history(host, milestone.id)[-1]
        assert entry["action"] == "replan" and entry["note"] == "Refocusing anggaran"
        assert entry["from_due_date"] == _iso(today + timedelta(days=10))
        assert entry["to_due_date"] == _iso(today + timedelta(days=40))


def test_a_replan_sets_a_date_on_chosen_milestones_all_or_nothing(api_as, make_commitment):
    today = _today()
    commitment = make_commitment(due=today + timedelta(days=10))
    first, second, third = (m.id for m in commitment.milestones)
    host = api_as("host_admin", locale="en")
    url = f"/api/v1/commitments/{commitment.id}/replan"
    target = _iso(today + timedelta(days=90))

    unknown = host.post(url, json={"milestone_ids": [first, 999_999], "due_date": target, "reason": "x"})
    assert unknown.status_code == 422 and "999999" in unknown.json["error"]["message"]
    both = host.post(url, json={"due_date": target, "shift_days": 3, "reason": "x"})
    assert both.status_code == 422
    assert host.post(url, json={"due_date": target}).status_code == 422
    assert {m["due_date"] for m in host.get(f"/api/v1/commitments/{commitment.id}").json["milestones"]} == {
        _iso(today + timedelta(days=10))
    }

    done = host.post(url, json={"milestone_ids": [first, third], "due_date": target, "reason": "Sesuai rapat"})

    assert done.status_code == 200 and [m["id"] for m in done.json["milestones"]] == [first, third]
    dates = {m["id"]: m["due_date"] for m in host.get(f"/api/v1/commitments/{commitment.id}").json["milestones"]}
    assert dates == {first: target, second: _iso(today + timedelta(days=10)), third: target}
    assert api_as("region_officer").post(url, json={"shift_days": 3, "reason": "x"}).status_code == 403


def test_the_overviews_overdue_count_follows_a_replan(api_as, make_commitment):
    today = _today()
    commitment = make_commitment(region="32.04", due=today - timedelta(days=10))
    host = api_as("host_staff")

    def overdue():
        return host.get("/api/v1/overview?province=32").json["items"][0]["overdue"]

    assert overdue() == 3
    host.post(f"/api/v1/commitments/{commitment.id}/replan", json={"shift_days": 40, "reason": "x"})
    assert overdue() == 0
    ids = [commitment.milestones[0].id]
    host.post(
        f"/api/v1/commitments/{commitment.id}/replan", json={"milestone_ids": ids, "shift_days": -45, "reason": "x"}
    )
    assert overdue() == 1


def test_a_whole_commitment_replan_runs_a_constant_number_of_queries(api_as, make_commitment):
    today = _today()
    codes = db.session.scalars(select(Practice.code).where(Practice.code.like("SPBE-%")).order_by(Practice.id)).all()
    few = make_commitment(region="32.04", practices=codes[:2], due=today)
    many = make_commitment(region="32.73", practices=codes, due=today)
    host = api_as("host_staff")
    warm_up = make_commitment(region="32.05", practices=codes[:1], due=today)
    assert (
        host.post(f"/api/v1/commitments/{warm_up.id}/replan", json={"shift_days": 1, "reason": "x"}).status_code == 200
    )
    counted = []

    def count(*_args):
        counted[-1] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for commitment in (few, many):
            counted.append(0)
            response = host.post(f"/api/v1/commitments/{commitment.id}/replan", json={"shift_days": 7, "reason": "x"})
            assert response.status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert counted[0] == counted[1], f"re-plan queries grow with milestones: {counted}"
    moved = db.session.scalars(select(Milestone.due_date).where(Milestone.commitment_id == many.id)).all()
    assert set(moved) == {today + timedelta(days=7)} and len(moved) == len(codes)


def test_a_replan_is_audited_once_and_keeps_the_review_queue_in_submission_order(api_as, make_commitment):
    from livinglab.models import AuditEvent

    today = _today()
    commitment = make_commitment(due=today + timedelta(days=10))
    officer = api_as("region_officer")
    for milestone in commitment.milestones:
        sent = officer.patch(f"/api/v1/milestones/{milestone.id}", json={"version": 1, "status": "submitted"})
        assert sent.status_code == 200
    db.session.expire_all()
    before = {m.id: m.updated_at for m in db.session.scalars(select(Milestone)).all()}
    host = api_as("host_staff")
    last = commitment.milestones[-1].id

    host.post(
        f"/api/v1/commitments/{commitment.id}/replan", json={"milestone_ids": [last], "shift_days": 5, "reason": "x"}
    )

    db.session.expire_all()
    assert {m.id: m.updated_at for m in db.session.scalars(select(Milestone)).all()} == before
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "commitment.replan")).all()
    assert len(events) == 1 and events[0].entity_id == str(commitment.id)
    assert list(events[0].after["due_dates"].values()) == [_iso(today + timedelta(days=15))]
    assert extension_requests.pending_extension_requests(officer.user) == []
