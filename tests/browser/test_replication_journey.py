"""Browser journey: Kabupaten Garut's officer submits the first stage of its e-SKM replication;
Kabupaten Bandung's officer (the originator) finds it through the innovation page and verifies it."""

from datetime import date

import pytest
from browser_steps import ON_SQLITE, sign_in
from playwright.sync_api import expect
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Innovation
from livinglab.services import replications

pytestmark = [pytest.mark.browser, ON_SQLITE]


def test_the_originator_verifies_a_submitted_stage(browser, live_server, make_user):
    eskm = db.session.scalar(select(Innovation).where(Innovation.code == "BDG-ESKM"))
    replication = replications.create_replication(
        make_user("host_admin"), innovation_id=eskm.id, region="32.05", signed_on=date(2020, 9, 10)
    )
    stage = replication.stages[0]

    garut = browser.new_page()
    sign_in(garut, live_server, make_user("region_officer", region="32.05", locale="en"))
    garut.goto(f"{live_server}/replications/{replication.id}")
    garut.locator(f"#status-{stage.id}").select_option("submitted")
    garut.locator(f"#note-{stage.id}").fill("Komitmen ditandatangani")
    garut.locator(f"form[action='/replication-stages/{stage.id}/move'] button").click()
    expect(garut.locator("body")).to_contain_text("Stage updated.")

    bandung = browser.new_page()
    sign_in(bandung, live_server, make_user("region_officer", region="32.04", locale="en"))
    bandung.goto(f"{live_server}/innovations?originator=32.04")
    bandung.get_by_role("link", name="e-SKM (Survei Kepuasan Masyarakat elektronik)").click()
    bandung.get_by_role("link", name="Kabupaten Garut").click()
    bandung.locator(f"#decision-{stage.id}").select_option("verify")
    bandung.locator(f"form[action='/replication-stages/{stage.id}/decision'] button").click()
    expect(bandung.locator("body")).to_contain_text("Decision recorded.")
    expect(bandung.get_by_test_id("current-stage")).to_have_text("Rapat koordinasi persiapan")
