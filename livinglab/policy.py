"""Who may do what: the one table of role permissions, object rules and scoped queries.

Every route declares one permission (see `livinglab.web.access.requires`); services call
`ensure` again so CLI, API and scheduler obey the same rules. Region officers are scoped to their
own region everywhere: lists go through `scope_to_region`, single records through
`found_in_scope`, and records outside the scope answer "not found" exactly as unknown ids do.
"""

from flask_babel import gettext as _

from livinglab.errors import NotAllowed, NotFound

PUBLIC = "public"
LOGIN = "login"

PERMISSIONS = {
    "home.view": "See one's own home page",
    "regions.view": "Read the official region list",
    "users.manage": "Create, edit and deactivate user accounts",
    "audit.view": "Browse the audit log",
    "catalogue.view": "Read the practice catalogue",
    "catalogue.manage": "Add and edit practices of the host framework",
    "visits.view": "Read study visits (region officers: their own region's)",
    "visits.manage": "Record, edit and delete study visits",
    "events.view": "Read signing events",
    "events.manage": "Record and edit signing events",
    "commitments.view": "Read commitments and milestone plans (region officers: their own region's)",
    "commitments.manage": "Record commitments, change their practices and status, import them in bulk",
    "milestones.update": "Update milestones with levels, notes and evidence (region officers: their own region's)",
    "milestones.verify": "Verify, return or reopen submitted milestones",
    "inbox.view": "Read one's own in-app notifications",
    "monitoring.host": "The host's overview of all adopting regions, with exports",
    "contacts.view": "See reminder contacts (region officers: their own region's)",
    "contacts.manage": "Add and edit reminder contacts (region officers: their own region's)",
    "outbox.view": "See what reminders were sent, queued or failed, and the archived reports",
    "outbox.manage": "Retry failed reminders",
    "monitoring.national": "The national view: totals, provinces, map, stalled and overdue lists, exports",
    "operations.view": "See /readyz in detail (schema revisions, scheduler heartbeat) with a bearer token",
    "evaluations.view": "Read official SPBE evaluation results (region officers: their own region's)",
    "evaluations.import": "Load official SPBE evaluation results from a file or the API",
    "sectors.manage": "Name the public-service sectors of indicators 45–47 (region officers: their own region's)",
    "extensions.request": "Ask the host for a later due date of a milestone (region officers: their own region's)",
    "extensions.decide": "Approve or refuse requests for a later due date",
    "library.view": "Read a region's evidence library (region officers: their own region's)",
    "library.manage": "Upload documents to a region's evidence library (region officers: their own region's)",
    "opds.manage": "Keep a region's list of OPDs (region officers: their own region's)",
    "innovations.view": "Read the registry of regional innovations and their adopters",
    "innovations.manage": "Add innovations to the registry, with their outcome measures and stage template",
    "replications.view": "Read replications of innovations (region officers: as adopter or originator)",
    "replications.manage": "Record a region's replication of an innovation, with its parties",
    "replications.update": "Move replication stages, add evidence, report outcomes (region officers: as adopter)",
    "replications.verify": "Verify, return and comment on replication stages (as host, originator or sponsor)",
}

_READ = {
    "home.view",
    "regions.view",
    "catalogue.view",
    "visits.view",
    "events.view",
    "commitments.view",
    "evaluations.view",
    "library.view",
    "innovations.view",
    "replications.view",
}
_HOST_WRITE = {"visits.manage", "events.manage", "commitments.manage", "milestones.update", "milestones.verify"}
_REPLICATION_WORK = {"replications.update", "replications.verify"}

ROLE_PERMISSIONS = {
    "host_admin": set(PERMISSIONS),
    "host_staff": _READ
    | _HOST_WRITE
    | {"inbox.view", "monitoring.host", "monitoring.national", "contacts.view", "contacts.manage", "outbox.view"}
    | {"operations.view", "sectors.manage", "replications.manage"}
    | {"extensions.decide", "library.manage"}
    | _REPLICATION_WORK,
    "region_officer": _READ
    | {"milestones.update", "inbox.view", "contacts.view", "contacts.manage", "outbox.view", "sectors.manage"}
    | {"extensions.request", "library.manage", "opds.manage"}
    | _REPLICATION_WORK,
    "ministry_viewer": _READ | {"monitoring.national", "replications.verify"},
}


class _System:
    """The operator on the CLI and the scheduler: every permission, no region scope, no account."""

    is_authenticated = True
    role = "host_admin"
    region_id = None
    id = None
    name = "system"
    locale = "id"


SYSTEM = _System()


def can(user, permission):
    """True when `user` (possibly anonymous) holds `permission`."""
    if permission == PUBLIC:
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if permission == LOGIN:
        return True
    return permission in ROLE_PERMISSIONS.get(user.role, ())


def ensure(user, permission):
    if not can(user, permission):
        raise NotAllowed(_("You are not allowed to do this."))


def is_region_scoped(user):
    """Region officers see only their own region's records."""
    return getattr(user, "role", None) == "region_officer"


def scope_to_region(statement, user, region_id_column):
    """Limit a select to the records `user` may see, by the column holding the region id."""
    if is_region_scoped(user):
        return statement.where(region_id_column == user.region_id)
    return statement


def found_in_scope(user, record, region_id, message):
    """`record` if it exists and `user` may see it; else NotFound(`message`). A missing record and
    one of another region take this one path, so they answer alike (status and body): an id tells
    a region officer nothing, whether they read or try to change it."""
    if record is None or (is_region_scoped(user) and region_id(record) != user.region_id):
        raise NotFound(message)
    return record


def ensure_region_access(user, region_id):
    """Refuse (as not found, so ids leak nothing) a record of another region for a region officer."""
    if is_region_scoped(user) and region_id != user.region_id:
        raise NotFound(_("Not found."))


# --- replications of innovations: who sees and who verifies (object rules) ----------------------


def _party_regions(replication, role):
    return {p.region_id for p in replication.parties if p.role == role and p.region_id}


def _originator_regions(replication):
    return {replication.innovation.originator_region_id} - {None} | _party_regions(replication, "originator")


def _sponsor_agencies(replication):
    """Agencies that sponsor the replication or originated the innovation (e.g. Kemendagri's Puja Indah)."""
    sponsors = {p.agency_id for p in replication.parties if p.role in ("sponsor", "originator") and p.agency_id}
    return sponsors | ({replication.innovation.originator_agency_id} - {None})


def is_replication_adopter(user, replication):
    """The host, or an officer of the adopting region: moves stages, adds evidence, reports outcomes."""
    return user.role in ("host_admin", "host_staff") or (
        is_region_scoped(user) and user.region_id == replication.region_id
    )


def can_verify_replication(user, replication):
    """The host, an officer of the originating region, or a user of the sponsoring (or originating) agency."""
    if user.role in ("host_admin", "host_staff"):
        return True
    if is_region_scoped(user):
        return user.region_id in _originator_regions(replication)
    return user.role == "ministry_viewer" and getattr(user, "agency_id", None) in _sponsor_agencies(replication)


def replication_in_scope(user, replication):
    """Region officers see the replications their region adopts or originated; the others, all."""
    if not is_region_scoped(user):
        return True
    return user.region_id == replication.region_id or user.region_id in _originator_regions(replication)
