"""A region typed as people write it: a code ("32.04") or a name ("Kab. Bandung", "Palu", a typo).

The field is a text input offered the official names in one <datalist> (works without JavaScript).
It is matched with services.lookups.RegionLookup, as an import's rows are: an ambiguous name comes
back with its candidates to pick from (radio buttons, sent as `<field>-pick`), a name matching
nothing with the three nearest names; the typed text is kept either way.
"""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import aliased
from wtforms import StringField

from livinglab.extensions import db
from livinglab.models import Region
from livinglab.services.lookups import RegionLookup

DATALIST_ID = "region-names"


class RegionField(StringField):
    """A text input for a region; `candidates` and `picked` are set by `resolve` for the page."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {
            "list": DATALIST_ID,
            "autocomplete": "off",
            "spellcheck": "false",
            "data-picker": "region",  # a combobox with static/js/pickers.js
            **kwargs.pop("render_kw", {}),
        }
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.candidates, self.pick, self.picked = [], "", None

    def process_data(self, value):
        """A Region (a record's own, given as `obj`) is shown by its official name."""
        super().process_data(value.name if isinstance(value, Region) else value)

    def process_formdata(self, valuelist):
        if valuelist:
            self.data = valuelist[0].strip()

    def process(self, formdata, *args, **kwargs):
        super().process(formdata, *args, **kwargs)
        self.pick = (formdata.get(f"{self.name}-pick") or "").strip() if formdata else ""


def resolve(field):
    """The Region the field's text names, or None with the field's error set.
    An ambiguous name resolves only to a pick among its own candidates."""
    field.errors = list(field.errors)
    found = RegionLookup().match(field.data)
    if found.status == "ok":
        return found.region
    if found.status == "ambiguous":
        field.candidates = found.candidates
        field.picked = next((r for r in found.candidates if r.code == field.pick), None)
        if field.picked is None:
            field.errors.append(_("More than one region is named %(name)s: pick one below.", name=field.data))
        return field.picked
    names = ", ".join(r.name for r in found.candidates)
    if names:
        field.errors.append(_("No region is named %(name)s. Nearest: %(names)s", name=field.data, names=names))
    else:
        field.errors.append(_("Unknown region code: %(code)s", code=field.data))
    return None


def region_names(exclude=(), kinds=("regency", "city")):
    """(official name, code, province name) of the regions a datalist offers."""
    parent = aliased(Region)
    rows = db.session.execute(
        select(Region.name, Region.code, parent.name)
        .outerjoin(parent, Region.parent_id == parent.id)
        .where(Region.kind.in_(kinds), Region.code.not_in(exclude))
        .order_by(Region.code)
    )
    return rows.all()
