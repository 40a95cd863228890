"""Replications of innovations over the API: record, read, move and verify stages, evidence, outcomes."""

import marshmallow as ma
from flask import request, url_for
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api import bodies
from livinglab.api.schemas import record_id
from livinglab.domain.milestone_states import STATUSES
from livinglab.models.innovations import PARTY_ROLES
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.services import replications
from livinglab.web.access import requires
from livinglab.web.files import download

blp = Blueprint(
    "api_replications", __name__, url_prefix="/api/v1/replications", description="Replications of innovations"
)


class PartySchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    role = ma.fields.String(load_default="sponsor", validate=validate.OneOf(PARTY_ROLES))
    kind = ma.fields.String(required=True, validate=validate.OneOf(("region", "agency")))
    code = ma.fields.String(required=True, validate=validate.Length(min=1, max=30), metadata={"example": "kemendagri"})
    unit = ma.fields.String(allow_none=True, validate=validate.Length(max=120), metadata={"example": "Balitbang"})
    name = ma.fields.String(dump_only=True)


class StageEvidenceSchema(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    title = ma.fields.String()
    url = ma.fields.String(allow_none=True)
    file = ma.fields.Function(
        lambda e: e.upload.original_name if e.upload else None,
        allow_none=True,
        metadata={"type": "string", "description": "the file's name, when the evidence is a file"},
    )
    download = ma.fields.Function(
        lambda e: url_for("api_replications.evidence_file", stage_evidence_id=e.id) if e.upload else None,
        allow_none=True,
        metadata={"type": "string", "description": "where to download the file (same access as the stage)"},
    )


class StageUpdateSchema(ma.Schema):
    at = ma.fields.AwareDateTime()
    action = ma.fields.String()
    from_status = ma.fields.String()
    to_status = ma.fields.String()
    note = ma.fields.String(allow_none=True)
    actor = ma.fields.Function(lambda u: u.actor.name if u.actor else None)


class StageSchema(ma.Schema):
    id = ma.fields.Integer()
    replication_id = ma.fields.Integer()
    position = ma.fields.Integer()
    name = ma.fields.String()
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    version = ma.fields.Integer()
    verified_at = ma.fields.AwareDateTime(allow_none=True)
    evidence = ma.fields.List(ma.fields.Nested(StageEvidenceSchema))
    history = ma.fields.List(ma.fields.Nested(StageUpdateSchema), attribute="updates")


class OutcomeSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    measure_id = record_id(required=True)
    measure = ma.fields.Function(lambda r: r.measure.name, dump_only=True)
    unit = ma.fields.Function(lambda r: r.measure.unit, dump_only=True)
    period = ma.fields.String(required=True, metadata={"example": "2021-03", "description": "a year or a month"})
    value = ma.fields.Decimal(required=True, as_string=True, metadata={"example": "1250"})


class OutcomeInSchema(OutcomeSchema):
    class Meta:
        unknown = ma.RAISE


class ReplicationSchema(ma.Schema):
    id = ma.fields.Integer()
    innovation_id = ma.fields.Integer()
    innovation = ma.fields.Function(lambda r: r.innovation.name)
    region = ma.fields.Function(lambda r: r.region.code, metadata={"example": "32.06"})
    signed_on = ma.fields.Date(allow_none=True)
    place = ma.fields.String(allow_none=True)
    parties = ma.fields.Function(
        lambda r: [replications.party_of(p) for p in r.parties], metadata={"type": "array", "items": {"type": "object"}}
    )
    stage = ma.fields.Function(lambda r: replications.stage_of(r)[1], metadata={"description": "or 'completed'"})
    stages = ma.fields.List(ma.fields.Nested(StageSchema))
    outcomes = ma.fields.List(ma.fields.Nested(OutcomeSchema))


class ReplicationInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    innovation_id = record_id(required=True)
    region = ma.fields.String(required=True, validate=validate.Length(min=2, max=5), metadata={"example": "32.06"})
    parties = ma.fields.List(ma.fields.Nested(PartySchema), load_default=list, validate=validate.Length(max=10))
    signed_on = ma.fields.Date(allow_none=True)
    place = ma.fields.String(allow_none=True, validate=validate.Length(max=200))


class ReplicationArgs(ma.Schema):
    innovation_id = record_id()
    region = ma.fields.String(validate=validate.Length(max=5))


class ReplicationListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ReplicationSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


class StagePatchSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    status = ma.fields.String(required=True, validate=validate.OneOf(STATUSES))
    note = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))
    version = record_id(allow_none=True)


class StageDecisionSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    decision = ma.fields.String(required=True, validate=validate.OneOf(tuple(replications.DECISIONS)))
    comment = ma.fields.String(allow_none=True, validate=validate.Length(max=5000))
    version = record_id(allow_none=True)


class StageCommentSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    comment = ma.fields.String(required=True, validate=validate.Length(min=1, max=5000))


class StageEvidenceInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    kind = ma.fields.String(required=True, validate=validate.OneOf(EVIDENCE_KINDS))
    title = ma.fields.String(required=True, validate=validate.Length(min=1, max=300))
    url = ma.fields.Url(required=True)


def _writes(rule, method, permission, arguments, status, response):
    """The decorators of an endpoint that takes a JSON body: its route, its permission, the body's
    schema, the answer's status and schema."""

    def decorate(view):
        view = blp.arguments(arguments)(blp.response(status, response)(view))
        return blp.route(rule, methods=[method])(requires(permission)(view))

    return decorate


@blp.route("", methods=["GET"])
@requires("replications.view")
@blp.arguments(ReplicationArgs, location="query")
@blp.response(200, ReplicationListSchema)
def index(args):
    """Replications the caller may see (region officers: as adopter or originator)."""
    rows = replications.list_replications(current_user, **args)
    return {"items": rows, "total": len(rows), "page": 1, "per_page": max(len(rows), 1)}


@_writes("", "POST", "replications.manage", ReplicationInSchema, 201, ReplicationSchema)
def create(data):
    """Record a region's replication of an innovation; 422 when the region originated it."""
    return replications.create_replication(current_user, **data)


@blp.route("/<int:replication_id>", methods=["GET"])
@requires("replications.view")
@blp.response(200, ReplicationSchema)
def show(replication_id):
    """One replication with its parties, stages and outcome reports."""
    return replications.get_replication(current_user, replication_id)


@_writes("/<int:replication_id>/outcomes", "POST", "replications.update", OutcomeInSchema, 201, OutcomeSchema)
def report_outcome(data, replication_id):
    """The adopter reports an outcome measure for a period; a second report of a period replaces it."""
    return replications.report_outcome(current_user, replication_id, **data)


@_writes("/stages/<int:stage_id>", "PATCH", "replications.update", StagePatchSchema, 200, StageSchema)
def move_stage(data, stage_id):
    """The adopter moves a stage up to `submitted` (or blocks it with a note); 409 on a stale version."""
    return replications.move_stage(current_user, stage_id, **data)


@_writes("/stages/<int:stage_id>/verification", "POST", "replications.verify", StageDecisionSchema, 200, StageSchema)
def decide_stage(data, stage_id):
    """Verify or return (comment required) a submitted stage: host, originator's officer or sponsor."""
    return replications.decide_stage(current_user, stage_id, **data)


@_writes("/stages/<int:stage_id>/comments", "POST", "replications.verify", StageCommentSchema, 201, StageSchema)
def comment_stage(data, stage_id):
    """A verifier's comment on a stage (kept in its history)."""
    return replications.comment_stage(current_user, stage_id, **data)


MULTIPART_STAGE_EVIDENCE = {
    "type": "object",
    "required": ["file", "title"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "kind": {"type": "string", "enum": list(EVIDENCE_KINDS)},
        "title": {"type": "string", "maxLength": 300},
    },
}


def _multipart_evidence():
    """(kind, title, file) from a multipart body; the upload store checks the file itself."""
    file = bodies.uploaded_file()
    return {"kind": request.form.get("kind", "other"), "title": request.form.get("title", ""), "file": file}


@blp.route("/stages/<int:stage_id>/evidence", methods=["POST"])
@requires("replications.update")
@blp.doc(
    requestBody={
        "required": True,
        "content": {
            "multipart/form-data": {"schema": MULTIPART_STAGE_EVIDENCE},
            "application/json": {"schema": StageEvidenceInSchema},
        },
    }
)
@blp.response(201, StageEvidenceSchema)
def add_evidence(stage_id):
    """Evidence of a stage: a file (multipart `file`, `title`, `kind`; checked like milestone
    evidence) or a link (JSON with `url`)."""
    data = (
        _multipart_evidence()
        if request.mimetype == "multipart/form-data"
        else bodies.load(StageEvidenceInSchema(), request.get_json())
    )
    return replications.add_evidence(current_user, stage_id, **data)


@blp.route("/evidence/<int:stage_evidence_id>/file", methods=["GET"])
@requires("replications.view")
@blp.response(200, description="The evidence file, as an attachment")
def evidence_file(stage_evidence_id):
    """Download a stage's evidence file (whoever may see the replication)."""
    return download(replications.get_evidence(current_user, stage_evidence_id).upload)
