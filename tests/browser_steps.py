"""Steps every browser journey shares: signing in as a user, and asking axe-core for WCAG 2.1 AA
violations on the page as it stands."""

from axe_playwright_python.sync_playwright import Axe
from conftest import PASSWORD

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def sign_in(page, base, user, password=PASSWORD):
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{base}/home")


def axe_violations(page):
    """Each violation as (rule id, the elements it names): empty when the page passes.

    Call it after an `expect(...)` on the page a click leads to: axe run while the next page is
    still loading finds no document."""
    page.wait_for_load_state("load")
    result = Axe().run(page, options=WCAG_21_AA)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]
