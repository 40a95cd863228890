"""Colour classes of SPBE levels and index values: the catalogue's predicate bands (Kurang → Memuaskan),
one sequential scale shared by the domain heatmap, the domain bars, the index map and the PDFs.

A class is the band's position from the lowest (1) up; its colour is the CSS token `--ll-band-<n>`
(static/css/app.css, the same colours as `charts.PREDICATE_COLOURS`). A missing value is class
"none", never the lowest band.
"""

from decimal import Decimal

from flask_babel import gettext as _

from livinglab.i18n import number

NO_VALUE = "none"


def _ascending(catalogue):
    return sorted(catalogue.predicate_bands, key=lambda band: Decimal(str(band[0])))


def band_class(catalogue, value):
    """The class of `value` ("1" for the lowest band … "n" for the highest; NO_VALUE without a value)."""
    if value is None:
        return NO_VALUE
    label = catalogue.predicate(value)
    for position, (_minimum, band_label) in enumerate(_ascending(catalogue), start=1):
        if band_label == label:
            return str(position)
    return "1"


def legend(catalogue):
    """(class, predicate, range as text) per band from the lowest up."""
    bands = _ascending(catalogue)
    entries = []
    for position, (minimum, label) in enumerate(bands, start=1):
        upper = bands[position][0] if position < len(bands) else None
        if position == 1 and upper is not None:
            text = _("under %(high)s", high=number(upper, 2))
        elif upper is None:
            text = _("%(low)s and above", low=number(minimum, 2))
        else:
            text = _("%(low)s to under %(high)s", low=number(minimum, 2), high=number(upper, 2))
        entries.append((str(position), label, text))
    return entries
