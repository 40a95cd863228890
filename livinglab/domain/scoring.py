"""Progress and the SPBE index estimate as pure functions (no Flask, no database).

* Commitment progress = weighted credit of the milestones (practice weights): a done milestone
  earns its whole weight, one verified below its target `min(verified, target) / target` of it,
  one never verified nothing. "Done" is `milestone_states.is_done`, the one rule for it.
* SPBE index (PermenPANRB 59/2020) = Σ(level × indicator weight) / 100 over the indicators; aspect
  and domain indices are the weighted means of their indicators. Predicate bands come from data.
* An indicator without a level (no milestone, no baseline) is "not assessed": it is left out and
  the index is the weighted mean over the assessed indicators, shown with its coverage (the share
  of the total weight that was assessed). With every indicator assessed this equals the official
  formula exactly.
* The region's estimate (`estimate`) starts from its last official result: the stored official
  index plus (verified level − official level) × weight / 100 for each indicator verified after
  that evaluation (`verified_since`, `official_cutoff`); without an official result it is the
  weighted mean above. Below the coverage threshold (INDEX_MIN_COVERAGE) it has no predicate
  (`estimate_predicate`) and no place in an average (`sufficient_average`).
* Stalled means the region is stuck: open work of its own and nothing moved for N days; open
  milestones that all wait for the host's verification are the host's backlog (`is_late_review`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from livinglab.domain.milestone_states import is_done

TWO_PLACES = Decimal("0.01")


def _dec(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round2(value):
    return None if value is None else _dec(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def credit(status, verified_level=None, target_level=None):
    """The share (0–1) of its weight a milestone earns: 1 when done; otherwise
    `min(verified, target) / target` for the level the host verified (0 without one)."""
    if is_done(status):
        return Decimal(1)
    if verified_level is None:
        return Decimal(0)
    if not target_level:
        return Decimal(1)
    return Decimal(min(verified_level, target_level)) / Decimal(target_level)


def progress(milestones):
    """Weighted credit (0–1) of `milestones`: (weight, status[, verified_level, target_level]) tuples.

    When every weight is zero the plain mean of the credits is used, so host practices without
    weights still move.
    """
    items = [(_dec(weight or 0), credit(status, *levels)) for weight, status, *levels in milestones]
    if not items:
        return Decimal(0)
    total = sum(weight for weight, _ in items)
    if total == 0:
        return sum(share for _, share in items) / len(items)
    return sum(weight * share for weight, share in items) / total


def is_overdue(due_date, status, today):
    """Past its due date and not done (verified below target is not done)."""
    return due_date is not None and due_date < today and not is_done(status)


def overdue(milestones, today):
    """How many (due_date, status) pairs are overdue."""
    return sum(1 for due, status in milestones if is_overdue(due, status, today))


def days_since(moment, today):
    """Whole days from a date (or datetime) to `today`; None when there is no moment."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        moment = moment.date()
    return (today - moment).days


def is_stalled(last_update_days, open_milestones, stalled_days, waiting=0):
    """Stalled: the region has open work of its own and nothing moved for `stalled_days` days.

    `waiting` of the open milestones are submitted and wait for the host's verification: a
    region whose open milestones all wait is not stalled (the host is late, see `is_late_review`)."""
    own = open_milestones - waiting
    return own > 0 and last_update_days is not None and last_update_days >= stalled_days


def is_late_review(waiting_days, sla_days):
    """The host is late on a review when the oldest submission waited longer than `sla_days`."""
    return waiting_days is not None and waiting_days > sla_days


@dataclass(frozen=True)
class Indicator:
    code: str
    weight: Decimal
    aspect: str
    domain: str


@dataclass
class IndexResult:
    value: Decimal | None  # two decimals, None when nothing is assessed
    coverage: Decimal  # share of the total weight that was assessed (0–1)
    domains: dict = field(default_factory=dict)  # domain code → index (or None)
    aspects: dict = field(default_factory=dict)  # aspect code → index (or None)
    not_assessed: list = field(default_factory=list)  # indicator codes without a level


WEIGHT_SCALE = 1000  # weights carry at most three decimals (e.g. 1.125 %)


@lru_cache(maxsize=1024)
def _milli(weight):
    return int(_dec(weight) * WEIGHT_SCALE)


def _mean(total, weight):
    """Exact weighted mean from integer sums, rounded half-up to two decimals; None if no weight."""
    return round2(Decimal(total) / Decimal(weight)) if weight else None


def spbe_index(indicators, levels):
    """The index estimate from `levels` (code → level 1–5 or None) over `indicators`.

    Sums are kept in integers (weights × 1000), so the result is exact and fast enough to compute
    for every region of the country on each page view.
    """
    totals = {"": [0, 0]}
    domains, aspects = {}, {}
    total_weight, not_assessed = 0, []
    for indicator in indicators:
        weight = _milli(indicator.weight)
        total_weight += weight
        domain = domains.setdefault(indicator.domain, [0, 0])
        aspect = aspects.setdefault(indicator.aspect, [0, 0])
        level = levels.get(indicator.code)
        if level is None:
            not_assessed.append(indicator.code)
            continue
        for bucket in (totals[""], domain, aspect):
            bucket[0] += level * weight
            bucket[1] += weight
    assessed = totals[""][1]
    return IndexResult(
        value=_mean(*totals[""]),
        coverage=(Decimal(assessed) / Decimal(total_weight)) if total_weight else Decimal(0),
        domains={code: _mean(*sums) for code, sums in domains.items()},
        aspects={code: _mean(*sums) for code, sums in aspects.items()},
        not_assessed=not_assessed,
    )


def predicate(score, bands):
    """The predicate label for `score` from `bands` [(min_score, label), …]; None without a score."""
    if score is None:
        return None
    for minimum, label in sorted(bands, key=lambda band: _dec(band[0]), reverse=True):
        if _dec(score) >= _dec(minimum):
            return label
    return None


# --- the estimate: last official result + what was verified since ------------------------------


def verified_since(verified_on, cutoff):
    """Whether a verification on `verified_on` (a date) counts after an official evaluation whose
    cutoff date is `cutoff` (its evaluation date, else 31 December of its year): strictly later
    days only. No cutoff (no official result): every verification counts."""
    return cutoff is None or (verified_on is not None and verified_on > cutoff)


def official_cutoff(year, evaluated_on):
    """The last day an official evaluation of `year` covers: its date, else 31 December of the year."""
    if evaluated_on is not None:
        return evaluated_on
    return date(year, 12, 31) if year else None


@dataclass
class Estimate:
    """The region's index estimate.

    basis "official": the stored official index plus (new level − official level) × weight / 100
    for every indicator verified since whose official level is known; coverage 1 (the ministry
    assessed every indicator). basis "levels": no official index, so the weighted mean over the
    indicators that have a level (verified, else a level-only baseline) with their weight share as
    coverage. `sufficient`: coverage at or above the threshold; only then is there a predicate."""

    value: Decimal | None
    coverage: Decimal
    basis: str | None  # "official", "levels" or None (nothing at all)
    official: Decimal | None
    change: Decimal | None
    sufficient: bool
    levels: "IndexResult"  # domains and aspects from the levels used
    not_counted: list = field(default_factory=list)  # verified since, no official level to compare


def estimate(indicators, *, official_index=None, official_levels=None, verified=None, min_coverage=Decimal("0.6")):
    """The index estimate from the last official result and the levels verified since.

    `official_index` is the stored official index (never recomputed), `official_levels` its levels
    per indicator (possibly none or some), `verified` the levels verified after it (or all verified
    levels when there is no official result). Exact: weights × 1000 as integers."""
    official_levels = dict(official_levels or {})
    verified = dict(verified or {})
    used = {**official_levels, **verified}
    by_levels = spbe_index(indicators, used)
    if official_index is not None:
        official = _dec(official_index)
        delta, not_counted = 0, []
        for indicator in indicators:
            level = verified.get(indicator.code)
            if level is None:
                continue
            before = official_levels.get(indicator.code)
            if before is None:
                not_counted.append(indicator.code)
                continue
            delta += (level - before) * _milli(indicator.weight)
        value = round2(official + Decimal(delta) / Decimal(100 * WEIGHT_SCALE))
        return Estimate(value, Decimal(1), "official", official, value - official, True, by_levels, not_counted)
    coverage = by_levels.coverage
    basis = "levels" if by_levels.value is not None else None
    sufficient = is_sufficient(basis, by_levels.value, coverage, min_coverage)
    return Estimate(by_levels.value, coverage, basis, None, None, sufficient, by_levels)


def is_sufficient(basis, value, coverage, min_coverage):
    """Whether an estimate counts (a predicate, a place in averages): always on an official basis
    (coverage 1), else when there is a value and its coverage reaches `min_coverage`."""
    return basis == "official" or (value is not None and coverage >= _dec(min_coverage))


def estimate_predicate(result, bands):
    """The predicate of an estimate, or None when its coverage is below the threshold."""
    return predicate(result.value, bands) if result.sufficient else None


def sufficient_average(values):
    """(average, n) of the estimates that are sufficient among `values` [(value, sufficient)]:
    fragments (coverage below the threshold) never enter an average."""
    kept = [_dec(value) for value, sufficient in values if sufficient and value is not None]
    return ((sum(kept) / len(kept)) if kept else None), len(kept)
