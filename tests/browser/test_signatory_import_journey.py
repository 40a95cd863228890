"""Browser: the secretariat imports a 10-row signatory sheet written as it writes them (names, Pj.
titles, "Semua 47 indikator SPBE"), reads the preview, picks the ambiguous "Bandung" and confirms.
The preview is checked with axe on a desktop and a phone."""

from datetime import date

import pytest
from browser_steps import ON_SQLITE, axe_violations
from conftest import PASSWORD
from playwright.sync_api import expect
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Commitment, SigningEvent

pytestmark = [pytest.mark.browser, ON_SQLITE]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}
EVENT = "Penandatanganan Komitmen Bersama Living Lab 2022"
SHEET = [
    ("Kab. Bandung Barat", "Jawa Barat", "Hengki Kurniawan", "Bupati", "Semua 47 indikator SPBE"),
    ("Kota Palu", "", "Hadianto Rasyid", "Wali Kota", "Semua 47 indikator SPBE"),
    ("Kab Tulungagung", "Jawa Timur", "Heru Suseno", "Pj Bupati", "Semua 47 indikator SPBE"),
    ("Bandung", "Jawa Barat", "Yana Mulyana", "Wali Kota", "SPBE-01, SPBE-02"),
    ("Kabupaten Ciamis", "", "Herdiat Sunarya", "Bupati", "Semua 47 indikator SPBE"),
    ("KOTA DENPASAR", "Bali", "I Gusti Ngurah Jaya Negara", "Wali Kota", "Semua 47 indikator SPBE"),
    ("Kab. Garut", "", "Rudy Gunawan", "Bupati", "SPBE-01, SPBE-21"),
    ("Kota Cimahi", "Jawa Barat", "Dicky Saromi", "Pj. Wali Kota", "Semua 47 indikator SPBE"),
    ("Kabupaten Kuningan", "", "Raden Iip Hidayat", "PJ. BUPATI", "Semua 47 indikator SPBE"),
    ("Kota Banjar", "Jawa Barat", "Ade Uu Sukaesih", "Wali Kota", "Semua 47 indikator SPBE"),
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "360px"])
def test_secretariat_imports_ten_signatories_through_preview_pick_and_confirm(
    page, live_server, make_user, tmp_path, viewport
):
    db.session.add(SigningEvent(name=EVENT, place="Sumedang", date=date(2022, 11, 21)))
    db.session.commit()
    sheet = tmp_path / "penandatangan-2022.csv"
    lines = ["daerah,provinsi,nama_penandatangan,jabatan,tanggal_penandatanganan,acara,praktik"]
    lines += [
        f'{region},{province},{name},{title},21/11/2022,{EVENT},"{practices}"'
        for region, province, name, title, practices in SHEET
    ]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    admin = make_user("host_admin", locale="en")
    page.set_viewport_size(viewport)
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(admin.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")

    page.goto(f"{live_server}/commitments/import")
    page.get_by_label("XLSX or CSV file").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file (nothing is saved yet)").click()
    report = page.get_by_test_id("import-report")
    expect(report.locator("tbody tr")).to_have_count(10)  # waits for the preview page
    expect(page.locator("body")).to_contain_text("1 region name fits more than one region")
    assert "35.04 Kabupaten Tulungagung" in page.get_by_test_id("import-row-4").inner_text()
    assert "Pj. Bupati" in page.get_by_test_id("import-row-4").inner_text()
    assert "47" in page.get_by_test_id("import-row-2").inner_text()
    assert axe_violations(page) == []
    assert db.session.scalar(select(Commitment.id)) is None  # nothing saved by the preview

    page.get_by_label("Region for row 5").select_option("32.73")
    page.get_by_role("button", name="Import these commitments").click()
    page.wait_for_url(f"{live_server}/commitments")
    expect(page.locator("body")).to_contain_text("10 commitments imported.")
    saved = {c.region.code: c for c in db.session.scalars(select(Commitment))}
    assert len(saved) == 10 and "32.73" in saved and "32.04" not in saved
    assert saved["35.04"].signatory_title == "Pj. Bupati" and saved["32.08"].signatory_title == "Pj. Bupati"
    assert len(saved["32.17"].milestones) == 47 and len(saved["32.73"].milestones) == 2
