"""Browser (issue 16, point 6): the overview, the domain heatmap, the map and the charts read at a
glance. At 1366 px the overview's key columns are in view; heatmap cells are coloured per predicate
band and the legend names every band; on the map "no data" is painted apart from the lowest class;
at 360 px no chart text renders under 10 px, no page scrolls sideways and the pages' buttons are
44 px tap targets; axe passes at both widths.

SQLite only (the pages are the same on both databases; CI time is short): one signed-in context,
one page reused across the pages and widths."""

import pytest
from browser_steps import ON_SQLITE, axe_violations, sign_in
from playwright.sync_api import expect
from tests_support import review_evidence

from livinglab.services import milestones

pytestmark = [pytest.mark.browser, ON_SQLITE]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 360, "height": 780}
# One region per predicate band: the single milestone (SPBE-01) verified at level 1 … 5.
LEVELS = {"32.04": 1, "32.73": 2, "51.71": 3, "53.08": 4, "33.74": 5}
UNVERIFIED = "35.04"  # no verified milestone: 0 % progress, the lowest class on the progress map
NO_COMMITMENT = "11"  # Aceh: no commitment at all, "no data" on the map
PAGES = ("/overview", "/regions/32.04", "/national", "/map", "/map?measure=index&province=32", "/public")

SMALLEST_SVG_TEXT = """() => Math.min(Infinity, ...[...document.querySelectorAll('svg text')]
  .filter(t => t.getClientRects().length)
  .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"""
SMALLEST_TAP_TARGET = """() => Math.min(Infinity, ...[...document.querySelectorAll('main .ll-tap')]
  .map(e => e.getBoundingClientRect()).map(r => Math.min(r.width, r.height)))"""
COMPUTED = "(element, property) => getComputedStyle(element)[property]"


def _regions_in_every_band(make_commitment, make_user):
    host = make_user("host_staff")
    for region, level in LEVELS.items():
        milestone = make_commitment(region=region, practices=("SPBE-01",)).milestones[0]
        officer = make_user("region_officer", region=region)
        evidence = review_evidence(follow_up=True) if level >= 4 else None  # levels 4 and 5 need a review
        milestones.update(
            officer, milestone.id, version=milestone.version, status="submitted", level=level, evidence=evidence
        )
        milestones.verify(host, milestone.id, decision="verify", level=level)
    make_commitment(region=UNVERIFIED, practices=("SPBE-01",))
    return host


def _background(locator):
    return locator.evaluate(COMPUTED, "backgroundColor")


def _check_overview_at_desktop(page):
    table = page.get_by_test_id("overview-table")
    for header in ("Index estimate", "Official index", "Target / gap", "Status"):
        box = table.get_by_role("columnheader", name=header).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= DESKTOP["width"], header
    region = page.get_by_role("region", name="Adopting regions")
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth")
    expect(table.get_by_test_id("estimate-cell").first.get_by_test_id("coverage")).to_be_visible()


def _check_heatmap(page):
    heatmap = page.get_by_test_id("heatmap")
    legend = page.get_by_test_id("band-legend")
    expect(legend.locator("li")).to_have_count(6)
    colours = {}
    for band in ("1", "2", "3", "4", "5", "none"):
        swatch = _background(legend.locator(f'li[data-band="{band}"] .ll-swatch'))
        cells = heatmap.locator(f'td[data-band="{band}"]')
        expect(cells.first).to_be_visible()
        assert {_background(cells.nth(n)) for n in range(cells.count())} == {swatch}, band
        colours[band] = swatch
    assert len(set(colours.values()) - {"rgba(0, 0, 0, 0)"}) >= 5
    first = heatmap.locator('td[data-band="1"]').first
    expect(first.locator(".visually-hidden")).to_have_text("Kurang")
    expect(heatmap.get_by_role("rowheader", name="Kabupaten Bandung")).to_be_visible()


def _check_map(page):
    figure = page.get_by_test_id("map")
    no_data = figure.locator(f'path[data-code="{NO_COMMITMENT}"]')
    lowest = figure.locator('path[data-code="35"]')
    assert no_data.evaluate(COMPUTED, "fill") != lowest.evaluate(COMPUTED, "fill")
    assert no_data.evaluate(COMPUTED, "strokeDasharray") != lowest.evaluate(COMPUTED, "strokeDasharray")
    legend = page.get_by_test_id("map-legend")
    expect(legend.locator("li")).to_have_count(6)
    expect(legend.locator("li").first).to_have_text("0–20%")
    expect(legend.locator("li[data-no-data]")).to_have_text("No commitment")


def test_overview_heatmap_map_and_charts_at_1366_and_360(page, live_server, make_user, make_commitment):
    host = _regions_in_every_band(make_commitment, make_user)
    host_en = make_user("host_staff", locale="en")
    assert host.locale != "en"
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, host_en)

    page.goto(f"{live_server}/overview")
    expect(page.get_by_test_id("row-count")).to_have_text("6 commitments")
    _check_overview_at_desktop(page)
    _check_heatmap(page)
    page.goto(f"{live_server}/map")
    _check_map(page)

    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in PAGES:
            page.goto(f"{live_server}{path}")
            expect(page.locator("h1")).to_be_visible()
            assert axe_violations(page) == [], (path, viewport["width"])
            if viewport is PHONE:
                assert page.evaluate(SMALLEST_SVG_TEXT) >= 10, path
                assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
                assert page.evaluate(SMALLEST_TAP_TARGET) >= 44, path
