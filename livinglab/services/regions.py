"""Looking up a region by its official code."""

from flask_babel import gettext as _
from sqlalchemy import select

from livinglab.errors import NotFound
from livinglab.extensions import db
from livinglab.models import Region


def get_region(code):
    """The province, regency or city with this Kemendagri code, or NotFound."""
    region = db.session.scalar(select(Region).where(Region.code == (code or "").strip()))
    if region is None:
        raise NotFound(_("Unknown region code: %(code)s", code=code))
    return region
