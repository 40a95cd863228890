"""Progress and the SPBE index estimate as pure functions (no Flask, no database).

* Commitment progress = weighted share of verified milestones (practice weights).
* SPBE index (PermenPANRB 59/2020) = Σ(level × indicator weight) / 100 over the indicators; aspect
  and domain indices are the weighted means of their indicators. Predicate bands come from data.
* An indicator without a level (no milestone, no baseline) is "not assessed": it is left out and
  the index is the weighted mean over the assessed indicators, shown with its coverage (the share
  of the total weight that was assessed). With every indicator assessed this equals the official
  formula exactly.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def _dec(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round2(value):
    return None if value is None else _dec(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def progress(milestones):
    """Weighted share (0–1) of verified milestones; `milestones` are (weight, status) pairs.

    When every weight is zero the plain count is used, so host practices without weights still move.
    """
    items = [(_dec(weight or 0), status) for weight, status in milestones]
    if not items:
        return Decimal(0)
    total = sum(weight for weight, _ in items)
    if total == 0:
        return Decimal(sum(1 for _, status in items if status == "verified")) / len(items)
    return sum(weight for weight, status in items if status == "verified") / total


def overdue(milestones, today):
    """How many (due_date, status) pairs are past due and not verified."""
    return sum(1 for due, status in milestones if due is not None and due < today and status != "verified")


def days_since(moment, today):
    """Whole days from a date (or datetime) to `today`; None when there is no moment."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        moment = moment.date()
    return (today - moment).days


def is_stalled(last_update_days, open_milestones, stalled_days):
    """Stalled: milestones are still open and nothing moved for `stalled_days` days."""
    return open_milestones > 0 and last_update_days is not None and last_update_days >= stalled_days


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


def _weighted_mean(pairs):
    pairs = [(level, weight) for level, weight in pairs if level is not None]
    total = sum(weight for _, weight in pairs)
    if not pairs or total == 0:
        return None
    return sum(_dec(level) * weight for level, weight in pairs) / total


def spbe_index(indicators, levels):
    """The index estimate from `levels` (code → level 1–5 or None) over `indicators`."""
    indicators = [Indicator(i.code, _dec(i.weight), i.aspect, i.domain) for i in indicators]
    total_weight = sum(i.weight for i in indicators)
    pairs = [(levels.get(i.code), i.weight) for i in indicators]
    assessed = sum(weight for level, weight in pairs if level is not None)
    result = IndexResult(
        value=round2(_weighted_mean(pairs)),
        coverage=(assessed / total_weight) if total_weight else Decimal(0),
        not_assessed=[i.code for i in indicators if levels.get(i.code) is None],
    )
    for attribute, target in (("domain", result.domains), ("aspect", result.aspects)):
        groups = {}
        for indicator in indicators:
            groups.setdefault(getattr(indicator, attribute), []).append((levels.get(indicator.code), indicator.weight))
        for key, group in groups.items():
            target[key] = round2(_weighted_mean(group))
    return result


def predicate(score, bands):
    """The predicate label for `score` from `bands` [(min_score, label), …]; None without a score."""
    if score is None:
        return None
    for minimum, label in sorted(bands, key=lambda band: _dec(band[0]), reverse=True):
        if _dec(score) >= _dec(minimum):
            return label
    return None
