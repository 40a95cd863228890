"""Browser: the officer's update and the host's verification with the keyboard only (issue 16,
point 3): Tab, Shift+Tab, Enter, Space, the arrow keys and typing, no clicks. Each step checks that
focus is on the control the step needs and that the focus can be seen. The officer meets an error
on the way; the host ends in the navbar's "Records" menu, opened with Space as any button. SQLite
only: the journeys exercise the pages, the database tests cover both backends."""

from datetime import timedelta

import pytest
from browser_steps import ON_SQLITE, axe_violations, focus_is_visible, tab_to
from conftest import PASSWORD
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from task_weeks import set_milestone

from livinglab.models.base import utcnow
from livinglab.services import milestones
from livinglab.services.milestones import EvidenceInput

pytestmark = [pytest.mark.browser, ON_SQLITE]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def focus_reaches(page, selector):
    """Focus comes to `selector`. After a page loads, its deferred script moves the focus (to the
    error summary) a moment after the page is visible: wait for it, as playwright's expect does."""
    try:
        page.wait_for_function("s => document.activeElement.matches(s)", arg=selector, timeout=5000)
    except PlaywrightTimeout:
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        raise AssertionError(f"focus never reached {selector}; it is on {focused}") from None


def at(page, selector):
    """Focus is on `selector` and shows."""
    focus_reaches(page, selector)
    assert focus_is_visible(page), f"focus on {selector} is invisible"


def tab_at(page, selector, presses=40, key="Tab"):
    tab_to(page, selector, presses, key)
    at(page, selector)


def choose_option(page, selector, value, key="ArrowDown"):
    """A native select changes with the arrow keys while focused, without opening."""
    for _ in range(10):
        if page.locator(selector).input_value() == value:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never reached {value}")


def follow_error_summary(page, field_id):
    """The refused form's error summary has the focus and passes axe; its first link, to `field_id`,
    is one Tab away and Enter follows it."""
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    at(page, ".error-summary")
    assert axe_violations(page) == []
    tab_at(page, f".error-summary a[href='#{field_id}']", presses=1)
    page.keyboard.press("Enter")


def sign_in_by_keyboard(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    expect(page.locator("input[name=email]")).to_be_visible()
    tab_at(page, "input[name=email]")
    page.keyboard.type(user.email)
    tab_at(page, "input[name=password]", presses=1)
    page.keyboard.type(PASSWORD)
    tab_at(page, "form[action='/login'] [type=submit]", presses=1)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("whoami")).to_have_text(user.name)


def test_officer_updates_a_milestone_with_the_keyboard_only(page, live_server, make_user, make_commitment, tmp_path):
    commitment = make_commitment()
    task = commitment.milestones[0].id
    officer = make_user("region_officer", locale="en")
    evidence = tmp_path / "perbup-arsitektur.pdf"
    evidence.write_bytes(PDF)

    sign_in_by_keyboard(page, live_server, officer)
    tab_at(page, ".skip-link", presses=1)
    page.keyboard.press("Enter")
    focus_reaches(page, "main#main")
    tab_at(page, f'[data-testid="task-list"] a[href="/milestones/{task}"]')
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("update-form")).to_be_visible()
    tab_at(page, "select#status")
    choose_option(page, "select#status", "blocked")
    tab_at(page, "[data-testid=update-form] [type=submit]")
    page.keyboard.press("Enter")

    follow_error_summary(page, "note")
    at(page, "textarea#note[aria-invalid=true]")
    page.keyboard.type("Perbup on the SPBE architecture enacted")
    tab_at(page, "select#status", key="Shift+Tab")
    choose_option(page, "select#status", "submitted", key="ArrowUp")
    tab_at(page, "textarea#note", presses=3)
    tab_at(page, "select#evidence_kind", presses=1)
    choose_option(page, "select#evidence_kind", "regulation")
    tab_at(page, "input#evidence_title", presses=1)
    page.keyboard.type("Perbup 10/2023 Arsitektur SPBE")
    tab_at(page, "input#evidence_file", presses=8)
    page.locator(":focus").set_input_files(str(evidence))
    tab_at(page, "[data-testid=update-form] [type=submit]")
    page.keyboard.press("Enter")

    banner = page.get_by_role("status").filter(has_text="Milestone saved.")
    expect(banner).to_be_visible()
    expect(page.get_by_test_id("milestone-status")).to_have_text("Submitted")
    expect(page.get_by_test_id("history")).to_contain_text("Perbup 10/2023 Arsitektur SPBE")

    tab_at(page, "nav a.nav-link[href='/home']")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("task-list")).to_be_visible()
    expect(page.locator(f'[data-testid="task-list"] a[href="/milestones/{task}"]')).to_have_count(0)
    expect(page.locator('[data-testid="task-list"] [data-testid="task"]')).to_have_count(2)


def submitted_with_link(officer, milestone_id, title, days_ago):
    link = EvidenceInput(kind="report", title=title, url=f"https://jdih.bandungkab.go.id/{milestone_id}")
    milestones.update(officer, milestone_id, version=1, status="submitted", level=2, evidence=[link])
    set_milestone(milestone_id, updated_at=utcnow() - timedelta(days=days_ago))


def test_host_returns_and_verifies_with_the_keyboard_only(page, live_server, make_user, make_commitment):
    newer, oldest, _ = make_commitment().milestones
    target = str(newer.target_level)
    newer, oldest = newer.id, oldest.id
    officer = make_user("region_officer")
    submitted_with_link(officer, oldest, "Laporan reviu SPBE", days_ago=9)
    submitted_with_link(officer, newer, "Notulen rapat tim SPBE", days_ago=2)
    host = make_user("host_staff", locale="en")

    sign_in_by_keyboard(page, live_server, host)
    tab_at(page, "nav a.nav-link[href='/reviews']", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    tab_at(page, f"a[href='/milestones/{oldest}']")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("decision-form")).to_be_visible()
    tab_at(page, f"[data-testid=review-evidence] a[href='https://jdih.bandungkab.go.id/{oldest}']")
    tab_at(page, "input[name=decision][value=verify]")
    page.keyboard.press("ArrowDown")
    at(page, "input[name=decision][value=return]")
    expect(page.locator("input[name=decision][value=return]")).to_be_checked()
    tab_at(page, "textarea#comment", presses=2)
    page.keyboard.type("Please attach the signed page")
    tab_at(page, "[data-testid=decision-form] [type=submit]", presses=1)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").filter(has_text="Decision recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.locator(f"a[href='/milestones/{oldest}']")).to_have_count(0)
    tab_at(page, f"a[href='/milestones/{newer}']")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("decision-form")).to_be_visible()
    tab_at(page, "[data-testid=decision-form] [type=submit]")
    page.keyboard.press("Enter")
    follow_error_summary(page, "decision")
    at(page, "input[name=decision][value=verify]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=decision][value=verify]")).to_be_checked()
    tab_at(page, "select#verified_level", presses=1)
    choose_option(page, "select#verified_level", target)
    tab_at(page, "[data-testid=decision-form] [type=submit]", presses=3)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").filter(has_text="Decision recorded.")).to_be_visible()
    expect(page.get_by_text("Nothing waiting for review.")).to_be_visible()

    tab_at(page, "nav .dropdown-toggle", key="Shift+Tab")
    page.keyboard.press("Space")
    expect(page.locator("nav .dropdown-menu")).to_be_visible()
    page.keyboard.press("ArrowDown")
    at(page, "nav .dropdown-item[href='/commitments']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Commitments", exact=True)).to_be_visible()
