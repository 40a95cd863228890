"""The host's decision form explains what evidence a level 4 or 5 verification lacks."""

from datetime import timedelta

from livinglab.extensions import db
from livinglab.models import Milestone
from livinglab.models.base import utcnow


def _review(days_ago, kind="report"):
    return {
        "evidence_kind": kind,
        "evidence_title": "Laporan reviu SPBE",
        "evidence_url": "https://jdih.bandungkab.go.id/reviu",
        "evidence_date": (utcnow().date() - timedelta(days=days_ago)).isoformat(),
    }


def test_decision_form_says_what_the_review_lacks(login_as, make_commitment):
    milestone = make_commitment(practices=("SPBE-01",)).milestones[0]
    officer, mentor = login_as("region_officer", locale="en"), login_as("host_staff", locale="en")
    url = f"/milestones/{milestone.id}"
    submitted = officer.post(
        f"{url}/update", data={"version": "1", "status": "submitted", "level": "4", **_review(800)}
    )
    assert submitted.status_code == 302
    form = mentor.get(url).get_data(as_text=True)
    assert 'data-testid="evidence-age-rule"' in form and "PermenPANRB 59/2020" in form

    refused = mentor.post(f"{url}/verification", data={"version": "2", "decision": "verify", "verified_level": "4"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Level 4 needs a review under 2 years old (PermenPANRB 59/2020)" in page
    assert 'class="invalid-feedback' in page or "is-invalid" in page, "shown as an error of the level field"
    db.session.expire_all()
    assert db.session.get(Milestone, milestone.id).status == "submitted"

    five = mentor.post(f"{url}/verification", data={"version": "2", "decision": "verify", "verified_level": "5"})
    assert five.status_code == 422
    assert "Level 5 needs a review under 2 years old" in five.get_data(as_text=True), "the review comes first"
    ok = mentor.post(f"{url}/verification", data={"version": "2", "decision": "verify", "verified_level": "3"})
    assert ok.status_code == 302
