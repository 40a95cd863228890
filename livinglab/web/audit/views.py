"""Host administrators browse and filter the audit log."""

from datetime import UTC, datetime, time, timedelta

from flask import Blueprint, render_template, request
from flask_login import current_user

from livinglab.services import audit
from livinglab.web.access import requires
from livinglab.web.audit.changes import changes
from livinglab.web.paging import PER_PAGE, pager, requested_page

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


def _day(value, shift=0):
    """An ISO date from the query string as a UTC datetime (start of day + shift days), or None."""
    try:
        day = datetime.strptime(value or "", "%Y-%m-%d").date() + timedelta(days=shift)
    except (ValueError, OverflowError):  # not a date, or the day after 9999-12-31
        return None
    return datetime.combine(day, time.min, tzinfo=UTC)


@bp.route("")
@requires("audit.view")
def index():
    args = request.args
    page = requested_page()
    filters = {
        "action": args.get("action", "").strip(),
        "entity_type": args.get("entity_type", "").strip(),
        "actor_email": args.get("actor", "").strip(),
    }
    events, total = audit.search(
        current_user,
        **{k: v or None for k, v in filters.items()},
        since=_day(args.get("since")),
        until=_day(args.get("until"), shift=1),
        page=page,
        per_page=PER_PAGE,
    )
    return render_template(
        "audit/index.html",
        events=events,
        entity_types=audit.entity_types(),
        changes=changes,
        **pager(total, page),
    )
