"""Record audit events inside the caller's transaction (flush only, never commit)."""

from flask import has_request_context, request
from sqlalchemy import func, select

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import AuditEvent, User


def _client_ip():
    """The caller's address when the use case runs in a web request; None for CLI/scheduler."""
    return request.remote_addr if has_request_context() else None


def record(actor, action, entity, before=None, after=None):
    """Add an `AuditEvent` for `entity` (a model instance or a (type, id) pair)."""
    if isinstance(entity, tuple):
        entity_type, entity_id = entity
    else:
        entity_type, entity_id = type(entity).__name__, getattr(entity, "id", None)
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=before,
        after=after,
        ip=_client_ip(),
    )
    db.session.add(event)
    return event


def search(actor, *, action=None, entity_type=None, actor_email=None, since=None, until=None, page=1, per_page=50):
    """One page of audit events, newest first, for host admins; returns (events, total)."""
    policy.ensure(actor, "audit.view")
    statement = select(AuditEvent)
    if action:
        statement = statement.where(AuditEvent.action.startswith(action.strip()))
    if entity_type:
        statement = statement.where(AuditEvent.entity_type == entity_type)
    if actor_email:
        statement = statement.where(
            AuditEvent.actor_id.in_(select(User.id).where(User.email.contains(actor_email.strip().lower())))
        )
    if since:
        statement = statement.where(AuditEvent.at >= since)
    if until:
        statement = statement.where(AuditEvent.at < until)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    events = db.session.scalars(
        statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return events, total


def entity_types():
    return db.session.scalars(select(AuditEvent.entity_type).distinct().order_by(AuditEvent.entity_type)).all()
