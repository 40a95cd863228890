"""The map of an innovation's adopters: the regencies and cities of the provinces concerned, each
adopter coloured by the stage its replication stands at, the originating region marked apart.

Drawn by `maps.choropleth` (server-side SVG from seeds/ boundaries); the page lists the same facts
in a table for screen readers.
"""

from flask_babel import gettext as _

from livinglab.reporting import maps
from livinglab.reporting.charts import NEUTRAL

# One sequential blue per stage position (a later stage is darker); the last colour repeats for
# templates longer than the scale.
STAGE_COLOURS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
COMPLETED_COLOUR = "#31a354"
ORIGINATOR_COLOUR = "#e6550d"


def _province_code(region):
    return region.code if region.kind == "province" else region.parent.code


def stage_colour(position):
    """The colour of a replication standing at stage `position` (None: every stage done)."""
    if position is None:
        return COMPLETED_COLOUR
    return STAGE_COLOURS[min(position, len(STAGE_COLOURS)) - 1]


def adopter_map(innovation, adopters):
    """The SVG of `adopters` ([(replication, (position, stage name))]) and the originating region,
    or None when no region takes part (an agency's innovation nobody adopts yet)."""
    values, legend, provinces = {}, {}, set()
    for replication, (position, name) in adopters:
        region = replication.region
        label = _("completed") if position is None else f"{position}. {name}"
        values[region.code] = (stage_colour(position), label)
        legend.setdefault((position is None, position or 0, label), stage_colour(position))
        provinces.add(_province_code(region))
    origin = innovation.originator_region
    if origin is not None:
        values[origin.code] = (ORIGINATOR_COLOUR, _("originator"))
        provinces.add(_province_code(origin))
    if not provinces:
        return None
    entries = [(colour, label) for (_done, _position, label), colour in sorted(legend.items())]
    if origin is not None:
        entries.insert(0, (ORIGINATOR_COLOUR, _("Originator")))
    return maps.choropleth(
        values,
        title=_("Adopters of %(name)s by stage", name=innovation.name),
        legend=[*entries, (NEUTRAL, _("Not taking part"))],
        parent=tuple(sorted(provinces)),
    )
