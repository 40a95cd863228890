"""The public-service sectors a region names for its sector indicators (SPBE 2020: 45–47).

The indicators are catalogue data (`practices.per_region_sector`, set from the framework file), not
code; a region's officer and the host roles name the sector of each, e.g. "Kesehatan".
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from livinglab import policy
from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.models import Framework, Practice, RegionSector
from livinglab.models.base import utcnow
from livinglab.models.sectors import SECTOR_LABEL_MAX
from livinglab.services import audit

INDEX_FRAMEWORK = "spbe-2020"

# Offered as choices; any other name may be typed ("other"). Stored as written, so the choices are
# the sectors' Indonesian names in every language (a label is the region's data, not UI text).
COMMON_SECTORS = (
    "Kesehatan",
    "Pendidikan",
    "Kependudukan dan Pencatatan Sipil",
    "Perizinan dan Penanaman Modal",
    "Sosial",
    "Perhubungan",
    "Ketenagakerjaan",
    "Pariwisata",
    "Pertanian",
    "Lingkungan Hidup",
)


def sector_indicators():
    """The indicators whose sector each region names, in catalogue order."""
    code = current_app.config.get("INDEX_FRAMEWORK", INDEX_FRAMEWORK)
    return db.session.scalars(
        select(Practice)
        .join(Practice.framework)
        .where(Framework.code == code, Practice.per_region_sector.is_(True), Practice.active.is_(True))
        .order_by(Practice.position)
    ).all()


def labels(actor, region):
    """{indicator code: sector label} of the region (only those named)."""
    policy.ensure(actor, "commitments.view")
    policy.ensure_region_access(actor, region.id)
    return _labels(region.id)


def _labels(region_id):
    return dict(
        db.session.execute(
            select(Practice.code, RegionSector.label)
            .join(RegionSector.practice)
            .where(RegionSector.region_id == region_id)
            .order_by(Practice.position)
        ).all()
    )


def _clean(values, indicators):
    """{indicator: label or None} from {code: text}; every key must be a sector indicator."""
    by_code = {p.code: p for p in indicators}
    errors, cleaned = {}, {}
    for code, label in values.items():
        if code not in by_code:
            allowed = ", ".join(by_code)
            errors[str(code)] = _("Not an indicator with a sector; these are: %(codes)s.", codes=allowed)
            continue
        if label is not None and not isinstance(label, str):
            errors[code] = _("A sector name, as text.")
            continue
        label = " ".join((label or "").split())
        if len(label) > SECTOR_LABEL_MAX:
            errors[code] = _("At most %(n)s characters.", n=SECTOR_LABEL_MAX)
            continue
        cleaned[code] = label or None
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    return {p: cleaned.get(p.code) for p in indicators}


def update(actor, region, values):
    """Replace the region's sector names with `values` ({"SPBE-45": "Kesehatan", …}): an indicator
    left out, empty or null has no sector named. One transaction, one audit event."""
    policy.ensure(actor, "sectors.manage")
    policy.ensure_region_access(actor, region.id)
    if not isinstance(values, dict):
        raise Invalid(_('Send one sector name per indicator, e.g. {"SPBE-45": "Kesehatan"}.'))
    wanted = _clean(values, sector_indicators())
    before = _labels(region.id)
    rows = {
        row.practice_id: row
        for row in db.session.scalars(select(RegionSector).where(RegionSector.region_id == region.id))
    }
    for indicator, label in wanted.items():
        row = rows.get(indicator.id)
        if label is None:
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(
                RegionSector(region_id=region.id, practice_id=indicator.id, label=label, updated_by_id=actor.id)
            )
        elif row.label != label:
            row.label, row.updated_at, row.updated_by_id = label, utcnow(), actor.id
    db.session.flush()
    after = _labels(region.id)
    if after != before:
        audit.record(actor, "region.sectors", region, before, after)
    db.session.commit()
    return after
