"""GET /api/v1/regions and /api/v1/regions/{code}: the official region list."""

import marshmallow as ma
from flask_babel import gettext as _
from flask_smorest import Blueprint
from marshmallow import validate
from sqlalchemy import func, select

from livinglab.api.schemas import PageArgs, page_schema, paginate
from livinglab.errors import NotFound
from livinglab.extensions import db
from livinglab.models import Region
from livinglab.models.regions import REGION_KINDS, TIMEZONES
from livinglab.web.access import requires

blp = Blueprint("api_regions", __name__, url_prefix="/api/v1/regions", description="Official regions")


class RegionSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"example": "32.11"})
    name = ma.fields.String(required=True)
    kind = ma.fields.String(required=True, validate=validate.OneOf(REGION_KINDS))
    parent_code = ma.fields.String(allow_none=True)
    timezone = ma.fields.String(required=True, validate=validate.OneOf(TIMEZONES))
    administrative = ma.fields.Boolean(
        required=True, metadata={"description": "Jakarta's administrative units without own government"}
    )


class RegionQuery(PageArgs):
    kind = ma.fields.String(validate=validate.OneOf(REGION_KINDS))
    parent = ma.fields.String(validate=validate.Length(max=5), metadata={"example": "32"})


RegionPage = page_schema(RegionSchema, "RegionPage")


@blp.route("", methods=["GET"])
@requires("regions.view")
@blp.arguments(RegionQuery, location="query")
@blp.response(200, RegionPage)
def index(args):
    """List regions, filtered by kind and parent province code."""
    statement = select(Region)
    if args.get("kind"):
        statement = statement.where(Region.kind == args["kind"])
    if args.get("parent"):
        parent_id = select(Region.id).where(Region.code == args["parent"]).scalar_subquery()
        statement = statement.where(Region.parent_id == parent_id)
    count = select(func.count()).select_from(statement.subquery())
    return paginate(db.session, statement.order_by(Region.code), count, args["page"], args["per_page"])


@blp.route("/<string:code>", methods=["GET"])
@requires("regions.view")
@blp.response(200, RegionSchema)
def show(code):
    """One region by its official code."""
    region = db.session.scalar(select(Region).where(Region.code == code))
    if region is None:
        raise NotFound(_("Unknown region code: %(code)s", code=code))
    return region
