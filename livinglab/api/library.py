"""A region's evidence library over the API: POST and GET /api/v1/regions/{code}/documents."""

from datetime import date

import marshmallow as ma
from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint

from livinglab.errors import Invalid
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.services import library
from livinglab.services.library import DocumentInput
from livinglab.web.access import requires

blp = Blueprint("api_library", __name__, url_prefix="/api/v1", description="Evidence library of a region")


class DocumentSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    region = ma.fields.Function(lambda d: d.region.code, metadata={"example": "32.04"})
    kind = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    number = ma.fields.String(allow_none=True)
    enacted_on = ma.fields.Date(allow_none=True, metadata={"description": "enactment or review date"})
    url = ma.fields.String(allow_none=True)
    file_name = ma.fields.Function(lambda d: d.upload.original_name if d.upload else None, allow_none=True)
    created_at = ma.fields.AwareDateTime(required=True)


class DocumentList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(DocumentSchema), required=True)
    total = ma.fields.Integer(required=True)
    page = ma.fields.Integer(required=True)
    per_page = ma.fields.Integer(required=True)


MULTIPART_DOCUMENT = {
    "type": "object",
    "required": ["kind", "title"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "the document; or give `url`"},
        "url": {"type": "string", "maxLength": 2000},
        "kind": {"type": "string", "enum": list(EVIDENCE_KINDS)},
        "title": {"type": "string", "maxLength": 300},
        "number": {"type": "string", "maxLength": 120},
        "enacted_on": {"type": "string", "format": "date"},
    },
}


def _document_input():
    form = request.form
    upload = request.files.get("file")
    enacted_on = None
    if form.get("enacted_on"):
        try:
            enacted_on = date.fromisoformat(form["enacted_on"])
        except ValueError:
            raise Invalid(
                _("Some values are not valid."), {"enacted_on": _("Not a valid date (YYYY-MM-DD).")}
            ) from None
    return DocumentInput(
        kind=form.get("kind", ""),
        title=form.get("title", ""),
        number=form.get("number"),
        enacted_on=enacted_on,
        url=form.get("url"),
        file=(upload.read(), upload.filename) if upload is not None and upload.filename else None,
    )


@blp.route("/regions/<string:code>/documents", methods=["GET"])
@requires("library.view")
@blp.response(200, DocumentList)
def region_documents(code):
    """The region's library, newest first (region officers: their own region)."""
    _region, rows = library.region_documents(current_user, code)
    return {"items": rows, "total": len(rows), "page": 1, "per_page": max(len(rows), 1)}


@blp.route("/regions/<string:code>/documents", methods=["POST"])
@requires("library.manage")
@blp.doc(requestBody={"required": True, "content": {"multipart/form-data": {"schema": MULTIPART_DOCUMENT}}})
@blp.response(201, DocumentSchema)
def add_document(code):
    """Upload a document once to the region's library (multipart: `file` or `url`, `kind`, `title`,
    `number`, `enacted_on`); link it to milestones with POST /milestones/{id}/evidence."""
    return library.create_document(current_user, code, _document_input())
