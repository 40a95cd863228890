"""The practice catalogue: read it, and let host admins add or edit the host's own practices.

Official frameworks (the SPBE indicators) are read-only: they change only by loading a new
framework version from seeds/.
"""

import re

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from livinglab import policy
from livinglab.errors import Invalid, NotAllowed, NotFound
from livinglab.extensions import db
from livinglab.models import Aspect, Domain, Framework, LevelDefinition, Practice
from livinglab.models.catalogue import LEVEL_SCALES
from livinglab.services import audit

CODE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
EDITABLE = (
    "title",
    "title_en",
    "description",
    "evidence_hint",
    "weight",
    "level_scale",
    "default_duration_days",
    "active",
)


def frameworks(actor):
    policy.ensure(actor, "catalogue.view")
    return db.session.scalars(
        select(Framework)
        .options(
            selectinload(Framework.domains).selectinload(Domain.aspects).selectinload(Aspect.practices),
            selectinload(Framework.practices),
            selectinload(Framework.levels),
            selectinload(Framework.bands),
        )
        .order_by(Framework.official.desc(), Framework.code)
    ).all()


def get_framework(actor, code):
    policy.ensure(actor, "catalogue.view")
    framework = db.session.scalar(select(Framework).where(Framework.code == code))
    if framework is None:
        raise NotFound(_("Unknown framework: %(code)s", code=code))
    return framework


def get_practice(actor, practice_id):
    policy.ensure(actor, "catalogue.view")
    practice = db.session.get(Practice, practice_id)
    if practice is None:
        raise NotFound(_("No such practice."))
    return practice


def level_definitions(practice):
    return db.session.scalars(
        select(LevelDefinition)
        .where(LevelDefinition.framework_id == practice.framework_id, LevelDefinition.scale == practice.level_scale)
        .order_by(LevelDefinition.level)
    ).all()


def _snapshot(practice):
    return {"code": practice.code, **{f: str(getattr(practice, f)) for f in EDITABLE}}


# Practices of these framework families are no SPBE indicators: they carry no weight, so neither the
# index nor weighted progress counts them (replication is counted apart, by number and level).
UNWEIGHTED_FAMILIES = ("host",)


def _clean(fields, framework):
    errors = {}
    title = (fields.get("title") or "").strip()
    if not title:
        errors["title"] = _("Required.")
    weight = fields.get("weight")
    if weight is None or weight < 0 or weight > 100:
        errors["weight"] = _("A number from 0 to 100.")
    elif weight and framework.family in UNWEIGHTED_FAMILIES:
        errors["weight"] = _("Host practices carry no SPBE weight: leave it at 0.")
    duration = fields.get("default_duration_days")
    if not isinstance(duration, int) or not 1 <= duration <= 3650:
        errors["default_duration_days"] = _("A number of days from 1 to 3650.")
    if fields.get("level_scale") not in LEVEL_SCALES:
        errors["level_scale"] = _("Choose process or service.")
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    return {
        "title": title[:300],
        "title_en": (fields.get("title_en") or "").strip()[:300] or None,
        "description": (fields.get("description") or "").strip() or None,
        "evidence_hint": (fields.get("evidence_hint") or "").strip() or None,
        "weight": weight,
        "level_scale": fields["level_scale"],
        "default_duration_days": duration,
        "active": bool(fields.get("active", True)),
    }


def create_practice(actor, framework_code, *, code, **fields):
    policy.ensure(actor, "catalogue.manage")
    framework = get_framework(actor, framework_code)
    if framework.official:
        raise NotAllowed(_("%(name)s is an official framework and cannot be changed here.", name=framework.name))
    code = (code or "").strip().upper()
    if not CODE.match(code) or len(code) > 20:
        raise Invalid(
            _("Some values are not valid."), {"code": _("Capital letters, digits and dashes, e.g. HOST-SIPD.")}
        )
    if db.session.scalar(select(Practice.id).where(Practice.framework_id == framework.id, Practice.code == code)):
        raise Invalid(_("Some values are not valid."), {"code": _("This code is already in use.")})
    values = _clean(fields, framework)
    position = max((p.position for p in framework.practices), default=0) + 1
    practice = Practice(framework=framework, code=code, position=position, **values)
    db.session.add(practice)
    db.session.flush()
    audit.record(actor, "practice.create", practice, after=_snapshot(practice))
    db.session.commit()
    return practice


def update_practice(actor, practice_id, **fields):
    policy.ensure(actor, "catalogue.manage")
    practice = get_practice(actor, practice_id)
    if practice.framework.official:
        raise NotAllowed(
            _(
                "%(code)s belongs to the official framework %(name)s and is read-only.",
                code=practice.code,
                name=practice.framework.name,
            )
        )
    before = _snapshot(practice)
    for name, value in _clean(fields, practice.framework).items():
        setattr(practice, name, value)
    audit.record(actor, "practice.update", practice, before, _snapshot(practice))
    db.session.commit()
    return practice
