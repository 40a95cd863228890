"""`livinglab seed demo` leaves a coherent inbox: no "new submission" item about a milestone that was
since decided is left unread, and a host user's unread count is what waits for the host."""

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import InboxItem, Milestone, User
from livinglab.models.accounts import HOST_ROLES
from livinglab.services import inbox


def test_the_demo_inbox_counts_only_what_still_waits(runner):
    result = runner.invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output

    settled_but_open = db.session.scalar(
        select(func.count(InboxItem.id))
        .join(Milestone, Milestone.id == InboxItem.milestone_id)
        .where(
            InboxItem.kind == "milestone_submitted",
            InboxItem.done_at.is_(None),
            Milestone.status != "submitted",
        )
    )
    assert settled_but_open == 0
    waiting = db.session.scalar(select(func.count(Milestone.id)).where(Milestone.status == "submitted"))
    assert waiting > 0
    for user in db.session.scalars(select(User).where(User.role.in_(HOST_ROLES))):
        assert inbox.unread_count(user) == waiting, user.email
