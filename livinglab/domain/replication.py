"""Replication progress of host practices, kept apart from the SPBE index (pure, no Flask, no database).

Host practices and replicated innovations carry no SPBE weight: a region's replication is counted
by number (how many are done: verified at or above their target) and by verified level (the mean
share `min(verified, target) / target`, the same credit as a milestone earns in progress).
"""

from dataclasses import dataclass
from decimal import Decimal

from livinglab.domain.milestone_states import is_done
from livinglab.domain.scoring import credit


@dataclass(frozen=True)
class Replication:
    total: int  # host-practice milestones
    done: int  # verified at or above the target
    assessed: int  # with a verified level (done or below target)
    level_share: Decimal  # mean of min(verified, target) / target over all of them (0–1)
    mean_level: Decimal | None  # mean verified level of the assessed ones
    mean_target: Decimal | None  # mean target level of all of them

    @property
    def share(self):
        """Done over total (0–1)."""
        return Decimal(self.done) / Decimal(self.total) if self.total else Decimal(0)


def replication_progress(items):
    """Replication figures from `items`: (status, verified_level, target_level) per host-practice milestone."""
    items = list(items)
    if not items:
        return Replication(0, 0, 0, Decimal(0), None, None)
    levels = [verified for _status, verified, _target in items if verified is not None]
    targets = [target for _status, _verified, target in items if target]
    return Replication(
        total=len(items),
        done=sum(1 for status, _verified, _target in items if is_done(status)),
        assessed=len(levels),
        level_share=sum(credit(status, verified, target) for status, verified, target in items) / len(items),
        mean_level=(Decimal(sum(levels)) / len(levels)) if levels else None,
        mean_target=(Decimal(sum(targets)) / len(targets)) if targets else None,
    )
