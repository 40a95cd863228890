"""Browser journey: the officer adds a Perbup to the region's evidence library once, links it to a
milestone from the update form while naming the responsible OPD, and the document lists it. Each
page on the way is checked with axe (WCAG 2.1 AA)."""

import pytest
from browser_steps import ON_SQLITE, axe_violations
from conftest import PASSWORD
from playwright.sync_api import expect

from livinglab import policy
from livinglab.services import opds

pytestmark = [pytest.mark.browser, ON_SQLITE]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_officer_links_a_library_document_and_names_the_opd(page, live_server, make_user, make_commitment, tmp_path):
    milestone = make_commitment().milestones[0]
    opds.create_opd(policy.SYSTEM, "32.04", short_name="Diskominfo", name="Dinas Komunikasi dan Informatika")
    officer = make_user("region_officer", locale="en")
    perbup = tmp_path / "perbup-spbe.pdf"
    perbup.write_bytes(PDF)

    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(officer.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")

    page.goto(f"{live_server}/regions/32.04/milestones")
    page.get_by_test_id("library-link").click()
    expect(page).to_have_url(f"{live_server}/regions/32.04/documents")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Add a document").click()
    expect(page).to_have_url(f"{live_server}/regions/32.04/documents/new")
    assert axe_violations(page) == []
    page.get_by_label("Document type").select_option("regulation")
    page.get_by_label("Title").fill("Perbup 12/2024 tentang SPBE")
    page.get_by_label("Document number").fill("12/2024")
    page.get_by_label("Date enacted or reviewed").fill("2024-03-01")
    page.get_by_label("File (PDF, image, DOCX, XLSX, ODT)").set_input_files(str(perbup))
    page.get_by_role("button", name="Add to the library").click()
    expect(page.locator("body")).to_contain_text("Document added to the library.")

    page.goto(f"{live_server}/milestones/{milestone.id}")
    assert axe_violations(page) == []
    page.get_by_label("Perbup 12/2024 tentang SPBE · 12/2024").check()
    page.get_by_label("Responsible OPD").select_option(label="Diskominfo · Dinas Komunikasi dan Informatika")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Milestone saved.")
    assert "Perbup 12/2024 tentang SPBE" in page.get_by_test_id("history").inner_text()

    page.goto(f"{live_server}/regions/32.04/milestones?opd=Diskominfo")
    expect(page.get_by_test_id("milestone-opd")).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_test_id("opds-link").click()
    expect(page.get_by_test_id("opds")).to_contain_text("Dinas Komunikasi dan Informatika")
    assert axe_violations(page) == []
    page.goto(f"{live_server}/regions/32.04/documents")
    page.get_by_role("link", name="Perbup 12/2024 tentang SPBE").click()
    supported = page.get_by_test_id("supported-milestones")
    assert "SPBE-01" in supported.inner_text()
    assert axe_violations(page) == []
