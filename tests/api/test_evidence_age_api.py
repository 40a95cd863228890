"""Verifying level 4 or 5 needs evidence whose dates meet PermenPANRB 59/2020 (422 naming the rule)."""

from datetime import timedelta

from livinglab.models.base import utcnow


def _evidence(kind, days_ago):
    return {
        "url": f"https://jdih.bandungkab.go.id/{kind}",
        "kind": kind,
        "description": f"{kind} dated {days_ago} days ago",
        "enacted_on": (utcnow().date() - timedelta(days=days_ago)).isoformat(),
    }


def _submit(officer, milestone_id, level):
    version = officer.get(f"/api/v1/milestones/{milestone_id}").json["version"]
    answer = officer.patch(
        f"/api/v1/milestones/{milestone_id}", json={"status": "submitted", "level": level, "version": version}
    )
    assert answer.status_code == 200, answer.json


def _rework(officer, mentor, milestone_id, evidence, level):
    """The host returns the milestone, the region attaches `evidence` and submits again."""
    url = f"/api/v1/milestones/{milestone_id}"
    assert (
        mentor.post(f"{url}/verification", json={"decision": "return", "comment": "Lengkapi data dukung"}).status_code
        == 200
    )
    assert officer.post(f"{url}/evidence", json=evidence).status_code == 201
    _submit(officer, milestone_id, level)


def test_level_4_needs_a_review_under_two_years_old(api_as, make_commitment):
    milestone = make_commitment(practices=("SPBE-01",)).milestones[0]
    officer, mentor = api_as("region_officer"), api_as("host_staff")
    url = f"/api/v1/milestones/{milestone.id}"
    _submit(officer, milestone.id, 4)

    missing = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 4})
    assert missing.status_code == 422
    assert missing.json["error"]["code"] == "evidence_age_rule"
    assert "PermenPANRB 59/2020" in missing.json["error"]["message"]
    assert "level" in missing.json["error"]["fields"]
    assert officer.get(url).json["status"] == "submitted", "nothing was recorded"

    _rework(officer, mentor, milestone.id, _evidence("report", 3 * 365), 4)
    too_old = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 4})
    assert too_old.status_code == 422 and too_old.json["error"]["code"] == "evidence_age_rule"
    old_day = (utcnow().date() - timedelta(days=3 * 365)).isoformat()
    assert old_day in too_old.json["error"]["message"], "the message names the review that is too old"

    _rework(officer, mentor, milestone.id, _evidence("minutes", 40), 4)
    verified = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 4})
    assert verified.status_code == 200, verified.json
    assert (verified.json["status"], verified.json["verified_level"]) == ("verified", 4)


def test_level_3_needs_no_review(api_as, make_commitment):
    milestone = make_commitment(practices=("SPBE-01",)).milestones[0]
    officer, mentor = api_as("region_officer"), api_as("host_staff")
    _submit(officer, milestone.id, 4)
    verified = mentor.post(f"/api/v1/milestones/{milestone.id}/verification", json={"decision": "verify", "level": 3})
    assert verified.status_code == 200 and verified.json["verified_level"] == 3


def test_level_5_also_needs_a_follow_up_policy_within_one_year_after_the_review(api_as, make_commitment):
    milestone = make_commitment(practices=("SPBE-01",)).milestones[0]
    officer, mentor = api_as("region_officer"), api_as("host_staff")
    url = f"/api/v1/milestones/{milestone.id}"
    assert officer.post(f"{url}/evidence", json=_evidence("report", 500)).status_code == 201
    _submit(officer, milestone.id, 5)
    missing = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 5})
    assert missing.status_code == 422 and missing.json["error"]["code"] == "evidence_age_rule"
    assert "PermenPANRB 59/2020" in missing.json["error"]["message"]

    _rework(officer, mentor, milestone.id, _evidence("decree", 500 - 370), 5)  # 370 days after the review
    late = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 5})
    assert late.status_code == 422 and late.json["error"]["code"] == "evidence_age_rule"

    _rework(officer, mentor, milestone.id, _evidence("regulation", 400), 5)  # 100 days after the review
    verified = mentor.post(f"{url}/verification", json={"decision": "verify", "level": 5})
    assert verified.status_code == 200 and verified.json["verified_level"] == 5
