"""Each region's reminder recipients; region officers manage their own region's, the host sees all."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from livinglab import policy
from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.models import Contact
from livinglab.models.accounts import LOCALES
from livinglab.models.notifications import CHANNELS, CONTACT_ROLES
from livinglab.services import audit, opds
from livinglab.services.accounts import normalize_email
from livinglab.services.regions import get_region

UNCHANGED = object()
REGION_WIDE_ROLES = ("sekda", "head_of_region")  # they hear about the whole region, never one OPD


def _snapshot(contact):
    values = {k: getattr(contact, k) for k in ("name", "email", "phone", "channel", "locale", "role", "active")}
    return {**values, "opd": contact.opd.short_name if contact.opd else None}


def _clean(name, email, phone, channel, locale, role):
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Required.")
    try:
        email = normalize_email(email)
    except Invalid:
        errors["email"] = _("Invalid email address.")
    phone = "".join(ch for ch in (phone or "") if ch.isdigit() or ch == "+") or None
    if phone and not 8 <= len(phone.lstrip("+")) <= 15:
        errors["phone"] = _("A phone number has 8 to 15 digits.")
    if channel not in CHANNELS:
        errors["channel"] = _("Choose email, webhook or WhatsApp group.")
    if channel in ("webhook", "whatsapp_group") and not phone:
        errors["phone"] = _("The webhook (WhatsApp/SMS) channel needs a phone number.")
    if role not in CONTACT_ROLES:
        errors["role"] = _("Choose officer, head of agency, Sekda or head of region.")
    if locale not in LOCALES:
        errors["locale"] = _("Choose id or en.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    return {"name": name[:120], "email": email, "phone": phone, "channel": channel, "locale": locale, "role": role}


def _opd_for_role(opd, role):
    """`opd` (an Opd or None) as the contact's OPD; refused for the Sekda and the head of region."""
    if opd is not None and role in REGION_WIDE_ROLES:
        message = _("The Regional Secretary and the head of region hear about the whole region: leave the OPD empty.")
        raise Invalid(message, {"opd": message})
    return opd


def region_for(actor, region_code):
    """The regency/city whose contacts `actor` may see (another region: not found)."""
    policy.ensure(actor, "contacts.view")
    return _region(actor, region_code)


def _region(actor, region_code):
    region = get_region(region_code)
    policy.ensure_region_access(actor, region.id)
    return region


def list_contacts(actor, region_code=None):
    policy.ensure(actor, "contacts.view")
    statement = select(Contact).options(joinedload(Contact.region)).order_by(Contact.region_id, Contact.name)
    statement = policy.scope_to_region(statement, actor, Contact.region_id)
    if region_code:
        statement = statement.where(Contact.region_id == _region(actor, region_code).id)
    return db.session.scalars(statement).all()


def create_contact(
    actor, region_code, *, name, email, phone=None, channel="email", locale="id", role="officer", opd=None
):
    """A new recipient; with `opd` (id or short name of the region's OPD, 422 otherwise) it gets the
    reminders of that OPD's milestones only."""
    policy.ensure(actor, "contacts.manage")
    region = _region(actor, region_code)
    values = _clean(name, email, phone, channel, locale, role)
    contact = Contact(region=region, opd=_opd_for_role(opds.resolve(region.id, opd), values["role"]), **values)
    db.session.add(contact)
    db.session.flush()
    audit.record(actor, "contact.create", contact, after=_snapshot(contact))
    db.session.commit()
    return contact


def get_contact(actor, contact_id):
    policy.ensure(actor, "contacts.view")
    contact = db.session.get(Contact, contact_id)
    return policy.found_in_scope(actor, contact, lambda c: c.region_id, _("No such contact."))


def update_contact(
    actor,
    contact_id,
    *,
    name,
    email,
    phone=None,
    channel="email",
    locale="id",
    role="officer",
    active=True,
    opd=UNCHANGED,
):
    policy.ensure(actor, "contacts.manage")
    contact = get_contact(actor, contact_id)
    before = _snapshot(contact)
    values = _clean(name, email, phone, channel, locale, role)
    chosen = contact.opd if opd is UNCHANGED else opds.resolve(contact.region_id, opd)
    contact.opd = _opd_for_role(chosen, values["role"])
    for key, value in values.items():
        setattr(contact, key, value)
    contact.active = bool(active)
    audit.record(actor, "contact.update", contact, before, _snapshot(contact))
    db.session.commit()
    return contact
