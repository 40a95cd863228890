"""Browser: the milestone page by role. The verifier who presses "Simpan keputusan" without a
choice lands on the focused error summary at the top; the officer opening a returned milestone
reads the host's reason first. Both pages are checked with axe on a desktop and a phone."""

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from playwright.sync_api import expect

from livinglab.services import milestones
from livinglab.services.milestones import EvidenceInput

pytestmark = [pytest.mark.browser, ON_SQLITE]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}


def _submitted(make_user, make_commitment):
    milestone = make_commitment().milestones[0]
    officer = make_user("region_officer")
    evidence = [EvidenceInput("regulation", "Perbup 10/2023", file=(PDF, "perbup-10-2023.pdf"))]
    milestone = milestones.update(
        officer,
        milestone.id,
        version=milestone.version,
        status="submitted",
        level=3,
        note="Perbup terlampir",
        evidence=evidence,
    )
    return officer, milestone


def _box(page, test_id):
    return page.get_by_test_id(test_id).bounding_box()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_decision_without_a_choice_shows_the_focused_summary(page, live_server, make_user, make_commitment, viewport):
    _, milestone = _submitted(make_user, make_commitment)
    host = make_user("host_staff")
    page.set_viewport_size(viewport)
    sign_in(page, live_server, host)
    page.goto(f"{live_server}/milestones/{milestone.id}")
    evidence, decision = _box(page, "review-evidence"), _box(page, "decision-form")
    if viewport is DESKTOP:
        assert decision["x"] > evidence["x"] + evidence["width"] - 1, "the decision panel beside the evidence"
    else:
        assert decision["y"] >= evidence["y"] + evidence["height"], "stacked on a phone, the evidence first"
    assert page.get_by_test_id("evidence-preview").get_attribute("src").endswith("?preview=1")
    assert axe_violations(page) == []

    page.get_by_label("Komentar").fill("Sudah lengkap")
    page.get_by_role("button", name="Simpan keputusan").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()  # waits for the answer to the decision
    expect(summary).to_be_focused()  # the summary's script focuses it a moment after it shows
    assert summary.bounding_box()["y"] < _box(page, "review-evidence")["y"]
    assert "Pilih keputusan" in summary.inner_text()
    assert "Pilih keputusan" in page.get_by_test_id("decision-error").inner_text()
    assert page.get_by_label("Komentar").input_value() == "Sudah lengkap"
    assert axe_violations(page) == []
    assert summary.get_by_role("link").get_attribute("href") == "#decision"
    assert page.locator("#decision").evaluate("element => element.tagName") == "FIELDSET"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_officer_opens_a_returned_milestone_and_reads_the_reason_first(
    page, live_server, make_user, make_commitment, viewport
):
    officer, milestone = _submitted(make_user, make_commitment)
    host = make_user("host_staff")
    milestones.verify(
        host, milestone.id, decision="return", comment="SK belum ditandatangani", version=milestone.version
    )
    page.set_viewport_size(viewport)
    sign_in(page, live_server, officer)
    page.goto(f"{live_server}/milestones/{milestone.id}")
    reason = page.get_by_test_id("host-comment")
    assert "SK belum ditandatangani" in reason.inner_text() and "Tenggat" in reason.inner_text()
    assert reason.bounding_box()["y"] < viewport["height"], "the reason is on the first screen"
    assert (
        reason.bounding_box()["y"]
        < _box(page, "update-form")["y"]
        < page.locator("#history-heading").bounding_box()["y"]
    )
    assert axe_violations(page) == []
