"""Choices for select fields built from reference data (regions, practices, agencies)."""

from sqlalchemy import select
from wtforms import SelectChoice

from livinglab.extensions import db
from livinglab.models import Agency, Aspect, Domain, Framework, Practice, Region

REGION_PICKER = {"data-picker": "select"}  # a searchable combobox with static/js/pickers.js


def region_choices(blank="—"):
    """Regencies and cities grouped by province, value = official code."""
    regions = db.session.scalars(select(Region).where(Region.kind != "province").order_by(Region.code)).all()
    return [SelectChoice("", blank)] + [
        SelectChoice(region.code, f"{region.code} {region.name}", optgroup=region.parent.name) for region in regions
    ]


def practice_choices():
    """Active practices grouped by framework, SPBE domain and aspect (host practices by framework),
    value = practice code."""
    rows = db.session.execute(
        select(Practice.code, Practice.title, Framework.name, Domain.name, Aspect.name)
        .join(Practice.framework)
        .outerjoin(Aspect, Practice.aspect_id == Aspect.id)
        .outerjoin(Domain, Aspect.domain_id == Domain.id)
        .where(Practice.active.is_(True))
        .order_by(Framework.id, Practice.position)
    ).all()
    return [
        SelectChoice(code, f"{code} {title}", optgroup=" · ".join(n for n in (framework, domain, aspect) if n))
        for code, title, framework, domain, aspect in rows
    ]


def agency_choices(blank="—"):
    """Ministries and institutions of the agency list, value = agency code."""
    agencies = db.session.scalars(select(Agency).order_by(Agency.name)).all()
    return [SelectChoice("", blank)] + [SelectChoice(a.code, f"{a.name} ({a.full_name})") for a in agencies]
