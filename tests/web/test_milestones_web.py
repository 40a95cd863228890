"""Milestone pages: the region's workspace, updates with evidence, verification, scoping."""

import io
import re
from datetime import timedelta

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import InboxItem, Milestone, MilestoneUpdate
from livinglab.models.base import utcnow

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _version(page_html):
    return re.search(r'name="version" type="hidden" value="(\d+)"', page_html).group(1)


def test_workspace_groups_by_domain_and_flags_overdue(login_as, make_commitment):
    commitment = make_commitment()
    officer = login_as("region_officer", locale="en")
    page = officer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert "Kebijakan Internal SPBE" in page and "Layanan SPBE" in page
    assert page.count('class="overdue"') == 3
    assert f"/milestones/{commitment.milestones[0].id}" in page
    assert officer.get("/my-commitment").headers["Location"].endswith("/regions/32.04/milestones")


def test_officer_updates_with_pdf_evidence_and_submits(login_as, make_commitment, make_user):
    commitment = make_commitment()
    mentor = make_user("host_staff")
    officer = login_as("region_officer", locale="en")
    milestone = commitment.milestones[0]
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    response = officer.post(
        f"/milestones/{milestone.id}/update",
        data={
            "version": _version(page),
            "status": "submitted",
            "level": "3",
            "note": XSS,
            "evidence_kind": "regulation",
            "evidence_title": "Perbup 5/2023",
            "evidence_number": "5/2023",
            "evidence_date": "2023-04-01",
            "evidence_file": (io.BytesIO(PDF), "perbup.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert "Submitted for verification" in page and "Perbup 5/2023" in page
    assert XSS not in page and "&lt;script&gt;" in page
    link = re.search(r'href="(/evidence/\d+/file)"', page).group(1)
    download = officer.get(link)
    assert download.data == PDF
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert db.session.scalar(select(func.count()).where(InboxItem.user_id == mentor.id)) == 1


def test_stale_form_shows_a_conflict_and_saves_nothing(login_as, make_commitment):
    commitment = make_commitment()
    first = login_as("region_officer", locale="en")
    second = login_as("region_officer", locale="en")
    milestone = commitment.milestones[1]
    stale = _version(second.get(f"/milestones/{milestone.id}").get_data(as_text=True))
    assert (
        first.post(f"/milestones/{milestone.id}/update", data={"version": stale, "status": "in_progress"}).status_code
        == 302
    )
    response = second.post(f"/milestones/{milestone.id}/update", data={"version": stale, "level": "4", "note": "x"})
    assert response.status_code == 409
    summary = response.get_data(as_text=True).split('data-testid="error-summary"')[1].split("</div>")[0]
    assert "was changed by" in summary, "the conflict is told in the error summary, not a banner"
    assert db.session.scalar(select(func.count()).where(MilestoneUpdate.milestone_id == milestone.id)) == 1


def test_bad_input_says_why(login_as, make_commitment):
    commitment = make_commitment()
    officer = login_as("region_officer", locale="en")
    milestone = commitment.milestones[0]
    version = _version(officer.get(f"/milestones/{milestone.id}").get_data(as_text=True))
    blocked = officer.post(f"/milestones/{milestone.id}/update", data={"version": version, "status": "blocked"})
    assert blocked.status_code == 422 and "reason is required" in blocked.get_data(as_text=True)
    wrong_type = officer.post(
        f"/milestones/{milestone.id}/update",
        data={
            "version": version,
            "note": "x",
            "evidence_title": "t",
            "evidence_file": (io.BytesIO(b"MZ\x90\x00"), "x.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert wrong_type.status_code == 422 and "not accepted" in wrong_type.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).where(MilestoneUpdate.milestone_id == milestone.id)) == 0


def test_host_returns_then_verifies(login_as, make_commitment, make_user):
    commitment = make_commitment()
    officer = login_as("region_officer", locale="en")
    mentor = login_as("host_staff", locale="en")
    milestone = commitment.milestones[2]
    officer.post(f"/milestones/{milestone.id}/update", data={"version": "1", "status": "submitted", "level": "3"})
    queue = mentor.get("/reviews").get_data(as_text=True)
    assert f"/milestones/{milestone.id}" in queue
    empty_comment = mentor.post(f"/milestones/{milestone.id}/verification", data={"version": "2", "decision": "return"})
    assert empty_comment.status_code == 422
    returned = mentor.post(
        f"/milestones/{milestone.id}/verification",
        data={"version": "2", "decision": "return", "comment": "Please attach the signed SK"},
    )
    assert returned.status_code == 302
    officer_page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert "Please attach the signed SK" in officer_page and "Returned" in officer_page
    officer.post(f"/milestones/{milestone.id}/update", data={"version": "3", "status": "submitted", "note": "done"})
    verified = mentor.post(
        f"/milestones/{milestone.id}/verification", data={"version": "4", "decision": "verify", "verified_level": "3"}
    )
    assert verified.status_code == 302
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).verified_level == 3


def test_other_regions_and_viewers_cannot_write(login_as, make_commitment):
    commitment = make_commitment()
    milestone = commitment.milestones[0]
    stranger = login_as("region_officer", region="51.71")
    assert stranger.get(f"/milestones/{milestone.id}").status_code == 404
    assert stranger.get("/regions/32.04/milestones").status_code == 404
    assert (
        stranger.post(f"/milestones/{milestone.id}/update", data={"version": "1", "status": "in_progress"}).status_code
        == 404
    ), "another region's milestone is not found, for writes as for reads"
    viewer = login_as("ministry_viewer")
    assert viewer.get(f"/milestones/{milestone.id}").status_code == 200
    assert (
        viewer.post(f"/milestones/{milestone.id}/update", data={"version": "1", "status": "in_progress"}).status_code
        == 403
    )
    officer = login_as("region_officer")
    assert (
        officer.post(
            f"/milestones/{milestone.id}/verification",
            data={"version": "1", "decision": "verify", "verified_level": "3"},
        ).status_code
        == 403
    )


def test_the_review_queue_is_paged_oldest_first(login_as, make_commitment):
    from datetime import UTC, datetime, timedelta

    from livinglab.models import Practice

    codes = db.session.scalars(select(Practice.code).where(Practice.code.like("SPBE-%")).order_by(Practice.id)).all()
    submitted = []
    for region in ("32.04", "32.73"):
        submitted += make_commitment(region=region, practices=codes[:30]).milestones
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n, milestone in enumerate(submitted):
        milestone.status, milestone.updated_at = "submitted", start + timedelta(hours=n)
    db.session.commit()
    mentor = login_as("host_staff")
    first = mentor.get("/reviews").get_data(as_text=True)
    assert first.count('class="btn btn-sm btn-primary"') == 50 and "60 menunggu." in first
    assert f'/milestones/{submitted[0].id}"' in first and f'/milestones/{submitted[50].id}"' not in first
    second = mentor.get("/reviews?page=2").get_data(as_text=True)
    assert second.count('class="btn btn-sm btn-primary"') == 10 and f'/milestones/{submitted[59].id}"' in second
    only = mentor.get("/reviews?region=32.73").get_data(as_text=True)
    assert "30 menunggu." in only


def test_the_workspace_and_review_queue_need_the_same_queries_for_3_or_30_milestones(login_as, make_commitment):
    from sqlalchemy import event

    from livinglab.models import Practice

    codes = db.session.scalars(select(Practice.code).where(Practice.code.like("SPBE-%")).order_by(Practice.id)).all()
    few, many = make_commitment(region="32.04", practices=codes[:3]), make_commitment(region="32.73", practices=codes)
    for milestone in few.milestones + many.milestones:
        milestone.status = "submitted"
    db.session.commit()
    mentor = login_as("host_staff")
    counted = []
    engine = db.engine

    def count(*_args):
        counted[-1] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        for url in (
            "/regions/32.04/milestones",
            "/regions/32.73/milestones",
            "/reviews?region=32.04",
            "/reviews?region=32.73",
        ):
            counted.append(0)
            assert mentor.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert counted[0] == counted[1], f"workspace queries grow with milestones: {counted}"
    assert counted[2] == counted[3], f"review queue queries grow with rows: {counted}"


def test_the_hosts_decision_form_tells_whether_a_level_meets_the_target(login_as, make_commitment, make_user):
    from livinglab.services import commitments

    commitment = make_commitment(practices=("SPBE-01",))
    milestone = commitment.milestones[0]
    admin = make_user("host_admin")
    commitments.update_milestone_plan(admin, milestone.id, due_date=milestone.due_date, target_level=4)
    officer = login_as("region_officer", locale="en")
    mentor = login_as("host_staff", locale="en")
    officer.post(f"/milestones/{milestone.id}/update", data={"version": "2", "status": "submitted", "level": "3"})
    form = mentor.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert "Target level: 4." in form
    assert '<option value="3">3: below the target, stays open</option>' in form
    assert '<option value="4">4: meets the target, done</option>' in form

    below = mentor.post(
        f"/milestones/{milestone.id}/verification", data={"version": "3", "decision": "verify", "verified_level": "3"}
    )
    assert below.status_code == 302
    flashed = mentor.get(below.headers["Location"]).get_data(as_text=True)
    assert "Verified below target (level 3 of 4): the milestone stays open." in flashed
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert 'data-testid="below-target"' in page and "Overdue" in page
    assert "Verified at level 3 of target 4" in page and "Verified below target" in page  # status note, history
    assert officer.get("/inbox").get_data(as_text=True).count("Verified below target: the milestone stays open") == 1
    region = officer.get("/regions/32.04").get_data(as_text=True)
    assert "1 verified below target" in region and ">75%<" in region and "0/1 verified" in region
    workspace = officer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert 'data-testid="below-target"' in workspace and workspace.count('class="overdue"') == 1

    review = {
        "evidence_kind": "report",
        "evidence_title": "Laporan reviu",
        "evidence_url": "https://example.go.id/r.pdf",
    }
    review["evidence_date"] = (utcnow().date() - timedelta(days=30)).isoformat()  # level 4 needs a recent review
    officer.post(
        f"/milestones/{milestone.id}/update", data={"version": "4", "status": "submitted", "level": "4", **review}
    )
    done = mentor.post(
        f"/milestones/{milestone.id}/verification", data={"version": "5", "decision": "verify", "verified_level": "4"}
    )
    assert "Decision recorded." in mentor.get(done.headers["Location"]).get_data(as_text=True)
    page = officer.get(f"/milestones/{milestone.id}").get_data(as_text=True)
    assert 'data-testid="below-target"' not in page and 'class="badge text-bg-danger">Overdue' not in page
    region = officer.get("/regions/32.04").get_data(as_text=True)
    assert ">100%<" in region and "1/1 verified" in region
