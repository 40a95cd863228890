"""The milestone state machine, without an app."""

import pytest

from livinglab.domain.milestone_states import (
    TransitionError,
    allowed_targets,
    can_edit_content,
    check_level,
    is_below_target,
    is_done,
    meets_target,
    transition,
    verification_outcome,
)


@pytest.mark.parametrize(
    ("current", "target", "role", "action"),
    [
        ("not_started", "in_progress", "region_officer", "start"),
        ("in_progress", "submitted", "region_officer", "submit"),
        ("returned", "submitted", "region_officer", "submit"),
        ("returned", "in_progress", "region_officer", "rework"),
        ("submitted", "verified", "host_staff", "verify"),
        ("verified", "in_progress", "host_admin", "reopen"),
        ("blocked", "in_progress", "region_officer", "unblock"),
    ],
)
def test_allowed_moves(current, target, role, action):
    text = "because" if action == "reopen" else None
    assert transition(current, target, role, text).action == action


@pytest.mark.parametrize(
    ("current", "target", "role"),
    [
        ("submitted", "verified", "region_officer"),
        ("submitted", "returned", "region_officer"),
        ("verified", "in_progress", "region_officer"),
        ("not_started", "verified", "host_admin"),
        ("verified", "submitted", "host_admin"),
        ("in_progress", "returned", "host_staff"),
        ("in_progress", "submitted", "ministry_viewer"),
        ("verified", "blocked", "host_admin"),
    ],
)
def test_refused_moves(current, target, role):
    with pytest.raises(TransitionError):
        transition(current, target, role, "some text")


def test_return_needs_a_comment_and_block_and_reopen_a_reason():
    with pytest.raises(TransitionError) as error:
        transition("submitted", "returned", "host_staff", "  ")
    assert error.value.field == "comment"
    with pytest.raises(TransitionError) as error:
        transition("in_progress", "blocked", "region_officer")
    assert error.value.field == "reason"
    with pytest.raises(TransitionError) as error:
        transition("verified", "in_progress", "host_admin", "")
    assert error.value.field == "reason"


def test_unknown_and_same_status_refused():
    with pytest.raises(TransitionError):
        transition("in_progress", "done", "host_admin")
    with pytest.raises(TransitionError):
        transition("in_progress", "in_progress", "host_admin")


def test_allowed_targets_per_role():
    assert set(allowed_targets("submitted", "host_staff")) == {"verified", "returned", "blocked"}
    assert set(allowed_targets("submitted", "region_officer")) == {"blocked"}
    assert allowed_targets("verified", "region_officer") == []


def test_content_edits():
    assert can_edit_content("in_progress", "region_officer")
    assert not can_edit_content("submitted", "region_officer")
    assert not can_edit_content("verified", "host_admin")
    assert not can_edit_content("in_progress", "ministry_viewer")


@pytest.mark.parametrize("level", [0, 6, 7, -1, 2.5, "3", True])
def test_levels_outside_one_to_five_refused(level):
    with pytest.raises(TransitionError):
        check_level(level)


def test_levels_in_range_pass():
    assert [check_level(n) for n in (1, 2, 3, 4, 5, None)] == [1, 2, 3, 4, 5, None]


@pytest.mark.parametrize(
    ("level", "target", "outcome"),
    [(4, 4, "verified"), (5, 4, "verified"), (3, 4, "in_progress"), (1, 3, "in_progress"), (1, None, "verified")],
)
def test_verification_below_target_keeps_the_milestone_open(level, target, outcome):
    assert verification_outcome(level, target) == outcome
    assert meets_target(level, target) == (outcome == "verified")
    assert is_done(outcome) == (outcome == "verified")
    assert is_below_target(outcome, level, target) == (outcome == "in_progress")


def test_only_verified_is_done():
    statuses = ("not_started", "in_progress", "submitted", "returned", "verified", "blocked")
    assert [s for s in statuses if is_done(s)] == ["verified"]
    assert not is_below_target("in_progress", None, 4), "never verified: not below target, just open"
    assert not is_below_target("verified", 4, 4)
    assert is_below_target("submitted", 3, 4), "resubmitted after a verification below target"


def test_below_target_is_reached_only_by_the_hosts_decision():
    assert transition("submitted", "in_progress", "host_staff").action == "verify_below_target"
    with pytest.raises(TransitionError):
        transition("submitted", "in_progress", "region_officer")
    assert "in_progress" not in allowed_targets("submitted", "host_staff")
