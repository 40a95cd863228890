"""Each region's OPDs (perangkat daerah: Diskominfo, Bappeda, BKPSDM…), the units that do the work.

A milestone may name its responsible OPD, the region's workspace filters by it, and a reminder
contact may belong to one (it then hears about that OPD's milestones only: see
`domain.audience`). The region's officer and the host admins keep the list.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from livinglab import policy
from livinglab.errors import Invalid, NotFound
from livinglab.extensions import db
from livinglab.models import Contact, Milestone, Opd
from livinglab.models.library import OPD_NAME_MAX, OPD_SHORT_NAME_MAX
from livinglab.services import audit
from livinglab.services.regions import get_region

# Offered as suggestions on the page (short name, name): the usual OPDs of SPBE work.
COMMON_OPDS = (
    ("Diskominfo", "Dinas Komunikasi dan Informatika"),
    ("Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("Inspektorat", "Inspektorat Daerah"),
    ("Bagian Organisasi", "Bagian Organisasi Sekretariat Daerah"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
)
NO_OPD = "none"  # the workspace filter's value for milestones without an OPD


def _region(actor, region_code):
    region = get_region(region_code)
    policy.ensure_region_access(actor, region.id)
    return region


def _list(region_id):
    return db.session.scalars(select(Opd).where(Opd.region_id == region_id).order_by(Opd.short_name)).all()


def region_opds(actor, region_code):
    """(region, its OPDs by short name): readable by whoever may read the region's commitment."""
    policy.ensure(actor, "commitments.view")
    region = _region(actor, region_code)
    return region, _list(region.id)


def create_opd(actor, region_code, *, name, short_name):
    """Add an OPD to the region's list; the short name is unique in the region (any letter case)."""
    policy.ensure(actor, "opds.manage")
    region = _region(actor, region_code)
    name, short_name = " ".join((name or "").split()), " ".join((short_name or "").split())
    errors = {}
    if not name:
        errors["name"] = _("Required.")
    elif len(name) > OPD_NAME_MAX:
        errors["name"] = _("At most %(n)s characters.", n=OPD_NAME_MAX)
    if not short_name:
        errors["short_name"] = _("Required.")
    elif len(short_name) > OPD_SHORT_NAME_MAX:
        errors["short_name"] = _("At most %(n)s characters.", n=OPD_SHORT_NAME_MAX)
    elif _by_short_name(region.id, short_name) is not None:
        errors["short_name"] = _("This region already has an OPD named %(name)s.", name=short_name)
    if errors:
        raise Invalid(_("Some values are not valid."), errors)
    opd = Opd(region_id=region.id, name=name, short_name=short_name)
    db.session.add(opd)
    db.session.flush()
    audit.record(actor, "opd.create", opd, after={"region": region.code, "name": name, "short_name": short_name})
    db.session.commit()
    return opd


def delete_opd(actor, region_code, opd_id):
    """Remove an OPD: its milestones and contacts keep working, without an OPD."""
    policy.ensure(actor, "opds.manage")
    region = _region(actor, region_code)
    opd = db.session.get(Opd, opd_id)
    if opd is None or opd.region_id != region.id:
        raise NotFound(_("No such OPD."))
    db.session.execute(update(Milestone).where(Milestone.opd_id == opd.id).values(opd_id=None))
    db.session.execute(update(Contact).where(Contact.opd_id == opd.id).values(opd_id=None))
    audit.record(
        actor, "opd.delete", opd, before={"region": region.code, "name": opd.name, "short_name": opd.short_name}
    )
    db.session.delete(opd)
    db.session.commit()


def _by_short_name(region_id, short_name):
    return db.session.scalar(
        select(Opd).where(Opd.region_id == region_id, func.lower(Opd.short_name) == short_name.lower())
    )


def resolve(region_id, value, field="opd"):
    """The region's OPD named by `value` (its id, or its short name in any letter case); None for
    an empty value. Anything else, including another region's OPD, is refused (422 on `field`)."""
    if value is None or value == "":
        return None
    opd = None
    if isinstance(value, int) and not isinstance(value, bool):
        opd = db.session.get(Opd, value)
    elif isinstance(value, str):
        opd = _by_short_name(region_id, value.strip())
        if opd is None and value.strip().isdigit():
            opd = db.session.get(Opd, int(value.strip()))
    if opd is None or opd.region_id != region_id:
        message = _("Not an OPD of this region; choose one from the region's list of OPDs.")
        raise Invalid(message, {field: message})
    return opd


def workspace_filter(actor, region, value):
    """The region's OPDs and the chosen filter: an Opd, NO_OPD, or None (all milestones)."""
    policy.ensure(actor, "commitments.view")
    policy.ensure_region_access(actor, region.id)
    opds = _list(region.id)
    if value == NO_OPD:
        return opds, NO_OPD
    chosen = next((o for o in opds if value and (str(o.id) == value or o.short_name.lower() == value.lower())), None)
    return opds, chosen


def matches(milestone, chosen):
    """The milestone passes the workspace filter `chosen` (see `workspace_filter`)."""
    if chosen is None:
        return True
    if chosen == NO_OPD:
        return milestone.opd_id is None
    return milestone.opd_id == chosen.id


def named(region_id, opd_ids):
    """The region's OPDs among `opd_ids`, by short name (for what a reminder covers); [] for None."""
    if not opd_ids:
        return []
    return db.session.scalars(
        select(Opd).where(Opd.region_id == region_id, Opd.id.in_(opd_ids)).order_by(Opd.short_name)
    ).all()
