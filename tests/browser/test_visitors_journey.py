"""Browser journey: the host records an NGO's study visit, then a second commitment of a region,
which the form records only after the explicit confirmation."""

import re

import pytest
from browser_steps import ON_SQLITE
from conftest import PASSWORD
from playwright.sync_api import expect
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment

pytestmark = [pytest.mark.browser, ON_SQLITE]


def test_host_records_an_ngo_visit_and_confirms_a_second_commitment(page, live_server, make_user, make_commitment):
    make_commitment()
    host = make_user("host_staff", locale="en")
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(host.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")

    page.goto(f"{live_server}/visits/new")
    page.get_by_label("Visitor", exact=True).select_option("organisation")
    page.get_by_label("Organisation name").fill("Yayasan Kota Kita")
    page.get_by_label("Kind of organisation").select_option("ngo")
    page.get_by_label("First day").fill("2022-07-12")
    page.get_by_label("Last day").fill("2022-07-12")
    page.get_by_label("Head of delegation").fill("Koordinator Program")
    page.get_by_label("Delegation size").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Study visit recorded.")
    expect(page.locator("body")).to_contain_text("Study visit of Yayasan Kota Kita")
    page.goto(f"{live_server}/visits?kind=organisation")
    expect(page.get_by_role("cell", name="Yayasan Kota Kita")).to_have_count(1)

    page.goto(f"{live_server}/commitments/new")
    page.get_by_label("Region", exact=True).fill("32.04")
    page.get_by_label("Signatory name").fill("H. M. Dadang Supriatna")
    page.get_by_label("Signed on").fill("2024-05-02")
    practices = page.get_by_role("group", name="Practices committed to")
    practices.get_by_role("checkbox", name=re.compile("^SPBE-05 ")).check()
    page.get_by_role("button", name="Save").click()
    warning = page.get_by_test_id("second-commitment")
    expect(warning).to_contain_text("Kabupaten Bandung already has an active commitment:")
    assert db.session.scalar(select(func.count(Commitment.id))) == 1
    page.get_by_label("Yes, record a second commitment").check()
    practices.get_by_role("checkbox", name=re.compile("^SPBE-05 ")).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("Commitment recorded with 1 milestone.")
    assert db.session.scalar(select(func.count(Commitment.id))) == 2
