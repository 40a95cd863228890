"""GET|POST /api/v1/commitments and their milestones."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.milestones import MilestoneSchema
from livinglab.api.schemas import PageArgs, page_schema, record_id
from livinglab.models.commitments import COMMITMENT_STATUSES, SIGNATORY_TITLES
from livinglab.services import commitments, targets
from livinglab.web.access import requires

blp = Blueprint("api_commitments", __name__, url_prefix="/api/v1/commitments", description="Commitments")


def _official_above(commitment):
    official = targets.below_official(commitment)
    return None if official is None else {"year": official.year, "index": float(official.index)}


class CommitmentSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    region = ma.fields.Function(lambda c: c.region.code, metadata={"example": "32.04"})
    signing_event_id = ma.fields.Integer(allow_none=True)
    study_visit_id = ma.fields.Integer(allow_none=True)
    signatory_name = ma.fields.String(required=True)
    signatory_title = ma.fields.String(required=True)
    signed_on = ma.fields.Date(allow_none=True)
    target_date = ma.fields.Date(allow_none=True)
    target_index = ma.fields.Float(allow_none=True, metadata={"description": "Indeks SPBE aimed at (0–5)"})
    target_year = ma.fields.Integer(allow_none=True)
    target_below_official = ma.fields.Function(
        _official_above,
        allow_none=True,
        metadata={"description": "The region's latest official result when the target is below it (allowed, flagged)"},
    )
    status = ma.fields.String(required=True, validate=validate.OneOf(COMMITMENT_STATUSES))
    milestones = ma.fields.List(ma.fields.Nested(MilestoneSchema), required=True)


class CommitmentInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    region = ma.fields.String(required=True, metadata={"example": "32.04"})
    signing_event_id = record_id(allow_none=True, strict=True)
    study_visit_id = record_id(allow_none=True, strict=True)
    signatory_name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    signatory_title = ma.fields.String(allow_none=True, validate=validate.OneOf(SIGNATORY_TITLES))
    signed_on = ma.fields.Date(allow_none=True)
    target_date = ma.fields.Date(allow_none=True)
    target_index = ma.fields.Decimal(
        allow_none=True,
        metadata={
            "description": "0–5, at most two decimals; default: the signing event's",
            "minimum": 0,
            "maximum": 5,
            "example": 3.5,
        },
    )
    target_year = ma.fields.Integer(
        allow_none=True, strict=True, validate=validate.Range(min=2000, max=2100), metadata={"example": 2025}
    )
    status = ma.fields.String(load_default="signed", validate=validate.OneOf(("draft", "signed", "active")))
    practices = ma.fields.List(ma.fields.String(), required=True, validate=validate.Length(min=1, max=200))
    notes = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))
    confirm_second = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "true to record a second signed or active commitment of a region that has one "
            "(without it: 409 `second_commitment` with `existing_commitment_id`)"
        },
    )


class CommitmentQuery(PageArgs):
    region = ma.fields.String()
    province = ma.fields.String()
    status = ma.fields.String(validate=validate.OneOf(COMMITMENT_STATUSES))
    event = record_id()


CommitmentPage = page_schema(CommitmentSchema, "CommitmentPage")
MilestonePage = page_schema(MilestoneSchema, "MilestonePage")


@blp.route("", methods=["GET"])
@requires("commitments.view")
@blp.arguments(CommitmentQuery, location="query")
@blp.response(200, CommitmentPage)
def index(args):
    """Commitments (region officers: their own region's)."""
    page, per_page = args.pop("page"), args.pop("per_page")
    rows, total = commitments.list_commitments(current_user, page=page, per_page=per_page, **args)
    return {"items": rows, "total": total, "page": page, "per_page": per_page}


@blp.route("", methods=["POST"])
@requires("commitments.manage")
@blp.arguments(CommitmentInSchema)
@blp.response(201, CommitmentSchema)
def create(data):
    """Record a commitment; its milestone plan is generated from the practices (host roles).

    A region that already has a signed or active commitment gets a second one only with
    `"confirm_second": true`; otherwise 409 with `existing_commitment_id` and nothing is saved."""
    return commitments.create_commitment(current_user, **data)


@blp.route("/<int:commitment_id>", methods=["GET"])
@requires("commitments.view")
@blp.response(200, CommitmentSchema)
def show(commitment_id):
    """One commitment with its milestones."""
    return commitments.get_commitment(current_user, commitment_id)


@blp.route("/<int:commitment_id>/milestones", methods=["GET"])
@requires("commitments.view")
@blp.arguments(PageArgs, location="query")
@blp.response(200, MilestonePage)
def milestones(args, commitment_id):
    """The commitment's milestones."""
    rows = commitments.get_commitment(current_user, commitment_id).milestones
    start = (args["page"] - 1) * args["per_page"]
    return {
        "items": rows[start : start + args["per_page"]],
        "total": len(rows),
        "page": args["page"],
        "per_page": args["per_page"],
    }
