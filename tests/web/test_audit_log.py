"""Host admins browse and filter the audit log; nobody else sees it."""

from livinglab.extensions import db
from livinglab.models import AuditEvent
from livinglab.services import accounts


def test_admin_sees_changes_newest_first_and_filters(login_as, make_user):
    admin = login_as("host_admin", locale="en")
    officer = make_user("region_officer", name="Officer <b>Bold</b>")
    accounts.set_active(admin.user, officer.id, False)

    page = admin.get("/admin/audit").get_data(as_text=True)
    assert "User account: Deactivated" in page
    assert "User account: Created" in page
    assert page.index("User account: Deactivated") < page.index("User account: Created")
    assert "Bold" in page and "<b>Bold</b>" not in page

    only_deactivations = admin.get("/admin/audit?action=user.deactivate").get_data(as_text=True)
    assert "User account: Deactivated" in only_deactivations
    assert "User account: Created" not in only_deactivations
    by_actor = admin.get(f"/admin/audit?actor={admin.user.email}").get_data(as_text=True)
    assert "User account: Deactivated" in by_actor and "User account: Signed in" in by_actor


def test_date_filter_and_paging(login_as, make_user):
    admin = login_as("host_admin", locale="en")
    for n in range(55):
        db.session.add(AuditEvent(action="test.bulk", entity_type="Probe", entity_id=str(n)))
    db.session.commit()
    first = admin.get("/admin/audit?action=test.bulk").get_data(as_text=True)
    assert "55 events" in first
    assert first.count('data-testid="audit-action">test.bulk<') == 50
    second = admin.get("/admin/audit?action=test.bulk&page=2").get_data(as_text=True)
    assert second.count('data-testid="audit-action">test.bulk<') == 5
    none = admin.get("/admin/audit?action=test.bulk&until=2000-01-01").get_data(as_text=True)
    assert "No events match." in none
    bad_date = admin.get("/admin/audit?since=not-a-date")
    assert bad_date.status_code == 200


def test_other_roles_cannot_read_the_audit_log(login_as):
    for role in ("host_staff", "region_officer", "ministry_viewer"):
        assert login_as(role).get("/admin/audit").status_code == 403
