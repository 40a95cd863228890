"""In-app notifications: written inside the caller's transaction, read by each user.

An item about something that has since been acted on, by anyone, is done (`resolve`): a new
submission once it is verified or returned, a return once the milestone is submitted again. Done
items stay in the list but no longer count as unread: the count says what still needs the reader.
"""

from sqlalchemy import func, select, update

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import InboxItem, User
from livinglab.models.accounts import HOST_ROLES
from livinglab.models.base import utcnow


def notify_host(kind, milestone, message=None):
    """Tell every active host user (flush only)."""
    users = db.session.scalars(select(User.id).where(User.role.in_(HOST_ROLES), User.active.is_(True)))
    for user_id in users:
        db.session.add(InboxItem(user_id=user_id, kind=kind, milestone_id=milestone.id, message=message))


def notify_region(kind, milestone, message=None):
    """Tell every active officer of the milestone's region (flush only)."""
    region_id = milestone.commitment.region_id
    users = db.session.scalars(
        select(User.id).where(User.role == "region_officer", User.region_id == region_id, User.active.is_(True))
    )
    for user_id in users:
        db.session.add(InboxItem(user_id=user_id, kind=kind, milestone_id=milestone.id, message=message))


# milestone action → the inbox kinds it settles for that milestone
RESOLVED_BY = {
    "verify": ("milestone_submitted",),
    "verify_below_target": ("milestone_submitted",),
    "return": ("milestone_submitted",),
    "submit": ("milestone_returned",),
}


def resolve(action, milestone):
    """Mark done every open item the milestone's `action` settles, whoever it was sent to (flush only)."""
    kinds = RESOLVED_BY.get(action)
    if not kinds:
        return
    db.session.execute(
        update(InboxItem)
        .where(InboxItem.milestone_id == milestone.id, InboxItem.kind.in_(kinds), InboxItem.done_at.is_(None))
        .values(done_at=utcnow())
    )


def unread_count(user):
    """Items the user has not read that still need them (done ones never count)."""
    if not policy.can(user, "inbox.view"):
        return 0
    return db.session.scalar(
        select(func.count(InboxItem.id)).where(
            InboxItem.user_id == user.id, InboxItem.read_at.is_(None), InboxItem.done_at.is_(None)
        )
    )


def items(user, limit=100):
    policy.ensure(user, "inbox.view")
    return db.session.scalars(
        select(InboxItem)
        .where(InboxItem.user_id == user.id)
        .order_by(InboxItem.created_at.desc(), InboxItem.id.desc())
        .limit(limit)
    ).all()


def mark_all_read(user):
    policy.ensure(user, "inbox.view")
    db.session.execute(
        update(InboxItem).where(InboxItem.user_id == user.id, InboxItem.read_at.is_(None)).values(read_at=utcnow())
    )
    db.session.commit()
