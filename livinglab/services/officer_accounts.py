"""The region officer's account and reminder contacts named on an import row.

An officer's email that no account uses gets a new region officer account, inactive, with an
invitation mail in the outbox (a set-password link that activates it, `services.password_reset`);
an email an account already uses is that account, never a second one. Contacts are checked with
the row and stored through `services.contacts` once the import is committed.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from livinglab import policy
from livinglab.errors import Invalid, NotAllowed
from livinglab.extensions import db
from livinglab.models import Contact, User
from livinglab.models.notifications import CONTACT_ROLES
from livinglab.services import accounts, audit, contacts, password_reset


@dataclass
class PendingContact:
    region_code: str
    name: str
    email: str
    role: str


class PeopleIndex:
    """The emails accounts use and each region's contacts, read once for an import's rows."""

    def __init__(self):
        self.emails = set(db.session.scalars(select(User.email)))
        self.contacts = set(db.session.execute(select(Contact.region_id, Contact.email)).all())


def _new_officer_name(actor, email, name):
    """The name of a new officer's account, when the actor may create it (raises otherwise)."""
    if not policy.can(actor, "users.manage"):
        raise NotAllowed(_("Only a host admin may create the officer's account (%(email)s).", email=email))
    name = " ".join((name or "").split())
    if not name:
        raise Invalid(_("The officer's name is required with the email."), {"officer_name": _("Required.")})
    return name


def check_officer(actor, email, name, people):
    """(email, exists) for the officer of an import row, checked as `invite_officer` checks, against
    `people` (a PeopleIndex), which then counts a new email as taken for the later rows."""
    email = _email(email, "officer_email")
    if email in people.emails:
        return email, True
    _new_officer_name(actor, email, name)
    people.emails.add(email)
    return email, False


def invite_officer(actor, region, email, name):
    """The account of the officer with `email`: the existing one, or a new inactive one with its
    invitation queued (flush only). Returns (user, created)."""
    email = _email(email, "officer_email")
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        return user, False
    name = _new_officer_name(actor, email, name)
    user = User(
        email=email,
        name=name[:120],
        role="region_officer",
        region=region,
        locale="id",
        active=False,
        password_hash=accounts.unusable_password_hash(),  # until the invitation is used
    )
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.invite", user, after={"email": email, "region": region.code, "role": user.role})
    password_reset.enqueue_invitation(user)
    return user, True


def check_contact(region, email, name, role, people):
    """A reminder contact of the row, checked now and stored after the commit; None when it is there
    already (in `people`, a PeopleIndex)."""
    email = _email(email, "contact_email")
    name = " ".join((name or "").split())
    role = (role or "officer").strip().lower()
    errors = {}
    if not name:
        errors["contact_name"] = _("The contact's name is required with the email.")
    if role not in CONTACT_ROLES:
        errors["contact_role"] = _("A contact role is one of: %(roles)s.", roles=", ".join(CONTACT_ROLES))
    if errors:
        raise Invalid(next(iter(errors.values())), errors)
    return None if (region.id, email) in people.contacts else PendingContact(region.code, name, email, role)


def store_contacts(actor, pending):
    """Add the checked contacts with their role, each once (each one transaction of the contacts
    service)."""
    seen = set()
    for contact in pending:
        if (contact.region_code, contact.email) not in seen:
            seen.add((contact.region_code, contact.email))
            contacts.create_contact(
                actor, contact.region_code, name=contact.name, email=contact.email, role=contact.role
            )


def _email(value, field):
    try:
        return accounts.normalize_email(value)
    except Invalid:
        message = _("Invalid email address: %(email)s", email=value)
        raise Invalid(message, {field: message}) from None
