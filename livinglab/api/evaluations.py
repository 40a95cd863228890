"""Official SPBE evaluation results: POST /api/v1/evaluations, GET /api/v1/regions/{code}/evaluations."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import validate

from livinglab.api.schemas import PageArgs, page_schema
from livinglab.services import evaluations
from livinglab.services.evaluations import OUTCOMES, EvaluationInput
from livinglab.web.access import requires

blp = Blueprint("api_evaluations", __name__, url_prefix="/api/v1", description="Official SPBE evaluation results")

MAX_ROWS = 5000  # the configured IMPORT_MAX_ROWS (default 2000) is checked by the service


class EvaluationRowInSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    region = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=120),
        metadata={"description": "official code or name (Kabupaten X, Kab. X, Kota X)", "example": "32.11"},
    )
    index = ma.fields.Raw(required=True, metadata={"description": "0–5, at most two decimals", "example": 3.84})
    levels = ma.fields.Dict(
        keys=ma.fields.String(validate=validate.Length(max=20)),
        values=ma.fields.Raw(),
        load_default=dict,
        validate=validate.Length(max=100),
        metadata={"description": "indicator code → maturity level 1–5", "example": {"SPBE-01": 3, "SPBE-33": 4}},
    )
    year = ma.fields.Raw(
        allow_none=True, metadata={"description": "only if it differs per row; must match the body's year if both"}
    )
    source = ma.fields.String(allow_none=True, validate=validate.Length(max=200))
    evaluated_on = ma.fields.Date(allow_none=True)


class EvaluationImportSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    year = ma.fields.Integer(required=True, strict=True, metadata={"example": 2023})
    source = ma.fields.String(
        required=True, validate=validate.Length(min=1, max=200), metadata={"example": "KepmenPANRB 13/2024"}
    )
    evaluated_on = ma.fields.Date(allow_none=True, metadata={"description": "the date of the decree"})
    dry_run = ma.fields.Boolean(load_default=False, metadata={"description": "check and report, write nothing"})
    rows = ma.fields.List(
        ma.fields.Nested(EvaluationRowInSchema), required=True, validate=validate.Length(min=1, max=MAX_ROWS)
    )


class RowReportSchema(ma.Schema):
    row = ma.fields.Integer(required=True, metadata={"description": "position in `rows`, from 1"})
    region = ma.fields.String(attribute="subject", required=True)
    region_name = ma.fields.String(allow_none=True)
    year = ma.fields.Integer(allow_none=True)
    index = ma.fields.Float(allow_none=True)
    predicate = ma.fields.String(allow_none=True)
    outcome = ma.fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    message = ma.fields.String(required=True, metadata={"description": "what happens, or why the row is rejected"})


class ImportReportSchema(ma.Schema):
    saved = ma.fields.Boolean(required=True, metadata={"description": "true when the changes were written"})
    dry_run = ma.fields.Boolean(required=True)
    created = ma.fields.Integer(required=True)
    updated = ma.fields.Integer(required=True)
    unchanged = ma.fields.Integer(required=True)
    rejected = ma.fields.Integer(required=True)
    rows = ma.fields.List(ma.fields.Nested(RowReportSchema), required=True)


class EvaluationSchema(ma.Schema):
    region = ma.fields.Function(lambda e: e.region.code, required=True, metadata={"example": "32.11"})
    year = ma.fields.Integer(allow_none=True, metadata={"description": "null: a migrated baseline without a year"})
    index = ma.fields.Float(attribute="spbe_index", allow_none=True, metadata={"example": 3.84})
    predicate = ma.fields.String(allow_none=True, metadata={"example": "Sangat Baik"})
    source = ma.fields.String(allow_none=True, metadata={"example": "KepmenPANRB 13/2024"})
    evaluated_on = ma.fields.Date(allow_none=True)
    levels = ma.fields.Function(lambda e: e.level_map(), metadata={"example": {"SPBE-01": 3}})


EvaluationPage = page_schema(EvaluationSchema, "EvaluationPage")


@blp.route("/evaluations", methods=["POST"])
@requires("evaluations.import")
@blp.arguments(EvaluationImportSchema)
@blp.response(200, ImportReportSchema)
def load(data):
    """Load official results of one evaluation year: every row checked, all written or none.

    The answer is 200 with a report whenever the body is well formed: `saved` tells whether the
    changes were written (never when a row is rejected, nor on a dry run). The counts are the
    rows' outcomes; loading the same rows again gives only `unchanged` and writes nothing.
    """
    inputs = [
        EvaluationInput(
            row=number,
            region=row["region"],
            index=row["index"],
            levels=row["levels"],
            year=row.get("year"),
            source=row.get("source"),
            evaluated_on=row.get("evaluated_on"),
        )
        for number, row in enumerate(data["rows"], start=1)
    ]
    report = evaluations.import_results(
        current_user,
        inputs,
        year=data["year"],
        source=data["source"],
        evaluated_on=data.get("evaluated_on"),
        dry_run=data["dry_run"],
    )
    return {"saved": bool(report.saved), "dry_run": report.dry_run, **report.counts, "rows": report.rows}


@blp.route("/regions/<string:code>/evaluations", methods=["GET"])
@requires("evaluations.view")
@blp.arguments(PageArgs, location="query")
@blp.response(200, EvaluationPage)
def region_years(args, code):
    """A region's official results, newest year first (region officers: their own region only)."""
    _region, rows = evaluations.region_evaluations(current_user, code)
    start = (args["page"] - 1) * args["per_page"]
    return {
        "items": rows[start : start + args["per_page"]],
        "total": len(rows),
        "page": args["page"],
        "per_page": args["per_page"],
    }
