"""Monitoring for the host: the overview of all adopters, with exports, heatmap and ranking."""

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Region, SigningEvent
from livinglab.services import exports, monitoring
from livinglab.web.access import requires

bp = Blueprint("monitoring", __name__)
PER_PAGE = 50


def _flag(name):
    value = request.args.get(name)
    return {"1": True, "0": False}.get(value)


def _filters():
    args = request.args
    return {
        "province": args.get("province") or None,
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
        ("status", _("Status")),
        ("progress_percent", _("Progress %")),
        ("verified", _("Verified")),
        ("total", _("Milestones")),
        ("overdue", _("Overdue")),
        ("stalled", _("Stalled")),
        ("last_update", _("Last update")),
        ("index", _("Index (verified)")),
        ("predicate", _("Predicate")),
        ("index_self", _("Index (self-assessed)")),
    ]


def _export_rows(rows):
    return [{**row, "progress_percent": round(float(row["progress"]) * 100, 1)} for row in rows]


@bp.route("/overview")
@requires("monitoring.host")
def overview():
    filters = _filters()
    all_rows, catalogue = monitoring.overview_rows(current_user)
    rows = monitoring.filter_rows(all_rows, **filters)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pages = max((len(rows) + PER_PAGE - 1) // PER_PAGE, 1)
    return render_template(
        "monitoring/overview.html",
        rows=rows[(page - 1) * PER_PAGE : page * PER_PAGE],
        count=len(rows),
        page=page,
        pages=pages,
        filters=filters,
        summary=monitoring.summary(rows),
        improved=monitoring.most_improved(all_rows),
        catalogue=catalogue,
        provinces=db.session.scalars(select(Region).where(Region.kind == "province").order_by(Region.name)).all(),
        events=db.session.scalars(select(SigningEvent).order_by(SigningEvent.date)).all(),
        args=request.args,
    )


def _download(data, mimetype, name):
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/overview.csv")
@requires("monitoring.host")
def overview_csv():
    rows = monitoring.filter_rows(monitoring.overview_rows(current_user)[0], **_filters())
    return _download(exports.to_csv(export_columns(), _export_rows(rows)), "text/csv", "living-lab-overview.csv")


@bp.route("/overview.xlsx")
@requires("monitoring.host")
def overview_xlsx():
    rows = monitoring.filter_rows(monitoring.overview_rows(current_user)[0], **_filters())
    data = exports.to_xlsx(export_columns(), _export_rows(rows), "overview")
    return _download(
        data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "living-lab-overview.xlsx"
    )
