"""A commitment's target (an Indeks SPBE by a year) against the region's figures, as pure functions.

* **Gap** = target index − the region's current index figure (two decimals; negative when the figure
  is above the target). A figure whose coverage is below `MIN_COVERAGE` means too little to compare,
  so the gap is unknown (None), never a number.
* **Reached**: the official index of the target year or a later year is at or above the target
  ("official"); otherwise the current figure is at or above it ("estimate"). With no official result
  of the target year or later and no meaningful figure, whether it was reached is unknown (None).
* **Below official**: the target is below the region's latest official index. Allowed (a region
  may sign a modest target) but flagged, since it asks for nothing.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_COVERAGE = Decimal("0.5")  # share of the index weight a figure needs before a gap means something
MIN_INDEX, MAX_INDEX = Decimal("0"), Decimal("5")
MIN_YEAR, MAX_YEAR = 2000, 2100
TWO_PLACES = Decimal("0.01")


def _dec(value):
    return None if value is None else (value if isinstance(value, Decimal) else Decimal(str(value)))


@dataclass(frozen=True)
class Official:
    year: int
    index: Decimal


@dataclass(frozen=True)
class TargetStatus:
    index: Decimal  # the target index
    year: int | None
    current: Decimal | None  # the figure the gap is measured from (None: too little coverage)
    gap: Decimal | None  # target − current; None when unknown
    reached: bool | None  # None: unknown
    reached_by: str | None  # "official" or "estimate" (what says reached or not), None when unknown
    reached_year: int | None  # the official year that reached it
    below_official: bool  # the target is below the latest official index
    latest_official: Official | None


def check_target(index, year):
    """Field → problem code for a target (index 0–5 with at most two decimals, year 2000–2100);
    empty when fine. Both may be missing; a year without an index is refused."""
    problems = {}
    index = _dec(index)
    if index is not None:
        if not index.is_finite() or not MIN_INDEX <= index <= MAX_INDEX:
            problems["target_index"] = "index_range"
        elif index != index.quantize(TWO_PLACES, rounding=ROUND_HALF_UP):
            problems["target_index"] = "index_places"
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR):
        problems["target_year"] = "year_range"
    elif year is not None and index is None:
        problems["target_index"] = "index_missing"
    return problems


def meaningful(index, coverage, min_coverage=MIN_COVERAGE):
    """The figure when its coverage is enough to compare with a target, else None."""
    if index is None or coverage is None or _dec(coverage) < _dec(min_coverage):
        return None
    return _dec(index)


def gap(target, current):
    """target − current, two decimals (None when either is unknown)."""
    if target is None or current is None:
        return None
    return (_dec(target) - _dec(current)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def latest(officials):
    """The latest official result with an index (None when there is none)."""
    dated = [o for o in officials if o.year is not None and o.index is not None]
    return max(dated, key=lambda o: o.year) if dated else None


def target_status(target_index, target_year, officials, current):
    """Where a commitment stands against its target; None when it has no target index.

    `officials` are the region's official results (Official(year, index)); `current` the region's
    current index figure, or None when it has too little coverage to compare (see `meaningful`)."""
    if target_index is None:
        return None
    target = _dec(target_index)
    current = _dec(current)
    officials = [o for o in officials if o.year is not None and o.index is not None]
    newest = latest(officials)
    counted = [o for o in officials if target_year is None or o.year >= target_year]
    hits = sorted((o for o in counted if _dec(o.index) >= target), key=lambda o: o.year)
    if hits:
        reached, by, year = True, "official", hits[0].year
    elif current is not None:
        reached, by, year = current >= target, "estimate", None
    elif counted:
        reached, by, year = False, "official", None
    else:
        reached, by, year = None, None, None
    return TargetStatus(
        index=target,
        year=target_year,
        current=current,
        gap=gap(target, current),
        reached=reached,
        reached_by=by,
        reached_year=year,
        below_official=newest is not None and target < _dec(newest.index),
        latest_official=newest,
    )


def furthest(statuses, limit=10):
    """The (key, status) pairs furthest from their target: not reached, known gap, largest first."""
    open_ = [(key, s) for key, s in statuses if s is not None and s.reached is not True and s.gap is not None]
    return sorted(open_, key=lambda pair: pair[1].gap, reverse=True)[:limit]


def reached_count(statuses):
    """(reached, with a target) over the statuses (None: no target, not counted)."""
    with_target = [s for s in statuses if s is not None]
    return sum(1 for s in with_target if s.reached is True), len(with_target)
