"""Monitoring figures for the host, the ministries and the public board.

A fixed, small number of queries whatever the number of regions (no N+1): commitments with their
region and event, one row per milestone, the last update per commitment, baseline levels (from
the latest official evaluation), and the catalogue's indicators and bands. All arithmetic is in
`livinglab.domain.scoring`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import aliased, joinedload

from livinglab import policy
from livinglab.domain import milestone_states as states
from livinglab.domain import periods, representatives, scoring
from livinglab.extensions import db
from livinglab.models import (
    Aspect,
    Commitment,
    Domain,
    Evaluation,
    EvaluationLevel,
    Framework,
    Milestone,
    MilestoneUpdate,
    Practice,
    PredicateBand,
    Region,
)
from livinglab.models.base import utcnow
from livinglab.services import summaries

INDEX_FRAMEWORK = "spbe-2020"


@dataclass(frozen=True)
class Area:
    """A domain or aspect of the index framework, as plain data (safe to cache across requests)."""

    code: str
    name: str
    name_en: str | None
    weight: Decimal


@dataclass
class IndexCatalogue:
    framework: Area | None  # code, name of the framework the index uses
    indicators: list
    bands: list  # [(min_score, label, label_en)]
    domains: dict  # code → Area
    aspects: dict  # code → Area

    @property
    def predicate_bands(self):
        return [(minimum, label) for minimum, label, _ in self.bands]

    def predicate(self, score):
        return scoring.predicate(score, self.predicate_bands)


@dataclass
class CommitmentFigures:
    commitment: Commitment
    total: int = 0
    verified: int = 0  # done: verified at or above the target
    below_target: int = 0  # verified below the target, still open
    progress: object = 0
    overdue: int = 0
    open: int = 0
    last_update: object = None
    days_since_update: int | None = None
    stalled: bool = False
    waiting: int = 0  # open milestones submitted, waiting for the host's verification
    waiting_on_host_days: int | None = None  # age of the oldest of them
    late_review: bool = False  # the host is past VERIFY_SLA_DAYS on it
    official: "OfficialResult | None" = None
    estimate: scoring.Estimate | None = None
    index: scoring.IndexResult | None = None
    index_self: scoring.IndexResult | None = None
    predicate: str | None = None
    levels: dict = field(default_factory=dict)  # indicator code → (self, verified, baseline)
    verified_since: dict = field(default_factory=dict)  # indicator code → level verified after the official result
    # what the day-dependent figures come from (kept by services.summaries, derived on the day read)
    dues: list = field(default_factory=list)  # [(due date, status)] of the milestones
    reference: object = None  # the moment `days_since_update` counts from
    waiting_since: object = None  # the oldest submission still waiting for verification

    @property
    def region(self):
        return self.commitment.region


@dataclass(frozen=True)
class OfficialResult:
    """A region's last official evaluation (stored index and predicate, never recomputed)."""

    year: int
    index: Decimal
    predicate: str | None
    evaluated_on: date | None

    @property
    def cutoff(self):
        return scoring.official_cutoff(self.year, self.evaluated_on)


def index_catalogue():
    code = current_app.config.get("INDEX_FRAMEWORK", INDEX_FRAMEWORK)
    framework = db.session.scalar(select(Framework).where(Framework.code == code))
    if framework is None:
        return IndexCatalogue(None, [], [], {}, {})
    rows = db.session.execute(
        select(Practice.code, Practice.weight, Aspect.code, Domain.code)
        .join(Practice.aspect)
        .join(Aspect.domain)
        .where(Practice.framework_id == framework.id, Practice.active.is_(True))
        .order_by(Practice.position)
    ).all()
    bands = db.session.execute(
        select(PredicateBand.min_score, PredicateBand.label, PredicateBand.label_en)
        .where(PredicateBand.framework_id == framework.id)
        .order_by(PredicateBand.min_score.desc())
    ).all()
    # Plain data, never ORM objects: the catalogue is cached across requests (`_national_rows`), and
    # a request that rolled back after filling the cache would leave expired, detached rows in it.
    domains = {
        d.code: Area(d.code, d.name, d.name_en, d.weight)
        for d in db.session.scalars(select(Domain).where(Domain.framework_id == framework.id))
    }
    aspects = {
        a.code: Area(a.code, a.name, a.name_en, a.weight)
        for a in db.session.scalars(select(Aspect).join(Aspect.domain).where(Domain.framework_id == framework.id))
    }
    return IndexCatalogue(
        Area(framework.code, framework.name, framework.name_en, Decimal(100)),
        [scoring.Indicator(*row) for row in rows],
        [tuple(b) for b in bands],
        domains,
        aspects,
    )


def _commitments(region_id=None, include_withdrawn=False):
    province = aliased(Region)
    statement = (
        select(Commitment)
        .join(Commitment.region)
        .outerjoin(province, Region.parent_id == province.id)
        .options(joinedload(Commitment.region), joinedload(Commitment.signing_event))
        .order_by(Region.code, Commitment.id)
    )
    if region_id is not None:
        statement = statement.where(Commitment.region_id == region_id)
    if not include_withdrawn:
        statement = statement.where(Commitment.status != "withdrawn")
    return db.session.scalars(statement).unique().all()


def figures(commitments, today=None):
    """Figures for each commitment, in four queries whatever their number."""
    today = today or utcnow().date()
    stalled_days = current_app.config["STALLED_DAYS"]
    ids = [c.id for c in commitments]
    catalogue = index_catalogue()
    result = {c.id: CommitmentFigures(c) for c in commitments}
    if not ids:
        return result, catalogue
    rows = (
        db.session.connection()
        .execute(
            select(
                Milestone.id,
                Milestone.commitment_id,
                Milestone.status,
                Milestone.due_date,
                Milestone.level,
                Milestone.verified_level,
                Milestone.target_level,
                Practice.code,
                Practice.weight,
            )
            .join(Milestone.practice)
            .where(Milestone.commitment_id.in_(ids))
        )
        .all()
    )
    last = dict(
        db.session.execute(
            select(Milestone.commitment_id, func.max(MilestoneUpdate.at))
            .join(MilestoneUpdate, MilestoneUpdate.milestone_id == Milestone.id)
            .where(Milestone.commitment_id.in_(ids))
            .group_by(Milestone.commitment_id)
        ).all()
    )
    region_ids = {c.region_id for c in commitments}
    officials, official_levels = _official_results(region_ids)
    baselines = {**_baseline_levels(region_ids - set(officials)), **official_levels}
    verified_on, submitted_at = _moments(ids)
    threshold = min_coverage()
    sla_days = current_app.config["VERIFY_SLA_DAYS"]

    per_commitment = defaultdict(list)
    for row in rows:
        per_commitment[row.commitment_id].append(row)
    indicator_codes = {i.code for i in catalogue.indicators}
    for commitment in commitments:
        item = result[commitment.id]
        milestones = per_commitment[commitment.id]
        item.total = len(milestones)
        item.verified = sum(1 for m in milestones if states.is_done(m.status))
        item.below_target = sum(
            1 for m in milestones if states.is_below_target(m.status, m.verified_level, m.target_level)
        )
        item.open = item.total - item.verified
        item.progress = scoring.progress([(m.weight, m.status, m.verified_level, m.target_level) for m in milestones])
        item.overdue = scoring.overdue([(m.due_date, m.status) for m in milestones], today)
        item.last_update = last.get(commitment.id)
        reference = item.reference = item.last_update or commitment.signed_on or commitment.created_at
        item.dues = [(m.due_date, m.status) for m in milestones]
        item.days_since_update = scoring.days_since(reference, today)
        waiting = [submitted_at.get(m.id) for m in milestones if m.status == "submitted"]
        item.waiting = len(waiting)
        ages = [scoring.days_since(at, today) for at in waiting if at is not None]
        item.waiting_since = min((at for at in waiting if at is not None), default=None)
        item.waiting_on_host_days = max(ages) if ages else None
        item.late_review = scoring.is_late_review(item.waiting_on_host_days, sla_days)
        item.stalled = scoring.is_stalled(item.days_since_update, item.open, stalled_days, item.waiting)
        base = baselines.get(commitment.region_id, {})
        official = item.official = officials.get(commitment.region_id)
        cutoff = official.cutoff if official else None
        verified_levels, self_levels, since = dict(base), dict(base), {}
        for m in milestones:
            if m.code in indicator_codes:
                if m.verified_level is not None:
                    verified_levels[m.code] = m.verified_level
                    if scoring.verified_since(_local_date(verified_on.get(m.id), commitment.region), cutoff):
                        since[m.code] = m.verified_level
                if m.level is not None:
                    self_levels[m.code] = m.level
                item.levels[m.code] = (m.level, m.verified_level, base.get(m.code))
        for code, level in base.items():
            item.levels.setdefault(code, (None, None, level))
        if catalogue.indicators:
            item.verified_since = since
            item.estimate = scoring.estimate(
                catalogue.indicators,
                official_index=official.index if official else None,
                official_levels=base,
                verified=since,
                min_coverage=threshold,
            )
            item.index = item.estimate.levels
            item.index_self = scoring.spbe_index(catalogue.indicators, self_levels)
            item.predicate = scoring.estimate_predicate(item.estimate, catalogue.predicate_bands)
    return result, catalogue


def min_coverage():
    """INDEX_MIN_COVERAGE as a Decimal: below it an estimate has no predicate and no place in averages."""
    return Decimal(str(current_app.config["INDEX_MIN_COVERAGE"]))


def _local_date(moment, region):
    """The day of `moment` on the region's own clock (WIB/WITA/WIT)."""
    return periods.local(moment, region.timezone).date() if moment is not None else None


VERIFY_ACTIONS = ("verify", "verify_below_target")


def _moments(commitment_ids):
    """({milestone id: its last verification}, {milestone id: its last move to submitted}) for the
    milestones of `commitment_ids`, from the history."""
    verified, submitted = {}, {}
    arrived = (MilestoneUpdate.to_status == "submitted") & (MilestoneUpdate.from_status != "submitted")
    for milestone_id, action, at in db.session.execute(
        select(MilestoneUpdate.milestone_id, MilestoneUpdate.action, func.max(MilestoneUpdate.at))
        .join(Milestone, Milestone.id == MilestoneUpdate.milestone_id)
        .where(Milestone.commitment_id.in_(commitment_ids), MilestoneUpdate.action.in_(VERIFY_ACTIONS) | arrived)
        .group_by(MilestoneUpdate.milestone_id, MilestoneUpdate.action)
    ):
        found = verified if action in VERIFY_ACTIONS else submitted
        found[milestone_id] = max(at, found.get(milestone_id, at))
    return verified, submitted


def _official_results(region_ids):
    """({region id: OfficialResult}, {region id: {indicator code: level}}) from each region's
    latest evaluation that has a year and an index: its stored index and predicate, and its levels
    (none when only the index was published)."""
    latest = {}
    for evaluation in db.session.execute(
        select(
            Evaluation.id,
            Evaluation.region_id,
            Evaluation.year,
            Evaluation.spbe_index,
            Evaluation.predicate,
            Evaluation.evaluated_on,
        )
        .where(
            Evaluation.region_id.in_(region_ids),
            Evaluation.year.is_not(None),
            Evaluation.spbe_index.is_not(None),
        )
        .order_by(Evaluation.region_id, Evaluation.year.desc())
    ):
        latest.setdefault(evaluation.region_id, evaluation)
    officials = {
        region_id: OfficialResult(row.year, row.spbe_index, row.predicate, row.evaluated_on)
        for region_id, row in latest.items()
    }
    levels = defaultdict(dict)
    ids = [row.id for row in latest.values()]
    for region_id, code, level in db.session.execute(
        select(Evaluation.region_id, Practice.code, EvaluationLevel.level)
        .join(EvaluationLevel.evaluation)
        .join(EvaluationLevel.practice)
        .where(EvaluationLevel.evaluation_id.in_(ids))
    ):
        levels[region_id][code] = level
    return officials, levels


def _baseline_levels(region_ids):
    """{region id: {indicator code: level}} from each region's latest official evaluation that has
    levels (a dated one before one without a year, which only a migrated baseline can be)."""
    latest = {}
    for evaluation_id, region_id in db.session.execute(
        select(Evaluation.id, Evaluation.region_id)
        .where(Evaluation.region_id.in_(region_ids), Evaluation.levels.any())
        .order_by(Evaluation.region_id, Evaluation.year.is_(None), Evaluation.year.desc())
    ):
        latest.setdefault(region_id, evaluation_id)
    levels = defaultdict(dict)
    for region_id, code, level in db.session.execute(
        select(Evaluation.region_id, Practice.code, EvaluationLevel.level)
        .join(EvaluationLevel.evaluation)
        .join(EvaluationLevel.practice)
        .where(EvaluationLevel.evaluation_id.in_(latest.values()))
    ):
        levels[region_id][code] = level
    return levels


def region_figures(actor, region):
    """Figures for one region's commitments (region officers: only their own)."""
    policy.ensure(actor, "commitments.view")
    policy.ensure_region_access(actor, region.id)
    commitments = _commitments(region_id=region.id)
    return figures(commitments)


def primary(items):
    """The most recently signed commitment's figures among `items` (None when there are none)."""
    if not items:
        return None
    return max(items.values(), key=lambda i: (i.commitment.signed_on or date.min, i.commitment.id))


def national_figures(today=None):
    """Figures of every adopter's commitment that is not withdrawn (no personal data in the result).

    The host region is no adopter: a commitment of its own (refused since migration 0009, which
    flags the old ones for the admin) never counts in national figures, averages or the board."""
    host = current_app.config["HOST_REGION_CODE"]
    commitments = [c for c in _commitments() if c.region.code != host]
    return figures(commitments, today)


# --- the host's overview ---------------------------------------------------------------------

SORT_KEYS = {
    "region": lambda r: r["region_name"],
    "province": lambda r: (r["province_name"], r["region_name"]),
    "event": lambda r: (r["event_name"] or "", r["region_name"]),
    "signed": lambda r: r["signed_on"] or date.min,
    "progress": lambda r: r["progress"],
    "overdue": lambda r: r["overdue"],
    "stalled": lambda r: (r["stalled"], r["days_since_update"] or 0),
    "waiting": lambda r: (r["waiting_on_host_days"] is not None, r["waiting_on_host_days"] or 0),
    "updated": lambda r: (r["days_since_update"] is None, -(r["days_since_update"] or 0)),
    "index": lambda r: (r["index"] is not None, r["index"] or 0),
}


def overview_row(item, provinces):
    commitment = item.commitment
    region = commitment.region
    province = provinces.get(region.parent_id)
    return {
        "commitment_id": commitment.id,
        "region_code": region.code,
        "region_name": region.name,
        "province_code": province.code if province else region.code,
        "province_name": province.name if province else region.name,
        "event_id": commitment.signing_event_id,
        "event_name": commitment.signing_event.name if commitment.signing_event else None,
        "signed_on": commitment.signed_on,
        "status": commitment.status,
        "progress": item.progress,
        "verified": item.verified,
        "total": item.total,
        "overdue": item.overdue,
        "stalled": item.stalled,
        "waiting": item.waiting,
        "waiting_on_host_days": item.waiting_on_host_days,
        "late_review": item.late_review,
        "last_update": item.last_update,
        "days_since_update": item.days_since_update,
        **estimate_fields(item),
        "index_self": item.index_self.value if item.index_self else None,
        "domains": item.index.domains if item.index else {},
    }


def estimate_fields(item):
    """The estimate as plain data: index, coverage and its basis, the official result, the change,
    whether it is sufficient, and the predicate (None below INDEX_MIN_COVERAGE)."""
    result, official = item.estimate, item.official
    return {
        "index": result.value if result else None,
        "coverage": result.coverage if result else None,
        "coverage_basis": result.basis if result else None,
        "index_sufficient": bool(result and result.sufficient),
        "official_year": official.year if official else None,
        "official_index": official.index if official else None,
        "official_predicate": official.predicate if official else None,
        "change": result.change if result else None,
        "not_counted": list(result.not_counted) if result else [],
        "predicate": item.predicate,
    }


def _national_rows(today=None):
    """(rows, catalogue) for every adopter's commitment that is not withdrawn, as plain data, from
    the maintained summary rows (services.summaries.national_rows): as fast after a write as
    before it. Callers must treat the rows as read-only."""
    return summaries.national_rows(today)


def overview_rows(actor, today=None):
    """The host table: one row per commitment that is not withdrawn; plus the index catalogue."""
    policy.ensure(actor, "monitoring.national")
    return _national_rows(today)


def waiting_on_host(actor, limit=10, today=None):
    """The host's backlog: (regions whose submissions wait for verification, oldest waiting first,
    at most `limit`; how many in all). A row's `late_review` says the host is past VERIFY_SLA_DAYS."""
    policy.ensure(actor, "monitoring.host")
    rows, _catalogue = _national_rows(today)
    waiting = sorted(
        (r for r in rows if r["waiting_on_host_days"] is not None),
        key=lambda r: (-r["waiting_on_host_days"], r["region_name"]),
    )
    return waiting[:limit], len(waiting)


def filter_rows(
    rows, *, province=None, event=None, status=None, stalled=None, overdue=None, q=None, sort="region", descending=False
):
    """Filter, search and sort overview rows (a plain list; pages and exports share it)."""
    if province:
        rows = [r for r in rows if r["province_code"] == province]
    if event:
        rows = [r for r in rows if str(r["event_id"]) == str(event)]
    if status:
        rows = [r for r in rows if r["status"] == status]
    if stalled is not None:
        rows = [r for r in rows if r["stalled"] == stalled]
    if overdue is not None:
        rows = [r for r in rows if (r["overdue"] > 0) == overdue]
    if q:
        needle = q.strip().lower()
        rows = [r for r in rows if needle in r["region_name"].lower() or needle in r["region_code"]]
    return sorted(rows, key=SORT_KEYS.get(sort, SORT_KEYS["region"]), reverse=descending)


def summary(rows):
    """Totals for the cards above a table of overview rows. The average index takes only the
    estimates at or above INDEX_MIN_COVERAGE: "n of N regions" (`index_regions` of `regions`).
    Averages and the region count take each region once: a region with several commitments is
    represented by its most recently signed one (domain.representatives)."""
    regions = representatives.representative_rows(rows)
    average_index, counted = scoring.sufficient_average((r["index"], r["index_sufficient"]) for r in regions)
    return {
        "commitments": len(rows),
        "average_progress": (sum(r["progress"] for r in regions) / len(regions)) if regions else 0,
        "stalled": sum(1 for r in rows if r["stalled"]),
        "with_overdue": sum(1 for r in rows if r["overdue"]),
        "overdue_milestones": sum(r["overdue"] for r in rows),
        "verified": sum(r["verified"] for r in rows),
        "milestones": sum(r["total"] for r in rows),
        "average_index": average_index,
        "index_regions": counted,
        "regions": len(regions),
        "waiting_on_host": sum(1 for r in rows if r.get("waiting_on_host_days") is not None),
        "late_reviews": sum(1 for r in rows if r.get("late_review")),
    }


# --- one region ------------------------------------------------------------------------------


def index_inputs(item, catalogue):
    """Every input behind the region's index estimate: indicator, weights, levels used."""
    rows = []
    for indicator in catalogue.indicators:
        self_level, verified_level, baseline = item.levels.get(indicator.code, (None, None, None))
        since = item.verified_since.get(indicator.code)
        used = since if since is not None else baseline
        rows.append(
            {
                "indicator": indicator.code,
                "domain": indicator.domain,
                "aspect": indicator.aspect,
                "weight": indicator.weight,
                "self_assessed": self_level,
                "verified": verified_level,
                "baseline": baseline,
                "verified_since": since is not None,
                "level_used": used,
                "product": (used * indicator.weight) if used is not None else None,
            }
        )
    return rows


# --- national view ---------------------------------------------------------------------------

PROGRESS_BUCKETS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))


def national_summary(rows):
    """Totals by status, event and province, the progress distribution, stalled and overdue lists."""
    by_status, by_event = defaultdict(int), defaultdict(int)
    provinces = {}
    for row in rows:
        by_status[row["status"]] += 1
        by_event[row["event_name"] or "—"] += 1
        province = provinces.setdefault(
            row["province_code"],
            {"code": row["province_code"], "name": row["province_name"], "rows": []},
        )
        province["rows"].append(row)
    province_table = []
    for province in provinces.values():
        group = province.pop("rows")
        figures = summary(group)
        province_table.append({**province, **figures})
    province_table.sort(key=lambda p: p["name"])
    distribution = []
    regions = representatives.representative_rows(rows)  # regions by progress: each region once
    for low, high in PROGRESS_BUCKETS:
        count = sum(1 for r in regions if low <= r["progress"] * 100 < high)
        distribution.append((f"{low}–{min(high, 100)}%", count))
    return {
        "totals": summary(rows),
        "by_status": dict(by_status),
        "by_event": dict(sorted(by_event.items())),
        "provinces": province_table,
        "distribution": distribution,
        "stalled": sorted((r for r in rows if r["stalled"]), key=lambda r: -(r["days_since_update"] or 0)),
        "overdue": sorted((r for r in rows if r["overdue"]), key=lambda r: -r["overdue"]),
    }


PUBLIC_FIELDS = (
    "region_code",
    "region_name",
    "province_code",
    "province_name",
    "event_name",
    "signed_on",
    "progress",
    "verified",
    "total",
    "overdue",
    "stalled",
    "index",
    "coverage",
    "coverage_basis",
    "index_sufficient",
    "official_year",
    "official_index",
    "change",
    "predicate",
)


def public_rows():
    """Per-region progress for the public board: only the aggregate fields, no people, no notes."""
    rows, catalogue = _national_rows()
    public = [{key: row[key] for key in PUBLIC_FIELDS} for row in rows]
    return sorted(public, key=lambda r: (r["province_name"], r["region_name"])), catalogue
