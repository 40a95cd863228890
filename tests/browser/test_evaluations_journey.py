"""Browser journey: the host admin loads official results from a file through the Records menu,
sees what will change, confirms, and finds the results listed."""

import pytest
from browser_steps import ON_SQLITE
from conftest import PASSWORD
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, ON_SQLITE]

CSV = (
    "region,year,index,source,evaluated_on,SPBE-01,SPBE-33\n"
    "32.11,2023,3.84,KepmenPANRB 13/2024,2024-01-15,4,5\n"
    "Kota Denpasar,2023,3.12,KepmenPANRB 13/2024,2024-01-15,,\n"
)


def test_host_admin_loads_official_results_from_a_file(page, live_server, make_user, tmp_path):
    admin = make_user("host_admin", locale="en")
    sheet = tmp_path / "hasil-evaluasi-2023.csv"
    sheet.write_text(CSV)
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(admin.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")

    page.get_by_role("button", name="Records").click()
    page.get_by_role("link", name="Load official results").click()
    page.wait_for_url(f"{live_server}/evaluations/import")
    page.get_by_label("XLSX or CSV file").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()

    preview = page.get_by_test_id("evaluation-preview")
    expect(preview.locator("tbody tr")).to_have_count(2)
    expect(preview.locator("tr[data-outcome=created]")).to_have_count(2)
    assert "Kabupaten Sumedang" in preview.inner_text() and "Sangat Baik" in preview.inner_text()
    page.get_by_role("button", name="Save these results").click()

    page.wait_for_url(f"{live_server}/evaluations?year=2023")
    expect(page.locator("body")).to_contain_text("Results saved: 2 new, 0 changed.")
    rows = page.get_by_test_id("evaluations").locator("tbody tr")
    expect(rows).to_have_count(2)
    sumedang = page.locator("tr[data-region='32.11']")
    assert "3.84" in sumedang.inner_text() and "KepmenPANRB 13/2024" in sumedang.inner_text()
