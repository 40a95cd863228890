"""GET /api/v1/me/tasks: the caller's task list, ordered as on their home page, in the API's page
envelope and error conventions."""

import re

from task_weeks import host_week, officer_week


def _home_links(client):
    html = client.get("/home").get_data(as_text=True)
    return re.findall(r'data-testid="task" data-kind="[a-z_]+">\s*<a href="([^"]+)"', html)


def test_officer_tasks_match_the_home_page(app, make_commitment, make_user, api_as, login_as):
    ids = officer_week(make_commitment, make_user)
    body = api_as("region_officer").get("/api/v1/me/tasks").get_json()
    assert body["total"] == 4 and body["page"] == 1 and body["per_page"] == 50
    assert [item["kind"] for item in body["items"]] == ["returned", "overdue", "due_soon", "stale"]
    assert [item["milestone_id"] for item in body["items"]] == [
        ids[kind] for kind in ("returned", "overdue", "due_soon", "stale")
    ]
    assert [item["url"] for item in body["items"]] == _home_links(login_as("region_officer"))
    overdue = body["items"][1]
    assert overdue["region"] == "32.04" and overdue["title"].startswith("SPBE-")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", overdue["due_date"])
    assert body["items"][3]["age_days"] >= app.config["STALE_UPDATE_DAYS"]


def test_host_tasks_are_paged_in_order(app, make_commitment, make_user, api_as):
    fresh, late = host_week(app, make_commitment, make_user)
    host = api_as("host_staff")
    first = host.get("/api/v1/me/tasks?per_page=2").get_json()
    second = host.get("/api/v1/me/tasks?per_page=2&page=2").get_json()
    assert first["total"] == second["total"] == 3
    assert [(i["kind"], i["milestone_id"]) for i in first["items"]] == [("review_late", late), ("review", fresh)]
    assert [(i["kind"], i["region"], i["milestone_id"]) for i in second["items"]] == [("newly_stalled", "51.71", None)]


def test_ministry_tasks_say_what_changed(app, make_commitment, api_as):
    make_commitment(region="51.71")  # stalled long ago: not news
    body = api_as("ministry_viewer").get("/api/v1/me/tasks").get_json()
    assert body == {"items": [], "total": 0, "page": 1, "per_page": 50}


def test_tasks_need_a_token_and_valid_paging(anonymous_api, api_as):
    answer = anonymous_api.get("/api/v1/me/tasks")
    assert answer.status_code == 401 and answer.get_json()["error"]["code"] == "unauthorized"
    bad = api_as("host_admin").get("/api/v1/me/tasks?per_page=0")
    assert bad.status_code == 422 and set(bad.get_json()) == {"error"}
