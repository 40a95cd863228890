"""Host admins manage accounts in the UI; reset links go out through the file outbox."""

import email
import re

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import AuditEvent, User

NEW = {
    "email": "siti@bandungkab.go.id",
    "name": "Siti Aminah",
    "role": "region_officer",
    "region": "32.73",
    "agency": "",
    "locale": "id",
    "password": "kata-sandi-awal-123",
}


def _user(email_address):
    return db.session.scalar(select(User).where(User.email == email_address))


def test_admin_creates_a_region_officer_who_can_sign_in(login_as, web):
    admin = login_as("host_admin", locale="en")
    assert admin.post("/admin/users/new", data=NEW).status_code == 302
    assert _user("siti@bandungkab.go.id").region.code == "32.73"
    response = web.login("siti@bandungkab.go.id", "kata-sandi-awal-123")
    assert response.status_code == 302


def test_bad_accounts_are_refused_and_nothing_is_written(login_as, make_user):
    make_user("host_staff", email="a@x.go.id")
    admin = login_as("host_admin", locale="en")
    count = db.session.scalar(select(func.count(User.id)))
    for changes in (
        {"region": ""},
        {"region": "32"},
        {"email": "A@X.go.id"},
        {"password": "short"},
        {"email": "not-an-email"},
    ):
        response = admin.post("/admin/users/new", data={**NEW, **changes})
        assert response.status_code == 422, changes
    assert db.session.scalar(select(func.count(User.id))) == count


def test_edit_role_and_region_is_audited(login_as, make_user):
    admin = login_as("host_admin", locale="en")
    user = make_user("region_officer")
    data = {"name": "Renamed", "role": "region_officer", "region": "51.71", "agency": "", "locale": "en", "active": "y"}
    assert admin.post(f"/admin/users/{user.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).region.code == "51.71"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.update"))
    assert event.before["region"] == "32.04" and event.after["region"] == "51.71"


def test_deactivation_blocks_sign_in_and_admins_cannot_deactivate_themselves(login_as, make_user, web):
    admin = login_as("host_admin", locale="en")
    user = make_user("ministry_viewer")
    assert admin.post(f"/admin/users/{user.id}/active").status_code == 302
    assert web.login(user.email).status_code == 401
    refused = admin.post(f"/admin/users/{admin.user.id}/active", follow_redirects=True).get_data(as_text=True)
    assert "cannot deactivate yourself" in refused
    db.session.expire_all()
    assert db.session.get(User, admin.user.id).active


def test_reset_link_by_email_works_once(login_as, make_user, outbox, web):
    admin = login_as("host_admin", locale="en")
    user = make_user("region_officer", locale="en")
    response = admin.post(f"/admin/users/{user.id}/reset-password")
    assert response.status_code == 302
    response.close()  # as a server does once the response is sent: the mail goes out then
    files = list(outbox.glob("*.eml"))
    assert len(files) == 1
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert message["To"] == user.email
    link = re.search(r"http://localhost(/reset-password/\S+)", message.get_content()).group(1)
    assert web.get(link).status_code == 200
    changed = web.post(link, data={"password": "a-brand-new-password", "confirm": "a-brand-new-password"})
    assert changed.status_code == 302
    assert web.login(user.email, "a-brand-new-password").status_code == 302
    assert web.get(link).status_code == 400


def test_other_roles_cannot_manage_users(login_as):
    for role in ("host_staff", "region_officer", "ministry_viewer"):
        assert login_as(role).get("/admin/users").status_code == 403
