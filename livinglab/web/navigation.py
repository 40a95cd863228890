"""Which navbar entry the page being shown belongs to, so the navbar can mark it as current.

Templates call `nav_current("reviews")`: it gives ` aria-current="page"` on the entry of the page
being shown and nothing elsewhere; `nav_current(*RECORDS)` marks the "Records" menu toggle when one
of its entries is current. The CSS draws the visible indicator from the attribute.
"""

from flask import g, request
from flask_login import current_user
from markupsafe import Markup

from livinglab import policy

# Endpoints whose entry is not simply their blueprint's.
ENDPOINT_ENTRIES = {
    "dashboard.home": "home",
    "milestones.reviews": "reviews",
    "replanning.pending": "extensions",
    "replanning.replan": "commitments",
    "monitoring.overview": "overview",
    "monitoring.national": "national",
    "monitoring.map": "map",
    "reminders.outbox": "outbox",
    "reminders.archived": "outbox",
    "evaluations.import_file": "evaluations_import",
    "public.board": "public",
    "auth.profile": "profile",
}
BLUEPRINT_ENTRIES = {
    "commitments": "commitments",
    "visits": "visits",
    "events": "events",
    "catalogue": "catalogue",
    "innovations": "innovations",
    "evaluations": "evaluations",
    "reminders": "contacts",
    "admin": "users",
    "audit": "audit",
    "inbox": "inbox",
}
# A region's own pages: the officer's "My commitment", the host's overview, the ministry's national view.
REGION_BLUEPRINTS = {"milestones", "monitoring", "library", "sectors", "opds"}
RECORDS = (
    "commitments",
    "visits",
    "events",
    "catalogue",
    "innovations",
    "evaluations",
    "contacts",
    "outbox",
    "users",
    "evaluations_import",
    "audit",
)


def _current_entry():
    endpoint = request.endpoint or ""
    if endpoint in ENDPOINT_ENTRIES:
        return ENDPOINT_ENTRIES[endpoint]
    if request.blueprint in BLUEPRINT_ENTRIES:
        return BLUEPRINT_ENTRIES[request.blueprint]
    if request.blueprint in REGION_BLUEPRINTS and current_user.is_authenticated:
        if policy.is_region_scoped(current_user):
            return "mine"
        if policy.can(current_user, "monitoring.host"):
            return "overview"
        if policy.can(current_user, "monitoring.national"):
            return "national"
    return None


def nav_current(*entries):
    """` aria-current="page"` for the current page's entry; `"true"` for a menu holding it. The entry
    is worked out once per request, not once per navbar link."""
    if "nav_entry" not in g:
        g.nav_entry = _current_entry()
    entry = g.nav_entry
    if entry is None or entry not in entries:
        return ""
    return Markup(' aria-current="page"') if len(entries) == 1 else Markup(' aria-current="true"')


def register(app):
    app.jinja_env.globals.update(nav_current=nav_current, NAV_RECORDS=RECORDS)
