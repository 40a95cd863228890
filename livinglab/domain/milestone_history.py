"""Reading a milestone's history for the people who act on it next.

The officer needs the host's latest word (why it came back); the verifier needs what the region
handed in since the host last decided (its notes and evidence). Rows are history entries in the
order they happened, with `action`, `note` and `evidence` (see `MilestoneUpdate`).
"""

from livinglab.domain.milestone_states import DECISIONS

HOST_WORD = frozenset({*DECISIONS, "reopen"})  # the moves in which the host speaks to the region


def latest_host_comment(rows):
    """The newest row in which the host decided or reopened with a comment, or None."""
    return next((row for row in reversed(rows) if row.action in HOST_WORD and row.note), None)


def since_last_decision(rows):
    """The rows after the host's last decision or reopening: the submission now under review."""
    last = max((i for i, row in enumerate(rows) if row.action in HOST_WORD), default=-1)
    return rows[last + 1 :]


def under_review(rows):
    """(notes, evidence) handed in since the host last decided: the region's notes, newest first,
    and the evidence attached with those rows, newest first."""
    current = since_last_decision(rows)
    notes = [row for row in reversed(current) if row.note]
    evidence = [item for row in reversed(current) for item in reversed(row.evidence)]
    return notes, evidence
