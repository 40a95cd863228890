"""A list page's region or province filter as people type it: a code ("32.04", "32") or a name
("Kab. Bandung", "Garut", "Jawa Barat"), matched with services.lookups.RegionLookup.

A name that names one region becomes its code for the list's service. An ambiguous name or one
matching nothing is said so on the page (a warning naming the candidates or the nearest names)
and the list shows no rows, as for any filter nothing passes.
"""

from flask import flash, request
from flask_babel import gettext as _

from livinglab.services.lookups import CODE, RegionLookup, normalise_code, region_by_code_or_name


def region_arg(name="region", kinds=None, warn=True):
    """The code the query argument `name` names, the text as typed when it names none (then a
    warning is flashed, unless `warn` is false: a download shows no page), or None when empty."""
    text = (request.args.get(name) or "").strip()
    if not text:
        return None
    code = normalise_code(text)
    if CODE.match(code):
        if warn and region_by_code_or_name(code) is None:
            flash(_("Unknown region code: %(code)s", code=code), "warning")
        return code
    found = RegionLookup().match(text, kinds=kinds)
    if found.status == "ok":
        return found.region.code
    if not warn:
        return text
    names = ", ".join(f"{r.code} {r.name}" for r in found.candidates)
    if found.status == "ambiguous":
        flash(
            _(
                "More than one region is named %(name)s: %(names)s. Filter by one of these codes.",
                name=text,
                names=names,
            ),
            "warning",
        )
    elif names:
        flash(_("No region is named %(name)s. Nearest: %(names)s", name=text, names=names), "warning")
    else:
        flash(_("No region is named %(name)s.", name=text), "warning")
    return text


def province_arg(name="province", warn=True):
    """`region_arg` for a province filter."""
    return region_arg(name, kinds=("province",), warn=warn)
