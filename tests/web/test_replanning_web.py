"""Re-planning and extension requests through the pages: officer asks, host decides, host re-plans."""

from datetime import timedelta

from sqlalchemy import select

from livinglab.domain import periods
from livinglab.extensions import db
from livinglab.models import ExtensionRequest, Milestone, MilestoneUpdate
from livinglab.models.base import utcnow


def _today():
    return periods.local(utcnow(), "WIB").date()


def _milestone(milestone_id):
    db.session.expire_all()
    return db.session.get(Milestone, milestone_id)


def _actions(milestone_id):
    return db.session.scalars(
        select(MilestoneUpdate.action).where(MilestoneUpdate.milestone_id == milestone_id).order_by(MilestoneUpdate.id)
    ).all()


def test_an_officer_requests_an_extension_and_the_host_approves_it_from_the_list(login_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=7)).milestones[0]
    officer = login_as("region_officer", locale="en")
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert 'data-testid="extension-form"' in page and "Need more time?" in page
    wanted = today + timedelta(days=50)

    sent = officer.post(
        f"/milestones/{milestone.id}/extension-requests",
        data={"due_date": wanted.isoformat(), "reason": "Menunggu tanda tangan Bupati"},
    )

    assert sent.status_code == 302
    page = officer.get(sent.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="pending-extension"' in page and "Menunggu tanda tangan Bupati" in page
    assert 'data-testid="extension-form"' not in page
    host = login_as("host_staff", locale="en")
    listing = host.get("/extension-requests").get_data(as_text=True)
    assert "Menunggu tanda tangan Bupati" in listing and "SPBE-01" in listing
    pending = db.session.scalar(select(ExtensionRequest))
    decided = host.post(
        f"/extension-requests/{pending.id}/decision", data={"decision": "approve", "next": "/extension-requests"}
    )

    assert decided.status_code == 302 and decided.headers["Location"].endswith("/extension-requests")
    assert "No extension request is waiting." in host.get("/extension-requests").get_data(as_text=True)
    assert _milestone(milestone.id).due_date == wanted
    assert _actions(milestone.id) == ["extension_request", "extension_approve"]
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert 'data-testid="due-date-changes"' in page and "Extension approved" in page


def test_a_bad_request_shows_the_errors_and_keeps_what_was_typed(login_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=7)).milestones[0]
    officer = login_as("region_officer", locale="en")

    past = officer.post(
        f"/milestones/{milestone.id}/extension-requests",
        data={"due_date": (today - timedelta(days=4)).isoformat(), "reason": "Anggaran belum turun"},
    )

    assert past.status_code == 422
    page = past.get_data(as_text=True)
    assert 'data-testid="error-summary"' in page and "is in the past" in page
    assert "Anggaran belum turun" in page
    not_later = officer.post(
        f"/milestones/{milestone.id}/extension-requests",
        data={"due_date": (today + timedelta(days=7)).isoformat(), "reason": "x"},
    )
    assert not_later.status_code == 422 and "after the current due date" in not_later.get_data(as_text=True)
    assert _actions(milestone.id) == []


def test_another_regions_officer_cannot_request(login_as, make_commitment):
    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=7)).milestones[0]
    other = login_as("region_officer", region="51.71")
    response = other.post(
        f"/milestones/{milestone.id}/extension-requests",
        data={"due_date": (today + timedelta(days=30)).isoformat(), "reason": "x"},
    )
    assert response.status_code == 404
    assert other.get(f"/milestones/{milestone.id}").status_code == 404


def test_the_host_refuses_on_the_milestone_page_with_a_comment(login_as, make_commitment):
    from livinglab.services import extension_requests

    today = _today()
    milestone = make_commitment(practices=("SPBE-01",), due=today + timedelta(days=7)).milestones[0]
    officer = login_as("region_officer")
    request = extension_requests.request_extension(
        officer.user, milestone.id, due_date=today + timedelta(days=30), reason="Perlu waktu"
    )
    host = login_as("host_admin", locale="en")
    page = host.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert "Save decision" in page and 'data-testid="pending-extension"' in page

    blank = host.post(f"/extension-requests/{request.id}/decision", data={"decision": "refuse"})
    assert blank.status_code == 422
    assert 'data-testid="error-summary"' in blank.get_data(as_text=True)
    assert "Required to refuse." in blank.get_data(as_text=True)
    no_choice = host.post(f"/extension-requests/{request.id}/decision", data={})
    assert no_choice.status_code == 422 and "Choose approve or refuse." in no_choice.get_data(as_text=True)

    refused = host.post(
        f"/extension-requests/{request.id}/decision",
        data={"decision": "refuse", "comment": "Sudah diperpanjang", "next": f"/milestones/{milestone.id}"},
    )

    assert refused.status_code == 302 and refused.headers["Location"].endswith(f"/milestones/{milestone.id}")
    assert _milestone(milestone.id).due_date == today + timedelta(days=7)
    again = host.post(f"/extension-requests/{request.id}/decision", data={"decision": "approve"})
    assert again.status_code == 409 and "already decided" in again.get_data(as_text=True)
    assert _actions(milestone.id) == ["extension_request", "extension_refuse"]


def test_the_host_shifts_chosen_milestones_on_the_replan_page(login_as, make_commitment):
    today = _today()
    commitment = make_commitment(due=today + timedelta(days=10))
    first, second, third = commitment.milestones
    host = login_as("host_staff", locale="en")
    page = host.get(f"/commitments/{commitment.id}/replan").get_data(as_text=True)
    assert page.count('name="milestone_ids"') == 3
    assert f"/commitments/{commitment.id}/replan" in host.get(f"/commitments/{commitment.id}").get_data(as_text=True)

    none_chosen = host.post(
        f"/commitments/{commitment.id}/replan", data={"mode": "shift", "shift_days": "14", "reason": "x"}
    )
    assert none_chosen.status_code == 422 and "Choose at least one milestone." in none_chosen.get_data(as_text=True)
    no_reason = host.post(
        f"/commitments/{commitment.id}/replan",
        data={"milestone_ids": [str(first.id)], "mode": "shift", "shift_days": "14"},
    )
    assert no_reason.status_code == 422 and 'data-testid="error-summary"' in no_reason.get_data(as_text=True)
    shifted = host.post(
        f"/commitments/{commitment.id}/replan",
        data={
            "milestone_ids": [str(first.id), str(third.id)],
            "mode": "shift",
            "shift_days": "14",
            "reason": "Pilkada",
        },
    )

    assert shifted.status_code == 302
    assert "Due dates changed on 2 milestones." in host.get(shifted.headers["Location"]).get_data(as_text=True)
    assert [_milestone(m.id).due_date for m in (first, second, third)] == [
        today + timedelta(days=24),
        today + timedelta(days=10),
        today + timedelta(days=24),
    ]
    assert _actions(first.id) == ["replan"] and _actions(second.id) == []
    set_date = host.post(
        f"/commitments/{commitment.id}/replan",
        data={
            "milestone_ids": [str(second.id)],
            "mode": "set",
            "due_date": (today + timedelta(days=60)).isoformat(),
            "reason": "x",
        },
    )
    assert set_date.status_code == 302 and _milestone(second.id).due_date == today + timedelta(days=60)
    assert login_as("region_officer").get(f"/commitments/{commitment.id}/replan").status_code == 403


def _edit(host, commitment, target, **extra):
    return host.post(
        f"/commitments/{commitment.id}/edit",
        data={
            "signatory_name": commitment.signatory_name,
            "signed_on": commitment.signed_on.isoformat(),
            "target_date": target.isoformat(),
            **extra,
        },
        content_type="multipart/form-data",
    )


def test_an_earlier_target_date_moves_milestones_only_when_asked(login_as, make_commitment):
    today = _today()
    commitment = make_commitment(due=today + timedelta(days=100), target_date=today + timedelta(days=200))
    early = commitment.milestones[0]
    host = login_as("host_admin", locale="en")
    db.session.get(Milestone, early.id).due_date = today + timedelta(days=20)
    db.session.commit()
    assert "Also move the milestones due after the target date" in host.get(
        f"/commitments/{commitment.id}/edit"
    ).get_data(as_text=True)

    unticked = _edit(host, commitment, today + timedelta(days=50))

    assert unticked.status_code == 302
    assert "2 milestones are due after the target date" in host.get(unticked.headers["Location"]).get_data(as_text=True)
    assert {_milestone(m.id).due_date for m in commitment.milestones[1:]} == {today + timedelta(days=100)}
    ticked = _edit(host, commitment, today + timedelta(days=40), cascade="y")
    assert ticked.status_code == 302
    dates = [_milestone(m.id).due_date for m in commitment.milestones]
    assert dates == [today + timedelta(days=20), today + timedelta(days=40), today + timedelta(days=40)]
    assert _actions(commitment.milestones[1].id) == ["target_cascade"] and _actions(early.id) == []


def test_more_than_ten_extension_requests_link_from_home_to_the_list(login_as, make_commitment):
    from livinglab.services import extension_requests

    today = _today()
    codes = [f"SPBE-{n:02d}" for n in range(1, 12)]
    commitment = make_commitment(practices=codes, due=today + timedelta(days=7))
    officer = login_as("region_officer")
    for milestone in commitment.milestones:
        extension_requests.request_extension(
            officer.user, milestone.id, due_date=today + timedelta(days=30), reason="Perlu waktu"
        )
    host = login_as("host_admin", locale="en")

    home = host.get("/home").get_data(as_text=True)

    assert 'href="/extension-requests">All 11: Extension requests</a>' in home
