"""Replication progress of host practices: by number and by verified level, apart from the index."""

from decimal import Decimal

from livinglab.domain.replication import replication_progress


def test_no_host_practices_give_zeroes_and_no_means():
    result = replication_progress([])
    assert (result.total, result.done, result.assessed, result.share) == (0, 0, 0, Decimal(0))
    assert result.level_share == 0 and result.mean_level is None and result.mean_target is None


def test_counts_done_practices_and_credits_levels_below_target():
    result = replication_progress(
        [
            ("verified", 3, 3),  # done: full credit
            ("in_progress", 2, 4),  # verified below target: half credit, not done
            ("submitted", None, 3),  # not verified yet: nothing
            ("not_started", None, 2),
        ]
    )
    assert (result.total, result.done, result.assessed) == (4, 1, 2)
    assert result.share == Decimal(1) / 4
    assert result.level_share == (Decimal(1) + Decimal(2) / 4) / 4
    assert result.mean_level == Decimal("2.5") and result.mean_target == Decimal(3)


def test_a_level_above_target_earns_no_more_than_the_target():
    result = replication_progress([("verified", 5, 3)])
    assert result.level_share == 1 and result.mean_level == 5
