"""GET /api/v1/me: who the token belongs to."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint

from livinglab import policy
from livinglab.web.access import requires

blp = Blueprint("api_me", __name__, url_prefix="/api/v1/me", description="The authenticated account")


class MeSchema(ma.Schema):
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    region = ma.fields.String(allow_none=True, metadata={"description": "Region code, e.g. 32.11"})
    agency = ma.fields.String(allow_none=True)
    locale = ma.fields.String(required=True)


@blp.route("", methods=["GET"])
@requires(policy.LOGIN)
@blp.response(200, MeSchema)
def show():
    """The account the bearer token belongs to."""
    user = current_user
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "region": user.region.code if user.region else None,
        "agency": user.agency.name if user.agency else None,
        "locale": user.locale,
    }
