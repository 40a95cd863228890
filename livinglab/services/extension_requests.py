"""Extension requests: a region officer asks for a later due date; the host approves or refuses.

The request (proposed date, reason) and the decision (with a comment) are each an entry in the
milestone's history and an audit event. On approval the milestone's due date becomes the requested
one. A milestone has at most one pending request (also a partial unique index); a request is
decided once. Pending requests are a task for the host: `pending_extension_requests(actor)`.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.domain import periods
from livinglab.errors import Conflict, Invalid
from livinglab.extensions import db
from livinglab.models import Commitment, ExtensionRequest, Milestone
from livinglab.models.base import utcnow
from livinglab.services import audit
from livinglab.services.replanning import MAX_REASON, clean_reason, history_entry

DECISIONS = {"approve": "approved", "refuse": "refused"}


def _milestone(actor, milestone_id):
    milestone = db.session.get(Milestone, milestone_id, options=[joinedload(Milestone.commitment)])
    return policy.found_in_scope(actor, milestone, lambda m: m.commitment.region_id, _("No such milestone."))


def region_today(milestone):
    """Today in the milestone's region (WIB/WITA/WIT)."""
    return periods.local(utcnow(), milestone.commitment.region.timezone).date()


def _state(request):
    return {
        "status": request.status,
        "requested_due_date": request.requested_due_date.isoformat(),
        "reason": request.reason,
        "decision_comment": request.decision_comment,
    }


def _pending_for(milestone_id):
    return db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.milestone_id == milestone_id, ExtensionRequest.status == "pending"
        )
    )


def _already_pending(pending):
    message = _(
        "An extension to %(date)s is already waiting for the host's decision; wait for it before asking again.",
        date=pending.requested_due_date.isoformat(),
    )
    return Invalid(message, {"due_date": message})


def _check_date(milestone, due_date):
    if not isinstance(due_date, date):
        raise Invalid(_("Give the proposed due date."), {"due_date": _("Required.")})
    today = region_today(milestone)
    if due_date < today:
        message = _("The proposed date %(date)s is in the past.", date=due_date.isoformat())
        raise Invalid(message, {"due_date": message})
    if milestone.due_date is not None and due_date <= milestone.due_date:
        message = _(
            "The proposed date must be after the current due date (%(date)s).", date=milestone.due_date.isoformat()
        )
        raise Invalid(message, {"due_date": message})


def request_extension(actor, milestone_id, *, due_date, reason):
    """The region asks for `due_date` instead of the current due date, with a reason. One transaction."""
    policy.ensure(actor, "extensions.request")
    milestone = _milestone(actor, milestone_id)
    if milestone.commitment.status in ("withdrawn", "completed"):
        raise Invalid(_("This commitment is closed; its due dates no longer change."))
    if states.is_done(milestone.status):
        raise Invalid(_("This milestone is done: it needs no more time."))
    reason = clean_reason(reason)
    _check_date(milestone, due_date)
    pending = _pending_for(milestone.id)
    if pending is not None:
        raise _already_pending(pending)
    request = ExtensionRequest(
        milestone=milestone,
        requested_due_date=due_date,
        previous_due_date=milestone.due_date,
        reason=reason,
        status="pending",
        requested_by_id=actor.id,
    )
    db.session.add(request)
    history_entry(
        actor, milestone, "extension_request", note=reason, from_due_date=milestone.due_date, to_due_date=due_date
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise _already_pending(_pending_for(milestone_id) or request) from None
    audit.record(actor, "extension_request.create", request, after=_state(request))
    db.session.commit()
    return request


def get_request(actor, request_id):
    """One request, scoped like its milestone (another region's answers as an unknown id)."""
    policy.ensure(actor, "commitments.view")
    request = db.session.get(
        ExtensionRequest, request_id, options=[joinedload(ExtensionRequest.milestone).joinedload(Milestone.commitment)]
    )
    return policy.found_in_scope(actor, request, lambda r: r.milestone.commitment.region_id, _("No such request."))


def decide(actor, request_id, *, decision, comment=None):
    """The host approves (the due date becomes the requested one) or refuses (a comment is
    required) a pending request. A request already decided is a conflict (409). One transaction."""
    policy.ensure(actor, "extensions.decide")
    request = get_request(actor, request_id)
    status = DECISIONS.get(decision)
    if status is None:
        message = _("Choose approve or refuse.")
        raise Invalid(message, {"decision": message})
    comment = (comment or "").strip() or None
    if decision == "refuse" and not comment:
        raise Invalid(_("Say why the extension is refused."), {"comment": _("Required to refuse.")})
    if comment and len(comment) > MAX_REASON:
        raise Invalid(
            _("The comment is too long (at most %(n)s characters).", n=MAX_REASON), {"comment": _("Too long.")}
        )
    before = _state(request)
    claimed = db.session.execute(
        update(ExtensionRequest)
        .where(ExtensionRequest.id == request.id, ExtensionRequest.status == "pending")
        .values(status=status, decided_by_id=actor.id, decided_at=utcnow(), decision_comment=comment)
        .execution_options(synchronize_session="fetch")
    )
    if claimed.rowcount != 1:
        db.session.rollback()
        request = get_request(actor, request_id)
        raise Conflict(
            _(
                "This request was already decided (%(status)s) by %(who)s.",
                status=_("approved") if request.status == "approved" else _("refused"),
                who=request.decided_by.name if request.decided_by else _("someone else"),
            )
        )
    milestone = request.milestone
    current = milestone.due_date
    if decision == "approve":
        milestone.due_date = request.requested_due_date
        try:
            db.session.flush()
        except StaleDataError:
            db.session.rollback()
            raise Conflict(
                _("This milestone was changed at the same moment by someone else. Reload and try again.")
            ) from None
    history_entry(
        actor,
        milestone,
        f"extension_{decision}",
        note=comment,
        from_due_date=current,
        to_due_date=request.requested_due_date,
    )
    audit.record(actor, f"extension_request.{decision}", request, before, _state(request))
    db.session.commit()
    return request


def milestone_requests(actor, milestone_id):
    """A milestone's requests, newest first."""
    policy.ensure(actor, "commitments.view")
    milestone = _milestone(actor, milestone_id)
    return db.session.scalars(
        select(ExtensionRequest)
        .where(ExtensionRequest.milestone_id == milestone.id)
        .order_by(ExtensionRequest.id.desc())
    ).all()


def pending_extension_requests(actor):
    """The requests waiting for the host's decision, oldest first (the host's task list); none for
    those who cannot decide."""
    if not policy.can(actor, "extensions.decide"):
        return []
    return db.session.scalars(
        select(ExtensionRequest)
        .join(ExtensionRequest.milestone)
        .join(Milestone.commitment)
        .where(ExtensionRequest.status == "pending", Commitment.status != "withdrawn")
        .options(
            joinedload(ExtensionRequest.milestone).joinedload(Milestone.commitment).joinedload(Commitment.region),
            joinedload(ExtensionRequest.milestone).joinedload(Milestone.practice),
        )
        .order_by(ExtensionRequest.created_at, ExtensionRequest.id)
    ).all()
