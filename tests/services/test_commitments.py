"""Commitments: milestone plan generation, extension, removal rules, statuses, bad input."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from livinglab.errors import Conflict, Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import AuditEvent, Commitment, Milestone, Practice, SigningEvent
from livinglab.services import commitments, milestones

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIVE = ["SPBE-01", "SPBE-02", "SPBE-21", "HOST-MPP", "HOST-SATU-DATA"]


@pytest.fixture
def bali(app):
    event = SigningEvent(name="Penandatanganan UID Bali", place="Kampus UID, Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    return event


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_plan_has_one_milestone_per_practice_due_after_its_duration(make_user, bali):
    host = make_user("host_staff")
    commitment = commitments.create_commitment(
        host,
        region="32.04",
        signing_event_id=bali.id,
        signatory_name="H. M. Dadang Supriatna",
        signed_on=date(2022, 11, 21),
        target_date=date(2025, 12, 31),
        practices=FIVE,
        document=(PDF, "signed.pdf"),
    )
    assert commitment.signatory_title == "Bupati" and commitment.status == "signed"
    assert commitment.document.content_type == "application/pdf"
    durations = {p.code: p.default_duration_days for p in db.session.scalars(select(Practice))}
    plan = {m.practice.code: m for m in commitment.milestones}
    assert set(plan) == set(FIVE)
    for code, milestone in plan.items():
        assert milestone.due_date == date(2022, 11, 21) + timedelta(days=durations[code])
        assert milestone.target_level == 3 and milestone.status == "not_started"
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "commitment.create"))


def test_city_defaults_to_wali_kota_and_due_dates_stop_at_the_target(make_user):
    commitment = commitments.create_commitment(
        make_user("host_admin"),
        region="51.71",
        signatory_name="I Gusti Ngurah Jaya Negara",
        signed_on=date(2022, 11, 21),
        target_date=date(2023, 1, 31),
        practices=["SPBE-33"],
    )
    assert commitment.signatory_title == "Wali Kota"
    assert commitment.milestones[0].due_date == date(2023, 1, 31)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"region": "99.99"}, "region"),
        ({"signed_on": date(2026, 1, 1), "target_date": date(2025, 1, 1)}, "target_date"),
        ({"practices": ["SPBE-99"]}, "practices"),
        ({"practices": []}, "practices"),
        ({"signatory_name": " "}, "signatory_name"),
        ({"signatory_title": "Raja"}, "signatory_title"),
        ({"document": (b"<html><script>x</script></html>", "signed.pdf")}, "document"),
        ({"document": (b"", "signed.pdf")}, "document"),
    ],
)
def test_bad_input_writes_nothing(make_user, changes, field, tmp_path):
    fields = {
        "region": "32.04",
        "signatory_name": "X",
        "signed_on": date(2022, 11, 21),
        "target_date": date(2025, 1, 1),
        "practices": ["SPBE-01"],
        **changes,
    }
    with pytest.raises(Invalid) as error:
        commitments.create_commitment(make_user("host_staff"), **fields)
    assert field in error.value.fields
    db.session.rollback()
    assert _count(Commitment) == 0 and _count(Milestone) == 0


def test_duplicate_for_the_same_region_and_event_is_a_conflict(make_user, bali):
    host = make_user("host_staff")
    fields = {
        "region": "32.04",
        "signing_event_id": bali.id,
        "signatory_name": "X",
        "signed_on": date(2022, 11, 21),
        "practices": ["SPBE-01"],
    }
    commitments.create_commitment(host, **fields)
    with pytest.raises(Conflict):
        commitments.create_commitment(host, **fields)
    db.session.rollback()
    assert _count(Commitment) == 1


def test_extend_then_remove_only_without_progress(make_user):
    host, officer = make_user("host_staff"), make_user("region_officer")
    commitment = commitments.create_commitment(
        host, region="32.04", signatory_name="X", signed_on=date(2022, 11, 21), practices=["SPBE-01"]
    )
    added = commitments.add_practices(host, commitment.id, ["SPBE-47", "HOST-MPP"])
    assert {m.practice.code for m in added} == {"SPBE-47", "HOST-MPP"}
    with pytest.raises(Invalid):
        commitments.add_practices(host, commitment.id, ["SPBE-01"])
    first = next(m for m in commitment.milestones if m.practice.code == "SPBE-01")
    milestones.update(officer, first.id, version=1, status="in_progress")
    with pytest.raises(Invalid) as error:
        commitments.remove_practice(host, commitment.id, "SPBE-01")
    assert "SPBE-01" in error.value.message
    commitments.remove_practice(host, commitment.id, "HOST-MPP")
    db.session.expire_all()
    assert {m.practice.code for m in db.session.get(Commitment, commitment.id).milestones} == {"SPBE-01", "SPBE-47"}
    with pytest.raises(NotFound):
        commitments.remove_practice(host, commitment.id, "HOST-MPP")


def test_status_flow_and_withdrawal_needs_a_reason(make_user):
    host = make_user("host_admin")
    commitment = commitments.create_commitment(
        host, region="32.04", signatory_name="X", signed_on=date(2022, 11, 21), practices=["SPBE-01"], status="draft"
    )
    commitments.change_status(host, commitment.id, "signed")
    commitments.change_status(host, commitment.id, "active")
    with pytest.raises(Invalid):
        commitments.change_status(host, commitment.id, "draft")
    with pytest.raises(Invalid):
        commitments.change_status(host, commitment.id, "withdrawn")
    commitments.change_status(host, commitment.id, "withdrawn", reason="New Bupati cancelled the programme")
    assert commitment.withdrawn_reason.startswith("New Bupati")


def test_plan_edit_checks_levels(make_user):
    host = make_user("host_staff")
    commitment = commitments.create_commitment(
        host, region="32.04", signatory_name="X", signed_on=date(2022, 11, 21), practices=["SPBE-01"]
    )
    milestone = commitment.milestones[0]
    commitments.update_milestone_plan(host, milestone.id, due_date=date(2024, 6, 30), target_level=4)
    assert (milestone.due_date, milestone.target_level) == (date(2024, 6, 30), 4)
    with pytest.raises(Invalid):
        commitments.update_milestone_plan(host, milestone.id, due_date=date(2024, 6, 30), target_level=6)


def test_only_host_roles_record_commitments(make_user):
    for role in ("region_officer", "ministry_viewer"):
        with pytest.raises(Exception) as error:
            commitments.create_commitment(make_user(role), region="32.04", signatory_name="X", practices=["SPBE-01"])
        assert error.value.status == 403


def test_the_host_region_makes_no_commitment_and_nothing_is_saved(app, make_user):
    admin = make_user("host_admin")
    before = (_count(Commitment), _count(Milestone), _count(AuditEvent))
    with pytest.raises(Invalid) as error:
        commitments.create_commitment(
            admin, region=app.config["HOST_REGION_CODE"], signatory_name="Dony Ahmad Munir", practices=["SPBE-01"]
        )
    assert error.value.status == 422
    assert "Kabupaten Sumedang" in error.value.message and error.value.fields["region"] == error.value.message
    assert (_count(Commitment), _count(Milestone), _count(AuditEvent)) == before


def test_a_flagged_host_commitment_can_still_be_withdrawn_and_then_needs_no_review(app, make_user, make_commitment):
    admin = make_user("host_admin")
    old = make_commitment(region=app.config["HOST_REGION_CODE"], flag="host_region")
    assert commitments.flagged_count(admin) == 1 and commitments.flagged_count(make_user("ministry_viewer")) == 0
    rows, total = commitments.list_commitments(admin, flagged=True)
    assert total == 1 and rows[0].id == old.id
    commitments.change_status(admin, old.id, "withdrawn", reason="The host is not an adopter")
    assert commitments.flagged_count(admin) == 0
