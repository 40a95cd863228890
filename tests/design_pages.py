"""The seven pages whose tables stack into "label: value" rows on a phone, each with a row to show:
a submitted milestone (workspace, reviews, inbox), a reminder contact, a failed reminder (outbox),
a study visit and the commitment itself. Built through the services, except the outbox row, which
only the scheduler writes."""

from datetime import date

from tests_support import failed_digest

from livinglab.services import contacts, milestones, visits

STACKED_PAGES = {
    "workspace": "/regions/32.04/milestones",
    "reviews": "/reviews",
    "contacts": "/contacts",
    "outbox": "/outbox",
    "inbox": "/inbox",
    "visits": "/visits",
    "commitments": "/commitments",
}
TABLE_PAGES = {name: url for name, url in STACKED_PAGES.items() if name != "inbox"}


def seven_pages(make_commitment, make_user):
    """Rows for every stacked page; returns the host admin who may open all seven."""
    commitment = make_commitment(practices=("SPBE-01", "SPBE-21"), due=date(2031, 6, 30))
    officer = make_user("region_officer")
    admin = make_user("host_admin")
    milestones.update(officer, commitment.milestones[0].id, version=1, status="submitted", level=2)
    contacts.create_contact(officer, "32.04", name="Kepala Diskominfo", email="kadis@bandungkab.go.id")
    visits.create_visit(
        admin,
        region="32.04",
        start_date=date(2022, 10, 3),
        end_date=date(2022, 10, 4),
        head_of_delegation="Sekda Kabupaten Bandung",
        delegation_size=14,
        practices=("HOST-MPP",),
    )
    failed_digest(recipient="kadis@bandungkab.go.id", archived=False)
    return admin, officer
