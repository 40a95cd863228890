"""GET|POST /api/v1/study-visits."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.schemas import PageArgs, page_schema
from livinglab.services import visits
from livinglab.web.access import requires

blp = Blueprint("api_study_visits", __name__, url_prefix="/api/v1/study-visits", description="Study visits")


class VisitSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    region = ma.fields.Function(
        lambda v: v.region.code, deserialize=str, required=True, metadata={"example": "32.04", "type": "string"}
    )
    start_date = ma.fields.Date(required=True)
    end_date = ma.fields.Date(required=True)
    head_of_delegation = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    delegation_size = ma.fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=500))
    practices = ma.fields.Function(
        lambda v: [p.code for p in v.practices],
        deserialize=list,
        load_default=list,
        metadata={"type": "array", "items": {"type": "string"}},
    )
    notes = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))


class VisitInSchema(VisitSchema):
    class Meta:
        unknown = ma.RAISE

    practices = ma.fields.List(ma.fields.String(), load_default=list)


class VisitQuery(PageArgs):
    region = ma.fields.String()
    province = ma.fields.String()
    year = ma.fields.Integer(validate=validate.Range(min=2000, max=2100))
    practice = ma.fields.String()


VisitPage = page_schema(VisitSchema, "VisitPage")


@blp.route("", methods=["GET"])
@requires("visits.view")
@blp.arguments(VisitQuery, location="query")
@blp.response(200, VisitPage)
def index(args):
    """Study visits (region officers: their own region's), newest first."""
    page, per_page = args.pop("page"), args.pop("per_page")
    rows, total = visits.list_visits(current_user, page=page, per_page=per_page, **args)
    return {"items": rows, "total": total, "page": page, "per_page": per_page}


@blp.route("", methods=["POST"])
@requires("visits.manage")
@blp.arguments(VisitInSchema)
@blp.response(201, VisitSchema)
def create(data):
    """Record a study visit (host roles)."""
    return visits.create_visit(current_user, **data)


@blp.route("/<int:visit_id>", methods=["GET"])
@requires("visits.view")
@blp.response(200, VisitSchema)
def show(visit_id):
    """One study visit."""
    return visits.get_visit(current_user, visit_id)
