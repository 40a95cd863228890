"""Record audit events inside the caller's transaction (flush only, never commit)."""

from flask import has_request_context, request

from livinglab.extensions import db
from livinglab.models import AuditEvent


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
