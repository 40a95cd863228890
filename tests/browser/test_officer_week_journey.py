"""Browser: the officer's week from start to finish (issue 14). The officer signs in, finds the
returned milestone first in "Tugas minggu ini", opens it with one click, reads the host's reason
and the due date above the form, and resubmits it with a document of the region's evidence
library. The task leaves the officer's list and the review reaches the host's task list and
inbox. Every page on the way is checked with axe (WCAG 2.1 AA) on a desktop and on a phone."""

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from playwright.sync_api import expect
from task_weeks import officer_week

from livinglab.services import library
from livinglab.services.library import DocumentInput

pytestmark = [pytest.mark.browser, ON_SQLITE]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_officer_resubmits_the_returned_milestone_with_a_library_document(
    page, live_server, make_user, make_commitment, viewport
):
    returned = officer_week(make_commitment, make_user)["returned"]
    officer, host = make_user("region_officer"), make_user("host_staff")
    perbup = DocumentInput(
        kind="regulation", title="Perbup 7/2024 tentang SPBE", number="7/2024", file=(PDF, "perbup.pdf")
    )
    library.create_document(officer, "32.04", perbup)
    page.set_viewport_size(viewport)

    sign_in(page, live_server, officer)
    tasks = page.get_by_test_id("task-list")
    expect(tasks.get_by_role("heading", name="Tugas minggu ini")).to_be_visible()
    expect(tasks.get_by_test_id("task").first).to_have_attribute("data-kind", "returned")
    assert axe_violations(page) == []

    tasks.get_by_test_id("task").first.get_by_role("link").click()
    page.wait_for_url(f"{live_server}/milestones/{returned}")
    reason = page.get_by_test_id("host-comment")
    expect(reason).to_contain_text("Lengkapi SK")
    expect(reason).to_contain_text("Tenggat")
    assert reason.bounding_box()["y"] < page.get_by_test_id("update-form").bounding_box()["y"]
    assert axe_violations(page) == []

    page.get_by_label("Status baru").select_option(label="Diajukan")
    page.get_by_label("Perbup 7/2024 tentang SPBE · 7/2024").check()
    page.get_by_test_id("update-form").get_by_role("button", name="Simpan").click()
    expect(page.locator("body")).to_contain_text("Tonggak capaian disimpan.")
    expect(page.get_by_test_id("milestone-status")).to_have_text("Diajukan")
    expect(page.get_by_test_id("history")).to_contain_text("Perbup 7/2024 tentang SPBE")
    assert axe_violations(page) == []

    page.goto(f"{live_server}/home")
    expect(tasks.get_by_test_id("task").first).to_have_attribute("data-kind", "overdue")
    expect(tasks.locator(f'[data-testid="task"] a[href="/milestones/{returned}"]')).to_have_count(0)

    sign_in(page, live_server, host)
    review = page.get_by_test_id("task-list").locator(f'[data-kind="review"] a[href="/milestones/{returned}"]')
    expect(review).to_have_count(1)
    assert axe_violations(page) == []
    page.goto(f"{live_server}/inbox")
    submitted = page.get_by_test_id("inbox-item").filter(has=page.locator(f'a[href="/milestones/{returned}"]'))
    expect(submitted).to_have_count(1)
    expect(submitted).to_contain_text("Pengajuan baru untuk diverifikasi")
    expect(submitted.locator(".badge")).to_have_text("baru")
    assert axe_violations(page) == []
