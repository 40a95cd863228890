"""PDF status reports: one region, the national summary, one signing event.

Reports are built from the same figures and the same SVG charts as the pages, in the reader's
language (Indonesian by default), and returned as bytes; nothing here writes to the database.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from livinglab import i18n, policy
from livinglab.domain import periods, scoring
from livinglab.extensions import db
from livinglab.models import MilestoneUpdate
from livinglab.models.base import utcnow
from livinglab.reporting import charts, maps, pdf
from livinglab.services import events, milestones, monitoring, replication, sectors, several_commitments, targets
from livinglab.services.regions import get_region

find_region = get_region


def _latest_comments(milestone_ids):
    """The host's latest return comment per milestone."""
    comments = {}
    for milestone_id, note in db.session.execute(
        select(MilestoneUpdate.milestone_id, MilestoneUpdate.note)
        .where(MilestoneUpdate.milestone_id.in_(milestone_ids), MilestoneUpdate.action == "return")
        .order_by(MilestoneUpdate.id)
    ):
        comments[milestone_id] = note
    return comments


def _by_domain(rows):
    grouped = {}
    for m in rows:
        domain = m.practice.domain
        grouped.setdefault(domain.name if domain else m.practice.framework.name, []).append(m)
    return list(grouped.items())


def region_context(actor, region, today=None):
    today = today or periods.local(utcnow(), region.timezone).date()  # the region's own day
    items, catalogue = monitoring.region_figures(actor, region)
    item = monitoring.primary(items)
    rows = milestones.region_milestones(actor, region.id)
    comments = _latest_comments([m.id for m in rows])
    attention = [
        (m, comments.get(m.id) if m.status == "returned" else None)
        for m in sorted(rows, key=lambda m: (m.status != "returned", m.due_date or today))
        if m.status == "returned" or scoring.is_overdue(m.due_date, m.status, today)
    ]
    timeline = monitoring.progress_timeline(item.commitment, today) if item else []
    return {
        "region": region,
        "item": item,
        "sections": [(figures, _by_domain(section)) for figures, section in several_commitments.sections(items, rows)],
        "attention": attention,
        "history": monitoring.region_history(actor, region, limit=20),
        "sectors": sectors.labels(actor, region),
        "replication": replication.commitment_replication(item.commitment) if item else None,
        "progress_chart": charts.progress_line(timeline, title=_("Verified share of the commitment by month")),
        "estimate": monitoring.estimate_fields(item) if item else None,
        "target": targets.for_item(item) if item else None,
        "min_coverage": monitoring.min_coverage(),
        "domain_chart": charts.domain_index_bars(
            item.index if item else None, catalogue, title=_("Verified index by SPBE domain")
        ),
        "generated": today,
    }


def region_report(actor, region, locale="id", today=None):
    with i18n.reading_in(locale, region.timezone):
        return pdf.render("region.html", **region_context(actor, region, today))


def national_report(actor, locale="id", today=None):
    policy.ensure(actor, "monitoring.national")
    with i18n.reading_in(locale):
        rows, catalogue = monitoring.overview_rows(actor, today)
        national = monitoring.national_summary(rows)
        values, legend = maps.area_values(rows, "progress", "province_code", catalogue)
        map_svg = maps.choropleth(
            {code: (colour, text) for code, (colour, text, _value) in values.items()},
            title=_("Commitment progress by province"),
            legend=legend,
        )
        return pdf.render(
            "national.html",
            national=national,
            targets=targets.national(actor, rows),
            map_svg=map_svg,
            generated=today or utcnow().date(),
        )


def event_report(actor, event_id, locale="id", today=None):
    with i18n.reading_in(locale):
        event = events.get_event(actor, event_id)
        host = current_app.config["HOST_REGION_CODE"]  # the host is no adopter (migration 0009 flags its own)
        commitments = [c for c in events.signatories(actor, event) if c.region.code != host]
        items, _catalogue = monitoring.figures(commitments, today)
        rows = [
            (c, items.get(c.id), monitoring.estimate_fields(items[c.id]) if c.id in items else None)
            for c in commitments
        ]
        return pdf.render("event.html", event=event, rows=rows, generated=today or utcnow().date())
