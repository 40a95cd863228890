"""Reminder contacts and the outbox over the API."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.schemas import PageArgs, page_schema
from livinglab.models.accounts import LOCALES
from livinglab.models.notifications import CHANNELS, CONTACT_ROLES, KINDS, NOTIFICATION_STATUSES
from livinglab.services import contacts, delivery
from livinglab.web.access import requires

blp = Blueprint("api_reminders", __name__, url_prefix="/api/v1", description="Reminder contacts and outbox")


class ContactSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    region = ma.fields.Function(lambda c: c.region.code, dump_only=True)
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=120))
    email = ma.fields.String(required=True, validate=validate.Length(max=254))
    phone = ma.fields.String(allow_none=True, validate=validate.Length(max=30))
    channel = ma.fields.String(load_default="email", validate=validate.OneOf(CHANNELS))
    locale = ma.fields.String(load_default="id", validate=validate.OneOf(LOCALES))
    role = ma.fields.String(load_default="officer", validate=validate.OneOf(CONTACT_ROLES))
    active = ma.fields.Boolean(dump_only=True)
    opd = ma.fields.Raw(
        allow_none=True,
        load_default=None,
        metadata={
            "oneOf": [{"type": "integer"}, {"type": "string"}],
            "nullable": True,
            "description": "an OPD of the region (id or short name): the contact then gets the reminders of "
            "that OPD's milestones only; answered as the short name",
        },
    )

    @ma.post_dump(pass_original=True)
    def _opd_short_name(self, data, contact, **kwargs):
        data["opd"] = contact.opd.short_name if contact.opd else None
        return data


class ContactInSchema(ContactSchema):
    class Meta:
        unknown = ma.RAISE


class NotificationSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    region = ma.fields.String(attribute="scope", required=True)
    recipient = ma.fields.String(required=True)
    channel = ma.fields.String(required=True)
    locale = ma.fields.String(required=True)
    period_key = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    attempts = ma.fields.Integer(required=True)
    last_error = ma.fields.String(allow_none=True)
    sent_at = ma.fields.AwareDateTime(allow_none=True)
    created_at = ma.fields.AwareDateTime(required=True)


class NotificationQuery(PageArgs):
    region = ma.fields.String()
    kind = ma.fields.String(validate=validate.OneOf(KINDS))
    status = ma.fields.String(validate=validate.OneOf(NOTIFICATION_STATUSES))


class ContactList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ContactSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


NotificationPage = page_schema(NotificationSchema, "NotificationPage")


@blp.route("/regions/<string:code>/contacts", methods=["GET"])
@requires("contacts.view")
@blp.response(200, ContactList)
def region_contacts(code):
    """The region's reminder recipients (region officers: their own region)."""
    rows = contacts.list_contacts(current_user, code)
    return {"items": rows, "total": len(rows), "page": 1, "per_page": max(len(rows), 1)}


@blp.route("/regions/<string:code>/contacts", methods=["POST"])
@requires("contacts.manage")
@blp.arguments(ContactInSchema)
@blp.response(201, ContactSchema)
def add_contact(data, code):
    """Add a reminder recipient to the region."""
    return contacts.create_contact(current_user, code, **data)


@blp.route("/notifications", methods=["GET"])
@requires("outbox.manage")
@blp.arguments(NotificationQuery, location="query")
@blp.response(200, NotificationPage)
def notifications(args):
    """Outbox rows, newest first (host admins)."""
    page, per_page = args.pop("page"), args.pop("per_page")
    rows = delivery.outbox(current_user, limit=None, **args)
    start = (page - 1) * per_page
    return {"items": rows[start : start + per_page], "total": len(rows), "page": page, "per_page": per_page}
