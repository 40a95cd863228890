"""Ministry national view and the map with drill-down."""

import csv
import io
from datetime import date


def test_national_view_totals_provinces_and_drill_down(login_as, make_commitment):
    make_commitment(region="32.04")
    make_commitment(region="32.73")
    make_commitment(region="51.71", signed_on=date(2020, 1, 1))
    viewer = login_as("ministry_viewer", locale="en")
    page = viewer.get("/national").get_data(as_text=True)
    assert "Jawa Barat" in page and "Bali" in page
    assert "Progress distribution" in page and "<svg" in page
    drill = viewer.get("/national?province=32").get_data(as_text=True)
    assert "/regions/32.04" in drill and "/regions/32.73" in drill
    rows = list(csv.DictReader(io.StringIO(viewer.get("/national/provinces.csv").data.decode("utf-8-sig"))))
    assert {r["Province"]: r["Commitments"] for r in rows} == {"Bali": "1", "Jawa Barat": "2"}
    assert viewer.get("/national/provinces.xlsx").status_code == 200
    assert viewer.get("/national/regions.csv").status_code == 200


def test_map_links_provinces_to_drill_down_and_regencies_to_region_pages(login_as, make_commitment):
    make_commitment(region="32.04")
    viewer = login_as("ministry_viewer", locale="en")
    national = viewer.get("/map").get_data(as_text=True)
    assert national.count('data-code="') == 38
    assert 'href="/map?province=32&amp;measure=progress"' in national
    assert "cahyadsn/wilayah_boundaries" in national
    province = viewer.get("/map?province=32&measure=index").get_data(as_text=True)
    assert province.count('data-code="') == 27
    assert 'href="/regions/32.04"' in province
    assert viewer.get("/map?province=99").status_code == 404


def test_region_officers_have_no_national_view(login_as):
    officer = login_as("region_officer")
    assert officer.get("/national").status_code == 403
    assert officer.get("/map").status_code == 403
