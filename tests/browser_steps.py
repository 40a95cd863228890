"""Steps every browser journey shares: signing in as a user, and asking axe-core for WCAG 2.1 AA
violations on the page as it stands."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import PASSWORD

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
AXE_SCRIPT = Axe().axe_script
# A browser journey checks pages, not the database under them: it runs once, on SQLite (every route
# runs on both databases in the HTTP tests). Only the milestone journey also runs on PostgreSQL.
ON_SQLITE = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def sign_in(page, base, user, password=PASSWORD):
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action='/login'] [type=submit]").click()
    page.wait_for_url(f"{base}/home")


def start_axe(page):
    """Start axe-core on the page as it stands and return at once; `axe_violations(page)` waits for
    the result. Pages of different browser contexts are checked side by side this way."""
    page.wait_for_load_state("load")
    page.evaluate(AXE_SCRIPT)
    page.evaluate(f"() => {{ window.llAxe = axe.run(document, {json.dumps(WCAG_21_AA)}); }}")


def axe_violations(page):
    """Each violation as (rule id, the elements it names): empty when the page passes. Collects what
    `start_axe` started, or runs axe now.

    Call it after an `expect(...)` on the page a click leads to: axe run while the next page is
    still loading finds no document."""
    if not page.evaluate("() => 'llAxe' in window"):
        start_axe(page)
    violations = page.evaluate(
        "async () => { const r = await window.llAxe; delete window.llAxe; return r.violations; }"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def tab_to(page, selector, presses=40, key="Tab"):
    """Press Tab (or `key`, e.g. "Shift+Tab") until the focused element matches `selector`, at most
    `presses` times; fails naming the element focus reached instead."""
    for _ in range(presses):
        page.keyboard.press(key)
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    reached = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{presses} × {key} never focused {selector}; focus is on {reached}")


def focus_is_visible(page):
    """Whether the focused element shows a focus indicator: an outline or a box-shadow ring."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return outline || style.boxShadow !== "none";
        }"""
    )
