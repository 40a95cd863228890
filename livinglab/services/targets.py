"""Commitment targets against the regions' figures: gap, reached, and the national count.

The current index figure is the monitoring service's (`monitoring.estimate_fields`: the estimate,
and whether its coverage is sufficient); official results come from `evaluations`. All comparisons
are `livinglab.domain.targets`. Nothing here writes.
"""

from collections import defaultdict
from decimal import Decimal

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from livinglab import policy
from livinglab.domain import targets
from livinglab.extensions import db
from livinglab.models import Commitment, Evaluation
from livinglab.services import monitoring

FURTHEST = 10


def clean_target(index, year):
    """(index as a Decimal or None, year or None) for a target given by a form, the API or an
    import; field → message for what is wrong (empty when fine)."""
    if isinstance(index, str):
        index = index.strip().replace(",", ".") or None
    try:
        index = None if index is None else Decimal(str(index))
    except ArithmeticError:
        return None, year, {"target_index": _("The target index is a number from 0 to 5 with at most two decimals.")}
    messages = {
        "index_range": _("The target index is a number from 0 to 5 with at most two decimals."),
        "index_places": _("The target index is a number from 0 to 5 with at most two decimals."),
        "index_missing": _("Give the target index for the target year."),
        "year_range": _(
            "The target year is a year from %(low)s to %(high)s.", low=targets.MIN_YEAR, high=targets.MAX_YEAR
        ),
    }
    problems = targets.check_target(index, year)
    return index, year, {name: messages[code] for name, code in problems.items()}


def _officials(region_ids):
    """{region id: [Official(year, index)]} of every official result with a year and an index."""
    found = defaultdict(list)
    if not region_ids:
        return found
    for region_id, year, index in db.session.execute(
        select(Evaluation.region_id, Evaluation.year, Evaluation.spbe_index).where(
            Evaluation.region_id.in_(region_ids), Evaluation.year.is_not(None), Evaluation.spbe_index.is_not(None)
        )
    ):
        found[region_id].append(targets.Official(year, index))
    return found


def below_official(commitment):
    """The region's latest official result when the commitment's target is below it, else None:
    allowed (a region may sign a modest target) but flagged where the target is entered and shown."""
    if commitment.target_index is None:
        return None
    latest = targets.latest(_officials({commitment.region_id}).get(commitment.region_id, []))
    return latest if latest is not None and commitment.target_index < latest.index else None


def _current(fields):
    """The current index figure when it means something against a target, else None."""
    sufficient = fields.get("index_sufficient")
    if sufficient is None:  # no verdict given: judge the coverage by INDEX_MIN_COVERAGE ourselves
        minimum = Decimal(str(current_app.config.get("INDEX_MIN_COVERAGE", targets.MIN_COVERAGE)))
        return targets.meaningful(fields.get("index"), fields.get("coverage"), minimum)
    index = fields.get("index")
    return Decimal(str(index)) if sufficient and index is not None else None


def for_item(item, officials=None):
    """The TargetStatus of one commitment's figures (None without a target)."""
    commitment = item.commitment
    if commitment.target_index is None:
        return None
    if officials is None:
        officials = _officials({commitment.region_id}).get(commitment.region_id, [])
    return targets.target_status(
        commitment.target_index, commitment.target_year, officials, _current(monitoring.estimate_fields(item))
    )


def _row_targets(rows):
    """{commitment id: TargetStatus or None} for overview rows (one query for targets, one for results)."""
    ids = [r["commitment_id"] for r in rows]
    if not ids:
        return {}
    plan = {
        row.id: row
        for row in db.session.execute(
            select(Commitment.id, Commitment.region_id, Commitment.target_index, Commitment.target_year).where(
                Commitment.id.in_(ids)
            )
        )
    }
    officials = _officials({row.region_id for row in plan.values() if row.target_index is not None})
    result = {}
    for row in rows:
        own = plan.get(row["commitment_id"])
        if own is None or own.target_index is None:
            result[row["commitment_id"]] = None
            continue
        result[row["commitment_id"]] = targets.target_status(
            own.target_index, own.target_year, officials.get(own.region_id, []), _current(row)
        )
    return result


def overview_targets(actor, rows):
    """{commitment id: TargetStatus or None} for the host's overview rows."""
    policy.ensure(actor, "monitoring.national")
    return _row_targets(rows)


def national(actor, rows=None):
    """For /national and its PDF: how many commitments reached their target out of those with one,
    those whose reaching is unknown, and the FURTHEST furthest from it (row, status). `rows` are the
    overview rows when the caller has them already."""
    policy.ensure(actor, "monitoring.national")
    if rows is None:
        rows, _catalogue = monitoring.overview_rows(actor)
    statuses = _row_targets(rows)
    by_id = {r["commitment_id"]: r for r in rows}
    reached, with_target = targets.reached_count(statuses.values())
    return {
        "reached": reached,
        "with_target": with_target,
        "unknown": sum(1 for s in statuses.values() if s is not None and s.reached is None),
        "below_official": sum(1 for s in statuses.values() if s is not None and s.below_official),
        "furthest": [(by_id[key], status) for key, status in targets.furthest(statuses.items(), FURTHEST)],
    }
