"""Issue 13, point 10: stalled means the region is stuck, not the host.

A region whose open milestones all wait for the host's verification is not stalled; the host's
backlog shows how long each region has waited, and VERIFY_SLA_DAYS (14) marks the late reviews.
"""

import re
from datetime import timedelta

from sqlalchemy import select, update

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, MilestoneUpdate
from livinglab.models.base import utcnow
from livinglab.services import milestones, monitoring


def _submitted(make_commitment, make_user, region, days_ago, *, also_open=False):
    """A commitment signed a year ago whose milestones were submitted `days_ago` days ago (and,
    with `also_open`, one more milestone the region has not touched)."""
    practices = ("SPBE-01", "SPBE-02", "SPBE-03") if also_open else ("SPBE-01", "SPBE-02")
    commitment = make_commitment(region=region, practices=practices, signed_on=utcnow().date() - timedelta(days=365))
    officer = make_user("region_officer", region=region)
    for milestone in commitment.milestones[:2]:
        milestones.update(officer, milestone.id, version=milestone.version, status="submitted", level=2)
    ids = select(Milestone.id).join(Milestone.commitment).where(Commitment.id == commitment.id)
    db.session.execute(
        update(MilestoneUpdate)
        .where(MilestoneUpdate.milestone_id.in_(ids))
        .values(at=utcnow() - timedelta(days=days_ago))
    )
    db.session.commit()
    return commitment


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_waiting_on_the_host_is_not_stalled(api_as, make_commitment, make_user):
    _submitted(make_commitment, make_user, "32.04", 50)  # everything open waits for us: not stalled
    _submitted(make_commitment, make_user, "51.71", 50, also_open=True)  # SPBE-03 is its own work: stalled
    _submitted(make_commitment, make_user, "53.08", 10)
    host = api_as("host_staff")
    rows = {r["region"]: r for r in host.get("/api/v1/overview").json["items"]}
    assert (rows["32.04"]["stalled"], rows["32.04"]["waiting_on_host_days"], rows["32.04"]["late_review"]) == (
        False,
        50,
        True,
    )
    assert rows["51.71"]["stalled"] is True and rows["51.71"]["waiting_on_host_days"] == 50
    assert (rows["53.08"]["waiting_on_host_days"], rows["53.08"]["late_review"]) == (10, False)
    progress = host.get("/api/v1/regions/32.04/progress").json
    assert progress["stalled"] is False and progress["waiting_on_host_days"] == 50
    assert host.get("/api/v1/overview?stalled=true").json["total"] == 1


def test_the_host_home_and_the_overview_show_the_backlog(login_as, make_commitment, make_user):
    _submitted(make_commitment, make_user, "32.04", 50)
    _submitted(make_commitment, make_user, "53.08", 10)
    for role in ("host_admin", "host_staff"):
        home = login_as(role, locale="en").get("/home").get_data(as_text=True)
        block = home.split('data-testid="waiting-on-us"', 1)[1].split("</section>", 1)[0]
        items = [_text(item) for item in block.split('data-testid="waiting-region"')[1:]]
        assert len(items) == 2 and "waiting 50 days" in items[0] and "late" in items[0]
        assert "waiting 10 days" in items[1] and "late" not in items[1]
    overview = login_as("host_staff", locale="en").get("/overview").get_data(as_text=True)
    cells = [_text(cell.split("</div>", 1)[0]) for cell in overview.split('data-testid="waiting-cell">')[1:]]
    assert sorted(cells) == sorted(["waiting on host 50 days past the 14-day limit", "waiting on host 10 days"])
    ministry = login_as("ministry_viewer").get("/home").get_data(as_text=True)
    assert 'data-testid="waiting-on-us"' not in ministry


def test_the_sla_is_a_setting(make_app, make_commitment, make_user):
    _submitted(make_commitment, make_user, "53.08", 10)
    with make_app(VERIFY_SLA_DAYS=7).app_context():
        rows, _count = monitoring.waiting_on_host(policy.SYSTEM)
    assert rows[0]["late_review"] is True
