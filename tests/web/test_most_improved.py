"""The overview's "most improved in the last 90 days": gains replayed from the history, kept per
process until a row's progress changes or the day turns."""

from datetime import timedelta

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Milestone, MilestoneUpdate
from livinglab.models.base import utcnow
from livinglab.services import milestones


def _verify(make_user, milestone, region):
    officer, host = make_user("region_officer", region=region), make_user("host_staff")
    milestones.update(officer, milestone.id, version=milestone.version, status="submitted", level=3)
    milestones.verify(host, milestone.id, decision="verify", level=3)


def _improved(page):
    return page.split('id="improved-heading"', 1)[1].split("</ol>", 1)[0]


def test_recent_verified_gains_are_listed_and_follow_new_writes(login_as, make_commitment, make_user):
    bandung, tasik = make_commitment(region="32.04"), make_commitment(region="32.78")
    _verify(make_user, bandung.milestones[0], "32.04")
    _verify(make_user, tasik.milestones[0], "32.78")
    long_ago = utcnow() - timedelta(days=200)  # Tasikmalaya's gain is old: not an improvement now
    history = select(MilestoneUpdate).where(MilestoneUpdate.milestone_id == tasik.milestones[0].id)
    for row in db.session.scalars(history):
        row.at = long_ago
    db.session.commit()
    host = login_as("host_staff")
    first = _improved(host.get("/overview").get_data(as_text=True))
    assert "Kabupaten Bandung" in first and "Kota Tasikmalaya" not in first

    _verify(make_user, db.session.get(Milestone, tasik.milestones[1].id), "32.78")
    again = _improved(host.get("/overview").get_data(as_text=True))
    assert "Kota Tasikmalaya" in again and "Kabupaten Bandung" in again, "a new verification shows at once"
