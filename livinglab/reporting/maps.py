"""Choropleth maps of Indonesia as server-side SVG (no tiles, no network), from seeds/ GeoJSON.

Shapes carry a <title> (name and value) and link to the region page; a legend and the boundary
credit are drawn as real text (pages may draw the legend in HTML instead, `map_legend`). Regions
without a value (NEUTRAL) are hatched light grey with a dashed outline, never a colour of the scale.
"""

import hashlib
import json
import math
from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from livinglab.config import PROJECT_ROOT
from livinglab.domain import representatives
from livinglab.i18n import number
from livinglab.reporting.charts import FONT, NEUTRAL, PREDICATE_COLOURS, PROGRESS_SCALE

CREDIT = "Batas wilayah: cahyadsn/wilayah_boundaries (MIT), indikatif"
FILES = {
    "province": PROJECT_ROOT / "seeds" / "provinces.geojson",
    "regency": PROJECT_ROOT / "seeds" / "regencies.geojson",
}


@lru_cache(maxsize=2)
def _features(kind):
    """(code, name, parent_code, polygons) per feature; polygons are lists of (lon, lat) rings."""
    with open(FILES[kind], encoding="utf-8") as handle:
        data = json.load(handle)
    features = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        props = feature["properties"]
        features.append((props["code"], props["name"], props.get("parent_code"), polygons))
    return tuple(features)


def _bounds(features):
    lons, lats = [], []
    for *_fields, polygons in features:
        for polygon in polygons:
            for lon, lat in polygon[0]:
                lons.append(lon)
                lats.append(lat)
    return min(lons), min(lats), max(lons), max(lats)


def _path(polygons, project):
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = []
            last = None
            for lon, lat in ring:
                point = project(lon, lat)
                if point != last:
                    points.append(point)
                    last = point
            if len(points) > 2:
                parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=64)
def _shapes(kind, parents, width):
    """Projected SVG paths for one map (all provinces, or the regencies of some provinces)."""
    features = [f for f in _features(kind) if parents is None or f[2] in parents]
    if not features:
        return 0, ()
    min_lon, min_lat, max_lon, max_lat = _bounds(features)
    scale_x = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * scale_x, 1e-6)
    span_y = max(max_lat - min_lat, 1e-6)
    k = width / span_x
    height = round(span_y * k)

    def project(lon, lat):
        return round((lon - min_lon) * scale_x * k), round((max_lat - lat) * k)

    return height, tuple((code, name, _path(polygons, project)) for code, name, _, polygons in features)


NO_DATA_FILL = "#f1f3f5"
NO_DATA_LINE = "#adb5bd"
NO_DATA_EDGE = "#6c757d"


def _no_data_pattern(key):
    return (
        f'<defs><pattern id="{key}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{NO_DATA_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{NO_DATA_LINE}" stroke-width="2"/></pattern></defs>'
    )


def _paint(colour, pattern):
    """The fill and outline of a shape or swatch: NEUTRAL (no data) is hatched with a dashed edge."""
    if colour == NEUTRAL:
        return f'fill="url(#{pattern})" stroke="{NO_DATA_EDGE}" stroke-dasharray="3 2"'
    return f'fill="{colour}" stroke="#ffffff"'


def choropleth(values, *, title, legend, parent=None, links=None, width=900, draw_legend=True):
    """A map of provinces (or of one province's regencies when `parent` is a province code, or of
    several provinces' regencies when it is a tuple of codes).

    `values` maps a code to (colour, text) — text goes in the shape's tooltip; `legend` is a list of
    (colour, label), drawn under the map with the boundary credit unless `draw_legend` is false (a
    page shows `map_legend` and the credit in HTML, readable at any width); `links` maps a code to
    the URL its shape opens.
    """
    parents = (parent,) if isinstance(parent, str) else parent
    kind = "province" if parents is None else "regency"
    height, shapes = _shapes(kind, parents, width)
    links = links or {}
    pattern = "nodata-" + hashlib.sha1(f"{title}|{parents}".encode()).hexdigest()[:10]
    body = [_no_data_pattern(pattern)]
    for code, name, d in shapes:
        colour, text = values.get(code, (NEUTRAL, None))
        label = f"{name}: {text}" if text else f"{name}"
        shape = (
            f'<path d="{d}" {_paint(colour, pattern)} stroke-width="0.6" data-code="{escape(code)}">'
            f"<title>{escape(label)}</title></path>"
        )
        if code in links:
            shape = f'<a href="{escape(links[code])}" aria-label="{escape(label)}">{shape}</a>'
        body.append(shape)
    total = height + 6
    if draw_legend:
        legend_height = 26 + 20 * ((len(legend) + 3) // 4)
        y = height + 18
        for n, (colour, label) in enumerate(legend):
            x = (n % 4) * (width // 4)
            row = y + 20 * (n // 4)
            paint = _paint(colour, pattern) if colour == NEUTRAL else f'fill="{colour}" stroke="#6c757d"'
            body.append(f'<rect x="{x}" y="{row - 11}" width="14" height="14" {paint}/>')
            body.append(f'<text x="{x + 20}" y="{row}">{escape(label)}</text>')
        body.append(f'<text x="0" y="{height + legend_height}" font-size="10" fill="#6c757d">{escape(CREDIT)}</text>')
        total += legend_height
    # A map whose shapes are links is a group of links (role=img would hide them: nested-interactive).
    role = f'role="group" aria-label="{escape(title)}"' if links else f'role="img" aria-label="{escape(title)}"'
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" width="100%" {role} '
        f'font-family="{FONT}" font-size="13" class="map">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def map_legend(legend):
    """The legend as (colour, label, is_no_data) rows for a page's HTML legend."""
    return [(colour, label, colour == NEUTRAL) for colour, label in legend]


def area_values(rows, measure, by, catalogue):
    """code → (colour, text, value) averaging the overview rows of each area (each region once, by the
    commitment that represents it), and the legend.

    `measure` is "progress" (average verified share, five green steps) or "index" (average index
    estimate coloured by its predicate band from the catalogue).
    """
    groups = {}
    for row in representatives.representative_rows(rows):  # a region with several commitments counts once
        groups.setdefault(row[by], []).append(row)
    values = {}
    for code, group in groups.items():
        if measure == "index":
            # Only estimates at or above INDEX_MIN_COVERAGE: a fragment never colours an area.
            scores = [r["index"] for r in group if r["index"] is not None and r.get("index_sufficient")]
            if not scores:
                values[code] = (NEUTRAL, _("not enough data"), None)
                continue
            score = sum(scores) / len(scores)
            label = catalogue.predicate(score)
            counted = ngettext(
                "%(n)s of %(total)s region", "%(n)s of %(total)s regions", len(group), n=len(scores), total=len(group)
            )
            values[code] = (PREDICATE_COLOURS.get(label, NEUTRAL), f"{number(score, 2)} {label} ({counted})", score)
        else:
            share = sum(r["progress"] for r in group) / len(group)
            values[code] = (PROGRESS_SCALE[min(int(share * 5), 4)], f"{number(share * 100, 0)}%", share)
    if measure == "index":
        legend = [(colour, label) for label, colour in reversed(list(PREDICATE_COLOURS.items()))]
    else:
        legend = [(colour, f"{n * 20}–{n * 20 + 20}%") for n, colour in enumerate(PROGRESS_SCALE)]
    if measure == "index":
        return values, [*legend, (NEUTRAL, _("No data: no commitment or not enough data"))]
    return values, [*legend, (NEUTRAL, _("No commitment"))]
