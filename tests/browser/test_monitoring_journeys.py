"""Browser journeys for monitoring: overview filter + XLSX, ministry map drill-down, public board."""

from datetime import date

import pytest
from browser_steps import ON_SQLITE, sign_in
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, ON_SQLITE]


def test_host_filters_stalled_in_jawa_barat_and_exports_xlsx(page, live_server, make_user, make_commitment, tmp_path):
    make_commitment(region="32.04", signed_on=date(2020, 1, 1))  # stalled, Jawa Barat
    make_commitment(region="32.73", signed_on=date.today())  # moving (signed recently), Jawa Barat
    make_commitment(region="51.71", signed_on=date(2020, 1, 1))  # stalled, Bali
    sign_in(page, live_server, make_user("host_staff", locale="en"))
    page.get_by_role("link", name="Overview", exact=True).click()
    page.get_by_label("Province").select_option(label="Jawa Barat")
    page.get_by_label("Stalled").select_option("1")
    page.get_by_role("button", name="Apply").click()
    assert page.get_by_test_id("row-count").inner_text() == "1 commitment"
    table = page.get_by_test_id("overview-table").inner_text()
    assert "Kabupaten Bandung" in table and "Kota Bandung" not in table and "Denpasar" not in table
    with page.expect_download() as info:
        page.get_by_test_id("export-xlsx").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    sheet = load_workbook(target).active
    assert sheet.max_row == 2
    assert sheet.cell(row=2, column=1).value == "32.04" and sheet.cell(row=2, column=3).value == "Jawa Barat"


def test_ministry_viewer_goes_from_the_map_to_a_region_page(page, live_server, make_user, make_commitment):
    make_commitment(region="32.04")
    sign_in(page, live_server, make_user("ministry_viewer", locale="en"))
    page.get_by_role("link", name="Map", exact=True).click()
    page.locator('svg a[href^="/map?province=32&"]').click()
    page.wait_for_url(f"{live_server}/map?province=32*")
    assert "Jawa Barat" in page.locator("h1").inner_text()
    page.locator('svg a[href="/regions/32.04"]').click()
    page.wait_for_url(f"{live_server}/regions/32.04")
    assert page.locator("h1").inner_text() == "Kabupaten Bandung"


def test_anonymous_sees_the_public_board_and_nothing_more(page, live_server, make_commitment):
    make_commitment(region="32.04", signatory_name="Nama Rahasia Penandatangan")
    page.goto(f"{live_server}/public")
    assert "Kabupaten Bandung" in page.get_by_test_id("public-table").inner_text()
    assert "Nama Rahasia Penandatangan" not in page.content()
    for path in ("/overview", "/national", "/regions/32.04", "/commitments"):
        page.goto(f"{live_server}{path}")
        assert "/login" in page.url, path
