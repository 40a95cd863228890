"""Every form of the app answers a wrong submission in the GOV.UK error pattern (issue 16, point 1):
an error summary whose links ("#<id>") each lead to a form control or fieldset that is marked
aria-invalid and names, in aria-describedby, an inline error shown beside it; every control marked
invalid is in the summary. Each form is sent empty (or with a wrong value where empty is allowed)
as the role that uses it, with the hidden fields its page carries, as a browser would send them."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select
from task_weeks import wib_today

from livinglab.extensions import db
from livinglab.models import Innovation
from livinglab.services import extension_requests, milestones, password_reset, replications

CONTROLS = {"input", "select", "textarea", "fieldset"}


class Page(HTMLParser):
    """The elements with an id, the hidden inputs of each form (by action) and the summary's links."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.hidden, self.links = {}, {}, []
        self.summaries, self._action, self._summary_depth = 0, None, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = (tag, attrs)
        if tag == "form":
            self._action = attrs.get("action", "")
            self.hidden.setdefault(self._action, {})
        if tag == "input" and attrs.get("type") == "hidden" and self._action is not None:
            self.hidden[self._action][attrs["name"]] = attrs.get("value", "")
        if tag == "div" and (self._summary_depth or attrs.get("data-testid") == "error-summary"):
            self.summaries += not self._summary_depth
            self._summary_depth += 1
        if tag == "a" and self._summary_depth:
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._action = None
        if tag == "div" and self._summary_depth:
            self._summary_depth -= 1


def _submitted(make_user, commitment, n):
    milestone = commitment.milestones[n]
    milestones.update(make_user("region_officer"), milestone.id, version=1, status="submitted", level=2)
    return milestone.id


def _verified(make_user, commitment, n):
    milestone_id = _submitted(make_user, commitment, n)
    level = commitment.milestones[n].target_level
    milestones.verify(make_user("host_staff"), milestone_id, decision="verify", level=level)
    return milestone_id


def _extension_request(make_user, commitment, n):
    later = wib_today() + timedelta(days=60)
    milestone_id = commitment.milestones[n].id
    officer = make_user("region_officer")
    return extension_requests.request_extension(officer, milestone_id, due_date=later, reason="Menunggu Perbup").id


def _innovation():
    return db.session.scalar(select(Innovation).order_by(Innovation.id)).id


def _replication(make_user, submitted=False):
    """Kabupaten Bandung (the region officers' region) replicates Kemendagri's Puja Indah: the id of
    the replication and of its first stage, submitted for verification if asked."""
    puja_indah = db.session.scalar(select(Innovation).where(Innovation.code == "KEMENDAGRI-PUJA-INDAH"))
    item = replications.create_replication(make_user("host_admin"), innovation_id=puja_indah.id, region="32.04")
    stage = item.stages[0]
    if submitted:
        replications.move_stage(make_user("region_officer"), stage.id, status="submitted")
    return item.id, stage.id


def _stage_form(make_user, role, action, values, submitted=False):
    replication_id, stage_id = _replication(make_user, submitted)
    return role, f"/replications/{replication_id}", f"/replication-stages/{stage_id}/{action}", values


def _outcome_form(make_user):
    replication_id, _stage_id = _replication(make_user)
    url = f"/replications/{replication_id}"
    return "region_officer", url, f"{url}/outcomes", {"period": "maret"}


def _reset_link(make_user):
    return f"/reset-password/{password_reset.password_reset_token(make_user('host_staff'))}"


# name → (role, page to open, form action ("": the page itself), what to send besides the page's
# hidden fields), built from `make_user` and a commitment `c` with three not-started milestones.
CASES = {
    "milestone update": lambda make_user, c: (
        "region_officer",
        f"/milestones/{c.milestones[0].id}",
        f"/milestones/{c.milestones[0].id}/update",
        {"evidence_url": "no address", "evidence_date": "31-31-2025"},
    ),
    "verification": lambda make_user, c: (
        "host_staff",
        f"/milestones/{_submitted(make_user, c, 1)}",
        f"/milestones/{c.milestones[1].id}/verification",
        {},
    ),
    "reopening": lambda make_user, c: (
        "host_staff",
        f"/milestones/{_verified(make_user, c, 2)}",
        f"/milestones/{c.milestones[2].id}/reopen",
        {},
    ),
    "extension request": lambda make_user, c: (
        "region_officer",
        f"/milestones/{c.milestones[0].id}",
        f"/milestones/{c.milestones[0].id}/extension-requests",
        {},
    ),
    "extension decision": lambda make_user, c: (
        "host_staff",
        f"/milestones/{c.milestones[0].id}",
        f"/extension-requests/{_extension_request(make_user, c, 0)}/decision",
        {},
    ),
    "commitment": lambda make_user, c: ("host_admin", "/commitments/new", "", {}),
    "milestone plan": lambda make_user, c: (
        "host_admin",
        f"/commitments/milestones/{c.milestones[0].id}/plan",
        "",
        {"target_level": "9"},
    ),
    "practices added": lambda make_user, c: (
        "host_admin",
        f"/commitments/{c.id}",
        f"/commitments/{c.id}/practices",
        {},
    ),
    "commitment status": lambda make_user, c: (
        "host_admin",
        f"/commitments/{c.id}",
        f"/commitments/{c.id}/status",
        {"status": "withdrawn"},
    ),
    "re-plan": lambda make_user, c: ("host_admin", f"/commitments/{c.id}/replan", "", {}),
    "visit": lambda make_user, c: ("host_staff", "/visits/new", "", {}),
    "event": lambda make_user, c: ("host_staff", "/events/new", "", {}),
    "contact": lambda make_user, c: ("host_admin", "/regions/32.04/contacts/new", "", {}),
    "user": lambda make_user, c: ("host_admin", "/admin/users/new", "", {}),
    "practice": lambda make_user, c: ("host_admin", "/catalogue/practices/new", "", {}),
    "library document": lambda make_user, c: ("region_officer", "/regions/32.04/documents/new", "", {}),
    "OPD": lambda make_user, c: ("region_officer", "/regions/32.04/opds", "", {}),
    "sectors": lambda make_user, c: ("region_officer", "/regions/32.04/sectors", "", {"SPBE-45": "x" * 81}),
    "innovation": lambda make_user, c: ("host_admin", "/innovations/new", "", {}),
    "replication": lambda make_user, c: ("host_admin", f"/innovations/{_innovation()}/replications/new", "", {}),
    "innovation stages": lambda make_user, c: (
        "host_admin",
        f"/innovations/{_innovation()}",
        f"/innovations/{_innovation()}/stages",
        {"stages": "x" * 201},
    ),
    "replication stage move": lambda make_user, c: _stage_form(
        make_user, "region_officer", "move", {"status": "blocked", "note": ""}
    ),
    "replication evidence": lambda make_user, c: _stage_form(make_user, "region_officer", "evidence", {}),
    "replication decision": lambda make_user, c: _stage_form(
        make_user, "host_admin", "decision", {"decision": "return", "comment": ""}, submitted=True
    ),
    "replication comment": lambda make_user, c: _stage_form(make_user, "host_admin", "comment", {"comment": ""}),
    "replication outcome": lambda make_user, c: _outcome_form(make_user),
    "evaluation import": lambda make_user, c: ("host_admin", "/evaluations/import", "/evaluations/import", {}),
    "milestone import": lambda make_user, c: ("region_officer", "/regions/32.04/milestones/import", "", {}),
    "password change": lambda make_user, c: (None, _reset_link(make_user), "", {"password": "short", "confirm": "x"}),
    "sign in": lambda make_user, c: (None, "/login", "/login", {}),
    "forgotten password": lambda make_user, c: (None, "/forgot-password", "", {}),
    "settings": lambda make_user, c: ("region_officer", "/profile", "", {"locale": "xx"}),
}


@pytest.mark.parametrize("name", CASES)
def test_a_wrong_submission_is_answered_in_the_error_pattern(name, login_as, web, make_user, make_commitment):
    role, url, action, values = CASES[name](make_user, make_commitment())
    client = login_as(role, locale="en") if role else web
    form_page = client.get(url)
    assert form_page.status_code == 200, url
    hidden = Page(form_page.get_data(as_text=True)).hidden
    assert action in hidden, f"no form with action {action!r} on {url}"

    response = client.post(action or url, data={**hidden[action], **values})
    page = Page(response.get_data(as_text=True))

    assert response.status_code in (200, 400, 422)
    assert page.summaries == 1, "one error summary"
    assert page.links, "the summary links to the fields"
    for link in page.links:
        assert link.startswith("#") and link[1:] in page.ids, f"{link} leads nowhere"
        tag, attrs = page.ids[link[1:]]
        assert tag in CONTROLS, f"{link} leads to a <{tag}>"
        assert attrs.get("aria-invalid") == "true", f"{link} is not marked invalid"
        described = [page.ids.get(i) for i in attrs.get("aria-describedby", "").split()]
        assert any(d and "invalid-feedback" in d[1].get("class", "") for d in described), (
            f"{link} names no inline error"
        )
    invalid = {f"#{i}" for i, (_, attrs) in page.ids.items() if attrs.get("aria-invalid") == "true"}
    assert invalid == set(page.links), "every field marked invalid is in the summary"
