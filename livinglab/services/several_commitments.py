"""One region, several commitments (issue 14 point 4).

A region may sign more than one commitment (a Living Lab round, then a replication programme), but
a second *ongoing* one (signed or active) is recorded only with explicit confirmation: without it
`check_second` refuses with `SecondCommitment`, which names the commitment already ongoing, and
nothing is saved. Every surface that records commitments goes through it: the web form, the API and
the spreadsheet import all call `services.commitments.build_commitment`, which calls `check_second`
with their `confirm_second` (the import passes none yet, so it refuses such a row with this message).

Pages, the workspace and the PDF report show each commitment separately (`sections`). In national
figures the region counts once: its most recently signed commitment that is not withdrawn (ties:
the later recorded) represents it in averages and region counts (`domain.representatives`), the
same one region pages show first.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from livinglab.errors import Conflict
from livinglab.extensions import db
from livinglab.models import Commitment

ONGOING = ("signed", "active")


class SecondCommitment(Conflict):
    """A second ongoing commitment for a region, not confirmed: 409 naming the one ongoing."""

    code = "second_commitment"

    def __init__(self, message, fields, existing):
        super().__init__(message, fields)
        self.existing = existing
        self.extra = {"existing_commitment_id": existing.id}


def ongoing(region_id, exclude_id=None):
    """The region's signed or active commitments, most recently signed first."""
    statement = select(Commitment).where(Commitment.region_id == region_id, Commitment.status.in_(ONGOING))
    if exclude_id is not None:
        statement = statement.where(Commitment.id != exclude_id)
    rows = db.session.scalars(statement).all()
    return sorted(rows, key=lambda c: (c.signed_on or date.min, c.id), reverse=True)


def others(commitment):
    """The region's other commitments (any status), most recently signed first, for the page of a
    commitment the reader may already see (same region, same scope)."""
    rows = db.session.scalars(
        select(Commitment).where(Commitment.region_id == commitment.region_id, Commitment.id != commitment.id)
    ).all()
    return sorted(rows, key=lambda c: (c.signed_on or date.min, c.id), reverse=True)


def label(commitment):
    """How people name a commitment: its signing event (or signatory) and signing date."""
    what = commitment.signing_event.name if commitment.signing_event else commitment.signatory_name
    when = commitment.signed_on.isoformat() if commitment.signed_on else "—"
    return f"{what} ({when})"


def check_second(region, status, confirm_second=False, exclude_id=None, index=None):
    """Refuse a new ongoing commitment (`status` signed or active) for `region` while another is
    ongoing, unless `confirm_second`. Drafts need no confirmation. `index`: an import's
    services.commitment_index, which knows the ongoing commitments without a query."""
    if status not in ONGOING or confirm_second:
        return
    if index is not None:
        active = index.latest_ongoing(region)
    else:
        existing = ongoing(region.id, exclude_id)
        active = existing[0] if existing else None
    if active is None:
        return
    message = _(
        "%(region)s already has an active commitment: %(commitment)s, status %(status)s. "
        "Confirm to record a second commitment; both are then followed separately.",
        region=region.name,
        commitment=label(active),
        status=active.status,
    )
    raise SecondCommitment(message, {"confirm_second": message}, active)


def sections(items, milestones):
    """[(figures of a commitment, its milestones)] for a region's page: the commitment that
    represents the region first, then the others, most recently signed first."""
    by_commitment = {}
    for milestone in milestones:
        by_commitment.setdefault(milestone.commitment_id, []).append(milestone)
    ordered = sorted(items.values(), key=lambda i: (i.commitment.signed_on or date.min, i.commitment.id), reverse=True)
    return [(item, by_commitment.get(item.commitment.id, [])) for item in ordered]
