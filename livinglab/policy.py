"""Who may do what: the one table of role permissions, object rules and scoped queries.

Every route declares one permission (see `livinglab.web.access.requires`); services call
`ensure` again so CLI, API and scheduler obey the same rules.
"""

from livinglab.errors import NotAllowed

PUBLIC = "public"
LOGIN = "login"

PERMISSIONS = {
    "home.view": "See one's own home page",
    "regions.view": "Read the official region list",
    "users.manage": "Create, edit and deactivate user accounts",
}

_EVERYONE = {"home.view", "regions.view"}

ROLE_PERMISSIONS = {
    "host_admin": set(PERMISSIONS),
    "host_staff": _EVERYONE,
    "region_officer": _EVERYONE,
    "ministry_viewer": _EVERYONE,
}


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
        raise NotAllowed("You are not allowed to do this.")
