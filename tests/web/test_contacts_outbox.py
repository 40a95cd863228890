"""Reminder contacts per region, the outbox for host admins, the archive as sent."""

from sqlalchemy import select
from tests_support import failed_digest

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Contact, Notification

CONTACT = {
    "name": "Kepala Diskominfo",
    "email": "kadis@bandungkab.go.id",
    "phone": "",
    "channel": "email",
    "locale": "id",
    "active": "y",
}


def test_region_officers_manage_their_own_contacts(login_as):
    officer = login_as("region_officer", locale="en")
    assert officer.post("/regions/32.04/contacts/new", data=CONTACT).status_code == 302
    assert "kadis@bandungkab.go.id" in officer.get("/contacts").get_data(as_text=True)
    assert officer.get("/regions/51.71/contacts/new").status_code == 404
    bad = officer.post("/regions/32.04/contacts/new", data={**CONTACT, "email": "not-an-email"})
    assert bad.status_code == 422
    webhook = officer.post("/regions/32.04/contacts/new", data={**CONTACT, "channel": "webhook"})
    assert webhook.status_code == 422 and "phone number" in webhook.get_data(as_text=True)
    assert len(db.session.scalars(select(Contact)).all()) == 1


def test_contacts_api_validates_and_scopes(api_as):
    officer = api_as("region_officer")
    created = officer.post("/api/v1/regions/32.04/contacts", json={"name": "Bappeda", "email": "bappeda@x.go.id"})
    assert created.status_code == 201 and created.json["region"] == "32.04"
    invalid = officer.post("/api/v1/regions/32.04/contacts", json={"name": "X", "email": "x@"})
    assert invalid.status_code == 422 and "email" in invalid.json["error"]["fields"]
    assert officer.post("/api/v1/regions/51.71/contacts", json={"name": "X", "email": "x@x.go.id"}).status_code == 404
    assert api_as("host_staff").get("/api/v1/regions/32.04/contacts").json["total"] == 1
    assert api_as("ministry_viewer").get("/api/v1/regions/32.04/contacts").status_code == 403


def _failed_row():
    return failed_digest(recipient="a@x.go.id", pdf=b"%PDF-1.4 as sent\n%%EOF\n")


def test_host_admins_see_failures_and_retry_them(login_as, api_as):
    row, _report = _failed_row()
    admin = login_as("host_admin", locale="en")
    page = admin.get("/outbox?status=failed").get_data(as_text=True)
    assert "SMTP refused" in page and "Retry" in page
    assert admin.post(f"/outbox/{row.id}/retry").status_code == 302
    db.session.expire_all()
    assert db.session.get(Notification, row.id).status == "queued"
    assert api_as("host_admin").get("/api/v1/notifications?status=queued").json["total"] == 1
    assert api_as("host_staff").get("/api/v1/notifications").status_code == 403
    assert login_as("host_staff").post(f"/outbox/{row.id}/retry").status_code == 403


def test_the_region_downloads_its_report_exactly_as_sent(login_as):
    _row, report = _failed_row()
    officer = login_as("region_officer", locale="en")
    page = officer.get("/outbox").get_data(as_text=True)
    assert "2026-W48" in page
    assert officer.get(f"/archive/{report.id}.pdf").data == b"%PDF-1.4 as sent\n%%EOF\n"
    assert login_as("region_officer", region="51.71").get(f"/archive/{report.id}.pdf").status_code == 404
    assert policy.can(officer.user, "outbox.view")
