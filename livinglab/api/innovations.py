"""GET|POST /api/v1/innovations: the registry of regional innovations."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.schemas import PageArgs, page_schema
from livinglab.models.innovations import INNOVATION_TYPES
from livinglab.services import innovations, replications
from livinglab.web.access import requires

blp = Blueprint("api_innovations", __name__, url_prefix="/api/v1/innovations", description="Regional innovations")


class OriginatorSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    kind = ma.fields.String(required=True, validate=validate.OneOf(innovations.ORIGINATOR_KINDS))
    code = ma.fields.String(required=True, metadata={"example": "32.04"})
    name = ma.fields.String(dump_only=True)


class MeasureSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    unit = ma.fields.String(required=True, validate=validate.Length(min=1, max=60))


class AdopterSchema(ma.Schema):
    replication_id = ma.fields.Integer()
    region = ma.fields.String(metadata={"example": "32.06"})
    stage = ma.fields.String(metadata={"description": "the current stage, or 'completed'"})


def _adopters(innovation):
    return [
        {"replication_id": r.id, "region": r.region.code, "stage": replications.stage_of(r)[1]}
        for r in innovation.replications
    ]


class InnovationSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(metadata={"example": "BDG-ESKM"})
    name = ma.fields.String()
    originator = ma.fields.Function(innovations.originator_of, metadata={"type": "object"})
    type = ma.fields.String(validate=validate.OneOf(INNOVATION_TYPES), metadata={"description": "PP 38/2017"})
    description = ma.fields.String(allow_none=True)
    first_year = ma.fields.Integer(allow_none=True)
    links = ma.fields.Function(lambda i: i.link_list, metadata={"type": "array", "items": {"type": "string"}})
    source = ma.fields.String(allow_none=True)
    measures = ma.fields.List(ma.fields.Nested(MeasureSchema))
    stages = ma.fields.Function(
        lambda i: list(innovations.stage_template(i)),
        metadata={"type": "array", "items": {"type": "string"}, "description": "stages new replications get"},
    )
    adopters = ma.fields.Function(_adopters, metadata={"type": "array", "items": {"type": "object"}})


class InnovationInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    code = ma.fields.String(required=True, validate=validate.Length(min=2, max=40), metadata={"example": "BDG-ESKM"})
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    originator = ma.fields.Nested(OriginatorSchema, required=True)
    type = ma.fields.String(required=True, validate=validate.OneOf(INNOVATION_TYPES))
    description = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))
    first_year = ma.fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1945, max=2100))
    links = ma.fields.List(ma.fields.Url(), load_default=list, validate=validate.Length(max=20))
    measures = ma.fields.List(ma.fields.Nested(MeasureSchema), load_default=list, validate=validate.Length(max=20))
    stages = ma.fields.List(
        ma.fields.String(validate=validate.Length(min=1, max=200)),
        load_default=list,
        metadata={"description": "stage template of its replications; empty: the Puja Indah path"},
    )
    source = ma.fields.String(allow_none=True, validate=validate.Length(max=300))


class InnovationArgs(PageArgs):
    q = ma.fields.String(validate=validate.Length(max=200))
    originator = ma.fields.String(validate=validate.Length(max=30), metadata={"example": "32.04"})
    type = ma.fields.String(validate=validate.OneOf(INNOVATION_TYPES))


@blp.route("", methods=["GET"])
@requires("innovations.view")
@blp.arguments(InnovationArgs, location="query")
@blp.response(200, page_schema(InnovationSchema, "InnovationPage"))
def index(args):
    """Innovations by name; `q` searches name and description, `originator` is a region or agency code."""
    page, per_page = args.pop("page"), args.pop("per_page")
    rows, total = innovations.list_innovations(current_user, page=page, per_page=per_page, **args)
    return {"items": rows, "total": total, "page": page, "per_page": per_page}


@blp.route("", methods=["POST"])
@requires("innovations.manage")
@blp.arguments(InnovationInSchema)
@blp.response(201, InnovationSchema)
def create(data):
    """Add an innovation to the registry (host admin)."""
    return innovations.create_innovation(current_user, **data)


@blp.route("/<int:innovation_id>", methods=["GET"])
@requires("innovations.view")
@blp.response(200, InnovationSchema)
def show(innovation_id):
    """One innovation with its outcome measures and adopters."""
    return innovations.get_innovation(current_user, innovation_id)


class StagesInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    stages = ma.fields.List(
        ma.fields.String(validate=validate.Length(min=1, max=200)),
        required=True,
        metadata={"description": "empty: the Puja Indah path"},
    )


@blp.route("/<int:innovation_id>/stages", methods=["PUT"])
@requires("innovations.manage")
@blp.arguments(StagesInSchema)
@blp.response(200, InnovationSchema)
def update_stages(data, innovation_id):
    """Change the stage template new replications get (host admin); recorded ones keep theirs."""
    return innovations.update_stages(current_user, innovation_id, data["stages"])
