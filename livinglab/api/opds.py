"""A region's OPDs over the API: GET and POST /api/v1/regions/{code}/opds."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.models.library import OPD_NAME_MAX, OPD_SHORT_NAME_MAX
from livinglab.services import opds
from livinglab.web.access import requires

blp = Blueprint("api_opds", __name__, url_prefix="/api/v1", description="OPDs (perangkat daerah) of a region")


class OpdSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    short_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=OPD_SHORT_NAME_MAX))
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=OPD_NAME_MAX))


class OpdInSchema(OpdSchema):
    class Meta:
        unknown = ma.RAISE


class OpdList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(OpdSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


@blp.route("/regions/<string:code>/opds", methods=["GET"])
@requires("commitments.view")
@blp.response(200, OpdList)
def region_opds(code):
    """The region's OPDs by short name (region officers: their own region)."""
    _region, rows = opds.region_opds(current_user, code)
    return {"items": rows, "total": len(rows), "page": 1, "per_page": max(len(rows), 1)}


@blp.route("/regions/<string:code>/opds", methods=["POST"])
@requires("opds.manage")
@blp.arguments(OpdInSchema)
@blp.response(201, OpdSchema)
def add_opd(data, code):
    """Add an OPD; its short name is unique in the region (422 otherwise)."""
    return opds.create_opd(current_user, code, **data)
