"""The registry of regional innovations (PP 38/2017): who originated each, what it is, what its
adopters report. Innovations belong to their originator, never to the host."""

import re

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from livinglab import policy
from livinglab.domain.replication_stages import DEFAULT_STAGES, MAX_STAGES, parse_stages
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Agency, Innovation, OutcomeMeasure, Region
from livinglab.models.innovations import INNOVATION_TYPES
from livinglab.services import audit

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")
LINK = re.compile(r"^https?://\S{1,500}$")
MAX_LINKS = 20
ORIGINATOR_KINDS = ("region", "agency")


def _snapshot(innovation):
    return {
        "code": innovation.code,
        "name": innovation.name,
        "originator": originator_of(innovation),
        "type": innovation.type,
        "first_year": innovation.first_year,
        "measures": [{"name": m.name, "unit": m.unit} for m in innovation.measures],
        "stages": list(parse_stages(innovation.stages)),
    }


def originator_of(innovation):
    """`{"kind": "region", "code": …, "name": …}` or the same for an agency."""
    if innovation.originator_region is not None:
        region = innovation.originator_region
        return {"kind": "region", "code": region.code, "name": region.name}
    agency = innovation.originator_agency
    return {"kind": "agency", "code": agency.code, "name": agency.name} if agency else None


def find_originator(kind, code):
    """(region, agency) for an originator given by kind and code; Invalid when unknown."""
    code = (code or "").strip()
    if kind == "region":
        region = db.session.scalar(select(Region).where(Region.code == code))
        if region is not None:
            return region, None
    elif kind == "agency":
        agency = db.session.scalar(select(Agency).where(Agency.code == code.lower()))
        if agency is not None:
            return None, agency
    message = _("Unknown originator: give a region code (e.g. 32.04) or an agency code (e.g. kemendagri).")
    raise Invalid(message, {"originator": message})


def _clean_measures(measures, errors):
    cleaned, seen = [], set()
    for item in measures or ():
        name, unit = (item.get("name") or "").strip(), (item.get("unit") or "").strip()
        if not name or not unit or len(name) > 200 or len(unit) > 60:
            errors["measures"] = _("Each outcome measure needs a name and a unit.")
        elif name.lower() in seen:
            errors["measures"] = _("Outcome measures must have different names.")
        else:
            seen.add(name.lower())
            cleaned.append((name, unit))
    return cleaned


def _clean_links(links, errors):
    cleaned = [link.strip() for link in links or () if link and link.strip()]
    if len(cleaned) > MAX_LINKS or not all(LINK.match(link) for link in cleaned):
        errors["links"] = _("At most %(n)s links, one per line, each starting with http:// or https://.", n=MAX_LINKS)
    return cleaned


def _clean_stages(stages, errors):
    names = tuple(s.strip() for s in stages or () if s and s.strip())
    if len(names) > MAX_STAGES or any(len(s) > 200 for s in names):
        errors["stages"] = _("At most %(n)s stages of at most 200 characters each.", n=MAX_STAGES)
    return names


def stage_template(innovation):
    """The stage names new replications of the innovation get (the Puja Indah path by default)."""
    return parse_stages(innovation.stages) or DEFAULT_STAGES


def update_stages(actor, innovation_id, stages):
    """Change the stage template of an innovation (host admin); replications already recorded keep
    their stages, new ones take these. An empty list brings back the Puja Indah path."""
    policy.ensure(actor, "innovations.manage")
    innovation = get_innovation(actor, innovation_id)
    errors = {}
    names = _clean_stages(stages, errors)
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    before = _snapshot(innovation)
    innovation.stages = "\n".join(names) or None
    audit.record(actor, "innovation.stages", innovation, before, _snapshot(innovation))
    db.session.commit()
    return innovation


def create_innovation(
    actor,
    *,
    code,
    name,
    originator,
    type,
    description=None,
    first_year=None,
    links=(),
    measures=(),
    stages=(),
    source=None,
):
    """Add an innovation to the registry (host admin); `originator` is `{"kind", "code"}`."""
    policy.ensure(actor, "innovations.manage")
    errors = {}
    code, name = (code or "").strip().upper(), (name or "").strip()
    if not CODE.match(code):
        errors["code"] = _("Capital letters, digits and dashes, e.g. BDG-ESKM.")
    elif db.session.scalar(select(Innovation.id).where(Innovation.code == code)):
        errors["code"] = _("This code is already in the registry.")
    if not name or len(name) > 200:
        errors["name"] = _("Required, at most %(n)s characters.", n=200)
    if type not in INNOVATION_TYPES:
        errors["type"] = _("The type is one of: %(types)s.", types=", ".join(INNOVATION_TYPES))
    if first_year is not None and not 1945 <= first_year <= 2100:
        errors["first_year"] = _("A year between 1945 and 2100.")
    stage_names = _clean_stages(stages, errors)
    cleaned = _clean_measures(measures, errors)
    link_list = _clean_links(links, errors)
    try:
        region, agency = find_originator((originator or {}).get("kind"), (originator or {}).get("code"))
    except Invalid as error:
        errors.update(error.fields)
        region = agency = None
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    innovation = Innovation(
        code=code,
        name=name,
        originator_region=region,
        originator_agency=agency,
        type=type,
        description=(description or "").strip() or None,
        first_year=first_year,
        links="\n".join(link_list) or None,
        stages="\n".join(stage_names) or None,
        source=(source or "").strip() or None,
        measures=[OutcomeMeasure(name=n, unit=u) for n, u in cleaned],
    )
    db.session.add(innovation)
    db.session.flush()
    audit.record(actor, "innovation.create", innovation, after=_snapshot(innovation))
    db.session.commit()
    return innovation


def get_innovation(actor, innovation_id):
    policy.ensure(actor, "innovations.view")
    innovation = db.session.get(Innovation, innovation_id)
    if innovation is None:
        raise NotFound(_("No such innovation."))
    return innovation


def _filtered(q=None, originator=None, type=None):
    statement = select(Innovation).outerjoin(Region, Region.id == Innovation.originator_region_id)
    statement = statement.outerjoin(Agency, Agency.id == Innovation.originator_agency_id)
    if q and q.strip():
        like = f"%{q.strip().lower()}%"
        statement = statement.where(
            or_(
                func.lower(Innovation.name).like(like),
                func.lower(Innovation.code).like(like),
                func.lower(Innovation.description).like(like),
            )
        )
    if originator and originator.strip():
        wanted = originator.strip()
        statement = statement.where(or_(Region.code == wanted, Agency.code == wanted.lower()))
    if type:
        statement = statement.where(Innovation.type == type)
    return statement


def list_innovations(actor, *, q=None, originator=None, type=None, page=1, per_page=50):
    """A page of innovations by name with the filters; returns (innovations, total)."""
    policy.ensure(actor, "innovations.view")
    statement = _filtered(q, originator, type)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = db.session.scalars(
        statement.order_by(Innovation.name, Innovation.id).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return rows, total


def originators():
    """(code, name) of every region or agency that originated an innovation, by name (filter choices)."""
    regions = db.session.execute(
        select(Region.code, Region.name).join(Innovation, Innovation.originator_region_id == Region.id).distinct()
    ).all()
    agencies = db.session.execute(
        select(Agency.code, Agency.name).join(Innovation, Innovation.originator_agency_id == Agency.id).distinct()
    ).all()
    return sorted({tuple(row) for row in (*regions, *agencies)}, key=lambda row: row[1])


def originated_by(actor, region_id):
    """The innovations a region originated, by name (for the region page)."""
    policy.ensure(actor, "innovations.view")
    return db.session.scalars(
        select(Innovation).where(Innovation.originator_region_id == region_id).order_by(Innovation.name)
    ).all()
