"""Browser journey: officer submits with PDF evidence, host returns, officer resubmits, host verifies."""

from datetime import timedelta

import pytest
from browser_steps import sign_in
from playwright.sync_api import expect

from livinglab.models.base import utcnow

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_submit_return_resubmit_verify(page, live_server, make_user, make_commitment, tmp_path):
    commitment = make_commitment()
    milestone = commitment.milestones[0]
    officer = make_user("region_officer", locale="en")
    mentor = make_user("host_staff", locale="en")
    evidence = tmp_path / "perbup-arsitektur.pdf"
    evidence.write_bytes(PDF)

    sign_in(page, live_server, officer)
    page.get_by_role("link", name="My commitment").click()
    page.get_by_role("link", name="SPBE-01").click()
    page.get_by_label("New status").select_option("submitted")
    page.get_by_label("Self-assessed level").select_option("3")
    page.get_by_label("Note").fill("Perbup on the SPBE architecture enacted")
    page.get_by_label("Evidence type").select_option("regulation")
    page.get_by_label("Evidence title").fill("Perbup 10/2023 Arsitektur SPBE")
    page.get_by_label("Evidence file (PDF, image, DOCX, XLSX, ODT)").set_input_files(str(evidence))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Milestone saved.")
    assert page.get_by_test_id("milestone-status").inner_text() == "Submitted"

    sign_in(page, live_server, mentor)
    page.get_by_role("link", name="Reviews").click()
    page.get_by_role("link", name="Review", exact=True).first.click()
    page.get_by_label("Return for rework").check()
    page.get_by_label("Comment (required when returning)").fill("Please attach the signed page")
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(f"{live_server}/reviews")

    sign_in(page, live_server, officer)
    assert page.get_by_test_id("unread-count").inner_text().startswith("1")
    page.goto(f"{live_server}/milestones/{milestone.id}")
    assert "Please attach the signed page" in page.get_by_test_id("history").inner_text()
    page.get_by_label("New status").select_option("submitted")
    page.get_by_label("Note").fill("Signed page attached")
    page.get_by_label("Evidence type").select_option("report")  # level 4 needs a review under 2 years old
    page.get_by_label("Evidence title").fill("Laporan reviu SPBE")
    page.get_by_label("Evidence URL").fill("https://jdih.bandungkab.go.id/reviu-spbe")
    page.get_by_label("Date enacted").fill((utcnow().date() - timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save").click()
    assert page.get_by_test_id("milestone-status").inner_text() == "Submitted"

    sign_in(page, live_server, mentor)
    page.goto(f"{live_server}/milestones/{milestone.id}")
    page.get_by_label("Verify", exact=True).check()
    page.get_by_label("Verified level").select_option("4")
    page.get_by_role("button", name="Record decision").click()
    page.goto(f"{live_server}/milestones/{milestone.id}")
    assert page.get_by_test_id("milestone-status").inner_text() == "Verified"
    assert page.get_by_test_id("verified-level").inner_text() == "4"
    steps = page.get_by_test_id("history").locator("li")
    expect(steps).to_have_count(4)
    texts = [steps.nth(i).inner_text() for i in range(4)]
    assert texts[0].startswith("Submitted for verification") and "Perbup 10/2023" in texts[0]
    assert texts[1].startswith("Returned for rework") and "Please attach the signed page" in texts[1]
    assert texts[2].startswith("Submitted for verification")
    assert texts[3].startswith("Verified") and "verified level 4" in texts[3]
