"""Times are stored in UTC and shown on the reader's clock with its label (WIB, WITA, WIT).

A page shows the zone the user chose in their profile, else a region officer's region's zone, else
WIB (host and ministries); a PDF about a region shows that region's clock whoever downloads it.
Moments shown as days are that moment's day on the same clock; due dates stay the days they are.
"""

import io
from datetime import UTC, datetime

from pypdf import PdfReader
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import MilestoneUpdate, User
from livinglab.services import milestones

AFTERNOON = datetime(2026, 11, 30, 6, 9, tzinfo=UTC)  # 13.09 WIB, 14.09 WITA, 15.09 WIT
LATE_EVENING = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)  # 23.30 WIB on the 30th, 01.30 WIT on 1 December


def _updated_at(make_commitment, make_user, region, moment):
    """A milestone of `region` with one update by its officer in its history, made at `moment`."""
    milestone = make_commitment(region=region).milestones[0]
    officer = make_user("region_officer", region=region)
    milestones.update(officer, milestone.id, version=milestone.version, status="in_progress", note="mulai")
    db.session.expire_all()
    for row in db.session.scalars(select(MilestoneUpdate).where(MilestoneUpdate.milestone_id == milestone.id)):
        row.at = moment
    milestone = db.session.get(type(milestone), milestone.id)
    milestone.updated_at = moment
    db.session.commit()
    return milestone


def test_each_reader_sees_the_moment_on_their_own_clock(login_as, make_commitment, make_user):
    jawa, bali, papua = (
        _updated_at(make_commitment, make_user, code, AFTERNOON) for code in ("32.04", "51.71", "91.03")
    )
    host = login_as("host_staff")
    for milestone in (jawa, bali, papua):  # host and ministry users read WIB
        assert "13.09 WIB" in host.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    readers = ((jawa, "32.04", "13.09 WIB"), (bali, "51.71", "14.09 WITA"), (papua, "91.03", "15.09 WIT"))
    for milestone, code, shown in readers:  # a region officer reads their region's clock
        officer = login_as("region_officer", region=code)
        assert shown in officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    english = login_as("region_officer", region="91.03", locale="en")
    assert "15:09 WIT" in english.get(f"/milestones/{papua.id}").get_data(as_text=True)


def test_a_profile_choice_moves_the_clock_of_pages(login_as, make_commitment, make_user):
    milestone = _updated_at(make_commitment, make_user, "32.04", AFTERNOON)
    viewer = login_as("ministry_viewer")
    profile = viewer.get("/profile").get_data(as_text=True)
    assert 'data-testid="viewer-zone">WIB<' in profile
    saved = viewer.post("/profile", data={"locale": "id", "timezone": "WIT"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, viewer.user.id).timezone == "WIT"
    assert "15.09 WIT" in viewer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    viewer.post("/profile", data={"locale": "id", "timezone": ""})
    assert "13.09 WIB" in viewer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    refused = viewer.post("/profile", data={"locale": "id", "timezone": "PST"})
    db.session.expire_all()
    assert refused.status_code == 200 and db.session.get(User, viewer.user.id).timezone is None


def test_a_moment_shown_as_a_day_is_that_clocks_day(login_as, make_commitment, make_user):
    papua = _updated_at(make_commitment, make_user, "91.03", LATE_EVENING)
    officer = login_as("region_officer", region="91.03")
    assert "1 Desember 2026" in officer.get("/regions/91.03/milestones").get_data(as_text=True)
    host = login_as("host_staff")
    assert "30 Nov 2026 23.30 WIB" in host.get(f"/milestones/{papua.id}").get_data(as_text=True)


def test_a_region_report_is_on_the_regions_clock_whoever_downloads_it(login_as, make_commitment, make_user):
    _updated_at(make_commitment, make_user, "91.03", LATE_EVENING)
    host = login_as("host_staff")  # reads WIB on pages
    response = host.get("/regions/91.03/report.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "1 Desember 2026 SPBE-01" in text  # the history row: 01.30 WIT on 1 December


def test_the_api_takes_and_gives_the_profile_choice(api_as):
    api = api_as("host_staff")
    assert api.get("/api/v1/me").get_json()["timezone"] is None
    changed = api.patch("/api/v1/me", json={"timezone": "WITA"})
    assert changed.status_code == 200 and changed.get_json()["timezone"] == "WITA"
    refused = api.patch("/api/v1/me", json={"timezone": "PST"})
    assert refused.status_code == 422 and "error" in refused.get_json()
    assert api.patch("/api/v1/me", json={"timezone": None}).get_json()["timezone"] is None
    english = api.patch("/api/v1/me", json={"locale": "en"}).get_json()
    assert english["locale"] == "en" and english["timezone"] is None
