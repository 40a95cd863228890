"""Contacts carry a role (the ladder step that reaches them); new region officers become contacts
unless the host admin unticks it."""

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Contact

CONTACT = {
    "name": "Sekretaris Daerah",
    "email": "sekda@bandungkab.go.id",
    "phone": "",
    "channel": "email",
    "locale": "id",
    "role": "sekda",
    "active": "y",
}
NEW_OFFICER = {
    "email": "siti@bandungkab.go.id",
    "name": "Siti Aminah",
    "role": "region_officer",
    "region": "32.73",
    "agency": "",
    "locale": "id",
    "password": "kata-sandi-awal-123",
}


def _contacts():
    return db.session.scalars(select(Contact).order_by(Contact.id)).all()


def test_the_api_takes_a_role_from_the_list_and_refuses_others(api_as):
    officer = api_as("region_officer")
    default = officer.post("/api/v1/regions/32.04/contacts", json={"name": "Diskominfo", "email": "d@x.go.id"})
    assert default.status_code == 201 and default.json["role"] == "officer"
    sekda = officer.post("/api/v1/regions/32.04/contacts", json={"name": "S", "email": "s@x.go.id", "role": "sekda"})
    assert sekda.status_code == 201 and sekda.json["role"] == "sekda"
    wrong = officer.post("/api/v1/regions/32.04/contacts", json={"name": "B", "email": "b@x.go.id", "role": "bupati"})
    assert wrong.status_code == 422 and "role" in wrong.json["error"]["fields"]
    listed = officer.get("/api/v1/regions/32.04/contacts").json["items"]
    assert [c["role"] for c in listed] == ["officer", "sekda"]


def test_the_contacts_page_shows_and_edits_the_role(login_as):
    officer = login_as("region_officer", locale="en")
    assert officer.post("/regions/32.04/contacts/new", data=CONTACT).status_code == 302
    page = officer.get("/contacts").get_data(as_text=True)
    assert "Regional Secretary (formal letter)" in page
    [contact] = _contacts()
    form = officer.get(f"/contacts/{contact.id}/edit").get_data(as_text=True)
    assert '<option selected value="sekda">' in form or 'value="sekda" selected' in form
    assert officer.post(f"/contacts/{contact.id}/edit", data={**CONTACT, "role": "head_of_agency"}).status_code == 302
    db.session.expire_all()
    assert _contacts()[0].role == "head_of_agency"
    refused = officer.post(f"/contacts/{contact.id}/edit", data={**CONTACT, "role": "bupati"})
    assert refused.status_code == 422
    db.session.expire_all()
    assert _contacts()[0].role == "head_of_agency"


def test_a_new_region_officer_becomes_a_contact_unless_unticked(login_as):
    admin = login_as("host_admin", locale="en")
    assert "Also a reminder contact of the region" in admin.get("/admin/users/new").get_data(as_text=True)
    assert admin.post("/admin/users/new", data={**NEW_OFFICER, "reminder_contact": "y"}).status_code == 302
    [contact] = _contacts()
    assert (contact.email, contact.region.code, contact.role) == ("siti@bandungkab.go.id", "32.73", "officer")
    unticked = {**NEW_OFFICER, "email": "budi@bandungkab.go.id"}
    assert admin.post("/admin/users/new", data=unticked).status_code == 302
    assert len(_contacts()) == 1


def test_the_cli_makes_an_officer_a_contact_by_default(runner):
    base = ["users", "create", "--name", "Budi", "--role", "region_officer", "--region", "32.04"]
    password = ["--password", "kata-sandi-awal-123"]
    assert runner.invoke(args=[*base, "--email", "budi@x.go.id", *password]).exit_code == 0
    assert runner.invoke(args=[*base, "--email", "ani@x.go.id", *password, "--no-reminder-contact"]).exit_code == 0
    assert [c.email for c in _contacts()] == ["budi@x.go.id"]
