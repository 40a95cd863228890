"""Browser journey: the host admin adds an innovation through the form, records Kabupaten Garut's
replication of it, and sees Garut on the innovation's map at its first stage; the pages pass axe
(WCAG 2.1 AA) at 1366 and 360 px."""

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, ON_SQLITE]

VIEWPORTS = ({"width": 1366, "height": 900}, {"width": 360, "height": 740})


def _accessible_at_both_widths(page):
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        assert axe_violations(page) == [], viewport


def test_host_adds_an_innovation_and_a_replication_and_sees_the_adopter_on_the_map(page, live_server, make_user):
    sign_in(page, live_server, make_user("host_admin", locale="en"))
    page.goto(f"{live_server}/innovations")
    page.get_by_role("link", name="Add an innovation").click()
    expect(page.get_by_role("heading", name="Add an innovation")).to_be_visible()
    _accessible_at_both_widths(page)

    page.get_by_label("Code").fill("BDG-SIPADES")
    page.get_by_label("Name", exact=True).fill("Sistem Informasi Pelayanan Desa")
    page.get_by_label("Originator", exact=True).select_option("region")
    page.get_by_role("combobox", name="Originating region").fill("Kab. Bandung")
    expect(page.locator("#originator_region__listbox li").first).to_contain_text("Kabupaten Bandung · 32.04")
    page.keyboard.press("Enter")
    page.get_by_label("Type (PP 38/2017)").select_option("public_service")
    page.get_by_label("First implemented (year)").fill("2019")
    page.get_by_label("Links (one per line)").fill("https://bandungkab.go.id/sipades")
    page.locator("#measures-0-name").fill("Permohonan per bulan")
    page.locator("#measures-0-unit").fill("permohonan")
    page.get_by_role("button", name="Add innovation").click()
    expect(page.locator("body")).to_contain_text("Innovation added to the registry.")
    expect(page.get_by_test_id("originator")).to_contain_text("Kabupaten Bandung")

    page.get_by_role("link", name="Record a replication").click()
    expect(page.get_by_role("heading", name="Record a replication of Sistem Informasi Pelayanan Desa")).to_be_visible()
    _accessible_at_both_widths(page)
    page.get_by_role("combobox", name="Adopting region").fill("Garut")
    expect(page.locator("#region__listbox li").first).to_contain_text("Kabupaten Garut · 32.05")
    page.keyboard.press("Enter")
    page.get_by_label("Sponsoring ministry or institution").select_option("kemendagri")
    page.get_by_label("Sponsor's unit").fill("Balitbang")
    page.get_by_label("Signed on").fill("2020-09-10")
    page.get_by_label("Place of signing").fill("Soreang")
    page.get_by_role("button", name="Record replication").click()
    expect(page.locator("body")).to_contain_text("Replication recorded with its stages.")
    expect(page.get_by_test_id("current-stage")).to_have_text("Komitmen")

    page.get_by_role("link", name="Sistem Informasi Pelayanan Desa").first.click()
    map_figure = page.get_by_test_id("adopter-map")
    expect(map_figure).to_be_visible()
    expect(map_figure.locator('path[data-code="32.05"] title')).to_have_text("Kabupaten Garut: 1. Komitmen")
    expect(map_figure.locator('path[data-code="32.04"] title')).to_have_text("Kabupaten Bandung: originator")
    expect(map_figure).to_contain_text("1. Komitmen")
    expect(page.get_by_test_id("adopters").get_by_role("row", name="Kabupaten Garut")).to_contain_text("1. Komitmen")
    _accessible_at_both_widths(page)
