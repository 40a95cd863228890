"""Re-planning and extension requests over the API: the host's bulk re-plan of a commitment, a
region's request for a later due date and the host's decision on it."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.milestones import MilestoneSchema
from livinglab.api.schemas import PageArgs, page_schema, record_id
from livinglab.models.replanning import EXTENSION_STATUSES
from livinglab.services import extension_requests, replanning
from livinglab.services.replanning import MAX_REASON, MAX_SHIFT_DAYS
from livinglab.web.access import requires

blp = Blueprint(
    "api_replanning", __name__, url_prefix="/api/v1", description="Re-planning due dates and extension requests"
)


def _email(user):
    return user.email if user else None


class ExtensionRequestSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True, validate=validate.OneOf(EXTENSION_STATUSES))
    milestone_id = ma.fields.Integer(required=True)
    requested_due_date = ma.fields.Date(required=True)
    previous_due_date = ma.fields.Date(allow_none=True, metadata={"description": "the due date when asked"})
    reason = ma.fields.String(required=True)
    requested_by = ma.fields.Function(lambda r: _email(r.requested_by), allow_none=True)
    created_at = ma.fields.AwareDateTime(required=True)
    decided_by = ma.fields.Function(lambda r: _email(r.decided_by), allow_none=True)
    decided_at = ma.fields.AwareDateTime(allow_none=True)
    decision_comment = ma.fields.String(allow_none=True)


class ExtensionRequestInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    due_date = ma.fields.Date(
        required=True, metadata={"description": "the proposed due date: not before today, after the current one"}
    )
    reason = ma.fields.String(required=True, validate=validate.Length(min=1, max=MAX_REASON))


class DecisionSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    decision = ma.fields.String(required=True, validate=validate.OneOf(tuple(extension_requests.DECISIONS)))
    comment = ma.fields.String(validate=validate.Length(max=MAX_REASON), metadata={"description": "required to refuse"})


class ReplanSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    milestone_ids = ma.fields.List(
        record_id(strict=True),
        validate=validate.Length(max=1000),
        metadata={"description": "the milestones to move; omitted: every open milestone of the commitment"},
    )
    shift_days = ma.fields.Integer(
        strict=True,
        validate=validate.Range(min=-MAX_SHIFT_DAYS, max=MAX_SHIFT_DAYS),
        metadata={"description": "move each due date by this many days (negative: earlier); or give due_date"},
    )
    due_date = ma.fields.Date(metadata={"description": "set this due date on every milestone; or give shift_days"})
    reason = ma.fields.String(required=True, validate=validate.Length(min=1, max=MAX_REASON))


class ReplanResultSchema(ma.Schema):
    changed = ma.fields.Integer(required=True)
    milestones = ma.fields.List(ma.fields.Nested(MilestoneSchema), required=True)


ExtensionRequestPage = page_schema(ExtensionRequestSchema, "ExtensionRequestPage")


def _page(rows, args):
    start = (args["page"] - 1) * args["per_page"]
    return {
        "items": rows[start : start + args["per_page"]],
        "total": len(rows),
        "page": args["page"],
        "per_page": args["per_page"],
    }


@blp.route("/milestones/<int:milestone_id>/extension-requests", methods=["POST"])
@requires("extensions.request")
@blp.arguments(ExtensionRequestInSchema)
@blp.response(201, ExtensionRequestSchema)
def request_extension(data, milestone_id):
    """The region asks for a later due date (422: in the past, not after the current due date, or a
    request already pending; 404: another region's milestone)."""
    return extension_requests.request_extension(
        current_user, milestone_id, due_date=data["due_date"], reason=data["reason"]
    )


@blp.route("/milestones/<int:milestone_id>/extension-requests", methods=["GET"])
@requires("commitments.view")
@blp.arguments(PageArgs, location="query")
@blp.response(200, ExtensionRequestPage)
def milestone_requests(args, milestone_id):
    """The milestone's extension requests, newest first (region officers: their own region's)."""
    return _page(extension_requests.milestone_requests(current_user, milestone_id), args)


@blp.route("/extension-requests", methods=["GET"])
@requires("extensions.decide")
@blp.arguments(PageArgs, location="query")
@blp.response(200, ExtensionRequestPage)
def pending(args):
    """Requests waiting for the host's decision, oldest first."""
    return _page(extension_requests.pending_extension_requests(current_user), args)


@blp.route("/extension-requests/<int:extension_request_id>/decision", methods=["POST"])
@requires("extensions.decide")
@blp.arguments(DecisionSchema)
@blp.response(200, ExtensionRequestSchema)
def decision(data, extension_request_id):
    """Approve (the milestone's due date becomes the requested one) or refuse (with a comment) a
    pending request; 409 if it was already decided."""
    return extension_requests.decide(
        current_user, extension_request_id, decision=data["decision"], comment=data.get("comment")
    )


@blp.route("/commitments/<int:commitment_id>/replan", methods=["POST"])
@requires("commitments.manage")
@blp.arguments(ReplanSchema)
@blp.response(200, ReplanResultSchema)
def replan(data, commitment_id):
    """Shift or set the due dates of some milestones (or every open one) of a commitment, with a
    reason: all or nothing; answers the changed milestones."""
    changed = replanning.replan(
        current_user,
        commitment_id,
        reason=data["reason"],
        milestone_ids=data.get("milestone_ids"),
        shift_days=data.get("shift_days"),
        due_date=data.get("due_date"),
    )
    return {"changed": len(changed), "milestones": changed}
