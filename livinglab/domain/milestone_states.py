"""The milestone state machine: which role may move a milestone from which state to which.

    not_started → in_progress → submitted → verified
                       ↑            │
                       └─ returned ←┘          any open state ⇄ blocked (with a reason)

Region officers (of the owning region) and host roles move work forward up to `submitted`;
only host roles verify, return (comment required) or reopen a verified milestone (reason required).

Done means verified at or above the target level, and nothing else. The host's verification of a
submitted milestone records the level it found; below the target that level is kept (it counts in
the index and earns partial progress) but the milestone goes back to `in_progress`, so the region
keeps working on it and submits again. `verified` is therefore the only done status, and every
figure (progress, overdue, open and stalled counts, digests, the API) asks `is_done`.
"""

from dataclasses import dataclass

STATUSES = ("not_started", "in_progress", "submitted", "returned", "verified", "blocked")
OPEN_STATUSES = ("not_started", "in_progress", "submitted", "returned")
DONE_STATUSES = ("verified",)
HOST = frozenset({"host_admin", "host_staff"})
WORKERS = HOST | {"region_officer"}
MIN_LEVEL, MAX_LEVEL = 1, 5


class TransitionError(ValueError):
    """The move is not allowed. `code` says why (the service turns it into a translated
    message), `field` names the input at fault, `params` fill the message."""

    def __init__(self, message, field="status", code="not_allowed", **params):
        super().__init__(message)
        self.field = field
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Transition:
    action: str
    roles: frozenset
    needs_text: bool = False  # a comment (return) or reason (reopen, block) is required
    offered: bool = True  # listed among a form's status choices (False: reached only by a decision)


TRANSITIONS = {
    ("not_started", "in_progress"): Transition("start", WORKERS),
    ("returned", "in_progress"): Transition("rework", WORKERS),
    ("blocked", "in_progress"): Transition("unblock", WORKERS),
    ("not_started", "submitted"): Transition("submit", WORKERS),
    ("in_progress", "submitted"): Transition("submit", WORKERS),
    ("returned", "submitted"): Transition("submit", WORKERS),
    ("submitted", "verified"): Transition("verify", HOST),
    ("submitted", "in_progress"): Transition("verify_below_target", HOST, offered=False),
    ("submitted", "returned"): Transition("return", HOST, needs_text=True),
    ("verified", "in_progress"): Transition("reopen", HOST, needs_text=True),
    **{(state, "blocked"): Transition("block", WORKERS, needs_text=True) for state in OPEN_STATUSES},
}


def transition(current, target, role, text=None):
    """The `Transition` for moving `current` → `target` as `role`, or raise TransitionError."""
    if target not in STATUSES:
        raise TransitionError(f"Unknown status: {target}", code="unknown_status", target=target)
    if current == target:
        raise TransitionError(f"The milestone is already {target}.", code="same_status", target=target)
    move = TRANSITIONS.get((current, target))
    if move is None:
        raise TransitionError(
            f"A milestone cannot go from {current} to {target}.", code="no_path", current=current, target=target
        )
    if role not in move.roles:
        raise TransitionError(
            f"Only the host may move a milestone from {current} to {target}.",
            code="host_only",
            current=current,
            target=target,
        )
    if move.needs_text and not (text or "").strip():
        field = "comment" if move.action == "return" else "reason"
        raise TransitionError(
            f"A {field} is required to {move.action} a milestone.", field=field, code=f"{field}_required"
        )
    return move


def allowed_targets(current, role):
    """The statuses `role` may move a milestone in `current` to (for forms and buttons)."""
    return [to for (frm, to), move in TRANSITIONS.items() if frm == current and role in move.roles and move.offered]


def can_edit_content(current, role):
    """Whether `role` may change the self-assessed level, note or evidence without moving it."""
    if is_done(current):
        return False
    if current == "submitted":
        return role in HOST
    return role in WORKERS


def check_level(level):
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise TransitionError(
            f"A level is a whole number from {MIN_LEVEL} to {MAX_LEVEL}.", field="level", code="bad_level"
        )
    return level


# --- done, target and the host's decision -----------------------------------------------------

DECISIONS = ("verify", "verify_below_target", "return")  # moves made only through the host's decision


def is_done(status):
    """The one rule for "done": the milestone is verified (which implies: at or above its target)."""
    return status in DONE_STATUSES


def meets_target(level, target_level):
    """Whether a verified `level` reaches `target_level` (no target: any level does)."""
    return level is not None and (target_level is None or level >= target_level)


def is_below_target(status, verified_level, target_level):
    """Open work whose host-verified level is short of its target (verified below target)."""
    return not is_done(status) and verified_level is not None and not meets_target(verified_level, target_level)


def verification_outcome(level, target_level):
    """The status a verification at `level` leads to: `verified` (done) at or above the target,
    `in_progress` (still open, level recorded) below it."""
    return "verified" if meets_target(level, target_level) else "in_progress"
