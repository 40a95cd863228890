"""Replications of innovations: an adopting region's commitment to one innovation, its parties,
its stages (milestone states, verified by the host, the originator or the sponsor) and the
outcomes it reports per period."""

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.domain.replication_stages import current_stage
from livinglab.errors import Conflict, Invalid, NotAllowed, NotFound
from livinglab.extensions import db
from livinglab.labels import STATUS_LABELS
from livinglab.models import (
    Agency,
    OutcomeReport,
    Region,
    Replication,
    ReplicationParty,
    ReplicationStage,
    StageEvidence,
    StageUpdate,
)
from livinglab.models.base import utcnow
from livinglab.models.innovations import PARTY_ROLES
from livinglab.models.milestones import EVIDENCE_KINDS
from livinglab.services import audit, innovations, uploads

PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")  # "2021" or "2021-03"
DECISIONS = {"verify": "verified", "return": "returned"}
WORKER_ROLE = "region_officer"  # adopters move stages as a worker of the milestone state machine
VERIFIER_ROLE = "host_staff"  # verifiers decide as the state machine's reviewer


def _snapshot(replication):
    return {
        "innovation": replication.innovation.code,
        "region": replication.region.code,
        "signed_on": replication.signed_on.isoformat() if replication.signed_on else None,
        "parties": [party_of(p) for p in replication.parties],
        "stages": [s.name for s in replication.stages],
    }


def party_of(party):
    """`{"role", "kind", "code", "name", "unit"}` of a party."""
    holder = party.region or party.agency
    return {
        "role": party.role,
        "kind": "region" if party.region else "agency",
        "code": holder.code,
        "name": holder.name,
        "unit": party.unit,
    }


def _invalid(error):
    params = {key: STATUS_LABELS.get(value, value) for key, value in error.params.items()}
    messages = {
        "same_status": lambda: _("The stage is already %(target)s.", **params),
        "no_path": lambda: _("A stage cannot go from %(current)s to %(target)s.", **params),
        "host_only": lambda: _("Only a verifier may move a stage from %(current)s to %(target)s.", **params),
        "comment_required": lambda: _("A comment is required to return a stage."),
        "reason_required": lambda: _("A reason is required for this change."),
    }
    message = messages[error.code]() if error.code in messages else _("Unknown status: %(target)s", **params)
    return Invalid(message, {error.field: message})


def _commit_or_conflict():
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Conflict(_("This stage was changed at the same moment by someone else. Reload and try again.")) from None


def _parties(innovation, region, given):
    """ReplicationParty rows from `[{"role", "kind", "code", "unit"}]`; the originator is added when missing."""
    parties, errors = [], {}
    for item in given or ():
        role, kind, code = item.get("role", "sponsor"), item.get("kind"), (item.get("code") or "").strip()
        if role not in PARTY_ROLES:
            errors["parties"] = _("A party's role is one of: %(roles)s.", roles=", ".join(PARTY_ROLES))
            continue
        if kind == "region":
            holder = db.session.scalar(select(Region).where(Region.code == code))
        elif kind == "agency":
            holder = db.session.scalar(select(Agency).where(Agency.code == code.lower()))
        else:
            holder = None
        if holder is None:
            errors["parties"] = _("Unknown party %(code)s: give a region code or an agency code.", code=code or "—")
            continue
        if holder is region:
            errors["parties"] = _("The adopting region cannot also be a party to its own replication.")
            continue
        parties.append(
            ReplicationParty(
                role=role,
                region=holder if kind == "region" else None,
                agency=holder if kind == "agency" else None,
                unit=(item.get("unit") or "").strip()[:120] or None,
            )
        )
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    if not any(p.role == "originator" for p in parties):
        parties.insert(
            0,
            ReplicationParty(
                role="originator", region=innovation.originator_region, agency=innovation.originator_agency
            ),
        )
    return parties


def create_replication(actor, *, innovation_id, region, parties=(), signed_on=None, place=None):
    """Record that `region` (a code) commits to replicate the innovation; its stages come from the
    innovation's template (the Puja Indah path by default). The originator never adopts its own."""
    policy.ensure(actor, "replications.manage")
    innovation = innovations.get_innovation(actor, innovation_id)
    adopter = db.session.scalar(select(Region).where(Region.code == (region or "").strip()))
    if adopter is None:
        raise Invalid(_("Some values are not valid."), {"region": _("Unknown region code.")})
    if adopter.id == innovation.originator_region_id:
        message = _("%(region)s originated this innovation: it cannot adopt it.", region=adopter.name)
        raise Invalid(message, {"region": message})
    if db.session.scalar(
        select(Replication.id).where(Replication.innovation_id == innovation.id, Replication.region_id == adopter.id)
    ):
        message = _("%(region)s already replicates this innovation.", region=adopter.name)
        raise Invalid(message, {"region": message})
    names = innovations.stage_template(innovation)
    replication = Replication(
        innovation=innovation,
        region=adopter,
        signed_on=signed_on,
        place=(place or "").strip()[:200] or None,
        created_by_id=getattr(actor, "id", None),
        parties=_parties(innovation, adopter, parties),
        stages=[ReplicationStage(position=n, name=name) for n, name in enumerate(names, start=1)],
    )
    db.session.add(replication)
    db.session.flush()
    audit.record(actor, "replication.create", replication, after=_snapshot(replication))
    db.session.commit()
    return replication


def get_replication(actor, replication_id):
    policy.ensure(actor, "replications.view")
    replication = db.session.get(Replication, replication_id)
    if replication is None or not policy.replication_in_scope(actor, replication):
        raise NotFound(_("No such replication."))
    return replication


def list_replications(actor, *, innovation_id=None, region=None):
    """The replications `actor` may see, by innovation and region name."""
    policy.ensure(actor, "replications.view")
    statement = select(Replication).join(Replication.region)
    if innovation_id:
        statement = statement.where(Replication.innovation_id == innovation_id)
    if region:
        statement = statement.where(Region.code == region.strip())
    rows = db.session.scalars(statement.order_by(Replication.innovation_id, Region.name)).unique().all()
    return [r for r in rows if policy.replication_in_scope(actor, r)]


def _stage(actor, stage_id):
    stage = db.session.get(ReplicationStage, stage_id)
    if stage is None or not policy.replication_in_scope(actor, stage.replication):
        raise NotFound(_("No such stage."))
    return stage


def stage_replication_id(actor, stage_id):
    """The replication of a stage the actor may see (NotFound otherwise)."""
    policy.ensure(actor, "replications.view")
    return _stage(actor, stage_id).replication_id


def _record(actor, stage, before, action, note):
    stage.updated_at = utcnow()
    stage.updates.append(
        StageUpdate(
            actor_id=getattr(actor, "id", None),
            action=action,
            from_status=before,
            to_status=stage.status,
            note=(note or "").strip() or None,
        )
    )
    audit.record(actor, f"replication_stage.{action}", stage, {"status": before}, {"status": stage.status})


def _check_version(stage, version):
    if version is not None and version != stage.version:
        raise Conflict(_("This stage was changed at the same moment by someone else. Reload and try again."))


def move_stage(actor, stage_id, *, status, note=None, version=None):
    """The adopter (or the host) moves a stage forward up to `submitted`, or blocks it with a reason."""
    policy.ensure(actor, "replications.update")
    stage = _stage(actor, stage_id)
    if not policy.is_replication_adopter(actor, stage.replication):
        raise NotAllowed(_("Only the adopting region or the host may update this stage."))
    _check_version(stage, version)
    before = stage.status
    try:
        move = states.transition(before, status, WORKER_ROLE, note)
    except states.TransitionError as error:
        raise _invalid(error) from None
    stage.status = status
    _record(actor, stage, before, move.action, note)
    _commit_or_conflict()
    return stage


def decide_stage(actor, stage_id, *, decision, comment=None, version=None):
    """The host, the originator's officer or the sponsor verifies a submitted stage or returns it."""
    policy.ensure(actor, "replications.verify")
    stage = _stage(actor, stage_id)
    if not policy.can_verify_replication(actor, stage.replication):
        raise NotAllowed(_("Only the host, the originator or the sponsor may verify this stage."))
    _check_version(stage, version)
    target = DECISIONS.get(decision)
    if target is None:
        message = _("The decision is verify or return.")
        raise Invalid(message, {"decision": message})
    before = stage.status
    try:
        move = states.transition(before, target, VERIFIER_ROLE, comment)
    except states.TransitionError as error:
        raise _invalid(error) from None
    stage.status = target
    if target == "verified":
        stage.verified_by_id, stage.verified_at = getattr(actor, "id", None), utcnow()
    _record(actor, stage, before, move.action, comment)
    _commit_or_conflict()
    return stage


def comment_stage(actor, stage_id, *, comment):
    """A verifier's comment on a stage, kept in its history; the status does not change."""
    policy.ensure(actor, "replications.verify")
    stage = _stage(actor, stage_id)
    if not policy.can_verify_replication(actor, stage.replication):
        raise NotAllowed(_("Only the host, the originator or the sponsor may comment on this stage."))
    if not (comment or "").strip():
        message = _("Write a comment.")
        raise Invalid(message, {"comment": message})
    _record(actor, stage, stage.status, "comment", comment)
    db.session.commit()
    return stage


def add_evidence(actor, stage_id, *, kind, title, url=None, file=None):
    """Evidence of a stage: a URL or a file (`(bytes, filename)`, through the upload store)."""
    policy.ensure(actor, "replications.update")
    stage = _stage(actor, stage_id)
    if not policy.is_replication_adopter(actor, stage.replication):
        raise NotAllowed(_("Only the adopting region or the host may add evidence to this stage."))
    errors = {}
    title, url = (title or "").strip(), (url or "").strip()
    if kind not in EVIDENCE_KINDS:
        errors["kind"] = _("Unknown kind of evidence.")
    if not title or len(title) > 300:
        errors["title"] = _("Required, at most %(n)s characters.", n=300)
    if bool(url) == bool(file):
        errors["url"] = _("Give either a link or a file.")
    elif url and not re.match(r"^https?://\S+$", url):
        errors["url"] = _("A link starts with http:// or https://.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    upload = uploads.store(actor, file[0], file[1]) if file else None
    item = StageEvidence(
        stage=stage, kind=kind, title=title, url=url or None, upload=upload, created_by_id=getattr(actor, "id", None)
    )
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "replication_stage.evidence", item, after={"stage": stage.id, "title": title})
    db.session.commit()
    return item


def get_evidence(actor, evidence_id):
    item = db.session.get(StageEvidence, evidence_id)
    if item is None or item.upload is None:
        raise NotFound(_("No such file."))
    _stage(actor, item.stage_id)
    return item


def report_outcome(actor, replication_id, *, measure_id, period, value):
    """The adopter's value of one outcome measure for a period ("2021" or "2021-03"); a second report
    of the same period replaces the first."""
    policy.ensure(actor, "replications.update")
    replication = get_replication(actor, replication_id)
    if not policy.is_replication_adopter(actor, replication):
        raise NotAllowed(_("Only the adopting region or the host may report its outcomes."))
    errors = {}
    measure = next((m for m in replication.innovation.measures if m.id == measure_id), None)
    if measure is None:
        errors["measure_id"] = _("This innovation has no such outcome measure.")
    period = (period or "").strip()
    if not PERIOD.match(period):
        errors["period"] = _("A period is a year (2021) or a month (2021-03).")
    try:
        amount = Decimal(str(value))
        if not amount.is_finite() or abs(amount) >= Decimal("1e12"):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["value"] = _("A number.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    report = next((r for r in replication.outcomes if r.measure_id == measure.id and r.period == period), None)
    before = {"value": str(report.value)} if report else None
    if report is None:
        report = OutcomeReport(replication=replication, measure=measure, period=period)
        db.session.add(report)
    report.value = amount.quantize(Decimal("0.01"))
    report.reported_by_id = getattr(actor, "id", None)
    db.session.flush()
    audit.record(actor, "replication.outcome", report, before, {"period": period, "value": str(report.value)})
    db.session.commit()
    return report


def stage_of(replication):
    """(position, name) of the replication's current stage; (None, "completed") when all are verified."""
    return current_stage((s.position, s.name, s.status) for s in replication.stages)


def stage_counts():
    """Aggregate only (for /national and /public): {current stage name: number of replications}."""
    rows = db.session.execute(
        select(
            ReplicationStage.replication_id, ReplicationStage.position, ReplicationStage.name, ReplicationStage.status
        ).order_by(ReplicationStage.replication_id, ReplicationStage.position)
    ).all()
    stages = {}
    for replication_id, position, name, status in rows:
        stages.setdefault(replication_id, []).append((position, name, status))
    return Counter(current_stage(items)[1] for items in stages.values())
