"""Browser journeys: an officer asks for more time and the host approves it from the list; the host
re-plans two milestones of a commitment. Every page on the way is checked with axe."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import PASSWORD

from livinglab.domain import periods
from livinglab.models.base import utcnow

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


def _today():
    return periods.local(utcnow(), "WIB").date()


def _sign_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{base}/home")


def _violations(page):
    result = Axe().run(page, options=WCAG)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_officer_asks_for_more_time_and_the_host_approves(page, live_server, make_user, make_commitment, viewport):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=7)).milestones[0]
    officer, host = make_user("region_officer", locale="en"), make_user("host_staff", locale="en")
    page.set_viewport_size(viewport)
    wanted = today + timedelta(days=60)

    _sign_in(page, live_server, officer)
    page.goto(f"{live_server}/milestones/{milestone.id}")
    assert _violations(page) == []
    page.get_by_role("button", name="Request extension").click()
    assert page.get_by_test_id("error-summary").is_visible()
    assert _violations(page) == []
    page.get_by_label("Proposed due date").fill(wanted.isoformat())
    page.get_by_label("Reason").fill("Perbup still with the legal bureau")
    page.get_by_role("button", name="Request extension").click()
    assert "Extension requested" in page.content()
    assert "Perbup still with the legal bureau" in page.get_by_test_id("pending-extension").inner_text()

    _sign_in(page, live_server, host)
    page.goto(f"{live_server}/extension-requests")
    assert "Perbup still with the legal bureau" in page.get_by_test_id("extension-requests").inner_text()
    assert _violations(page) == []
    page.get_by_label("Approve", exact=True).check()
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url(f"{live_server}/extension-requests")
    assert "Extension approved." in page.content()

    page.goto(f"{live_server}/milestones/{milestone.id}")
    changes = page.get_by_test_id("due-date-changes").inner_text()
    assert "Extension requested" in changes and "Extension approved" in changes
    assert _violations(page) == []


def test_host_replans_two_milestones(page, live_server, make_user, make_commitment):
    today = _today()
    commitment = make_commitment(due=today + timedelta(days=10))
    host = make_user("host_admin", locale="en")

    _sign_in(page, live_server, host)
    page.goto(f"{live_server}/commitments/{commitment.id}")
    page.get_by_role("link", name="Re-plan due dates").click()
    assert _violations(page) == []
    page.get_by_role("button", name="Re-plan the chosen milestones").click()
    assert page.get_by_test_id("error-summary").is_visible()
    assert _violations(page) == []
    page.get_by_label("SPBE-01").check()
    page.get_by_label("SPBE-33").check()
    page.get_by_label("Shift by a number of days").check()
    page.get_by_label("Days (negative: earlier)").fill("21")
    page.get_by_label("Reason").fill("Budget revision")
    page.get_by_role("button", name="Re-plan the chosen milestones").click()
    assert "Due dates changed on 2 milestones." in page.content()
    moved = page.get_by_test_id("due-SPBE-01").inner_text()
    kept = page.get_by_test_id("due-SPBE-21").inner_text()
    assert moved != kept and moved == page.get_by_test_id("due-SPBE-33").inner_text()
