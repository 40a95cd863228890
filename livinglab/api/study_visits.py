"""GET|POST /api/v1/study-visits."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.schemas import PageArgs, page_schema
from livinglab.models.commitments import ORGANISATION_TYPES, VISITOR_KINDS
from livinglab.services import visits
from livinglab.web.access import requires

blp = Blueprint("api_study_visits", __name__, url_prefix="/api/v1/study-visits", description="Study visits")


class VisitorSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    kind = ma.fields.String(required=True, validate=validate.OneOf(VISITOR_KINDS))
    code = ma.fields.String(metadata={"description": "region code (32.04) or agency code (kemendagri)"})
    name = ma.fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "the organisation's name"}
    )
    type = ma.fields.String(validate=validate.OneOf(ORGANISATION_TYPES), metadata={"description": "organisations"})


class VisitSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    visitor = ma.fields.Function(
        visits.visitor_of,
        metadata={
            "description": 'a region {"kind": "region", "code"}, an agency {"kind": "agency", "code"} or another '
            'organisation {"kind": "organisation", "name", "type": "ngo"|"university"|"private"|"international"}',
            "type": "object",
        },
    )
    region = ma.fields.Function(
        lambda v: v.region.code if v.region else None,
        metadata={"example": "32.04", "type": "string", "description": "the visiting region (null for others)"},
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

    visitor = ma.fields.Nested(VisitorSchema)
    region = ma.fields.String(metadata={"example": "32.04", "description": "shorthand for a region's visitor"})
    practices = ma.fields.List(ma.fields.String(), load_default=list)


class VisitQuery(PageArgs):
    kind = ma.fields.String(validate=validate.OneOf(VISITOR_KINDS))
    agency = ma.fields.String()
    q = ma.fields.String(metadata={"description": "part of the visitor's name"})
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
