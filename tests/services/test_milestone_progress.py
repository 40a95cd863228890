"""Milestone progress through the service: rules, history, versions, concurrency."""

import threading
from datetime import date

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session
from tests_support import review_evidence

from livinglab.errors import Conflict, Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import AuditEvent, InboxItem, Milestone, MilestoneUpdate
from livinglab.services import milestones
from livinglab.services.milestones import EvidenceInput

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(make_commitment):
    """A signed commitment of Kabupaten Bandung (32.04) with three SPBE milestones."""
    return make_commitment()


def _history_count(milestone_id):
    return db.session.scalar(select(func.count()).where(MilestoneUpdate.milestone_id == milestone_id))


def test_full_cycle_appends_history_audit_and_inbox(plan, make_user):
    officer = make_user("region_officer")
    mentor = make_user("host_staff")
    m = plan.milestones[0]
    milestones.update(officer, m.id, version=1, status="in_progress", level=2, note="Drafting the Perbup")
    milestones.update(
        officer,
        m.id,
        version=2,
        status="submitted",
        level=3,
        note="Enacted",
        evidence=[
            EvidenceInput(
                kind="regulation",
                title="Perbup 12/2023",
                document_number="12/2023",
                enacted_on=date(2023, 5, 2),
                file=(PDF, "perbup.pdf"),
            )
        ],
    )
    assert db.session.scalar(select(func.count()).where(InboxItem.user_id == mentor.id)) == 1
    milestones.verify(mentor, m.id, decision="return", comment="Attach the signed page", version=3)
    returned = db.session.scalars(select(InboxItem).where(InboxItem.user_id == officer.id)).all()
    assert [i.kind for i in returned] == ["milestone_returned"] and returned[0].message == "Attach the signed page"
    milestones.update(
        officer, m.id, version=4, status="submitted", note="Signed page attached", evidence=review_evidence()
    )
    milestones.verify(mentor, m.id, decision="verify", level=4, version=5)
    db.session.refresh(m)
    assert (m.status, m.level, m.verified_level, m.version) == ("verified", 3, 4, 6)
    rows = milestones.history(officer, m.id)
    assert [(r.action, r.from_status, r.to_status) for r in rows] == [
        ("start", "not_started", "in_progress"),
        ("submit", "in_progress", "submitted"),
        ("return", "submitted", "returned"),
        ("submit", "returned", "submitted"),
        ("verify", "submitted", "verified"),
    ]
    assert rows[1].evidence[0].upload.original_name == "perbup.pdf"
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "Milestone")).all()
    assert actions.count("milestone.submit") == 2 and "milestone.verify" in actions


def test_stale_version_is_refused_and_names_what_changed(plan, make_user):
    first = make_user("region_officer", name="Officer Satu")
    second = make_user("region_officer", name="Officer Dua")
    m = plan.milestones[1]
    milestones.update(first, m.id, version=1, status="in_progress", level=2)
    with pytest.raises(Conflict) as error:
        milestones.update(second, m.id, version=1, level=3, note="my view")
    assert "Officer Satu" in error.value.message and "in_progress" in error.value.message
    db.session.refresh(m)
    assert (m.level, m.version, _history_count(m.id)) == (2, 2, 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "verified"}, "status"),
        ({"level": 7}, "level"),
        ({"level": 0}, "level"),
        ({"status": "blocked"}, "reason"),
        ({"status": "nonsense"}, "status"),
    ],
)
def test_bad_input_writes_nothing(plan, make_user, changes, field):
    officer = make_user("region_officer")
    m = plan.milestones[0]
    with pytest.raises(Invalid) as error:
        milestones.update(officer, m.id, version=1, **changes)
    assert field in error.value.fields
    db.session.refresh(m)
    assert (m.status, m.version, _history_count(m.id)) == ("not_started", 1, 0)


def test_return_needs_a_comment_and_verify_a_level(plan, make_user):
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    m = plan.milestones[0]
    milestones.update(officer, m.id, version=1, status="submitted", level=3)
    with pytest.raises(Invalid) as error:
        milestones.verify(mentor, m.id, decision="return", comment="  ")
    assert "comment" in error.value.fields
    with pytest.raises(Invalid):
        milestones.verify(mentor, m.id, decision="verify")
    with pytest.raises(Invalid):
        milestones.verify(mentor, m.id, decision="verify", level=6)
    assert _history_count(m.id) == 1


def test_officers_only_touch_their_own_region(plan, make_user):
    stranger = make_user("region_officer", region="51.71")
    with pytest.raises(NotFound):  # as for an unknown id: trying ids tells nothing
        milestones.update(stranger, plan.milestones[0].id, version=1, status="in_progress")
    with pytest.raises(NotFound):
        milestones.history(stranger, plan.milestones[0].id)


def test_reopen_needs_a_reason_and_a_host(plan, make_user):
    officer, mentor = make_user("region_officer"), make_user("host_admin")
    m = plan.milestones[2]
    milestones.update(officer, m.id, version=1, status="submitted", level=3)
    milestones.verify(mentor, m.id, decision="verify", level=3)
    with pytest.raises(Invalid):
        milestones.reopen(mentor, m.id, reason="", version=3)
    milestones.reopen(mentor, m.id, reason="The review is older than 2 years", version=3)
    db.session.refresh(m)
    assert m.status == "in_progress" and m.verified_level == 3


def test_notes_are_stored_as_plain_text(plan, make_user):
    officer = make_user("region_officer")
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    milestones.update(officer, plan.milestones[0].id, version=1, status="in_progress", note=payload)
    assert milestones.history(officer, plan.milestones[0].id)[0].note == payload


def test_two_concurrent_updates_never_lose_one(app, plan, make_user):
    """Both officers read version 1 and write at the same moment: one wins, one gets a conflict."""
    officers = [make_user("region_officer"), make_user("region_officer")]
    milestone_id = plan.milestones[0].id
    barrier = threading.Barrier(2, timeout=10)
    waited = threading.local()
    results = []

    def hold_first_flush(session, flush_context, instances):
        if not getattr(waited, "done", False) and session.info.get("race"):
            waited.done = True
            barrier.wait()

    def work(officer_id, level):
        with app.app_context():
            db.session.info["race"] = True
            officer = db.session.get(type(officers[0]), officer_id)
            try:
                milestones.update(officer, milestone_id, version=1, status="in_progress", level=level)
                results.append("ok")
            except Conflict:
                results.append("conflict")
            finally:
                db.session.remove()

    event.listen(Session, "before_flush", hold_first_flush)
    try:
        threads = [threading.Thread(target=work, args=(o.id, n)) for n, o in enumerate(officers, start=2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        event.remove(Session, "before_flush", hold_first_flush)
    assert sorted(results) == ["conflict", "ok"]
    db.session.expire_all()
    milestone = db.session.get(Milestone, milestone_id)
    assert milestone.version == 2
    assert _history_count(milestone_id) == 1
