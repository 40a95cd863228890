"""Study visits (studi tiru): who came to learn which practices, and what they brought home."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import extract, func, select
from sqlalchemy.orm import joinedload, selectinload

from livinglab import policy
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Practice, Region, StudyVisit
from livinglab.models.base import utcnow
from livinglab.services import audit, uploads
from livinglab.services.accounts import find_region

MAX_DELEGATION = 500


def _snapshot(visit):
    return {
        "region": visit.region.code if visit.region else None,
        "start_date": visit.start_date.isoformat() if visit.start_date else None,
        "end_date": visit.end_date.isoformat() if visit.end_date else None,
        "head_of_delegation": visit.head_of_delegation,
        "delegation_size": visit.delegation_size,
        "practices": [p.code for p in visit.practices],
        "notes": visit.notes,
        "attachments": [a.id for a in visit.attachments],
    }


def practices_by_code(codes, field="practices"):
    """Active practices for the given codes (newest framework first when a code repeats)."""
    wanted = [c.strip().upper() for c in codes or () if c and c.strip()]
    found = {}
    for practice in db.session.scalars(
        select(Practice).where(Practice.code.in_(wanted), Practice.active.is_(True)).order_by(Practice.framework_id)
    ):
        found[practice.code] = practice
    unknown = [c for c in wanted if c not in found]
    if unknown:
        message = _("Unknown practice code(s): %(codes)s", codes=", ".join(unknown))
        raise Invalid(message, {field: message})
    return [found[c] for c in dict.fromkeys(wanted)]


def _validate(region, start_date, end_date, head, size, notes):
    errors = {}
    try:
        region_row = find_region(region)
        if region_row.kind == "province":
            errors["region"] = _("Choose a regency or city.")
    except Invalid as error:
        region_row = None
        errors["region"] = error.message
    if not isinstance(start_date, date):
        errors["start_date"] = _("Required.")
    if not isinstance(end_date, date):
        errors["end_date"] = _("Required.")
    if isinstance(start_date, date) and isinstance(end_date, date) and end_date < start_date:
        errors["end_date"] = _("The visit cannot end before it starts.")
    head = (head or "").strip()
    if not head:
        errors["head_of_delegation"] = _("Required.")
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_DELEGATION:
        errors["delegation_size"] = _("A number from 1 to %(n)s.", n=MAX_DELEGATION)
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    return region_row, head[:200], (notes or "").strip() or None


def create_visit(
    actor,
    *,
    region,
    start_date,
    end_date,
    head_of_delegation,
    delegation_size,
    practices=(),
    notes=None,
    attachments=(),
):
    """Record a visit; `attachments` are (bytes, file name) pairs. One transaction."""
    policy.ensure(actor, "visits.manage")
    region_row, head, notes = _validate(region, start_date, end_date, head_of_delegation, delegation_size, notes)
    visit = StudyVisit(
        region=region_row,
        start_date=start_date,
        end_date=end_date,
        head_of_delegation=head,
        delegation_size=delegation_size,
        notes=notes,
        practices=practices_by_code(practices),
        created_by_id=actor.id,
    )
    for data, name in attachments or ():
        visit.attachments.append(uploads.store(actor, data, name))
    db.session.add(visit)
    db.session.flush()
    audit.record(actor, "study_visit.create", visit, after=_snapshot(visit))
    db.session.commit()
    return visit


def update_visit(
    actor,
    visit_id,
    *,
    region,
    start_date,
    end_date,
    head_of_delegation,
    delegation_size,
    practices=(),
    notes=None,
    attachments=(),
):
    policy.ensure(actor, "visits.manage")
    visit = get_visit(actor, visit_id)
    before = _snapshot(visit)
    region_row, head, notes = _validate(region, start_date, end_date, head_of_delegation, delegation_size, notes)
    visit.region, visit.start_date, visit.end_date = region_row, start_date, end_date
    visit.head_of_delegation, visit.delegation_size, visit.notes = head, delegation_size, notes
    visit.practices = practices_by_code(practices)
    for data, name in attachments or ():
        visit.attachments.append(uploads.store(actor, data, name))
    audit.record(actor, "study_visit.update", visit, before, _snapshot(visit))
    db.session.commit()
    return visit


def delete_visit(actor, visit_id):
    """Soft delete: the visit disappears from lists; the row and its audit trail stay."""
    policy.ensure(actor, "visits.manage")
    visit = get_visit(actor, visit_id)
    visit.deleted_at = utcnow()
    audit.record(actor, "study_visit.delete", visit, before=_snapshot(visit))
    db.session.commit()


def get_visit(actor, visit_id):
    policy.ensure(actor, "visits.view")
    visit = db.session.get(StudyVisit, visit_id, options=[joinedload(StudyVisit.region)])
    if visit is not None and visit.deleted_at is not None:
        visit = None
    return policy.found_in_scope(actor, visit, lambda v: v.region_id, _("No such study visit."))


def get_attachment(actor, visit_id, upload_id):
    visit = get_visit(actor, visit_id)
    upload = next((a for a in visit.attachments if a.id == upload_id), None)
    if upload is None:
        raise NotFound(_("No such attachment."))
    return upload


def list_visits(actor, *, region=None, province=None, year=None, practice=None, page=1, per_page=50):
    """Visits the actor may see, newest first, filtered; returns (visits, total)."""
    policy.ensure(actor, "visits.view")
    statement = select(StudyVisit).join(StudyVisit.region).where(StudyVisit.deleted_at.is_(None))
    statement = policy.scope_to_region(statement, actor, StudyVisit.region_id)
    if region:
        statement = statement.where(Region.code == region)
    if province:
        parent = select(Region.id).where(Region.code == province).scalar_subquery()
        statement = statement.where(Region.parent_id == parent)
    if year:
        statement = statement.where(extract("year", StudyVisit.start_date) == int(year))
    if practice:
        statement = statement.where(StudyVisit.practices.any(Practice.code == practice.strip().upper()))
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    visits = db.session.scalars(
        statement.options(joinedload(StudyVisit.region), selectinload(StudyVisit.practices))
        .order_by(StudyVisit.start_date.desc(), StudyVisit.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return visits, total


def visit_years():
    rows = db.session.execute(
        select(extract("year", StudyVisit.start_date)).where(StudyVisit.deleted_at.is_(None)).distinct()
    ).scalars()
    return sorted({int(y) for y in rows if y is not None}, reverse=True)
