"""In-app notifications: returned milestones reach the region, submissions reach the host."""

from livinglab.services import milestones


def test_returned_milestone_shows_in_the_officers_inbox_with_unread_count(login_as, make_commitment, make_user):
    commitment = make_commitment()
    officer = login_as("region_officer", locale="en")
    mentor = make_user("host_staff")
    milestone = commitment.milestones[0]
    milestones.update(officer.user, milestone.id, version=1, status="submitted", level=2)
    milestones.verify(mentor, milestone.id, decision="return", comment="Missing <b>signature</b>")

    home = officer.get("/home").get_data(as_text=True)
    assert 'data-testid="unread-count">1<' in home
    inbox = officer.get("/inbox").get_data(as_text=True)
    assert "Returned for rework" in inbox and "Missing &lt;b&gt;signature&lt;/b&gt;" in inbox
    assert officer.post("/inbox/read").status_code == 302
    assert 'data-testid="unread-count"' not in officer.get("/home").get_data(as_text=True)


def test_host_staff_see_new_submissions(login_as, make_commitment, make_user):
    commitment = make_commitment()
    mentor = login_as("host_staff", locale="en")
    officer = make_user("region_officer")
    milestones.update(officer, commitment.milestones[0].id, version=1, status="submitted", level=2)
    assert "New submission to review" in mentor.get("/inbox").get_data(as_text=True)


def test_ministry_viewers_have_no_inbox(login_as):
    viewer = login_as("ministry_viewer")
    assert viewer.get("/inbox").status_code == 403
    assert 'data-testid="inbox-link"' not in viewer.get("/home").get_data(as_text=True)
