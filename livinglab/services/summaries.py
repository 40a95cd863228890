"""Maintained national figures: one `CommitmentSummary` row per commitment.

Every transaction that changes an input of a commitment's figures (its milestones, their history,
the commitment itself, its region's official evaluations) rewrites that commitment's row just
before it commits, in the same transaction; a change to the catalogue or the regions rewrites all
of them. The national pages read the rows instead of every milestone of the country, so a page
after a write costs what it cost before it.

Which rows a transaction touches is collected from the session (`before_flush` for objects,
`do_orm_execute` for bulk statements; a bulk statement that carries the execution option
`COMMITMENTS` = a set of commitment ids rewrites only those rows, any other one rewrites them all)
rather than by a call in each service: the writes come from
a dozen services, the demo's bulk loads, imports and tests that edit history directly, and a
forgotten call would leave a row silently wrong. Statements run on the session's connection
directly (`db.session.connection().execute`) are not seen: run `livinglab summaries rebuild`
after such a change (and after `db upgrade` creates the table). A commitment without a row is
computed on the fly when read, so a missing row is slow, never wrong.

What depends on the day (overdue, stalled, days waiting on the host, late review) is not stored:
the row keeps due dates, the moment the last update counts from and the oldest waiting
submission, and `row` derives the rest on the day it is read. What depends on settings
(INDEX_MIN_COVERAGE, STALLED_DAYS, VERIFY_SLA_DAYS) and the predicate bands is derived there too.
"""

from datetime import date, datetime
from decimal import Decimal

from flask import current_app
from sqlalchemy import delete, event, inspect, select
from sqlalchemy.orm import joinedload

from livinglab.domain import scoring
from livinglab.extensions import db
from livinglab.models import (
    Aspect,
    Commitment,
    CommitmentSummary,
    Domain,
    Evaluation,
    EvaluationLevel,
    Framework,
    Milestone,
    MilestoneUpdate,
    Practice,
    PredicateBand,
    Region,
    SigningEvent,
)
from livinglab.models.base import utcnow
from livinglab.services import monitoring

ALL = "all"
PENDING = "livinglab.summaries.pending"
COMMITMENTS = "livinglab.summaries.commitments"  # execution option: the commitments a bulk statement changes
# names, catalogue and bands are in every row: a change there rewrites them all
EVERYTHING = {t.__table__.name for t in (Practice, Aspect, Domain, Framework, PredicateBand, Region, SigningEvent)}
WATCHED = EVERYTHING | {t.__table__.name for t in (Commitment, Milestone, MilestoneUpdate, Evaluation, EvaluationLevel)}


# --- what a commitment's row holds ----------------------------------------------------------


def _encode(value):
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {key: _encode(v) for key, v in value.items()}
    return value


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        return {key: _decode(v) for key, v in value.items()}
    return value


def snapshot(item):
    """The stored part of a commitment's figures (no day-dependent figure, no setting applied)."""
    result, official = item.estimate, item.official
    return _encode(
        {
            "progress": item.progress,
            "verified": item.verified,
            "total": item.total,
            "waiting": item.waiting,
            "last_update": item.last_update,
            "reference": item.reference,
            "dues": item.dues,
            "waiting_since": item.waiting_since,
            "official": [official.year, official.index, official.predicate, official.evaluated_on]
            if official
            else None,
            "estimate": None
            if result is None
            else {
                "value": result.value,
                "coverage": result.coverage,
                "basis": result.basis,
                "official": result.official,
                "change": result.change,
                "not_counted": result.not_counted,
                "levels": [result.levels.value, result.levels.coverage, result.levels.domains],
            },
            "index_self": item.index_self.value if item.index_self else None,
        }
    )


def figures_from(commitment, stored, catalogue, today):
    """A commitment's figures from its stored row, with the day-dependent ones for `today`."""
    config = current_app.config
    stored = _decode(stored)
    item = monitoring.CommitmentFigures(commitment)
    item.progress, item.verified, item.total = stored["progress"], stored["verified"], stored["total"]
    item.open = item.total - item.verified
    item.waiting, item.last_update = stored["waiting"], stored["last_update"]
    item.dues, item.reference, item.waiting_since = stored["dues"], stored["reference"], stored["waiting_since"]
    item.overdue = scoring.overdue(item.dues, today)
    item.days_since_update = scoring.days_since(item.reference, today)
    item.waiting_on_host_days = scoring.days_since(item.waiting_since, today)
    item.late_review = scoring.is_late_review(item.waiting_on_host_days, config["VERIFY_SLA_DAYS"])
    item.stalled = scoring.is_stalled(item.days_since_update, item.open, config["STALLED_DAYS"], item.waiting)
    if stored["official"] is not None:
        item.official = monitoring.OfficialResult(*stored["official"])
    estimate = stored["estimate"]
    if estimate is not None:
        value, coverage, basis = estimate["value"], estimate["coverage"], estimate["basis"]
        levels_value, levels_coverage, domains = estimate["levels"]
        item.index = scoring.IndexResult(levels_value, levels_coverage, domains)
        item.estimate = scoring.Estimate(
            value,
            coverage,
            basis,
            estimate["official"],
            estimate["change"],
            scoring.is_sufficient(basis, value, coverage, monitoring.min_coverage()),
            item.index,
            estimate["not_counted"],
        )
        item.index_self = scoring.IndexResult(stored["index_self"], Decimal(0))
        item.predicate = scoring.estimate_predicate(item.estimate, catalogue.predicate_bands)
    return item


# --- keeping the rows -----------------------------------------------------------------------


def refresh(commitment_ids=None):
    """Rewrite the rows of `commitment_ids` (every commitment when None) in the current transaction."""
    statement = select(Commitment).options(joinedload(Commitment.region), joinedload(Commitment.signing_event))
    if commitment_ids is not None:
        statement = statement.where(Commitment.id.in_(commitment_ids))
    commitments = db.session.scalars(statement).unique().all()
    found = {c.id for c in commitments}
    if commitment_ids is None:
        db.session.execute(delete(CommitmentSummary).where(CommitmentSummary.commitment_id.not_in(found)))
    else:
        gone = set(commitment_ids) - found
        if gone:
            db.session.execute(delete(CommitmentSummary).where(CommitmentSummary.commitment_id.in_(gone)))
    if not commitments:
        return 0
    # Lock the rows first (PostgreSQL; SQLite writes one at a time anyway): a concurrent write to
    # the same commitment waits here and then reads what this one committed, never overwriting it
    # with figures computed before it.
    locked = (
        select(CommitmentSummary)
        .where(CommitmentSummary.commitment_id.in_(found))
        .order_by(CommitmentSummary.commitment_id)
        .with_for_update()
    )
    rows = {row.commitment_id: row for row in db.session.scalars(locked)}
    items, _catalogue = monitoring.figures(commitments)
    for commitment in commitments:
        figures = snapshot(items[commitment.id])
        row = rows.get(commitment.id)
        if row is None:
            db.session.add(
                CommitmentSummary(commitment_id=commitment.id, region_id=commitment.region_id, figures=figures)
            )
        else:
            row.region_id, row.figures, row.refreshed_at = commitment.region_id, figures, utcnow()
            row.version = CommitmentSummary.version + 1
    return len(commitments)


def rebuild():
    """Rewrite every row and commit (`livinglab summaries rebuild`); returns how many."""
    count = refresh()
    db.session.info.pop(PENDING, None)
    db.session.commit()
    return count


def _pending(session):
    return session.info.setdefault(
        PENDING, {"all": False, "commitments": set(), "milestones": set(), "regions": set(), "evaluations": set()}
    )


def _collect(session, _flush_context, _instances):
    found = None
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table not in WATCHED:
            continue
        found = found or _pending(session)
        if table in EVERYTHING:
            found["all"] = True
        elif isinstance(obj, Commitment):
            found["commitments"].add(obj)
        elif isinstance(obj, Milestone):
            found["commitments"].add(obj.commitment if obj.commitment_id is None else obj.commitment_id)
        elif isinstance(obj, MilestoneUpdate):
            found["milestones"].add(obj.milestone if obj.milestone_id is None else obj.milestone_id)
        elif isinstance(obj, Evaluation):
            found["regions"].add(obj.region if obj.region_id is None else obj.region_id)
        elif isinstance(obj, EvaluationLevel):
            found["evaluations"].add(obj.evaluation if obj.evaluation_id is None else obj.evaluation_id)


def _bulk(state):
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if (state.is_insert or state.is_update or state.is_delete) and table in WATCHED:
        named = state.execution_options.get(COMMITMENTS)
        if named is not None and table not in EVERYTHING:
            _pending(state.session)["commitments"].update(named)
        else:
            _pending(state.session)["all"] = True


def _ids(values, attribute):
    """Ids of `values`, which are ids already or objects (flushed by now) carrying one."""
    return {v if isinstance(v, int) else getattr(v, attribute) for v in values if v is not None} - {None}


def _ready(session):
    """Whether the database has the summary table (not before migration 0013: the migration tests
    write at older revisions). Once seen, it is taken as there for the life of the app."""
    state = current_app.extensions.setdefault("livinglab.summaries", {})
    if not state.get("ready"):
        state["ready"] = inspect(session.connection()).has_table(CommitmentSummary.__tablename__)
    return state["ready"]


def _before_commit(session):
    if session.info.get("livinglab.summaries.busy"):
        return
    if not (session.info.get(PENDING) or session.new or session.dirty or session.deleted):
        return  # nothing written that could change a row
    if not _ready(session):
        session.info.pop(PENDING, None)
        return
    session.info["livinglab.summaries.busy"] = True
    try:
        session.flush()  # what is still pending tells which rows this transaction changes
        found = session.info.get(PENDING)
        if not found:
            return
        if found["all"]:
            refresh()
        else:
            ids = _ids(found["commitments"], "id")
            milestones = _ids(found["milestones"], "id")
            if milestones:
                ids |= set(session.scalars(select(Milestone.commitment_id).where(Milestone.id.in_(milestones))))
            regions = _ids(found["regions"], "id")
            evaluations = _ids(found["evaluations"], "id")
            if evaluations:
                regions |= set(session.scalars(select(Evaluation.region_id).where(Evaluation.id.in_(evaluations))))
            if regions:
                ids |= set(session.scalars(select(Commitment.id).where(Commitment.region_id.in_(regions))))
            if ids:
                refresh(ids)
        session.flush()
    finally:
        session.info.pop("livinglab.summaries.busy", None)
        session.info.pop(PENDING, None)


def _forget(session, *_args):
    session.info.pop(PENDING, None)


def listen():
    """Keep the rows from now on (called once by create_app)."""
    if event.contains(db.session, "before_commit", _before_commit):
        return
    event.listen(db.session, "before_flush", _collect)
    event.listen(db.session, "do_orm_execute", _bulk)
    event.listen(db.session, "before_commit", _before_commit)
    event.listen(db.session, "after_rollback", _forget)


# --- reading them ---------------------------------------------------------------------------


def national_rows(today=None):
    """(overview rows of every adopter's commitment that is not withdrawn, catalogue).

    The rows are kept per process with their summary's version: a request reads every
    commitment's version (one light query) and rebuilds only the rows whose summary changed since,
    so the first request after a write costs what the next ones do. A commitment without a
    summary row is computed on the fly (and not kept). A new day or other settings rebuild them all.
    Callers must treat the rows as read-only."""
    today = today or utcnow().date()
    config = current_app.config
    catalogue = monitoring.index_catalogue()
    key = (today, config["STALLED_DAYS"], config["VERIFY_SLA_DAYS"], str(monitoring.min_coverage()))
    cache = current_app.extensions.setdefault("livinglab.summaries.rows", {})
    if cache.get("key") != key:
        cache.clear()
        cache.update(key=key, rows={})
    kept = cache["rows"]
    versions = {
        key: (version, refreshed) if version is not None else None
        for key, version, refreshed in db.session.execute(
            select(Commitment.id, CommitmentSummary.version, CommitmentSummary.refreshed_at).outerjoin(
                CommitmentSummary, CommitmentSummary.commitment_id == Commitment.id
            )
        )
    }
    for gone in set(kept) - set(versions):
        del kept[gone]
    stale = [key for key, version in versions.items() if version is None or kept.get(key, (None,))[0] != version]
    if stale:
        found = db.session.execute(
            select(Commitment, CommitmentSummary.version, CommitmentSummary.refreshed_at, CommitmentSummary.figures)
            .outerjoin(CommitmentSummary, CommitmentSummary.commitment_id == Commitment.id)
            .options(joinedload(Commitment.region), joinedload(Commitment.signing_event))
            .where(Commitment.id.in_(stale))
        ).all()
        missing = [commitment for commitment, version, _refreshed, _stored in found if version is None]
        live = monitoring.figures(missing, today)[0] if missing else {}
        provinces = {r.id: r for r in db.session.scalars(select(Region).where(Region.kind == "province"))}
        for commitment, version, refreshed, stored in found:
            item = live[commitment.id] if version is None else figures_from(commitment, stored, catalogue, today)
            mark = None if version is None else (version, refreshed)
            order = (commitment.region.code, commitment.id)
            kept[commitment.id] = (mark, order, monitoring.overview_row(item, provinces))
    host = config["HOST_REGION_CODE"]
    chosen = sorted(
        (order, row)
        for _version, order, row in kept.values()
        if row["status"] != "withdrawn" and row["region_code"] != host
    )
    for key in [key for key, (version, _order, _row) in kept.items() if version is None]:
        del kept[key]  # computed on the fly: never kept
    return [row for _order, row in chosen], catalogue
