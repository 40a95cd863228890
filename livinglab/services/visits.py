"""Study visits (studi tiru): who came to learn which practices, and what they brought home.

The visitor is a region (regency or city), an agency from the agency list (ministry or
institution) or another organisation (name and type: NGO, university, private, international),
given as `visitor={"kind": ..., "code" | "name", "type"}`; `region="32.04"` stays a shorthand for a
region's visit. Region officers see only their own region's visits.
"""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import extract, func, select
from sqlalchemy.orm import joinedload, selectinload

from livinglab import policy
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Agency, Practice, Region, StudyVisit
from livinglab.models.base import utcnow
from livinglab.models.commitments import ORGANISATION_TYPES, VISITOR_KINDS
from livinglab.services import audit, uploads
from livinglab.services.accounts import find_agency, find_region

MAX_DELEGATION = 500


def visitor_of(visit):
    """The visitor as plain data, as the API shows it."""
    if visit.visitor_kind == "region":
        return {"kind": "region", "code": visit.region.code, "name": visit.region.name}
    if visit.visitor_kind == "agency":
        return {"kind": "agency", "code": visit.agency.code, "name": visit.agency.full_name}
    return {"kind": "organisation", "name": visit.organisation_name, "type": visit.organisation_type}


def _snapshot(visit):
    return {
        "visitor": visitor_of(visit) if visit.visitor_kind else None,
        "start_date": visit.start_date.isoformat() if visit.start_date else None,
        "end_date": visit.end_date.isoformat() if visit.end_date else None,
        "head_of_delegation": visit.head_of_delegation,
        "delegation_size": visit.delegation_size,
        "practices": [p.code for p in visit.practices],
        "notes": visit.notes,
        "attachments": [a.id for a in visit.attachments],
    }


def practices_by_code(codes, field="practices", known=None):
    """Active practices for the given codes (newest framework first when a code repeats); `known`:
    the active practices by code, read once already (an import's rows)."""
    wanted = [c.strip().upper() for c in codes or () if c and c.strip()]
    found = {}
    if known is not None:
        found = {c: known[c] for c in wanted if c in known}
    else:
        for practice in db.session.scalars(
            select(Practice).where(Practice.code.in_(wanted), Practice.active.is_(True)).order_by(Practice.framework_id)
        ):
            found[practice.code] = practice
    unknown = [c for c in wanted if c not in found]
    if unknown:
        message = _("Unknown practice code(s): %(codes)s", codes=", ".join(unknown))
        raise Invalid(message, {field: message})
    return [found[c] for c in dict.fromkeys(wanted)]


def _visitor(visitor, region, errors):
    """(kind, region, agency, organisation name, organisation type) of the visitor; problems go
    into `errors` under "visitor" (or "region" for the shorthand)."""
    if visitor and region:
        errors["visitor"] = _("Give the visitor or the region, not both.")
        return None
    if not visitor:
        visitor, field = {"kind": "region", "code": region}, "region"
    else:
        field = "visitor"
    kind = visitor.get("kind")
    if kind not in VISITOR_KINDS:
        errors[field] = _("Choose a region, an agency or another organisation.")
        return None
    try:
        if kind == "region":
            region_row = find_region(visitor.get("code"))
            if region_row.kind == "province":
                errors[field] = _("Choose a regency or city.")
            return ("region", region_row, None, None, None)
        if kind == "agency":
            return ("agency", None, find_agency(visitor.get("code")), None, None)
    except Invalid as error:
        errors[field] = error.message
        return None
    name, kind_of = (visitor.get("name") or "").strip(), visitor.get("type")
    if not name:
        errors[field] = _("Give the organisation's name.")
    elif kind_of not in ORGANISATION_TYPES:
        errors[field] = _("Choose the kind of organisation: %(types)s.", types=", ".join(ORGANISATION_TYPES))
    return ("organisation", None, None, name[:200], kind_of)


def _validate(visitor, region, start_date, end_date, head, size, notes):
    errors = {}
    who = _visitor(visitor, region, errors)
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
    return who, head[:200], (notes or "").strip() or None


def _set_visitor(visit, who):
    kind, region_row, agency, name, kind_of = who
    visit.visitor_kind, visit.region, visit.agency = kind, region_row, agency
    visit.organisation_name, visit.organisation_type = name, kind_of


def create_visit(
    actor,
    *,
    visitor=None,
    region=None,
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
    who, head, notes = _validate(visitor, region, start_date, end_date, head_of_delegation, delegation_size, notes)
    visit = StudyVisit(
        start_date=start_date,
        end_date=end_date,
        head_of_delegation=head,
        delegation_size=delegation_size,
        notes=notes,
        practices=practices_by_code(practices),
        created_by_id=actor.id,
    )
    _set_visitor(visit, who)
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
    visitor=None,
    region=None,
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
    who, head, notes = _validate(visitor, region, start_date, end_date, head_of_delegation, delegation_size, notes)
    _set_visitor(visit, who)
    visit.start_date, visit.end_date = start_date, end_date
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
    visit = db.session.get(StudyVisit, visit_id)
    if visit is not None and visit.deleted_at is not None:
        visit = None
    return policy.found_in_scope(actor, visit, lambda v: v.region_id, _("No such study visit."))


def get_attachment(actor, visit_id, upload_id):
    visit = get_visit(actor, visit_id)
    upload = next((a for a in visit.attachments if a.id == upload_id), None)
    if upload is None:
        raise NotFound(_("No such attachment."))
    return upload


def _visible(actor):
    statement = select(StudyVisit).where(StudyVisit.deleted_at.is_(None))
    return policy.scope_to_region(statement, actor, StudyVisit.region_id)


def list_visits(
    actor, *, kind=None, region=None, agency=None, q=None, province=None, year=None, practice=None, page=1, per_page=50
):
    """Visits the actor may see, newest first, filtered; returns (visits, total). `q` searches the
    visitor's name (region, agency or organisation)."""
    policy.ensure(actor, "visits.view")
    statement = _visible(actor).outerjoin(StudyVisit.region).outerjoin(StudyVisit.agency)
    if kind:
        statement = statement.where(StudyVisit.visitor_kind == kind)
    if agency:
        statement = statement.where(func.lower(Agency.code) == agency.strip().lower())
    if q:
        needle = f"%{q.strip().lower()}%"
        statement = statement.where(
            func.lower(Region.name).like(needle)
            | func.lower(Agency.name).like(needle)
            | func.lower(Agency.full_name).like(needle)
            | func.lower(StudyVisit.organisation_name).like(needle)
        )
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
        statement.options(
            joinedload(StudyVisit.region), joinedload(StudyVisit.agency), selectinload(StudyVisit.practices)
        )
        .order_by(StudyVisit.start_date.desc(), StudyVisit.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return visits, total


def counts_by_kind(actor):
    """{visitor kind: number of visits} of the visits the actor may see, every kind present."""
    policy.ensure(actor, "visits.view")
    visible = _visible(actor).subquery()
    counts = dict.fromkeys(VISITOR_KINDS, 0)
    for kind, number in db.session.execute(
        select(visible.c.visitor_kind, func.count()).group_by(visible.c.visitor_kind)
    ):
        counts[kind] = number
    return counts


def visit_years():
    rows = db.session.execute(
        select(extract("year", StudyVisit.start_date)).where(StudyVisit.deleted_at.is_(None)).distinct()
    ).scalars()
    return sorted({int(y) for y in rows if y is not None}, reverse=True)
