"""Who in a region hears what this week: one entry per address, the union of its contact rows.

A contact row hears the weekly digest as an `officer` whenever its scope has open work (returned,
overdue, or due within the horizon), as a `head_of_agency` once its scope's oldest overdue work
reaches the ladder's first step; a `sekda` row hears the letter once the region reaches the second
step. The scope of a row with an OPD is that OPD's milestones; without one, the whole region. An
address under several rows (two roles, two OPDs) is one entry: the digest of every scope one of
its rows hears, and the letter if any row hears it, so it gets one message a week.
"""

from dataclasses import dataclass

from livinglab.domain import ladder

WHOLE_REGION = None


@dataclass(frozen=True)
class Work:
    """An open milestone as planning sees it."""

    status: str
    due: object  # date or None
    opd_id: int | None


@dataclass
class Hears:
    address: str
    contact: object  # the first of its rows that hears something: name, channel, language
    opd_ids: list | None  # the digest's OPDs, None for the whole region (only when `digest`)
    digest: bool
    letter: bool


def _in_scope(work, scope):
    return work if scope is WHOLE_REGION else [w for w in work if w.opd_id == scope]


def has_open_items(work, day, horizon):
    """Whether a digest of `work` on `day` would list anything: returned, overdue or due within `horizon`."""
    return any(w.status == "returned" or (w.due and w.due <= day + horizon) for w in work)


def step_of(work, day, escalation_days):
    return ladder.step(ladder.overdue_days([w.due for w in work], day), escalation_days)


def _digest_scope(contact, work, day, horizon, escalation_days):
    """The scope (an OPD id or WHOLE_REGION) whose digest this row hears, or False."""
    scope = contact.opd_id
    mine = _in_scope(work, scope)
    if contact.role == "officer" and has_open_items(mine, day, horizon):
        return scope
    if contact.role == "head_of_agency" and step_of(mine, day, escalation_days) >= ladder.HEAD_OF_AGENCY:
        return scope
    return False


def weekly(contacts, work, day, horizon, escalation_days):
    """[Hears] for the region's active `contacts` (in a stable order) and its open `work` on `day`."""
    letter = step_of(work, day, escalation_days) >= ladder.LETTER
    by_address = {}
    for contact in contacts:
        scope = _digest_scope(contact, work, day, horizon, escalation_days)
        hears_letter = letter and contact.role == "sekda"
        if scope is False and not hears_letter:
            continue
        entry = by_address.setdefault(contact.email, {"contact": contact, "scopes": set(), "letter": False})
        if scope is not False:
            entry["scopes"].add(scope)
        entry["letter"] = entry["letter"] or hears_letter
    heard = []
    for address, entry in by_address.items():
        scopes = entry["scopes"]
        opd_ids = None if not scopes or WHOLE_REGION in scopes else sorted(scopes)
        heard.append(Hears(address, entry["contact"], opd_ids, bool(scopes), entry["letter"]))
    return heard
