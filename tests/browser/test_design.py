"""Browser: the design at work (issue 16). The navbar marks the current page and shows focus; a
status badge does not look like a button and reads without colour; at 360 px the seven table pages
stack into "label: value" rows without sideways scroll; tap targets are at least 44 px; axe finds
no WCAG 2.1 AA violation on these pages at either width. SQLite only: nothing here depends on the
database, and CI's time goes to the PostgreSQL half elsewhere."""

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from design_pages import STACKED_PAGES, TABLE_PAGES, seven_pages
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, ON_SQLITE]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}
TAP = 44
HOST_ADMIN_PAGES = {
    "/home": "Beranda",
    "/overview": "Ikhtisar",
    "/reviews": "Verifikasi",
    "/extension-requests": "Perpanjangan",
    "/national": "Nasional",
    "/map": "Peta",
    "/inbox": "Notifikasi",
}
OFFICER_PAGES = {"/home": "Beranda", "/my-commitment": "Komitmen saya", "/inbox": "Notifikasi"}

CONTRAST = """([a, b]) => {
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/\\d+/g).slice(0, 3).map((c) => {
      const v = c / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}"""


def expect_current(page, name):
    """One navbar link is marked as the current page, and it is `name`."""
    current = page.locator('#nav-main a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text(name)


WIDER_THAN_THE_SCREEN = """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
  [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
    .map((e) => e.outerHTML.slice(0, 80))
    .slice(-3)"""


def sideways(page):
    """Nothing when the page fits the screen's width, else the innermost elements that stick out."""
    return page.evaluate(WIDER_THAN_THE_SCREEN)


def too_small(locator):
    """The visible elements of `locator` smaller than a 44 × 44 px tap target."""
    small = []
    for element in locator.all():
        box = element.bounding_box()
        if box and element.is_visible() and (box["width"] < TAP - 0.5 or box["height"] < TAP - 0.5):
            small.append((element.evaluate("e => e.outerHTML.slice(0, 80)"), box["width"], box["height"]))
    return small


def test_host_admin_sees_the_design_on_desktop_and_phone(page, live_server, make_commitment, make_user):
    admin, _officer = seven_pages(make_commitment, make_user)
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, admin)

    for url, name in HOST_ADMIN_PAGES.items():
        page.goto(f"{live_server}{url}")
        expect_current(page, name)
    navbar = page.get_by_role("navigation", name="Navigasi utama").bounding_box()
    assert navbar["height"] <= TAP + 20, f"the navbar wraps at 1366 px: {navbar['height']} px tall"
    page.goto(f"{live_server}/visits")
    expect_current(page, "Studi tiru")
    expect(page.locator("#nav-main .dropdown-toggle")).to_have_attribute("aria-current", "true")

    page.goto(f"{live_server}/home")
    expect_current(page, "Beranda")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#nav-main .nav-link')"):
            break
    focused = page.locator("#nav-main .nav-link:focus-visible")
    expect(focused).to_have_text("Beranda")
    ring = focused.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
    assert ring == ["solid", "3px"]
    colours = page.evaluate(
        "() => [getComputedStyle(document.activeElement).outlineColor,"
        " getComputedStyle(document.querySelector('.navbar')).backgroundColor]"
    )
    assert page.evaluate(CONTRAST, colours) >= 3
    assert page.evaluate(CONTRAST, [colours[0], "rgb(255, 255, 255)"]) >= 3

    page.goto(f"{live_server}{STACKED_PAGES['workspace']}")
    badge, button = page.locator(".status-submitted").first, page.locator("main .btn").first
    expect(badge).to_have_text("Diajukan")
    expect(badge.locator("svg.status-glyph")).to_be_visible()
    style = "e => [getComputedStyle(e).cursor, e.getBoundingClientRect().height, getComputedStyle(e).backgroundColor]"
    badge_cursor, badge_height, badge_background = badge.evaluate(style)
    button_cursor, button_height, _ = button.evaluate(style)
    assert (badge_cursor, button_cursor) == ("default", "pointer")
    assert badge_height < TAP <= button_height
    badge.hover()
    assert badge.evaluate(style)[2] == badge_background
    glyphs = [page.locator(f".status-{s} svg").first.inner_html() for s in ("submitted", "not_started")]
    assert glyphs[0] != glyphs[1]

    for url in STACKED_PAGES.values():
        page.goto(f"{live_server}{url}")
        expect(page.locator("h1")).to_be_visible()
        assert axe_violations(page) == [], url

    page.set_viewport_size(PHONE)
    for name, url in STACKED_PAGES.items():
        page.goto(f"{live_server}{url}")
        expect(page.locator("h1")).to_be_visible()
        assert sideways(page) == [], name
        if name in TABLE_PAGES:
            cell = page.locator(".table-stack td[data-label]").first
            label = cell.get_attribute("data-label")
            assert cell.evaluate("e => getComputedStyle(e, '::before').content") == f'"{label}: "'
            assert cell.evaluate("e => getComputedStyle(e).display") == "block"
            expect(page.locator(".table-stack thead").first).not_to_be_in_viewport()
        assert axe_violations(page) == [], name

    page.goto(f"{live_server}/reviews")
    expect(page.locator("h1")).to_be_visible()
    assert too_small(page.locator(".navbar-toggler, main .btn, main .form-control, main .form-select")) == []
    page.locator(".navbar-toggler").click()
    expect(page.locator("#nav-main")).to_be_visible()
    assert too_small(page.locator("#nav-main .nav-link, #nav-main .btn")) == []
    page.goto(f"{live_server}/outbox")
    expect(page.locator("h1")).to_be_visible()
    assert too_small(page.locator("main table a, main table .btn")) == []


def test_region_officer_sees_the_current_page_marked(page, live_server, make_commitment, make_user):
    make_commitment()
    officer = make_user("region_officer")
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, officer)
    for url, name in OFFICER_PAGES.items():
        page.goto(f"{live_server}{url}")
        expect_current(page, name)
    page.goto(f"{live_server}/contacts")
    expect_current(page, "Kontak pengingat")
    expect(page.locator("#nav-main .dropdown-toggle")).to_have_attribute("aria-current", "true")
