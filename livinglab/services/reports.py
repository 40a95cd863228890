"""PDF status reports: one region, the national summary, one signing event.

Reports are built from the same figures and the same SVG charts as the pages, in the reader's
language (Indonesian by default), and returned as bytes; nothing here writes to the database.
"""

from datetime import date
from typing import NamedTuple

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from livinglab import i18n, labels, policy
from livinglab.domain import milestone_states as states
from livinglab.domain import periods, representatives, scoring
from livinglab.domain import targets as domain_targets
from livinglab.extensions import db
from livinglab.models import MilestoneUpdate, Region
from livinglab.models.base import utcnow
from livinglab.reporting import charts, maps, pdf
from livinglab.services import (
    events,
    milestones,
    monitoring,
    progress_history,
    replication,
    sectors,
    several_commitments,
    targets,
)
from livinglab.services.regions import get_region

find_region = get_region


SUMMARY_OVERDUE = 5  # the oldest overdue milestones named on a summary page
SUMMARY_RETURNED = 3  # the latest return reasons quoted on a summary page
SUMMARY_NAMES = 8  # regions named in a summary page's lists (who reached the target, who is stalled)
SHEET_OPEN_ITEMS = 20  # open milestones a status sheet lists on its second page (the rest: the full report)


def letterhead_host():
    """The host region whose government heads page 1 of every report (None before regions are seeded)."""
    return db.session.scalar(select(Region).where(Region.code == current_app.config["HOST_REGION_CODE"]))


def _latest_returns(milestone_ids):
    """{milestone id: (the host's latest return comment, when)}."""
    returns = {}
    for milestone_id, note, at in db.session.execute(
        select(MilestoneUpdate.milestone_id, MilestoneUpdate.note, MilestoneUpdate.at)
        .where(MilestoneUpdate.milestone_id.in_(milestone_ids), MilestoneUpdate.action == "return")
        .order_by(MilestoneUpdate.id)
    ):
        returns[milestone_id] = (note, at)
    return returns


def _by_domain(rows):
    grouped = {}
    for m in rows:
        domain = m.practice.domain
        grouped.setdefault(domain.name if domain else m.practice.framework.name, []).append(m)
    return list(grouped.items())


def _urgency(m, today):
    """Sort key of open milestones: returned first, then overdue (oldest due first), then by due date."""
    return (m.status != "returned", not scoring.is_overdue(m.due_date, m.status, today), m.due_date or date.max, m.id)


class _RegionBasis(NamedTuple):
    summary: dict  # the summary page's context
    items: dict  # commitment id → CommitmentFigures of the region's commitments
    catalogue: object
    rows: list  # every milestone of the region's commitments
    own: list  # the milestones of the commitment that represents the region
    returns: dict  # milestone id → (latest return comment, when)


def _region_basics(actor, region, today):
    """What every region report starts from: figures, milestones, return comments and the summary
    page's data (all of it about the commitment that represents the region)."""
    today = today or periods.local(utcnow(), region.timezone).date()  # the region's own day
    items, catalogue = monitoring.region_figures(actor, region)
    item = monitoring.primary(items)
    rows = milestones.region_milestones(actor, region.id)
    returns = _latest_returns([m.id for m in rows])
    own = [m for m in rows if item and m.commitment_id == item.commitment.id]
    overdue = sorted(
        (m for m in own if scoring.is_overdue(m.due_date, m.status, today)), key=lambda m: (m.due_date, m.id)
    )
    returned = sorted(
        (m for m in own if m.status == "returned" and m.id in returns), key=lambda m: returns[m.id][1], reverse=True
    )
    counts = {status: sum(1 for m in own if m.status == status) for status in labels.STATUS_LABELS}
    summary = {
        "host": letterhead_host(),
        "region": region,
        "item": item,
        "commitments": len(items),
        "estimate": monitoring.estimate_fields(item) if item else None,
        "target": targets.for_item(item) if item else None,
        "min_coverage": monitoring.min_coverage(),
        "status_counts": counts,
        "overdue_count": len(overdue),
        "overdue": [(m, (today - m.due_date).days) for m in overdue[:SUMMARY_OVERDUE]],
        "returned_count": len(returned),
        "returned": [(m, *returns[m.id]) for m in returned[:SUMMARY_RETURNED]],
        "replication": replication.commitment_replication(item.commitment) if item else None,
        "generated": today,
    }
    return _RegionBasis(summary, items, catalogue, rows, own, returns)


def region_context(actor, region, today=None):
    basis = _region_basics(actor, region, today)
    summary, rows, returns = basis.summary, basis.rows, basis.returns
    today, item = summary["generated"], summary["item"]
    attention = [
        (m, returns[m.id][0] if m.status == "returned" and m.id in returns else None)
        for m in sorted(rows, key=lambda m: (m.status != "returned", m.due_date or today))
        if m.status == "returned" or scoring.is_overdue(m.due_date, m.status, today)
    ]
    timeline = progress_history.progress_timeline(item.commitment, today) if item else []
    return {
        **summary,
        "sections": [
            (figures, _by_domain(section)) for figures, section in several_commitments.sections(basis.items, rows)
        ],
        "attention": attention,
        "history": progress_history.region_history(actor, region, limit=20),
        "sectors": sectors.labels(actor, region),
        "status_chart": charts.status_bar(
            summary["status_counts"], labels.STATUS_LABELS, labels.STATUS_COLOURS, title=_("Milestones by status")
        ),
        "progress_chart": charts.progress_line(timeline, title=_("Verified share of the commitment by month")),
        "domain_chart": charts.domain_index_bars(
            item.index if item else None, basis.catalogue, title=_("Verified index by SPBE domain")
        ),
    }


def region_report(actor, region, locale="id", today=None):
    with i18n.reading_in(locale, region.timezone):
        return pdf.render("region.html", **region_context(actor, region, today))


def status_sheet_context(actor, region, today=None):
    """The summary page and the region's open milestones, most urgent first (at most SHEET_OPEN_ITEMS)."""
    basis = _region_basics(actor, region, today)
    summary = basis.summary
    today = summary["generated"]
    open_items = sorted((m for m in basis.own if not states.is_done(m.status)), key=lambda m: _urgency(m, today))
    return {
        **summary,
        "open_items": [
            (m, (today - m.due_date).days if scoring.is_overdue(m.due_date, m.status, today) else None)
            for m in open_items[:SHEET_OPEN_ITEMS]
        ],
        "open_count": len(open_items),
        "full_report_url": f"{current_app.config['BASE_URL'].rstrip('/')}/regions/{region.code}/report.pdf",
    }


def status_sheet(actor, region, locale="id", today=None):
    """The weekly status sheet of a region, at most two pages: its summary page, then its open items
    (the full report stays one click away: the sheet names its address)."""
    with i18n.reading_in(locale, region.timezone):
        return pdf.render("status_sheet.html", **status_sheet_context(actor, region, today))


def _group_summary(rows, statuses):
    """Page 1 of a report on many commitments (national, one signing event): totals, the spread of
    progress, targets reached, who reached one and who is stalled. `rows` are overview rows,
    `statuses` {commitment id: TargetStatus or None}."""
    national = monitoring.national_summary(rows)
    by_id = {r["commitment_id"]: r for r in rows}
    reached, with_target = domain_targets.reached_count(statuses.values())
    regions = representatives.representative_rows(rows)
    return {
        "national": national,
        "targets": {
            "reached": reached,
            "with_target": with_target,
            "unknown": sum(1 for s in statuses.values() if s is not None and s.reached is None),
            "below_official": sum(1 for s in statuses.values() if s is not None and s.below_official),
            "furthest": [(by_id[key], s) for key, s in domain_targets.furthest(statuses.items(), targets.FURTHEST)],
        },
        "reached_rows": sorted(
            (by_id[key] for key, s in statuses.items() if s is not None and s.reached), key=lambda r: r["region_name"]
        ),
        "official_regions": sum(1 for r in regions if r["official_index"] is not None),
        "regions": len(regions),
        "distribution_chart": charts.progress_distribution(national["distribution"], title=_("Regions by progress")),
        "names": SUMMARY_NAMES,
        "min_coverage": monitoring.min_coverage(),
    }


def national_report(actor, locale="id", today=None):
    policy.ensure(actor, "monitoring.national")
    with i18n.reading_in(locale):
        rows, catalogue = monitoring.overview_rows(actor, today)
        values, legend = maps.area_values(rows, "progress", "province_code", catalogue)
        map_svg = maps.choropleth(
            {code: (colour, text) for code, (colour, text, _value) in values.items()},
            title=_("Commitment progress by province"),
            legend=legend,
        )
        return pdf.render(
            "national.html",
            **_group_summary(rows, targets.overview_targets(actor, rows)),
            map_svg=map_svg,
            host=letterhead_host(),
            generated=today or utcnow().date(),
        )


def event_report(actor, event_id, locale="id", today=None):
    with i18n.reading_in(locale):
        event = events.get_event(actor, event_id)
        host = current_app.config["HOST_REGION_CODE"]  # the host is no adopter (migration 0009 flags its own)
        commitments = [c for c in events.signatories(actor, event) if c.region.code != host]
        items, _catalogue = monitoring.figures(commitments, today)
        provinces = {c.region.parent_id: c.region.parent for c in commitments if c.region.parent}
        rows = sorted(
            (monitoring.overview_row(items[c.id], provinces) for c in commitments),
            key=lambda r: (-r["progress"], r["region_name"]),
        )
        statuses = {c.id: targets.for_item(items[c.id]) for c in commitments}
        signatories = {c.id: c for c in commitments}
        return pdf.render(
            "event.html",
            **_group_summary(rows, statuses),
            event=event,
            table=[(signatories[r["commitment_id"]], r, statuses[r["commitment_id"]]) for r in rows],
            host=letterhead_host(),
            generated=today or utcnow().date(),
        )
