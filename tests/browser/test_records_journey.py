"""Browser journey: the host records a study visit, then a commitment with five practices."""

import re
from datetime import date, timedelta

import pytest
from babel.dates import format_date
from browser_steps import ON_SQLITE, axe_violations
from conftest import PASSWORD
from playwright.sync_api import expect
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Practice

pytestmark = [pytest.mark.browser, ON_SQLITE]
FIVE = ["SPBE-01", "SPBE-11", "SPBE-21", "SPBE-33", "HOST-MPP"]


def test_host_records_a_visit_then_a_commitment_with_five_milestones(page, live_server, make_user, tmp_path):
    host = make_user("host_staff", locale="en")
    signed = tmp_path / "komitmen-bandung.pdf"
    signed.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(host.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")

    page.goto(f"{live_server}/visits/new")
    page.get_by_label("Visiting region").fill("Kab. Bandung")
    page.get_by_label("First day").fill("2022-10-03")
    page.get_by_label("Last day").fill("2022-10-04")
    page.get_by_label("Head of delegation").fill("Sekda Kabupaten Bandung")
    page.get_by_label("Delegation size").fill("14")
    studied = page.get_by_role("group", name="Practices studied")
    for code in ("HOST-MPP", "HOST-EOFFICE"):
        studied.get_by_role("checkbox", name=re.compile(f"^{code} ")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Study visit recorded.")

    page.goto(f"{live_server}/commitments/new")
    page.get_by_label("Region", exact=True).fill("Bandung")
    page.get_by_label("Follows the study visit").select_option(index=1)
    page.get_by_label("Signatory name").fill("H. M. Dadang Supriatna")
    page.get_by_label("Signed on").fill("2022-11-21")
    page.get_by_label("Target date").fill("2025-12-31")
    committed = page.get_by_role("group", name="Practices committed to")
    for code in FIVE:
        committed.get_by_role("checkbox", name=re.compile(f"^{code} ")).check()
    page.get_by_label("Scanned signed document (PDF)").set_input_files(str(signed))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("group", name="Which region do you mean?")).to_be_visible()
    assert axe_violations(page) == []
    expect(page.get_by_label("Region", exact=True)).to_have_value("Bandung")
    page.get_by_label("32.04 Kabupaten Bandung (Jawa Barat)").check()
    page.get_by_label("Follows the study visit").select_option(index=1)
    page.get_by_label("Scanned signed document (PDF)").set_input_files(str(signed))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Commitment recorded with 5 milestones.")

    rows = page.get_by_test_id("milestone-plan").locator("tbody tr")
    expect(rows).to_have_count(5)
    durations = dict(db.session.execute(select(Practice.code, Practice.default_duration_days)).all())
    for code in FIVE:
        due = date(2022, 11, 21) + timedelta(days=durations[code])
        assert page.get_by_test_id(f"due-{code}").inner_text() == format_date(due, "long", locale="en")
