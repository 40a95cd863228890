"""Signing events: where and when regions signed their joint commitments."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from livinglab import policy
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Commitment, Region, SigningEvent
from livinglab.services import audit
from livinglab.services.targets import clean_target

FIELDS = ("name", "place", "date", "description", "target_index", "target_year")


def _snapshot(event):
    return {
        "name": event.name,
        "place": event.place,
        "date": event.date.isoformat() if event.date else None,
        "description": event.description,
        "target_index": str(event.target_index) if event.target_index is not None else None,
        "target_year": event.target_year,
    }


def _clean(name, place, day, description, target_index=None, target_year=None):
    target_index, target_year, errors = clean_target(target_index, target_year)
    name, place = (name or "").strip(), (place or "").strip()
    if not name:
        errors["name"] = _("Required.")
    elif len(name) > 200:
        errors["name"] = _("At most %(n)s characters.", n=200)
    if not place:
        errors["place"] = _("Required.")
    elif len(place) > 200:
        errors["place"] = _("At most %(n)s characters.", n=200)
    if not isinstance(day, date):
        errors["date"] = _("Required.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    return name, place, day, (description or "").strip() or None, target_index, target_year


def create_event(actor, *, name, place, date, description=None, target_index=None, target_year=None):
    """Record a signing event; its target (an Indeks SPBE by a year) is what its commitments take."""
    policy.ensure(actor, "events.manage")
    name, place, day, description, index, year = _clean(name, place, date, description, target_index, target_year)
    event = SigningEvent(
        name=name, place=place, date=day, description=description, target_index=index, target_year=year
    )
    db.session.add(event)
    db.session.flush()
    audit.record(actor, "signing_event.create", event, after=_snapshot(event))
    db.session.commit()
    return event


def update_event(actor, event_id, *, name, place, date, description=None, target_index=None, target_year=None):
    """Change an event; its commitments keep the target they were given."""
    policy.ensure(actor, "events.manage")
    event = get_event(actor, event_id)
    before = _snapshot(event)
    cleaned = _clean(name, place, date, description, target_index, target_year)
    event.name, event.place, event.date, event.description, event.target_index, event.target_year = cleaned
    audit.record(actor, "signing_event.update", event, before, _snapshot(event))
    db.session.commit()
    return event


def get_event(actor, event_id):
    policy.ensure(actor, "events.view")
    event = db.session.get(SigningEvent, event_id)
    if event is None or event.deleted_at is not None:
        raise NotFound(_("No such signing event."))
    return event


def list_events(actor):
    """Events with their number of (visible) commitments, oldest first."""
    policy.ensure(actor, "events.view")
    counts = policy.scope_to_region(
        select(Commitment.signing_event_id, func.count(Commitment.id)).group_by(Commitment.signing_event_id),
        actor,
        Commitment.region_id,
    )
    count_by_event = dict(db.session.execute(counts).all())
    events = db.session.scalars(
        select(SigningEvent).where(SigningEvent.deleted_at.is_(None)).order_by(SigningEvent.date, SigningEvent.id)
    ).all()
    return [(event, count_by_event.get(event.id, 0)) for event in events]


def signatories(actor, event):
    """The event's commitments the actor may see, by region name."""
    statement = (
        select(Commitment)
        .where(Commitment.signing_event_id == event.id)
        .options(joinedload(Commitment.region))
        .join(Commitment.region)
    )
    statement = policy.scope_to_region(statement, actor, Commitment.region_id)
    return db.session.scalars(statement.order_by(Region.name)).all()
