"""Browser journeys: an officer asks for more time and the host approves it from the list; the host
re-plans two milestones of a commitment. Every page on the way is checked with axe."""

from datetime import timedelta

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from playwright.sync_api import expect

from livinglab.domain import periods
from livinglab.models.base import utcnow

pytestmark = [pytest.mark.browser, ON_SQLITE]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


def _today():
    return periods.local(utcnow(), "WIB").date()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_officer_asks_for_more_time_and_the_host_approves(page, live_server, make_user, make_commitment, viewport):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=7)).milestones[0]
    officer, host = make_user("region_officer", locale="en"), make_user("host_staff", locale="en")
    page.set_viewport_size(viewport)
    wanted = today + timedelta(days=60)

    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/milestones/{milestone.id}")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Request extension").click()
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Proposed due date").fill(wanted.isoformat())
    page.get_by_label("Reason").fill("Perbup still with the legal bureau")
    page.get_by_role("button", name="Request extension").click()
    expect(page.locator("body")).to_contain_text("Extension requested")
    assert "Perbup still with the legal bureau" in page.get_by_test_id("pending-extension").inner_text()

    sign_in(page, live_server, host)
    page.goto(f"{live_server}/extension-requests")
    assert "Perbup still with the legal bureau" in page.get_by_test_id("extension-requests").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Approve", exact=True).check()
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url(f"{live_server}/extension-requests")
    expect(page.locator("body")).to_contain_text("Extension approved.")

    page.goto(f"{live_server}/milestones/{milestone.id}")
    changes = page.get_by_test_id("due-date-changes").inner_text()
    assert "Extension requested" in changes and "Extension approved" in changes
    assert axe_violations(page) == []


def test_host_replans_two_milestones(page, live_server, make_user, make_commitment):
    today = _today()
    commitment = make_commitment(due=today + timedelta(days=10))
    host = make_user("host_admin", locale="en")

    sign_in(page, live_server, host)
    page.goto(f"{live_server}/commitments/{commitment.id}")
    page.get_by_role("link", name="Re-plan due dates").click()
    expect(page).to_have_url(f"{live_server}/commitments/{commitment.id}/replan")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Re-plan the chosen milestones").click()
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("SPBE-01").check()
    page.get_by_label("SPBE-33").check()
    page.get_by_label("Shift by a number of days").check()
    page.get_by_label("Days (negative: earlier)").fill("21")
    page.get_by_label("Reason").fill("Budget revision")
    page.get_by_role("button", name="Re-plan the chosen milestones").click()
    expect(page.locator("body")).to_contain_text("Due dates changed on 2 milestones.")
    moved = page.get_by_test_id("due-SPBE-01").inner_text()
    kept = page.get_by_test_id("due-SPBE-21").inner_text()
    assert moved != kept and moved == page.get_by_test_id("due-SPBE-33").inner_text()
