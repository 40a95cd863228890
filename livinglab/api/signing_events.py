"""GET|POST /api/v1/signing-events."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.services import events
from livinglab.web.access import requires

blp = Blueprint("api_signing_events", __name__, url_prefix="/api/v1/signing-events", description="Signing events")


class EventSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    place = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    date = ma.fields.Date(required=True)
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))
    target_index = ma.fields.Float(
        allow_none=True, metadata={"description": "Indeks SPBE the signatories aim at, 0–5", "example": 3.5}
    )
    target_year = ma.fields.Integer(
        allow_none=True, strict=True, validate=validate.Range(min=2000, max=2100), metadata={"example": 2025}
    )


class EventInSchema(EventSchema):
    class Meta:
        unknown = ma.RAISE

    target_index = ma.fields.Decimal(
        allow_none=True,
        metadata={"description": "0–5, at most two decimals", "minimum": 0, "maximum": 5, "example": 3.5},
    )


class EventListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(EventSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


@blp.route("", methods=["GET"])
@requires("events.view")
@blp.response(200, EventListSchema)
def index():
    """All signing events, oldest first."""
    rows = [event for event, _count in events.list_events(current_user)]
    return {"items": rows, "total": len(rows), "page": 1, "per_page": max(len(rows), 1)}


@blp.route("", methods=["POST"])
@requires("events.manage")
@blp.arguments(EventInSchema)
@blp.response(201, EventSchema)
def create(data):
    """Record a signing event (host roles)."""
    return events.create_event(current_user, **data)


@blp.route("/<int:event_id>", methods=["GET"])
@requires("events.view")
@blp.response(200, EventSchema)
def show(event_id):
    """One signing event."""
    return events.get_event(current_user, event_id)
