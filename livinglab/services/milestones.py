"""Milestone progress: region officers update their own, the host verifies or returns.

Every change checks the caller's `version` (optimistic lock) and the state machine in
`livinglab.domain.milestone_states`, appends a `MilestoneUpdate` (history is never edited), writes
an `AuditEvent`, notifies the inbox, and commits once. The UI, the API and the XLSX import all
come through here, so they obey the same rules.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload
from sqlalchemy.orm.exc import StaleDataError

from livinglab import policy
from livinglab.domain import evidence_rules, periods
from livinglab.domain import milestone_states as states
from livinglab.errors import Conflict, Invalid
from livinglab.extensions import db
from livinglab.labels import STATUS_LABELS
from livinglab.models import (
    Aspect,
    Commitment,
    Domain,
    Evidence,
    LevelDefinition,
    Milestone,
    MilestoneUpdate,
    Practice,
    Region,
)
from livinglab.models.base import utcnow
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.services import audit, inbox, library, opds, uploads

UNSET = object()
MAX_NOTE = 5000


class EvidenceRuleError(Invalid):
    """Verifying level 4 or 5 without evidence that meets the age rules (422, code named)."""

    code = "evidence_age_rule"


@dataclass
class EvidenceInput:
    """One piece of evidence: a file (bytes + name) or a URL, with its metadata."""

    kind: str
    title: str
    document_number: str | None = None
    enacted_on: date | None = None
    url: str | None = None
    file: tuple | None = None  # (bytes, original file name)
    document_id: int | None = None  # a document of the region's library, linked instead of uploaded
    errors: dict = field(default_factory=dict)


def get(actor, milestone_id):
    """The milestone if `actor` may see it; another region's milestone is "not found"."""
    policy.ensure(actor, "commitments.view")
    return _get_for_write(actor, milestone_id)


def _get_for_write(actor, milestone_id):
    """The milestone in `actor`'s scope: another region's answers exactly like an unknown id (404),
    for writes too, so trying ids tells nothing."""
    milestone = db.session.get(Milestone, milestone_id, options=[joinedload(Milestone.commitment)])
    return policy.found_in_scope(actor, milestone, lambda m: m.commitment.region_id, _("No such milestone."))


def history(actor, milestone_id):
    milestone = get(actor, milestone_id)
    return db.session.scalars(
        select(MilestoneUpdate).where(MilestoneUpdate.milestone_id == milestone.id).order_by(MilestoneUpdate.id)
    ).all()


def _state(milestone):
    return {
        "status": milestone.status,
        "level": milestone.level,
        "verified_level": milestone.verified_level,
        "version": milestone.version,
    }


def _check_version(milestone, version):
    """Refuse a write based on an old version, saying who changed what since."""
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise Invalid(_("The version of the milestone you edited is missing."), {"version": _("Required.")}) from None
    if version == milestone.version:
        return
    latest = db.session.scalars(
        select(MilestoneUpdate).where(MilestoneUpdate.milestone_id == milestone.id).order_by(MilestoneUpdate.id.desc())
    ).first()
    who = latest.actor.name if latest and latest.actor else _("someone else")
    message = _(
        "This milestone was changed by %(who)s while you were editing (now: status %(status)s, "
        "self-assessed level %(level)s, version %(version)s). Your change was not saved: review the "
        "current values and try again.",
        who=who,
        status=milestone.status,
        level=milestone.level if milestone.level is not None else "—",
        version=milestone.version,
    )
    raise Conflict(message, {"version": message})


def _clean_note(note):
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(_("The note is too long (at most %(n)s characters).", n=MAX_NOTE), {"note": _("Too long.")})
    return note or None


def _add_evidence(actor, milestone, update, items):
    for item in items or ():
        if item.document_id is not None:
            db.session.add(library.link_evidence(actor, milestone, update, item.document_id))
            continue
        if item.kind not in EVIDENCE_KINDS:
            raise Invalid(_("Unknown evidence type: %(kind)s", kind=item.kind), {"kind": _("Choose a type.")})
        title = (item.title or "").strip()
        if not title:
            raise Invalid(_("Evidence needs a title."), {"title": _("Required.")})
        if bool(item.url) == bool(item.file):
            raise Invalid(_("Give either a file or a URL for the evidence."), {"file": _("A file or a URL.")})
        url = (item.url or "").strip() or None
        if url and not url.lower().startswith(("https://", "http://")):
            raise Invalid(_("The evidence URL must start with http:// or https://."), {"url": _("Not a web address.")})
        upload = uploads.store(actor, item.file[0], item.file[1]) if item.file else None
        db.session.add(
            Evidence(
                milestone=milestone,
                update=update,
                kind=item.kind,
                title=title[:300],
                document_number=(item.document_number or "").strip()[:120] or None,
                enacted_on=item.enacted_on,
                url=url,
                upload=upload,
                created_by_id=actor.id,
            )
        )


def _simultaneous_change():
    return Conflict(_("This milestone was changed at the same moment by someone else. Reload and try again."))


def _record(actor, milestone, before, action, note, evidence=None):
    """Flush the milestone (bumping its version), append history, evidence and audit."""
    milestone.updated_by_id = actor.id
    milestone.updated_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(
            _("This milestone was changed at the same moment by someone else. Reload and try again.")
        ) from None
    update = MilestoneUpdate(
        milestone=milestone,
        actor_id=actor.id,
        action=action,
        from_status=before["status"],
        to_status=milestone.status,
        level=milestone.level,
        verified_level=milestone.verified_level,
        note=note,
        version=milestone.version,
    )
    db.session.add(update)
    _add_evidence(actor, milestone, update, evidence)
    audit.record(actor, f"milestone.{action}", milestone, before, {**_state(milestone), "note": note})
    inbox.resolve(action, milestone)
    if action == "submit":
        inbox.notify_host("milestone_submitted", milestone)
    elif action == "return":
        inbox.notify_region("milestone_returned", milestone, note)
    elif action == "verify":
        inbox.notify_region("milestone_verified", milestone, note)
    elif action == "verify_below_target":
        inbox.notify_region("milestone_below_target", milestone, note)
    return update


def _commit_or_conflict():
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(
            _("This milestone was changed at the same moment by someone else. Reload and try again.")
        ) from None


def _invalid(error):
    """A translated Invalid for a state-machine refusal."""
    params = {key: STATUS_LABELS.get(value, value) for key, value in error.params.items()}
    messages = {
        "unknown_status": lambda: _("Unknown status: %(target)s", **params),
        "same_status": lambda: _("The milestone is already %(target)s.", **params),
        "no_path": lambda: _("A milestone cannot go from %(current)s to %(target)s.", **params),
        "host_only": lambda: _("Only the host may move a milestone from %(current)s to %(target)s.", **params),
        "comment_required": lambda: _("A comment is required to return a milestone."),
        "reason_required": lambda: _("A reason is required for this change."),
        "bad_level": lambda: _("A level is a whole number from 1 to 5."),
    }
    message = messages[error.code]() if error.code in messages else str(error)
    return Invalid(message, {error.field: message})


def apply_update(actor, milestone_id, *, version, status=None, level=UNSET, note=None, evidence=None, opd=UNSET):
    """Check and apply one update inside the caller's transaction (flush only, no commit). `opd`
    names the responsible OPD (id or short name of the region's OPD; None or "" clears it)."""
    policy.ensure(actor, "milestones.update")
    milestone = _get_for_write(actor, milestone_id)
    if milestone.commitment.status == "withdrawn":
        raise Invalid(_("This commitment was withdrawn; its milestones can no longer change."))
    _check_version(milestone, version)
    note = _clean_note(note)
    opd = UNSET if opd is UNSET else opds.resolve(milestone.commitment.region_id, opd)
    opd_changed = opd is not UNSET and (opd.id if opd else None) != milestone.opd_id
    try:
        if level is not UNSET:
            level = states.check_level(level)
        if status and status != milestone.status:
            move = states.transition(milestone.status, status, actor.role, note)
            if move.action in states.DECISIONS:
                raise Invalid(_("Use the verification to verify or return a milestone."), {"status": _("Not here.")})
            action = move.action
        else:
            if not states.can_edit_content(milestone.status, actor.role):
                message = _("This milestone cannot be edited in its current state.")
                raise Invalid(message, {"status": message})
            action = "update"
    except states.TransitionError as error:
        raise _invalid(error) from None
    if action == "update" and level is UNSET and not note and not evidence and not opd_changed:
        raise Invalid(_("Nothing to save: change the status or level, or add a note or evidence."))
    before = _state(milestone)
    if level is not UNSET:
        milestone.level = level
    milestone.status = status or milestone.status
    if opd_changed:
        audit.record(
            actor,
            "milestone.opd",
            milestone,
            {"opd": milestone.opd.short_name if milestone.opd else None},
            {"opd": opd.short_name if opd else None},
        )
        milestone.opd = opd
    _record(actor, milestone, before, action, note, evidence)
    return milestone


def update(actor, milestone_id, *, version, status=None, level=UNSET, note=None, evidence=None, opd=UNSET):
    """A region officer's (or host's) change: move along the state machine and/or set the
    self-assessed level or the responsible OPD, with a note and evidence. One transaction; returns
    the milestone."""
    milestone = apply_update(
        actor, milestone_id, version=version, status=status, level=level, note=note, evidence=evidence, opd=opd
    )
    _commit_or_conflict()
    return milestone


def verify(actor, milestone_id, *, decision, level=None, comment=None, version=None):
    """The host's decision on a submitted milestone: `verify` at a level, or `return` with a comment.

    A verification below the milestone's target records the level but keeps it open: it goes back
    to `in_progress` (`states.verification_outcome`), so the region keeps working on it."""
    policy.ensure(actor, "milestones.verify")
    milestone = _get_for_write(actor, milestone_id)
    if version is not None:
        _check_version(milestone, version)
    before = _state(milestone)
    comment = _clean_note(comment)
    target = {"verify": "verified", "return": "returned"}.get(decision)
    try:
        if target is None:
            raise states.TransitionError(_("The decision is verify or return."), field="decision")
        move = states.transition(milestone.status, target, actor.role, comment)
        if decision == "verify":
            if level is None:
                raise states.TransitionError(_("Give the verified level (1–5)."), field="level")
            level = states.check_level(level)
            target = states.verification_outcome(level, milestone.target_level)
            move = states.transition(milestone.status, target, actor.role, comment)
    except states.TransitionError as error:
        raise _invalid(error) from None
    if decision == "verify":
        _check_evidence_age(milestone, level)
        milestone.verified_level = level
    milestone.status = target
    _record(actor, milestone, before, move.action, comment)
    _commit_or_conflict()
    return milestone


def _evidence_message(missing):
    """What the evidence lacks for the level, naming the rule (translated)."""
    rule = evidence_rules.RULE
    if missing.code == "review_missing":
        return _(
            "Level %(level)s needs a review (report or minutes, dated) under 2 years old (%(rule)s): "
            "this milestone has none. Verify at level 3 or ask the region to add the review.",
            level=missing.level,
            rule=rule,
        )
    if missing.code == "review_too_old":
        return _(
            "Level %(level)s needs a review under 2 years old (%(rule)s): the latest review, dated %(date)s, "
            "stopped counting on %(expired)s. Verify at level 3 or ask the region for a newer review.",
            level=missing.level,
            rule=rule,
            date=missing.review_on.isoformat(),
            expired=missing.expired_on.isoformat(),
        )
    return _(
        "Level 5 needs a follow-up policy (regulation, decree or circular) enacted within 1 year after the "
        "review (%(rule)s): none is dated between %(review)s and %(deadline)s. Verify at level 4 or ask the "
        "region to add the policy.",
        rule=rule,
        review=missing.review_on.isoformat(),
        deadline=missing.follow_up_by.isoformat(),
    )


def _check_evidence_age(milestone, level):
    """Levels 4 and 5 need evidence whose dates meet `domain.evidence_rules`, on the day of the
    verification in the region's own time zone."""
    today = periods.local(utcnow(), milestone.commitment.region.timezone).date()
    items = [(item.kind, item.enacted_on) for item in milestone.evidence]
    missing = evidence_rules.shortfall(level, items, today)
    if missing is not None:
        message = _evidence_message(missing)
        raise EvidenceRuleError(message, {"level": message})


def reopen(actor, milestone_id, *, reason, version):
    """The host reopens a verified milestone, with a reason; the verified level is kept as history."""
    policy.ensure(actor, "milestones.verify")
    milestone = _get_for_write(actor, milestone_id)
    _check_version(milestone, version)
    before = _state(milestone)
    reason = _clean_note(reason)
    try:
        move = states.transition(milestone.status, "in_progress", actor.role, reason)
    except states.TransitionError as error:
        raise _invalid(error) from None
    milestone.status = "in_progress"
    _record(actor, milestone, before, move.action, reason)
    _commit_or_conflict()
    return milestone


def add_evidence(actor, milestone_id, item, note=None):
    """Attach evidence without changing the status (history shows an `evidence` entry)."""
    policy.ensure(actor, "milestones.update")
    milestone = _get_for_write(actor, milestone_id)
    if not states.can_edit_content(milestone.status, actor.role):
        raise Invalid(_("Evidence cannot be added to this milestone in its current state."))
    before = _state(milestone)
    _record(actor, milestone, before, "evidence", _clean_note(note), [item])
    _commit_or_conflict()
    return db.session.scalars(
        select(Evidence).where(Evidence.milestone_id == milestone.id).order_by(Evidence.id.desc())
    ).first()


def get_evidence(actor, evidence_id):
    policy.ensure(actor, "commitments.view")
    evidence = db.session.get(Evidence, evidence_id, options=[joinedload(Evidence.milestone)])
    return policy.found_in_scope(actor, evidence, lambda e: e.milestone.commitment.region_id, _("No such evidence."))


def region_milestones(actor, region_id):
    """All milestones of the region's commitments (not withdrawn), with practice and domain loaded."""
    policy.ensure(actor, "commitments.view")
    policy.ensure_region_access(actor, region_id)
    return db.session.scalars(
        select(Milestone)
        .join(Milestone.commitment)
        .where(Commitment.region_id == region_id, Commitment.status != "withdrawn")
        .order_by(Milestone.due_date, Milestone.id)
    ).all()


def level_definitions(milestone):
    """Label and meaning of levels 1–5 on the milestone's practice scale (from catalogue data)."""
    practice = milestone.practice
    return db.session.scalars(
        select(LevelDefinition)
        .where(LevelDefinition.framework_id == practice.framework_id, LevelDefinition.scale == practice.level_scale)
        .order_by(LevelDefinition.level)
    ).all()


def review_queue(actor, *, region_code=None, domain_code=None, page=1, per_page=50):
    """Submitted milestones, oldest submission first, for the host's reviewers: (page of rows, total)."""
    policy.ensure(actor, "milestones.verify")
    statement = (
        select(Milestone)
        .join(Milestone.commitment)
        .join(Commitment.region)
        .where(Milestone.status == "submitted", Commitment.status != "withdrawn")
    )
    if region_code:
        statement = statement.where(Region.code == region_code)
    if domain_code:
        statement = statement.join(Milestone.practice).join(Practice.aspect).join(Aspect.domain)
        statement = statement.where(Domain.code == domain_code)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = db.session.scalars(
        statement.options(contains_eager(Milestone.commitment).contains_eager(Commitment.region))
        .order_by(Milestone.updated_at, Milestone.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return rows, total
