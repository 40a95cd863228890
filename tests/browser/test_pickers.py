"""Browser: the region combobox and the practice checklist work from the keyboard, and the forms
pass axe at 1366 and 360 px (issue 16 point 5). SQLite only: the pages are the same on both."""

import re

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from playwright.sync_api import expect
from tests_support import study_visit

pytestmark = [pytest.mark.browser, ON_SQLITE]
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 360, "height": 740}


def test_host_picks_a_region_and_practices_by_keyboard(page, live_server, make_user):
    host = make_user("host_staff", locale="en")
    bandung, garut = study_visit(host, "32.04"), study_visit(host, "32.05")
    sign_in(page, live_server, host)
    for form in ("/visits/new", "/commitments/new"):
        page.goto(f"{live_server}{form}")
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            expect(page.locator("input[role=combobox]")).to_be_visible()  # the script has run
            assert axe_violations(page) == []

    visit = page.get_by_label("Follows the study visit")
    expect(visit.locator("option")).to_have_count(3)
    region = page.get_by_role("combobox", name="Region")
    region.press_sequentially("band")
    expect(page.locator("#region__listbox li").first).to_contain_text("Kabupaten Bandung · 32.04")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(region).to_have_value("Kabupaten Bandung")
    expect(visit.locator("option")).to_have_count(2)  # "—" and Bandung's visit only
    expect(visit.locator(f"option[value='{bandung.id}']")).to_have_count(1)
    expect(visit.locator(f"option[value='{garut.id}']")).to_have_count(0)

    practices = page.get_by_role("group", name="Practices committed to")
    practices.get_by_label("Filter the list").fill("SPBE-2")
    expect(practices.get_by_role("checkbox", name=re.compile("^SPBE-01 "))).to_be_hidden()
    expect(practices.locator("[data-checklist-count]")).to_contain_text("10 of")
    box = practices.get_by_role("checkbox", name=re.compile("^SPBE-21 "))
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()

    page.get_by_label("Signatory name").fill("H. M. Dadang Supriatna")
    page.get_by_label("Signed on").fill("2022-11-21")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Commitment recorded with 1 milestone.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kabupaten Bandung")

    page.get_by_role("button", name="Add", exact=True).click()  # nothing ticked: the error pattern
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").click()
    expect(page.get_by_role("group", name="Add practices").get_by_role("checkbox").first).to_be_focused()
