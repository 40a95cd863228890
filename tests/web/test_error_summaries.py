"""Every form of the app answers a wrong submission in the GOV.UK error pattern (issue 16, point 1):
an error summary whose links ("#<id>") each lead to a form control or fieldset that is marked
aria-invalid and names, in aria-describedby, an inline error shown beside it; every control marked
invalid is in the summary. Each form is sent empty (or with a wrong value where empty is allowed)
as the role that uses it, with the hidden fields its page carries, as a browser would send them."""

from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Innovation
from livinglab.services import milestones, password_reset

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


def _submitted(make_user, milestone):
    officer = make_user("region_officer")
    milestones.update(officer, milestone.id, version=1, status="submitted", level=2)
    return milestone.id


def _innovation():
    return db.session.scalar(select(Innovation).order_by(Innovation.id))


# name → (role, page to open, form action ("": the page itself), what to send besides its hidden fields)
def _cases(make_user, make_commitment):
    commitment = make_commitment()
    first, second, _ = (m.id for m in commitment.milestones)
    user = make_user("host_staff")
    return {
        "milestone update": (
            "region_officer",
            f"/milestones/{first}",
            f"/milestones/{first}/update",
            {"evidence_url": "no address", "evidence_date": "31-31-2025"},
        ),
        "verification": (
            "host_staff",
            f"/milestones/{_submitted(make_user, commitment.milestones[1])}",
            f"/milestones/{second}/verification",
            {},
        ),
        "commitment": ("host_admin", "/commitments/new", "", {}),
        "milestone plan": (
            "host_admin",
            f"/commitments/milestones/{first}/plan",
            "",
            {"target_level": "9"},
        ),
        "visit": ("host_staff", "/visits/new", "", {}),
        "event": ("host_staff", "/events/new", "", {}),
        "contact": ("host_admin", "/regions/32.04/contacts/new", "", {}),
        "user": ("host_admin", "/admin/users/new", "", {}),
        "practice": ("host_admin", "/catalogue/practices/new", "", {}),
        "library document": (
            "region_officer",
            "/regions/32.04/documents/new",
            "",
            {},
        ),
        "OPD": ("region_officer", "/regions/32.04/opds", "", {}),
        "innovation": ("host_admin", "/innovations/new", "", {}),
        "replication": (
            "host_admin",
            f"/innovations/{_innovation().id}/replications/new",
            "",
            {},
        ),
        "evaluation import": ("host_admin", "/evaluations/import", "/evaluations/import", {}),
        "milestone import": (
            "region_officer",
            "/regions/32.04/milestones/import",
            "",
            {},
        ),
        "re-plan": ("host_admin", f"/commitments/{commitment.id}/replan", "", {}),
        "extension request": (
            "region_officer",
            f"/milestones/{first}",
            f"/milestones/{first}/extension-requests",
            {},
        ),
        "password change": (
            None,
            f"/reset-password/{password_reset.password_reset_token(user)}",
            "",
            {"password": "short", "confirm": "other"},
        ),
        "sign in": (None, "/login", "/login", {}),
        "settings": ("region_officer", "/profile", "", {"locale": "xx"}),
    }


FORMS = [
    "milestone update",
    "verification",
    "commitment",
    "milestone plan",
    "visit",
    "event",
    "contact",
    "user",
    "practice",
    "library document",
    "OPD",
    "innovation",
    "replication",
    "evaluation import",
    "milestone import",
    "re-plan",
    "extension request",
    "password change",
    "sign in",
    "settings",
]


@pytest.mark.parametrize("name", FORMS)
def test_a_wrong_submission_is_answered_in_the_error_pattern(name, login_as, web, make_user, make_commitment):
    role, url, action, values = _cases(make_user, make_commitment)[name]
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
