"""Browser: the officer signs in, reads "Tugas minggu ini" on the home page, and one click on the
returned milestone lands on its form. The home page and the form are checked with axe on a
desktop and a phone."""

import pytest
from browser_steps import ON_SQLITE, axe_violations
from conftest import PASSWORD
from playwright.sync_api import expect
from task_weeks import officer_week

pytestmark = [pytest.mark.browser, ON_SQLITE]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_officer_goes_from_the_home_task_list_to_the_returned_milestone(
    page, live_server, make_user, make_commitment, viewport
):
    ids = officer_week(make_commitment, make_user)
    officer = make_user("region_officer")
    page.set_viewport_size(viewport)
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(officer.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")

    tasks = page.get_by_test_id("task-list")
    expect(tasks.get_by_role("heading", name="Tugas minggu ini")).to_be_visible()
    kinds = [row.get_attribute("data-kind") for row in tasks.get_by_test_id("task").all()]
    assert kinds == ["returned", "overdue", "due_soon", "stale"]
    assert tasks.get_by_test_id("task-counts").inner_text().count(": 1") == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []

    tasks.locator('[data-kind="returned"] a').click()
    page.wait_for_url(f"{live_server}/milestones/{ids['returned']}")
    assert page.get_by_test_id("milestone-status").inner_text() == "Dikembalikan"
    expect(page.locator(f"form[action='/milestones/{ids['returned']}/update']")).to_be_visible()
    assert axe_violations(page) == []
