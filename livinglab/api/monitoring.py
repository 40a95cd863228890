"""Monitoring over the API: national summary, the host's overview rows, one region's progress."""

import marshmallow as ma
from flask_login import current_user
from flask_smorest import Blueprint

from livinglab.api.schemas import PageArgs, page_schema, record_id
from livinglab.services import monitoring, reports, targets
from livinglab.services.regions import get_region
from livinglab.web.access import requires
from livinglab.web.files import attachment

blp = Blueprint("api_monitoring", __name__, url_prefix="/api/v1", description="Monitoring figures")


class OfficialSchema(ma.Schema):
    year = ma.fields.Integer(required=True)
    index = ma.fields.Float(required=True, metadata={"description": "the stored official index"})
    predicate = ma.fields.String(allow_none=True, metadata={"description": "the stored official predicate"})


class IndexSchema(ma.Schema):
    official = ma.fields.Nested(OfficialSchema, allow_none=True, metadata={"description": "the last official result"})
    estimate = ma.fields.Float(
        allow_none=True, metadata={"description": "last official result + the levels verified since"}
    )
    verified = ma.fields.Float(allow_none=True, metadata={"description": "same as estimate (kept for old clients)"})
    self_assessed = ma.fields.Float(allow_none=True)
    predicate = ma.fields.String(
        allow_none=True, metadata={"description": "the estimate's predicate; null below INDEX_MIN_COVERAGE"}
    )
    coverage = ma.fields.Float(
        allow_none=True, metadata={"description": "share (0–1) of the indicators' weight with a level"}
    )
    coverage_basis = ma.fields.String(
        allow_none=True,
        metadata={"description": "official: the official result covers every indicator; levels: from levels"},
    )
    sufficient = ma.fields.Boolean(metadata={"description": "coverage at or above INDEX_MIN_COVERAGE"})
    change = ma.fields.Float(allow_none=True, metadata={"description": "estimate − official index"})
    not_counted = ma.fields.List(
        ma.fields.String(), metadata={"description": "indicators verified since with no official level to compare"}
    )
    domains = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Float(allow_none=True))
    aspects = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Float(allow_none=True))


class TargetSchema(ma.Schema):
    index = ma.fields.Float(required=True, metadata={"description": "the commitment's target Indeks SPBE"})
    year = ma.fields.Integer(allow_none=True)
    gap = ma.fields.Float(
        allow_none=True, metadata={"description": "target − current index estimate; null when coverage is too low"}
    )
    reached = ma.fields.Boolean(allow_none=True, metadata={"description": "null when not known yet"})
    reached_by = ma.fields.String(allow_none=True, metadata={"description": "official or estimate"})
    below_official = ma.fields.Boolean(
        required=True, metadata={"description": "the target is below the latest official index (allowed, flagged)"}
    )


class ProgressSchema(ma.Schema):
    region = ma.fields.String(required=True)
    commitment_id = ma.fields.Integer(allow_none=True)
    progress = ma.fields.Float(
        required=True,
        metadata={"description": "weighted share earned, 0–1; below target: min(verified, target)/target"},
    )
    verified = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True)
    overdue = ma.fields.Integer(required=True)
    stalled = ma.fields.Boolean(required=True)
    days_since_update = ma.fields.Integer(allow_none=True)
    waiting_on_host_days = ma.fields.Integer(
        allow_none=True, metadata={"description": "age in days of the oldest submission waiting for verification"}
    )
    index = ma.fields.Nested(IndexSchema, allow_none=True)
    target = ma.fields.Nested(TargetSchema, allow_none=True)


class OverviewRowSchema(ma.Schema):
    region = ma.fields.String(attribute="region_code", required=True)
    region_name = ma.fields.String(required=True)
    province = ma.fields.String(attribute="province_code", required=True)
    event_id = ma.fields.Integer(allow_none=True)
    event = ma.fields.String(attribute="event_name", allow_none=True)
    signed_on = ma.fields.Date(allow_none=True)
    status = ma.fields.String(required=True)
    progress = ma.fields.Float(required=True)
    verified = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True)
    overdue = ma.fields.Integer(required=True)
    stalled = ma.fields.Boolean(required=True)
    last_update = ma.fields.AwareDateTime(allow_none=True)
    waiting_on_host_days = ma.fields.Integer(allow_none=True)
    late_review = ma.fields.Boolean(metadata={"description": "waiting longer than VERIFY_SLA_DAYS"})
    index = ma.fields.Float(allow_none=True, metadata={"description": "the estimate"})
    coverage = ma.fields.Float(allow_none=True)
    coverage_basis = ma.fields.String(allow_none=True)
    official_year = ma.fields.Integer(allow_none=True)
    official_index = ma.fields.Float(allow_none=True)
    change = ma.fields.Float(allow_none=True)
    predicate = ma.fields.String(allow_none=True, metadata={"description": "null below INDEX_MIN_COVERAGE"})
    target = ma.fields.Nested(TargetSchema, allow_none=True, metadata={"description": "null without a target"})


class OverviewArgs(PageArgs):
    province = ma.fields.String(metadata={"example": "32"})
    event = record_id()
    stalled = ma.fields.Boolean()
    overdue = ma.fields.Boolean()
    q = ma.fields.String()


class SummarySchema(ma.Schema):
    commitments = ma.fields.Integer(required=True)
    average_progress = ma.fields.Float(
        required=True,
        metadata={"description": "each region once: by its most recently signed commitment when it has several"},
    )
    stalled = ma.fields.Integer(required=True)
    with_overdue = ma.fields.Integer(required=True)
    overdue_milestones = ma.fields.Integer(required=True)
    verified = ma.fields.Integer(required=True)
    milestones = ma.fields.Integer(required=True)
    average_index = ma.fields.Float(
        allow_none=True, metadata={"description": "over the regions at or above INDEX_MIN_COVERAGE only"}
    )
    index_regions = ma.fields.Integer(metadata={"description": "n: regions in the average index"})
    regions = ma.fields.Integer(metadata={"description": "N: regions with a commitment"})
    by_status = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())
    by_event = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer())
    by_province = ma.fields.List(ma.fields.Dict())


OverviewPage = page_schema(OverviewRowSchema, "OverviewPage")


@blp.route("/summary", methods=["GET"])
@requires("monitoring.national")
@blp.response(200, SummarySchema)
def summary():
    """National figures: totals, by status, by signing event, by province."""
    national = monitoring.national_summary(monitoring.overview_rows(current_user)[0])
    provinces = [
        {
            "code": p["code"],
            "name": p["name"],
            "commitments": p["commitments"],
            "average_progress": float(p["average_progress"]),
            "stalled": p["stalled"],
            "overdue_milestones": p["overdue_milestones"],
            "average_index": p["average_index"],
            "index_regions": p["index_regions"],
            "regions": p["regions"],
        }
        for p in national["provinces"]
    ]
    return {
        **national["totals"],
        "by_status": national["by_status"],
        "by_event": national["by_event"],
        "by_province": provinces,
    }


@blp.route("/overview", methods=["GET"])
@requires("monitoring.host")
@blp.arguments(OverviewArgs, location="query")
@blp.response(200, OverviewPage)
def overview(args):
    """The host table's rows, filtered like the page."""
    page, per_page = args.pop("page"), args.pop("per_page")
    rows = monitoring.filter_rows(monitoring.overview_rows(current_user)[0], **args)
    shown = rows[(page - 1) * per_page : page * per_page]
    statuses = targets.overview_targets(current_user, shown)
    return {
        "items": [{**row, "target": statuses.get(row["commitment_id"])} for row in shown],
        "total": len(rows),
        "page": page,
        "per_page": per_page,
    }


@blp.route("/regions/<string:code>/progress", methods=["GET"])
@requires("commitments.view")
@blp.response(200, ProgressSchema)
def progress(code):
    """Progress, overdue, stalled and the index estimates (by domain and aspect) of one region."""
    region = get_region(code)
    items, _catalogue = monitoring.region_figures(current_user, region)
    item = monitoring.primary(items)
    if item is None:
        return {
            "region": region.code,
            "commitment_id": None,
            "progress": 0,
            "verified": 0,
            "total": 0,
            "overdue": 0,
            "stalled": False,
            "days_since_update": None,
            "waiting_on_host_days": None,
            "index": None,
            "target": None,
        }
    item = max(
        items.values(), key=lambda i: (i.commitment.signed_on is not None, i.commitment.signed_on, i.commitment.id)
    )
    return {
        "region": region.code,
        "commitment_id": item.commitment.id,
        "progress": item.progress,
        "verified": item.verified,
        "total": item.total,
        "overdue": item.overdue,
        "stalled": item.stalled,
        "days_since_update": item.days_since_update,
        "waiting_on_host_days": item.waiting_on_host_days,
        "index": _index(item) if item.estimate else None,
        "target": targets.for_item(item),
    }


def _index(item):
    fields = monitoring.estimate_fields(item)
    official = item.official
    return {
        "official": {"year": official.year, "index": official.index, "predicate": official.predicate}
        if official
        else None,
        "estimate": fields["index"],
        "verified": fields["index"],
        "self_assessed": item.index_self.value,
        "predicate": fields["predicate"],
        "coverage": fields["coverage"],
        "coverage_basis": fields["coverage_basis"],
        "sufficient": fields["index_sufficient"],
        "change": fields["change"],
        "not_counted": fields["not_counted"],
        "domains": item.index.domains,
        "aspects": item.index.aspects,
    }


PDF_RESPONSE = {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


@blp.route("/regions/<string:code>/report.pdf", methods=["GET"])
@requires("commitments.view")
@blp.doc(responses={"200": {"description": "The region's status report", **PDF_RESPONSE}})
def region_report(code):
    """The region's PDF status report (region officers: their own region)."""
    region = reports.find_region(code)
    data = reports.region_report(current_user, region, locale=current_user.locale)
    return attachment(data, "application/pdf", f"status-{region.code}.pdf")


@blp.route("/reports/national.pdf", methods=["GET"])
@requires("monitoring.national")
@blp.doc(responses={"200": {"description": "The national summary", **PDF_RESPONSE}})
def national_report():
    """The national summary as PDF (ministries and host)."""
    data = reports.national_report(current_user, locale=current_user.locale)
    return attachment(data, "application/pdf", "national-summary.pdf")
