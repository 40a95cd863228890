"""Monitoring for the host: the overview of all adopters, with exports, heatmap and ranking."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from livinglab.domain import representatives
from livinglab.errors import NotFound
from livinglab.extensions import db
from livinglab.i18n import current_locale
from livinglab.labels import COMMITMENT_STATUS_LABELS, INDEX_INPUT_COLUMNS
from livinglab.models import Region, SigningEvent
from livinglab.models.base import utcnow
from livinglab.reporting import bands, charts, maps
from livinglab.services import (
    exports,
    milestones,
    monitoring,
    peer_learning,
    progress_history,
    replication,
    reports,
    sectors,
    several_commitments,
    targets,
)
from livinglab.services.regions import get_region
from livinglab.web.access import requires
from livinglab.web.files import XLSX, attachment
from livinglab.web.paging import PER_PAGE, page_count, requested_page
from livinglab.web.region_filter import province_arg

bp = Blueprint("monitoring", __name__)


def _flag(name):
    value = request.args.get(name)
    return {"1": True, "0": False}.get(value)


def _filters(warn=False):
    args = request.args
    return {
        "province": province_arg(warn=warn),
        "event": args.get("event") or None,
        "status": args.get("status") or None,
        "stalled": _flag("stalled"),
        "overdue": _flag("overdue"),
        "q": args.get("q") or None,
        "sort": args.get("sort") if args.get("sort") in monitoring.SORT_KEYS else "region",
        "descending": args.get("dir") == "desc",
    }


def export_columns():
    return [
        ("region_code", _("Region code")),
        ("region_name", _("Region")),
        ("province_name", _("Province")),
        ("event_name", _("Signing event")),
        ("signed_on", _("Signed")),
        ("status_text", _("Status")),
        ("progress_percent", _("Progress %")),
        ("verified", _("Verified")),
        ("total", _("Milestones")),
        ("overdue", _("Overdue")),
        ("stalled", _("Stalled")),
        ("waiting_on_host_days", _("Waiting on host (days)")),
        ("last_update", _("Last update")),
        ("index", _("Index estimate")),
        ("coverage_text", _("Coverage")),
        ("predicate_text", _("Predicate")),
        ("official_year", _("Official year")),
        ("official_index", _("Official index")),
        ("change", _("Change since official")),
        ("index_self", _("Index (self-assessed)")),
    ]


def _coverage_text(row):
    if row["coverage_basis"] == "official":
        return _("official result %(year)s", year=row["official_year"])
    return f"{round(float(row['coverage']) * 100, 1)}%" if row["coverage"] is not None else None


def _predicate_text(row):
    if row["index"] is None:
        return None
    return row["predicate"] if row["index_sufficient"] else _("not enough data")


def _export_rows(rows):
    return [
        {
            **row,
            "status_text": str(COMMITMENT_STATUS_LABELS.get(row["status"], row["status"])),
            "progress_percent": round(float(row["progress"]) * 100, 1),
            "coverage_text": _coverage_text(row),
            "predicate_text": _predicate_text(row),
        }
        for row in rows
    ]


def _sort_choices():
    return [
        ("region", _("Region")),
        ("province", _("Province")),
        ("event", _("Signing event")),
        ("signed", _("Signed")),
        ("progress", _("Progress")),
        ("index", _("Index estimate")),
        ("overdue", _("Overdue")),
        ("stalled", _("Stalled")),
        ("waiting", _("Waiting on host")),
        ("updated", _("Last update")),
    ]


@bp.route("/overview")
@requires("monitoring.host")
def overview():
    filters, page = _filters(warn=True), requested_page()  # refused (400) before the cached rows are built
    all_rows, catalogue = monitoring.overview_rows(current_user)
    rows = monitoring.filter_rows(all_rows, **filters)
    pages = page_count(len(rows))
    return render_template(
        "monitoring/overview.html",
        rows=rows[(page - 1) * PER_PAGE : page * PER_PAGE],
        targets=targets.overview_targets(current_user, rows[(page - 1) * PER_PAGE : page * PER_PAGE]),
        count=len(rows),
        page=page,
        pages=pages,
        filters=filters,
        summary=monitoring.summary(rows),
        several=representatives.several(all_rows),
        improved=progress_history.most_improved(all_rows, catalogue),
        catalogue=catalogue,
        heat_class=lambda value: bands.band_class(catalogue, value),
        band_legend=bands.legend(catalogue),
        sort_choices=_sort_choices(),
        provinces=db.session.scalars(select(Region).where(Region.kind == "province").order_by(Region.name)).all(),
        events=db.session.scalars(select(SigningEvent).order_by(SigningEvent.date)).all(),
        args=request.args,
    )


@bp.route("/overview.csv")
@requires("monitoring.host")
def overview_csv():
    rows = monitoring.filter_rows(monitoring.overview_rows(current_user)[0], **_filters())
    return attachment(exports.to_csv(export_columns(), _export_rows(rows)), "text/csv", "living-lab-overview.csv")


@bp.route("/overview.xlsx")
@requires("monitoring.host")
def overview_xlsx():
    rows = monitoring.filter_rows(monitoring.overview_rows(current_user)[0], **_filters())
    data = exports.to_xlsx(export_columns(), _export_rows(rows), _("Overview"))
    return attachment(data, XLSX, "living-lab-overview.xlsx")


def _region(code):
    return get_region(code)


@bp.route("/regions/<code>")
@requires("commitments.view")
def region(code):
    region = _region(code)
    items, catalogue = monitoring.region_figures(current_user, region)
    item = monitoring.primary(items)
    timeline = progress_history.progress_timeline(item.commitment) if item else []
    return render_template(
        "monitoring/region.html",
        region=region,
        item=item,
        catalogue=catalogue,
        inputs=monitoring.index_inputs(item, catalogue) if item else [],
        estimate=monitoring.estimate_fields(item) if item else None,
        min_coverage=monitoring.min_coverage(),
        progress_chart=charts.progress_line(
            [(label, share) for label, share in timeline], title=_("Verified share of the commitment by month")
        ),
        domain_chart=charts.domain_index_bars(
            item.index if item else None, catalogue, title=_("Verified index by SPBE domain")
        ),
        history=progress_history.region_history(current_user, region),
        sections=several_commitments.sections(items, milestones.region_milestones(current_user, region.id)),
        replication=replication.commitment_replication(item.commitment) if item else None,
        target=targets.for_item(item) if item else None,
        sectors=sectors.labels(current_user, region),
        today=utcnow().date(),
    )


@bp.route("/regions/<code>/index.csv")
@requires("commitments.view")
def index_csv(code):
    region = _region(code)
    items, catalogue = monitoring.region_figures(current_user, region)
    item = monitoring.primary(items)
    rows = monitoring.index_inputs(item, catalogue) if item else []
    columns = [(key, str(header)) for key, header in INDEX_INPUT_COLUMNS.items()]
    return attachment(exports.to_csv(columns, rows), "text/csv", f"index-{region.code}.csv")


def province_columns():
    return [
        ("code", _("Province code")),
        ("name", _("Province")),
        ("commitments", _("Commitments")),
        ("average_progress_percent", _("Average progress %")),
        ("stalled", _("Stalled")),
        ("overdue_milestones", _("Overdue milestones")),
        ("average_index", _("Average index estimate")),
        ("index_regions", _("Regions in the average")),
        ("regions", _("Regions")),
    ]


def _province_rows(national):
    return [
        {**p, "average_progress_percent": round(float(p["average_progress"]) * 100, 1)} for p in national["provinces"]
    ]


@bp.route("/national")
@requires("monitoring.national")
def national():
    rows, catalogue = monitoring.overview_rows(current_user)
    province = province_arg()
    summary = monitoring.national_summary(rows)
    distribution = charts.progress_distribution(summary["distribution"], title=_("Commitments by progress"))
    return render_template(
        "monitoring/national.html",
        national=summary,
        distribution_chart=distribution,
        province=province,
        province_rows=[r for r in rows if r["province_code"] == province] if province else [],
        catalogue=catalogue,
        targets=targets.national(current_user),
    )


@bp.route("/national/provinces.csv")
@requires("monitoring.national")
def national_csv():
    national = monitoring.national_summary(monitoring.overview_rows(current_user)[0])
    return attachment(exports.to_csv(province_columns(), _province_rows(national)), "text/csv", "provinces.csv")


@bp.route("/national/provinces.xlsx")
@requires("monitoring.national")
def national_xlsx():
    national = monitoring.national_summary(monitoring.overview_rows(current_user)[0])
    data = exports.to_xlsx(province_columns(), _province_rows(national), _("Provinces"))
    return attachment(data, XLSX, "provinces.xlsx")


@bp.route("/national/regions.csv")
@requires("monitoring.national")
def national_regions_csv():
    rows = monitoring.filter_rows(monitoring.overview_rows(current_user)[0], **_filters())
    return attachment(exports.to_csv(export_columns(), _export_rows(rows)), "text/csv", "regions.csv")


@bp.route("/map", endpoint="map")
@requires("monitoring.national")
def map_page():
    rows, catalogue = monitoring.overview_rows(current_user)
    measure = "index" if request.args.get("measure") == "index" else "progress"
    province_code = province_arg(warn=False)  # a name that names no province: the 404 says so
    province = None
    if province_code:
        province = db.session.scalar(select(Region).where(Region.code == province_code, Region.kind == "province"))
        if province is None:
            raise NotFound(_("Unknown province code: %(code)s", code=province_code))
        rows = [r for r in rows if r["province_code"] == province.code]
        values, legend = maps.area_values(rows, measure, "region_code", catalogue)
        links = {code: url_for("monitoring.region", code=code) for code in values}
        title = _("%(province)s: regencies and cities", province=province.name)
    else:
        values, legend = maps.area_values(rows, measure, "province_code", catalogue)
        links = {
            r.code: url_for("monitoring.map", province=r.code, measure=measure)
            for r in db.session.scalars(select(Region).where(Region.kind == "province"))
        }
        title = _("Indonesia: provinces")
    svg = maps.choropleth(
        {code: (colour, text) for code, (colour, text, _value) in values.items()},
        title=title,
        legend=legend,
        parent=province.code if province else None,
        links=links,
        draw_legend=False,
    )
    names = {r.code: r.name for r in db.session.scalars(select(Region).where(Region.code.in_(values)))}
    table = sorted(((names.get(code, code), code, text) for code, (_c, text, _v) in values.items()), key=lambda t: t[0])
    return render_template(
        "monitoring/map.html",
        svg=svg,
        map_legend=maps.map_legend(legend),
        map_credit=maps.CREDIT,
        table=table,
        measure=measure,
        province=province,
        title=title,
        links=links,
    )


@bp.route("/peers/<practice_code>")
@requires("commitments.view")
def peers(practice_code):
    practice, rows = peer_learning.verified_by(practice_code)
    if practice is None:
        raise NotFound(_("Unknown practice code: %(code)s", code=practice_code))
    return render_template("monitoring/peers.html", practice=practice, rows=rows)


@bp.route("/regions/<code>/report.pdf")
@requires("commitments.view")
def region_report(code):
    region = _region(code)
    data = reports.region_report(current_user, region, locale=current_locale())
    return attachment(data, "application/pdf", f"status-{region.code}.pdf")


@bp.route("/national/report.pdf")
@requires("monitoring.national")
def national_report():
    return attachment(
        reports.national_report(current_user, locale=current_locale()), "application/pdf", "national-summary.pdf"
    )
