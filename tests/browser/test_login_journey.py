"""A real chromium signs in through the login page and lands on the role's home page."""

import pytest
from browser_steps import ON_SQLITE
from conftest import PASSWORD
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, ON_SQLITE]


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        ("host_admin", "Host administration"),
        ("region_officer", "Kabupaten Bandung"),
        ("ministry_viewer", "National view"),
    ],
)
def test_sign_in_and_see_home(page, live_server, make_user, role, heading):
    user = make_user(role, locale="en")
    page.goto(f"{live_server}/")
    assert page.url.startswith(f"{live_server}/login")
    page.get_by_label("Email").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")
    assert heading in page.locator("h1").inner_text()
    assert page.get_by_test_id("whoami").inner_text() == user.name


def test_wrong_password_stays_on_login_with_a_message(page, live_server, make_user):
    user = make_user("host_staff")
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("form[action='/login'] [type=submit]").click()
    assert page.url.startswith(f"{live_server}/login")
    expect(page.get_by_role("alert")).to_be_visible()


def test_home_works_at_phone_width(page, live_server, make_user):
    user = make_user("host_admin", locale="en")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{live_server}/home")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways at 360 px ({width} px wide)"
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("button", name="Records").click()
    page.get_by_role("link", name="Users", exact=True).click()
    page.wait_for_url(f"{live_server}/admin/users")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the users page scrolls sideways at 360 px ({width} px wide)"
