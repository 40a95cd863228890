"""Task lists on every home page (issue 14, point 1): each role's list in its order, with counts,
each task one click from the page that does it; the ministry's "what changed" since its last visit."""

import re
from datetime import timedelta

from sqlalchemy import event
from task_weeks import FIVE, host_week, ministry_changes, officer_week, waiting, wib_today

from livinglab.extensions import db
from livinglab.models import Notification, User
from livinglab.models.base import utcnow
from livinglab.services import milestones


def _kinds(html):
    return re.findall(r'data-testid="task" data-kind="([a-z_]+)"', html)


def _counts(html):
    return dict(re.findall(r'data-kind="([a-z_]+)">[^<]*: <strong>(\d+)</strong>', html))


def _links(html):
    return re.findall(r'data-testid="task" data-kind="[a-z_]+">\s*<a href="([^"]+)"', html)


def test_officer_home_lists_the_weeks_tasks_in_order_with_counts(app, make_commitment, make_user, login_as):
    ids = officer_week(make_commitment, make_user)
    client = login_as("region_officer", locale="en")
    html = client.get("/home").get_data(as_text=True)
    assert 'id="tasks-heading">This week' in html
    assert _kinds(html) == ["returned", "overdue", "due_soon", "stale"]
    assert _counts(html) == {"returned": "1", "overdue": "1", "due_soon": "1", "stale": "1"}
    assert _links(html) == [f"/milestones/{ids[k]}" for k in ("returned", "overdue", "due_soon", "stale")]
    assert client.get(_links(html)[0]).status_code == 200


def test_officer_sees_only_their_own_region(app, make_commitment, make_user, login_as):
    officer_week(make_commitment, make_user)
    elsewhere = login_as("region_officer", region="32.73", locale="en")
    html = elsewhere.get("/home").get_data(as_text=True)
    assert _kinds(html) == [] and 'data-testid="no-tasks"' in html


def test_the_officer_home_reads_in_indonesian_by_default(app, make_commitment, make_user, login_as):
    officer_week(make_commitment, make_user)
    html = login_as("region_officer").get("/home").get_data(as_text=True)
    assert "Tugas minggu ini" in html and "Dikembalikan untuk perbaikan" in html


def test_host_staff_home_lists_late_reviews_then_reviews_then_newly_stalled(app, make_commitment, make_user, login_as):
    fresh, late = host_week(app, make_commitment, make_user)
    html = login_as("host_staff", locale="en").get("/home").get_data(as_text=True)
    assert _kinds(html) == ["review_late", "review", "newly_stalled"]
    assert _counts(html) == {"review_late": "1", "review": "1", "newly_stalled": "1"}
    assert _links(html) == [f"/milestones/{late}", f"/milestones/{fresh}", "/regions/51.71"]
    assert "waiting 20 days" in html and "Reviews waiting more than 14 days" in html
    assert re.findall(r'data-testid="oldest-review">([^<]+)<', html) == [
        "the oldest waits 20 days",
        "the oldest waits 2 days",
    ]
    assert 'data-kind="failed_reminder"' not in html


def test_host_admin_also_sees_failed_reminders(app, make_commitment, make_user, login_as):
    host_week(app, make_commitment, make_user)
    db.session.add(
        Notification(
            kind="weekly_digest", scope="32.04", recipient="x@example.go.id", channel="email", period_key="2026-W48"
        )
    )
    db.session.add(
        Notification(
            kind="weekly_digest",
            scope="32.05",
            recipient="y@example.go.id",
            channel="email",
            period_key="2026-W48",
            status="failed",
            last_error="550 mailbox unavailable",
        )
    )
    db.session.commit()
    html = login_as("host_admin", locale="en").get("/home").get_data(as_text=True)
    assert _kinds(html) == ["review_late", "review", "newly_stalled", "failed_reminder"]
    assert _counts(html)["failed_reminder"] == "1"
    assert _links(html)[-1] == "/outbox?status=failed"
    assert "Weekly digest · y@example.go.id" in html and "weekly_digest" not in html


def _queries(client, url="/api/v1/me/tasks?per_page=500"):
    """(statements a request for `url` runs, its answer), after a first request has warmed the
    per-process rows the national figures keep."""
    client.get(url)
    found = []

    def count(*_args):
        found.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        answer = client.get(url).get_json()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(found), answer


def test_host_task_list_runs_the_same_queries_for_many_milestones(app, make_commitment, make_user, api_as):
    host = api_as("host_admin")
    waiting(make_commitment, make_user, "32.73", 3)
    few, answer = _queries(host)
    assert answer["total"] == 1
    for code in ("32.05", "32.06", "32.07", "51.71"):
        commitment = make_commitment(region=code, practices=FIVE, signed_on=wib_today())
        officer = make_user("region_officer", region=code)
        for milestone in commitment.milestones:
            milestones.update(officer, milestone.id, version=1, status="submitted", level=2)
    many, answer = _queries(host)
    assert answer["total"] == 21 and many == few


def test_officer_task_list_runs_the_same_queries_for_many_milestones(app, make_commitment, api_as):
    officer = api_as("region_officer")
    make_commitment(practices=FIVE[:1], due=wib_today() + timedelta(days=3))
    few, answer = _queries(officer)
    assert answer["total"] == 1
    make_commitment(practices=FIVE, due=wib_today() - timedelta(days=3), signed_on=wib_today())
    many, answer = _queries(officer)
    assert answer["total"] == 6 and many == few


def test_ministry_home_shows_what_changed_in_the_last_week_on_a_first_visit(app, make_commitment, make_user, login_as):
    verified = ministry_changes(app, make_commitment, make_user)
    html = login_as("ministry_viewer", locale="en").get("/home").get_data(as_text=True)
    assert "In the last 7 days." in html
    assert _kinds(html) == ["newly_verified", "newly_stalled", "target_reached"]
    assert _links(html) == [f"/milestones/{verified}", "/regions/51.71", "/regions/32.05"]


def test_ministry_home_shows_only_what_changed_since_the_previous_visit(app, make_commitment, make_user, login_as):
    ministry_changes(app, make_commitment, make_user)
    viewer = login_as("ministry_viewer", locale="en")
    user = db.session.get(User, viewer.user.id)
    user.last_visit_at = utcnow() - timedelta(hours=3)  # their last visit ended three hours ago
    db.session.commit()
    html = viewer.get("/home").get_data(as_text=True)
    assert "Since your last visit" in html
    assert _kinds(html) == ["newly_verified", "target_reached"]  # stalled two days ago: seen then
    assert _kinds(viewer.get("/home").get_data(as_text=True)) == ["newly_verified", "target_reached"]  # same visit
    db.session.expire_all()
    user = db.session.get(User, viewer.user.id)
    assert user.previous_visit_at is not None and user.last_visit_at > user.previous_visit_at


def test_extension_requests_are_host_tasks_until_decided(app, make_commitment, make_user, login_as, api_as):
    from livinglab.services import extension_requests

    commitment = make_commitment(practices=FIVE, due=wib_today() + timedelta(days=20))
    officer, host = make_user("region_officer", locale="en"), make_user("host_staff")
    asked = wib_today() + timedelta(days=60)
    requests = [
        extension_requests.request_extension(officer, m.id, due_date=asked, reason="Perbup masih di Biro Hukum")
        for m in commitment.milestones[:2]
    ]
    page = login_as("host_staff", locale="en")
    html = page.get("/home").get_data(as_text=True)
    assert _kinds(html) == ["extension_request", "extension_request"]
    assert _counts(html) == {"extension_request": "2"}
    assert _links(html) == [f"/milestones/{r.milestone_id}" for r in requests]
    assert html.count("asks until") == 2
    items = api_as("host_admin").get("/api/v1/me/tasks").json["items"]
    assert [(i["kind"], i["milestone_id"], i["due_date"]) for i in items] == [
        ("extension_request", r.milestone_id, asked.isoformat()) for r in requests
    ]
    few, _answer = _queries(api_as("host_staff"))
    requests += [
        extension_requests.request_extension(officer, m.id, due_date=asked, reason="Menunggu anggaran")
        for m in commitment.milestones[2:]
    ]
    many, answer = _queries(api_as("host_staff"))
    assert answer["total"] == len(FIVE) and many == few

    for r in requests:
        extension_requests.decide(host, r.id, decision="approve", comment="")
    assert "extension_request" not in page.get("/home").get_data(as_text=True)
