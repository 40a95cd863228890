"""Choropleth maps of Indonesia as server-side SVG (no tiles, no network), from seeds/ GeoJSON.

Shapes carry a <title> (name and value) and link to the region page; a legend and the boundary
credit are drawn as real text. Regions without a value are neutral grey.
"""

import json
import math
from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from livinglab.config import PROJECT_ROOT
from livinglab.domain import representatives
from livinglab.i18n import number
from livinglab.reporting.charts import FONT, NEUTRAL, PREDICATE_COLOURS

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


def choropleth(values, *, title, legend, parent=None, links=None, width=900):
    """A map of provinces (or of one province's regencies when `parent` is a province code, or of
    several provinces' regencies when it is a tuple of codes).

    `values` maps a code to (colour, text) — text goes in the shape's tooltip; `legend` is a list of
    (colour, label); `links` maps a code to the URL its shape opens.
    """
    parents = (parent,) if isinstance(parent, str) else parent
    kind = "province" if parents is None else "regency"
    height, shapes = _shapes(kind, parents, width)
    links = links or {}
    legend_height = 26 + 20 * ((len(legend) + 3) // 4)
    body = []
    for code, name, d in shapes:
        colour, text = values.get(code, (NEUTRAL, None))
        label = f"{name}: {text}" if text else f"{name}"
        shape = (
            f'<path d="{d}" fill="{colour}" stroke="#ffffff" stroke-width="0.6" data-code="{escape(code)}">'
            f"<title>{escape(label)}</title></path>"
        )
        if code in links:
            shape = f'<a href="{escape(links[code])}" aria-label="{escape(label)}">{shape}</a>'
        body.append(shape)
    y = height + 18
    for n, (colour, label) in enumerate(legend):
        x = (n % 4) * (width // 4)
        row = y + 20 * (n // 4)
        body.append(f'<rect x="{x}" y="{row - 11}" width="14" height="14" fill="{colour}" stroke="#6c757d"/>')
        body.append(f'<text x="{x + 20}" y="{row}">{escape(label)}</text>')
    body.append(f'<text x="0" y="{height + legend_height}" font-size="10" fill="#6c757d">{escape(CREDIT)}</text>')
    total = height + legend_height + 6
    role = "group" if links else "img"  # an image's children are not announced: its links would be lost
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" width="100%" role="{role}" '
        f'aria-label="{escape(title)}" font-family="{FONT}" font-size="13" class="map">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


PROGRESS_SCALE = ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c")


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
    return values, [*legend, (NEUTRAL, _("No commitment"))]
