"""Commitments and their milestone plans.

A commitment names the practices a region's head signed up to; creating or extending it generates
one milestone per practice, due `signed_on + practice.default_duration_days` (or, with no signing
date yet, counted from the day it is recorded), capped at the commitment's target date, at target
level 3. Both due date and target level can be edited per milestone afterwards.

The host region is no adopter: a commitment for `HOST_REGION_CODE` is refused here, which covers
the web form, the API, the spreadsheet import and the demo. Older ones were flagged for the admin
by migration 0009 (`Commitment.flag == "host_region"`) and are left out of national figures.
"""

from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.domain.regions import HEAD_TITLES
from livinglab.errors import Conflict, DomainError, Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Commitment, Milestone, Region, SigningEvent, StudyVisit
from livinglab.models.base import utcnow
from livinglab.models.commitments import COMMITMENT_STATUSES, SIGNATORY_TITLES
from livinglab.services import audit, replanning, several_commitments, uploads
from livinglab.services.accounts import find_region
from livinglab.services.lookups import RegionLookup, agency_by_code_or_name, canonical_title
from livinglab.services.practice_packages import practice_codes
from livinglab.services.targets import clean_target
from livinglab.services.visits import practices_by_code

DEFAULT_TARGET_LEVEL = 3
KEEP = object()  # update_commitment: leave the target as it is
STATUS_FLOW = {
    "draft": {"signed", "withdrawn"},
    "signed": {"active", "withdrawn"},
    "active": {"completed", "withdrawn"},
}


def _snapshot(commitment):
    return {
        "region": commitment.region.code if commitment.region else None,
        "signing_event_id": commitment.signing_event_id,
        "study_visit_id": commitment.study_visit_id,
        "signatory_name": commitment.signatory_name,
        "signatory_title": commitment.signatory_title,
        "signed_on": commitment.signed_on.isoformat() if commitment.signed_on else None,
        "target_date": commitment.target_date.isoformat() if commitment.target_date else None,
        "target_index": str(commitment.target_index) if commitment.target_index is not None else None,
        "target_year": commitment.target_year,
        "status": commitment.status,
        "host_is_party": commitment.host_is_party,
        "second_party": commitment.second_party_agency.code if commitment.second_party_agency else None,
        "document_id": commitment.document_id,
        "practices": [m.practice.code for m in commitment.milestones],
    }


def default_title(region):
    return HEAD_TITLES.get(region.kind, "Bupati")


def due_date_for(commitment, practice):
    start = commitment.signed_on or utcnow().date()
    due = start + timedelta(days=practice.default_duration_days)
    if commitment.target_date and due > commitment.target_date:
        return commitment.target_date
    return due


def _refuse_host_region(region):
    """The host region is no adopter: it makes no commitment of its own (422 on every surface)."""
    if region.code == current_app.config["HOST_REGION_CODE"]:
        message = _(
            "%(region)s is the host region: the host is not an adopting region and makes no commitment of its own.",
            region=region.name,
        )
        raise Invalid(message, {"region": message})


def region_named(text):
    """The region with code or name `text` as people write it ("Kab. Bandung", "Palu"); Invalid
    when none or several match (the message names the candidates or the nearest names). A Region
    (an import's row, matched already) is taken as it is."""
    if isinstance(text, Region):
        return text
    try:
        return find_region(text)
    except Invalid:
        found = RegionLookup().match(text)
    if found.status == "ok":
        return found.region
    names = ", ".join(f"{r.name} ({r.code})" for r in found.candidates)
    if found.status == "ambiguous":
        message = _("%(name)s may be %(names)s: give the code or the full name.", name=text, names=names)
    elif names:
        message = _("No region is named %(name)s. Nearest: %(names)s", name=text, names=names)
    else:
        message = _("Unknown region code: %(code)s", code=text)
    raise Invalid(message, {"region": message})


def _second_party(second_party, host_is_party, errors, agencies=None):
    agency = None
    if (second_party or "").strip():
        agency = agency_by_code_or_name(second_party, agencies)
        if agency is None:
            errors["second_party"] = _("Unknown agency: %(code)s", code=second_party)
    if not host_is_party and agency is None and "second_party" not in errors:
        errors["second_party"] = _("Without the host as a party, name the agency that signed.")
    return agency


def _validate(
    actor,
    *,
    region,
    signing_event_id,
    study_visit_id,
    signatory_name,
    signatory_title,
    signed_on,
    target_date,
    status,
    target_index=None,
    target_year=None,
    new=False,
):
    target_index, target_year, errors = clean_target(target_index, target_year)
    region_row = None
    try:
        region_row = region_named(region)
    except Invalid as error:
        errors["region"] = error.message
    else:
        if new:
            _refuse_host_region(region_row)
    name = (signatory_name or "").strip()
    if not name:
        errors["signatory_name"] = _("Required.")
    title = canonical_title(signatory_title)
    if title == "":
        title = default_title(region_row) if region_row else None
    if title is None:
        errors["signatory_title"] = _("Choose one of: %(titles)s.", titles=", ".join(SIGNATORY_TITLES))
    if signed_on and target_date and signed_on > target_date:
        errors["target_date"] = _("The target date must not be before the signing date.")
    if status not in ("draft", "signed", "active"):
        errors["status"] = _("A new commitment is draft, signed or active.")
    if status in ("signed", "active") and not signed_on:
        errors["signed_on"] = _("A signed commitment needs its signing date.")
    event = visit = None
    if signing_event_id:
        event = db.session.get(SigningEvent, signing_event_id)
        if event is None or event.deleted_at is not None:
            errors["signing_event_id"] = _("No such signing event.")
    if study_visit_id:
        visit = db.session.get(StudyVisit, study_visit_id)
        if visit is None or visit.deleted_at is not None:
            errors["study_visit_id"] = _("No such study visit.")
        elif region_row is not None and visit.region_id != region_row.id:
            errors["study_visit_id"] = _("That study visit was made by another region.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    if target_index is None and target_year is None and event is not None and new:
        target_index, target_year = event.target_index, event.target_year  # the event's target by default
    return region_row, name[:200], title, event, visit, (target_index, target_year)


def _check_duplicate(region, event, exclude_id=None, index=None):
    if event is None:
        return
    if index is not None:
        taken = index.has_pair(region, event)
    else:
        statement = select(Commitment.id).where(
            Commitment.region_id == region.id, Commitment.signing_event_id == event.id
        )
        if exclude_id:
            statement = statement.where(Commitment.id != exclude_id)
        taken = db.session.scalar(statement)
    if taken:
        message = _("%(region)s already has a commitment for %(event)s.", region=region.name, event=event.name)
        raise Conflict(message, {"signing_event_id": message})


def _add_milestones(commitment, practices):
    existing = {m.practice_id for m in commitment.milestones}
    added = []
    for practice in practices:
        if practice.id in existing:
            continue
        milestone = Milestone(
            practice=practice, due_date=due_date_for(commitment, practice), target_level=DEFAULT_TARGET_LEVEL
        )
        commitment.milestones.append(milestone)
        added.append(milestone)
    return added


def _store_document(actor, document):
    """The scanned signed commitment: a real PDF (checked by content), under the upload limit."""
    if not document:
        return None
    data, name = document
    try:
        return uploads.store(actor, data, name, allowed={"pdf"})
    except DomainError as error:
        error.fields = {"document": error.message}
        raise


def commit_unique_or_conflict():
    """Commit; the unique (region, event) constraint turns a concurrent duplicate into a conflict."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        message = _("A commitment for this region and signing event was recorded at the same moment.")
        raise Conflict(message, {"signing_event_id": message}) from None


def build_commitment(
    actor,
    *,
    region,
    signatory_name,
    practices,
    signing_event_id=None,
    study_visit_id=None,
    signatory_title=None,
    signed_on=None,
    target_date=None,
    status="signed",
    document=None,
    notes=None,
    target_index=None,
    target_year=None,
    confirm_second=False,
    second_party=None,
    host_is_party=True,
    index=None,
):
    """Check and add a commitment with its milestones to the session (flush only, no commit).
    Without a target of its own it takes its signing event's (index and year). `practices` holds
    practice codes and package names; `second_party` an agency's code or name. A second ongoing
    commitment of the region needs `confirm_second` (services.several_commitments). With `index`
    (an import's rows: services.commitment_index) it is checked against the index, added to it and
    left unflushed and unaudited until `record_built`."""
    policy.ensure(actor, "commitments.manage")
    errors = {}
    agency = _second_party(second_party, host_is_party, errors, index.agencies if index else None)
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    region_row, name, title, event, visit, target = _validate(
        actor,
        region=region,
        signing_event_id=signing_event_id,
        study_visit_id=study_visit_id,
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        signed_on=signed_on,
        target_date=target_date,
        status=status,
        target_index=target_index,
        target_year=target_year,
        new=True,
    )
    chosen = practices_by_code(practice_codes(practices), known=index.practices if index else None)
    if not chosen:
        raise Invalid(_("Choose at least one practice."), {"practices": _("Choose at least one practice.")})
    _check_duplicate(region_row, event, index=index)
    several_commitments.check_second(region_row, status, confirm_second, index=index)
    commitment = Commitment(
        region=region_row,
        signing_event=event,
        study_visit=visit,
        signatory_name=name,
        signatory_title=title,
        signed_on=signed_on,
        target_date=target_date,
        target_index=target[0],
        target_year=target[1],
        status=status,
        notes=(notes or "").strip() or None,
        host_is_party=bool(host_is_party),
        second_party_agency=agency,
        created_by_id=getattr(actor, "id", None),
    )
    _add_milestones(commitment, chosen)
    db.session.add(commitment)  # after its milestones: one cascade into the session, not one per milestone
    commitment.document = _store_document(actor, document)
    if index is not None:
        index.add(commitment)
        return commitment
    db.session.flush()
    audit.record(actor, "commitment.create", commitment, after=_snapshot(commitment))
    return commitment


def record_built(actor, index):
    """Write the commitments built against `index` (an import's rows) in one flush, and audit each."""
    db.session.flush()
    for commitment in index.built:
        audit.record(actor, "commitment.create", commitment, after=_snapshot(commitment))


def create_commitment(actor, **fields):
    """Record a commitment and generate its milestone plan. One transaction."""
    commitment = build_commitment(actor, **fields)
    commit_unique_or_conflict()
    return commitment


def update_commitment(
    actor,
    commitment_id,
    *,
    signatory_name,
    signatory_title=None,
    signed_on=None,
    target_date=None,
    signing_event_id=None,
    study_visit_id=None,
    document=None,
    notes=None,
    target_index=KEEP,
    target_year=KEEP,
    cascade=False,
):
    """Edit the commitment. With `cascade`, milestones due after the (new) target date are moved to
    it, each with a history entry; without it no milestone changes."""
    policy.ensure(actor, "commitments.manage")
    commitment = get_commitment(actor, commitment_id)
    before = _snapshot(commitment)
    target_index = commitment.target_index if target_index is KEEP else target_index
    target_year = commitment.target_year if target_year is KEEP else target_year
    _region, name, title, event, visit, target = _validate(
        actor,
        region=commitment.region.code,
        signing_event_id=signing_event_id,
        study_visit_id=study_visit_id,
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        signed_on=signed_on,
        target_date=target_date,
        status=commitment.status if commitment.status in ("draft", "signed", "active") else "active",
        target_index=target_index,
        target_year=target_year,
    )
    _check_duplicate(commitment.region, event, exclude_id=commitment.id)
    commitment.signatory_name, commitment.signatory_title = name, title
    commitment.signed_on, commitment.target_date = signed_on, target_date
    commitment.signing_event, commitment.study_visit = event, visit
    commitment.target_index, commitment.target_year = target
    commitment.notes = (notes or "").strip() or None
    if document:
        commitment.document = _store_document(actor, document)
    if cascade:
        replanning.cascade_to_target(actor, commitment)
    audit.record(actor, "commitment.update", commitment, before, _snapshot(commitment))
    commit_unique_or_conflict()
    return commitment


def add_practices(actor, commitment_id, codes):
    """Extend the commitment: one new milestone per practice not yet in it."""
    policy.ensure(actor, "commitments.manage")
    commitment = get_commitment(actor, commitment_id)
    if commitment.status in ("withdrawn", "completed"):
        raise Invalid(_("A withdrawn or completed commitment cannot be extended."))
    added = _add_milestones(commitment, practices_by_code(codes))
    if not added:
        raise Invalid(_("These practices are already part of the commitment."), {"practices": _("Already included.")})
    db.session.flush()
    audit.record(actor, "commitment.practice_add", commitment, after={"practices": [m.practice.code for m in added]})
    db.session.commit()
    return added


def remove_practice(actor, commitment_id, code):
    """Drop a practice's milestone, refused once any progress was recorded on it."""
    policy.ensure(actor, "commitments.manage")
    commitment = get_commitment(actor, commitment_id)
    milestone = next((m for m in commitment.milestones if m.practice.code == (code or "").strip().upper()), None)
    if milestone is None:
        raise NotFound(_("This practice is not part of the commitment."))
    if milestone.has_progress or milestone.updates:
        raise Invalid(
            _(
                "%(code)s cannot be removed: progress was already recorded on it (status %(status)s). "
                "Withdraw the commitment or keep the milestone.",
                code=milestone.practice.code,
                status=milestone.status,
            ),
            {"practices": _("Has recorded progress.")},
        )
    commitment.milestones.remove(milestone)
    audit.record(actor, "commitment.practice_remove", commitment, before={"practice": milestone.practice.code})
    db.session.commit()


def update_milestone_plan(actor, milestone_id, *, due_date, target_level):
    """Edit one milestone's due date and target level (the plan, not the progress)."""
    policy.ensure(actor, "commitments.manage")
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None:
        raise NotFound(_("No such milestone."))
    errors = {}
    if not isinstance(due_date, date):
        errors["due_date"] = _("Required.")
    if not isinstance(target_level, int) or isinstance(target_level, bool) or not 1 <= target_level <= 5:
        errors["target_level"] = _("A level is a whole number from 1 to 5.")
    elif states.is_done(milestone.status) and not states.meets_target(milestone.verified_level, target_level):
        errors["target_level"] = _(
            "This milestone is done at verified level %(level)s: reopen it before raising its target above that.",
            level=milestone.verified_level,
        )
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    before = {
        "due_date": milestone.due_date.isoformat() if milestone.due_date else None,
        "target_level": milestone.target_level,
    }
    milestone.due_date, milestone.target_level = due_date, target_level
    audit.record(
        actor, "milestone.plan", milestone, before, {"due_date": due_date.isoformat(), "target_level": target_level}
    )
    db.session.commit()
    return milestone


def change_status(actor, commitment_id, status, reason=None, confirm_second=False):
    """draft → signed → active → completed; any open state → withdrawn (a reason is required).
    Signing a draft while the region has another ongoing commitment needs `confirm_second`."""
    policy.ensure(actor, "commitments.manage")
    commitment = get_commitment(actor, commitment_id)
    if status not in COMMITMENT_STATUSES or status not in STATUS_FLOW.get(commitment.status, set()):
        raise Invalid(
            _("A commitment cannot go from %(current)s to %(target)s.", current=commitment.status, target=status),
            {"status": _("Not allowed from the current status.")},
        )
    reason = (reason or "").strip()
    if status == "withdrawn" and not reason:
        message = _("A reason is required to withdraw a commitment.")
        raise Invalid(message, {"reason": message})
    if status in ("signed", "active") and not commitment.signed_on:
        raise Invalid(_("Record the signing date first."), {"status": _("No signing date.")})
    if commitment.status == "draft":
        several_commitments.check_second(commitment.region, status, confirm_second, exclude_id=commitment.id)
    before = {"status": commitment.status}
    commitment.status = status
    if status == "withdrawn":
        commitment.withdrawn_reason = reason
    audit.record(actor, "commitment.status", commitment, before, {"status": status, "reason": reason or None})
    db.session.commit()
    return commitment


def get_commitment(actor, commitment_id):
    policy.ensure(actor, "commitments.view")
    commitment = db.session.get(
        Commitment, commitment_id, options=[joinedload(Commitment.region), selectinload(Commitment.milestones)]
    )
    return policy.found_in_scope(actor, commitment, lambda c: c.region_id, _("No such commitment."))


def flagged_count(actor):
    """How many commitments that are not withdrawn carry a flag for the admin (e.g. the host
    region's own, flagged by migration 0009); 0 for those who cannot manage commitments."""
    if not policy.can(actor, "commitments.manage"):
        return 0
    return db.session.scalar(
        select(func.count(Commitment.id)).where(Commitment.flag.is_not(None), Commitment.status != "withdrawn")
    )


def list_commitments(actor, *, region=None, province=None, status=None, event=None, flagged=False, page=1, per_page=50):
    """Commitments the actor may see, by region code (`flagged`: only those flagged for the admin);
    returns (commitments, total)."""
    policy.ensure(actor, "commitments.view")
    statement = select(Commitment).join(Commitment.region)
    statement = policy.scope_to_region(statement, actor, Commitment.region_id)
    if flagged:
        statement = statement.where(Commitment.flag.is_not(None))
    if region:
        statement = statement.where(Region.code == region)
    if province:
        statement = statement.where(
            Region.parent_id == select(Region.id).where(Region.code == province).scalar_subquery()
        )
    if status:
        statement = statement.where(Commitment.status == status)
    if event:
        statement = statement.where(Commitment.signing_event_id == int(event))
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = db.session.scalars(
        statement.options(
            joinedload(Commitment.region), joinedload(Commitment.signing_event), selectinload(Commitment.milestones)
        )
        .order_by(Region.code, Commitment.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return rows, total
