"""Reading a milestone's history for the officer and the verifier, without an app."""

from types import SimpleNamespace

from livinglab.domain.milestone_history import latest_host_comment, since_last_decision, under_review


def _row(action, note=None, evidence=()):
    return SimpleNamespace(action=action, note=note, evidence=list(evidence))


def test_the_host_latest_comment_is_the_newest_decision_with_a_note():
    rows = [
        _row("submit", "first try"),
        _row("return", "attach the signed SK"),
        _row("submit", "signed"),
        _row("return", "the SK is from another region"),
        _row("rework", "on it"),
    ]
    assert latest_host_comment(rows).note == "the SK is from another region"


def test_no_host_comment_when_the_host_never_wrote():
    assert latest_host_comment([_row("submit", "x"), _row("verify")]) is None
    assert latest_host_comment([]) is None


def test_under_review_is_what_came_after_the_last_decision():
    rows = [
        _row("submit", "old note", ["old.pdf"]),
        _row("return", "redo"),
        _row("rework", None, ["a.pdf"]),
        _row("submit", "new note", ["b.pdf", "c.png"]),
    ]
    assert since_last_decision(rows) == rows[2:]
    notes, evidence = under_review(rows)
    assert [row.note for row in notes] == ["new note"]
    assert evidence == ["c.png", "b.pdf", "a.pdf"]


def test_without_any_decision_everything_is_under_review():
    rows = [_row("start", "begun", ["a.pdf"]), _row("submit", "done")]
    notes, evidence = under_review(rows)
    assert [row.note for row in notes] == ["done", "begun"] and evidence == ["a.pdf"]
