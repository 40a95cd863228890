"""Notifications that resolve themselves (issue 14, point 3): an inbox item about something since
acted on, by anyone, is done and no longer counts as unread."""

import re

from livinglab.extensions import db
from livinglab.models import InboxItem
from livinglab.services import inbox, milestones


def _unread(client):
    match = re.search(r'data-testid="unread-count">(\d+)<', client.get("/home").get_data(as_text=True))
    return int(match.group(1)) if match else 0


def test_a_review_by_another_host_user_settles_the_first_users_item(login_as, make_commitment, make_user):
    commitment = make_commitment()
    first = login_as("host_staff", locale="en")
    colleague = make_user("host_admin")
    officer = make_user("region_officer")
    for milestone in commitment.milestones[:2]:
        milestones.update(officer, milestone.id, version=1, status="submitted", level=2)
    assert _unread(first) == 2

    milestones.verify(colleague, commitment.milestones[0].id, decision="verify", level=2)
    assert _unread(first) == 1
    milestones.verify(colleague, commitment.milestones[1].id, decision="return", comment="Lengkapi SK")
    assert _unread(first) == 0
    page = first.get("/inbox").get_data(as_text=True)
    assert page.count('data-testid="inbox-done"') == 2 and ">new<" not in page
    assert inbox.unread_count(colleague) == 0


def test_resubmitting_settles_the_officers_returned_item(login_as, make_commitment, make_user):
    milestone = make_commitment().milestones[0]
    officer = login_as("region_officer", locale="en")
    host = make_user("host_staff")
    milestones.update(officer.user, milestone.id, version=1, status="submitted", level=2)
    milestones.verify(host, milestone.id, decision="return", comment="Lengkapi SK")
    assert _unread(officer) == 1
    milestones.update(officer.user, milestone.id, version=3, status="submitted", level=2)
    assert _unread(officer) == 0
    assert "Lengkapi SK" in officer.get("/inbox").get_data(as_text=True)  # still listed, as done


def test_only_the_matching_items_are_settled(app, make_commitment, make_user):
    commitment = make_commitment()
    officer, host = make_user("region_officer"), make_user("host_staff")
    first, second = (m.id for m in commitment.milestones[:2])
    milestones.update(officer, first, version=1, status="submitted", level=3)
    milestones.update(officer, second, version=1, status="submitted", level=3)
    milestones.verify(host, first, decision="verify", level=3)
    rows = db.session.query(InboxItem.milestone_id, InboxItem.kind, InboxItem.done_at.is_not(None)).all()
    assert sorted(rows) == sorted(
        [
            (first, "milestone_submitted", True),
            (second, "milestone_submitted", False),
            (first, "milestone_verified", False),  # news for the region, not a task: it stays unread
        ]
    )
