"""GET and PATCH /api/v1/me: the account the bearer token belongs to."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab import policy
from livinglab.i18n import ZONES
from livinglab.models.accounts import LOCALES
from livinglab.services import accounts
from livinglab.web.access import requires

blp = Blueprint("api_me", __name__, url_prefix="/api/v1/me", description="The authenticated account")


class MeSchema(ma.Schema):
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    region = ma.fields.String(allow_none=True, metadata={"description": "Region code, e.g. 32.11"})
    agency = ma.fields.String(allow_none=True)
    locale = ma.fields.String(required=True)
    timezone = ma.fields.String(
        allow_none=True, metadata={"description": "WIB, WITA or WIT for pages; null: the region's zone, else WIB"}
    )


class MeUpdateSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    locale = ma.fields.String(validate=validate.OneOf(LOCALES))
    timezone = ma.fields.String(allow_none=True, validate=validate.OneOf(ZONES))


def _me(user):
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "region": user.region.code if user.region else None,
        "agency": user.agency.name if user.agency else None,
        "locale": user.locale,
        "timezone": user.timezone,
    }


@blp.route("", methods=["GET"])
@requires(policy.LOGIN)
@blp.response(200, MeSchema)
def show():
    """The account the bearer token belongs to."""
    return _me(current_user)


@blp.route("", methods=["PATCH"])
@requires(policy.LOGIN)
@blp.arguments(MeUpdateSchema)
@blp.response(200, MeSchema)
def update(changes):
    """Change one's own language (`id` or `en`) for pages, emails and reports, and the clock pages
    show times on (`WIB`, `WITA`, `WIT`, or null for the region's zone, else WIB)."""
    accounts.set_preferences(current_user, changes)
    return _me(current_user)
