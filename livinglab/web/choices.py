"""Choices for select fields built from reference data (regions, practices, agencies)."""

from sqlalchemy import select
from wtforms import SelectChoice

from livinglab.extensions import db
from livinglab.models import Agency, Framework, Practice, Region


def region_choices(blank="—"):
    """Regencies and cities grouped by province, value = official code."""
    regions = db.session.scalars(select(Region).where(Region.kind != "province").order_by(Region.code)).all()
    return [SelectChoice("", blank)] + [
        SelectChoice(region.code, f"{region.code} {region.name}", optgroup=region.parent.name) for region in regions
    ]


def practice_choices():
    """Active practices grouped by framework, value = practice code."""
    rows = db.session.execute(
        select(Practice.code, Practice.title, Framework.name)
        .join(Practice.framework)
        .where(Practice.active.is_(True))
        .order_by(Framework.id, Practice.position)
    ).all()
    return [SelectChoice(code, f"{code} {title}", optgroup=framework) for code, title, framework in rows]


def agency_choices(blank="—"):
    """Ministries and institutions of the agency list, value = agency code."""
    agencies = db.session.scalars(select(Agency).order_by(Agency.name)).all()
    return [SelectChoice("", blank)] + [SelectChoice(a.code, f"{a.name} ({a.full_name})") for a in agencies]
