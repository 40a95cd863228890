"""Milestones over the API: read, update (versioned), verify/return, evidence, history."""

from datetime import date

import marshmallow as ma
from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api import bodies
from livinglab.api.schemas import record_id
from livinglab.domain import milestone_states as states
from livinglab.domain.milestone_states import STATUSES
from livinglab.errors import Invalid, NotFound
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.services import milestones, replication
from livinglab.services.milestones import UNSET, EvidenceInput
from livinglab.web.access import requires
from livinglab.web.files import download

blp = Blueprint("api_milestones", __name__, url_prefix="/api/v1", description="Milestone progress and verification")


class MilestoneSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    commitment_id = ma.fields.Integer(required=True)
    region = ma.fields.Function(lambda m: m.commitment.region.code, metadata={"example": "32.04"})
    practice = ma.fields.Function(lambda m: m.practice.code, metadata={"example": "SPBE-01"})
    title = ma.fields.Function(lambda m: m.practice.title)
    due_date = ma.fields.Date(allow_none=True)
    status = ma.fields.String(required=True, validate=validate.OneOf(STATUSES))
    target_level = ma.fields.Integer(required=True)
    level = ma.fields.Integer(allow_none=True, metadata={"description": "self-assessed level"})
    verified_level = ma.fields.Integer(allow_none=True)
    done = ma.fields.Function(
        lambda m: states.is_done(m.status),
        metadata={"type": "boolean", "description": "verified at or above the target level"},
    )
    below_target = ma.fields.Function(
        lambda m: states.is_below_target(m.status, m.verified_level, m.target_level),
        metadata={"type": "boolean", "description": "verified below the target level: recorded, still open"},
    )
    version = ma.fields.Integer(required=True)
    updated_at = ma.fields.AwareDateTime(allow_none=True)
    opd = ma.fields.Function(
        lambda m: m.opd.short_name if m.opd else None,
        allow_none=True,
        metadata={"type": "string", "description": "short name of the responsible OPD"},
    )


def _suggests(milestone):
    return [
        {
            "practice": item.indicator.code,
            "milestone_id": item.milestone.id if item.milestone else None,
            "level": item.level,
        }
        for item in replication.suggestions(current_user, milestone)
    ]


class MilestoneDetailSchema(MilestoneSchema):
    suggests = ma.fields.Function(
        _suggests,
        metadata={
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "practice": {"type": "string"},
                    "milestone_id": {"type": "integer", "nullable": True},
                    "level": {"type": "integer", "nullable": True},
                },
            },
            "description": "for a host practice: the SPBE indicators it supports, the region's milestone on "
            "each (null if not committed to) and the level to consider (the practice's verified level, null "
            "before). A suggestion only: no indicator level is ever set by it.",
        },
    )


class MilestonePatchSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    version = record_id(required=True, strict=True)
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    level = ma.fields.Integer(strict=True, metadata={"description": "1–5"})
    note = ma.fields.String(validate=validate.Length(max=5000))
    opd = ma.fields.Raw(
        allow_none=True,
        metadata={
            "oneOf": [{"type": "integer"}, {"type": "string"}],
            "nullable": True,
            "description": "the responsible OPD: id or short name of one of the region's OPDs; null for none",
        },
    )


class VerificationSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    decision = ma.fields.String(required=True, validate=validate.OneOf(("verify", "return")))
    level = ma.fields.Integer(strict=True, metadata={"description": "verified level 1–5 (required to verify)"})
    comment = ma.fields.String(validate=validate.Length(max=5000), metadata={"description": "required to return"})
    version = record_id(strict=True)


class EvidenceLinkSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    url = ma.fields.Url(required=True, schemes={"http", "https"})
    kind = ma.fields.String(load_default="url", validate=validate.OneOf(EVIDENCE_KINDS))
    description = ma.fields.String(required=True, validate=validate.Length(min=1, max=300))
    document_number = ma.fields.String(validate=validate.Length(max=120))
    enacted_on = ma.fields.Date()
    note = ma.fields.String(validate=validate.Length(max=5000))


class DocumentLinkSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    document_id = record_id(required=True, strict=True, metadata={"description": "a document of the region's library"})
    note = ma.fields.String(validate=validate.Length(max=5000))


class EvidenceSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    milestone_id = ma.fields.Integer(required=True)
    document_id = ma.fields.Integer(allow_none=True, metadata={"description": "set when linked from the library"})
    document = ma.fields.Function(
        lambda e: e.document.title if e.document else None,
        allow_none=True,
        metadata={"type": "string", "description": "the library document's title, when linked"},
    )
    kind = ma.fields.String(required=True)
    description = ma.fields.String(attribute="title", required=True)
    document_number = ma.fields.String(allow_none=True)
    enacted_on = ma.fields.Date(allow_none=True)
    url = ma.fields.String(allow_none=True)
    file_name = ma.fields.Function(lambda e: e.upload.original_name if e.upload else None, allow_none=True)


class HistorySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    at = ma.fields.AwareDateTime(required=True)
    actor = ma.fields.Function(lambda u: u.actor.email if u.actor else None, allow_none=True)
    action = ma.fields.String(required=True)
    from_status = ma.fields.String(required=True)
    to_status = ma.fields.String(required=True)
    level = ma.fields.Integer(allow_none=True)
    verified_level = ma.fields.Integer(allow_none=True)
    note = ma.fields.String(allow_none=True)
    version = ma.fields.Integer(required=True)
    evidence = ma.fields.List(ma.fields.Nested(EvidenceSchema), required=True)
    from_due_date = ma.fields.Date(
        allow_none=True, metadata={"description": "re-plans and extensions: due date before"}
    )
    to_due_date = ma.fields.Date(
        allow_none=True,
        metadata={"description": "due date after; for an extension request or refusal: the date asked for"},
    )


MULTIPART_EVIDENCE = {
    "type": "object",
    "required": ["file", "description"],
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "kind": {"type": "string", "enum": list(EVIDENCE_KINDS)},
        "description": {"type": "string", "maxLength": 300},
        "document_number": {"type": "string", "maxLength": 120},
        "enacted_on": {"type": "string", "format": "date"},
        "note": {"type": "string", "maxLength": 5000},
    },
}


@blp.route("/milestones/<int:milestone_id>", methods=["GET"])
@requires("commitments.view")
@blp.response(200, MilestoneDetailSchema)
def show(milestone_id):
    """One milestone (region officers: their own region's)."""
    return milestones.get(current_user, milestone_id)


@blp.route("/milestones/<int:milestone_id>", methods=["PATCH"])
@requires("milestones.update")
@blp.arguments(MilestonePatchSchema)
@blp.response(200, MilestoneSchema)
def update(changes, milestone_id):
    """Change status, self-assessed level and/or responsible OPD with a note; `version` must be the
    current one (409 if not)."""
    return milestones.update(
        current_user,
        milestone_id,
        version=changes["version"],
        status=changes.get("status"),
        level=changes.get("level", UNSET),
        note=changes.get("note"),
        opd=changes.get("opd", UNSET),
    )


@blp.route("/milestones/<int:milestone_id>/verification", methods=["POST"])
@requires("milestones.verify")
@blp.arguments(VerificationSchema)
@blp.response(200, MilestoneDetailSchema)
def verification(decision, milestone_id):
    """The host verifies (with a level) or returns (with a comment) a submitted milestone."""
    return milestones.verify(
        current_user,
        milestone_id,
        decision=decision["decision"],
        level=decision.get("level"),
        comment=decision.get("comment"),
        version=decision.get("version"),
    )


def _multipart_evidence():
    file = bodies.uploaded_file()
    fields = {k: v for k, v in request.form.items() if k in MULTIPART_EVIDENCE["properties"]}
    errors = {
        name: _("At most %(n)s characters.", n=spec["maxLength"])
        for name, spec in MULTIPART_EVIDENCE["properties"].items()
        if "maxLength" in spec and len(fields.get(name, "")) > spec["maxLength"]
    }
    kind = fields.get("kind", "other")
    if kind not in EVIDENCE_KINDS:
        errors["kind"] = _("Must be one of: %(kinds)s.", kinds=", ".join(EVIDENCE_KINDS))
    enacted_on = None
    if fields.get("enacted_on"):
        try:
            enacted_on = date.fromisoformat(fields["enacted_on"])
        except ValueError:
            errors["enacted_on"] = _("Not a valid date (YYYY-MM-DD).")
    if not fields.get("description", "").strip():
        errors["description"] = _("Required.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    item = EvidenceInput(
        kind=kind,
        title=fields["description"],
        document_number=fields.get("document_number"),
        enacted_on=enacted_on,
        file=file,
    )
    return item, fields.get("note")


def _json_evidence():
    body = request.get_json()
    if isinstance(body, dict) and "document_id" in body:
        data = bodies.load(DocumentLinkSchema(), body)
        return EvidenceInput(kind="", title="", document_id=data["document_id"]), data.get("note")
    data = bodies.load(EvidenceLinkSchema(), body)
    item = EvidenceInput(
        kind=data["kind"],
        title=data["description"],
        document_number=data.get("document_number"),
        enacted_on=data.get("enacted_on"),
        url=data["url"],
    )
    return item, data.get("note")


@blp.route("/milestones/<int:milestone_id>/evidence", methods=["POST"])
@requires("milestones.update")
@blp.doc(
    requestBody={
        "required": True,
        "content": {
            "multipart/form-data": {"schema": MULTIPART_EVIDENCE},
            "application/json": {"schema": {"oneOf": [EvidenceLinkSchema, DocumentLinkSchema]}},
        },
    }
)
@blp.response(201, EvidenceSchema)
def add_evidence(milestone_id):
    """Attach evidence: a file (multipart `file` + fields), a link (JSON with `url`) or a document of
    the region's library (JSON `{"document_id": N}`; another region's document: 404)."""
    item, note = _multipart_evidence() if request.mimetype == "multipart/form-data" else _json_evidence()
    return milestones.add_evidence(current_user, milestone_id, item, note)


@blp.route("/milestones/<int:milestone_id>/history", methods=["GET"])
@requires("commitments.view")
@blp.response(200, HistorySchema(many=True))
def history(milestone_id):
    """Every update of the milestone, oldest first (append-only)."""
    return milestones.history(current_user, milestone_id)


@blp.route("/evidence/<int:evidence_id>/file", methods=["GET"])
@requires("commitments.view")
@blp.response(200, description="The evidence file, as an attachment")
def evidence_file(evidence_id):
    """Download an evidence file (scoped like its milestone)."""
    evidence = milestones.get_evidence(current_user, evidence_id)
    if evidence.upload is None:
        raise NotFound(_("This evidence is a link, not a file."))
    return download(evidence.upload)
