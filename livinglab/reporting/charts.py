"""Small server-side SVG charts (no JavaScript), the same markup on pages and in PDFs.

Every chart has a <title> and <desc> for screen readers, labels as real text, and sets its font
family on the <svg> element (WeasyPrint otherwise falls back to a serif face).
"""

import hashlib

from markupsafe import Markup, escape

FONT = "DejaVu Sans, Arial, sans-serif"
PREDICATE_COLOURS = {  # one sequential scale, Kurang → Memuaskan (shared with the map legend)
    "Kurang": "#d7301f",
    "Cukup": "#fc8d59",
    "Baik": "#fdcc8a",
    "Sangat Baik": "#78c679",
    "Memuaskan": "#238443",
}
# Progress in five 20-point steps (map and distribution bars); the lowest is a clear green, never
# mistaken for the hatched grey of "no data".
PROGRESS_SCALE = ("#bae4b3", "#74c476", "#31a354", "#006d2c", "#00441b")
NEUTRAL = "#d9d9d9"


def _svg(width, height, title, description, body):
    key = "c" + hashlib.sha1(f"{title}|{description}".encode()).hexdigest()[:10]
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{key}-t {key}-d" font-family="{FONT}" font-size="12" class="chart">'
        f'<title id="{key}-t">{escape(title)}</title><desc id="{key}-d">{escape(description)}</desc>{body}</svg>'
    )


def _num(value, decimals=2):
    return f"{value:.{decimals}f}".replace(".", ",")


def horizontal_bars(items, *, title, maximum=5.0, decimals=2, width=560):
    """Bars for (label, value, colour) triples; None values are drawn as 'not assessed'."""
    row, label_width, gap = 26, 190, 6
    height = row * len(items) + 24
    plot = width - label_width - 60
    parts = []
    for n, (label, value, colour) in enumerate(items):
        y = 10 + n * row
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{plot}" height="{row - gap}" fill="#f1f3f5"/>')
        if value is None:
            parts.append(f'<text x="{label_width + 6}" y="{y + 15}" fill="#6c757d">—</text>')
            continue
        length = max(0.0, min(float(value) / maximum, 1.0)) * plot
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{row - gap}" fill="{colour or "#0d6efd"}"/>'
        )
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 15}">{_num(float(value), decimals)}</text>')
    description = "; ".join(f"{label}: {'—' if v is None else _num(float(v), decimals)}" for label, v, _ in items)
    return _svg(width, height, title, description, "".join(parts))


def progress_distribution(distribution, *, title):
    """Bars of how many regions fall in each 20-point progress step, in the map's progress colours."""
    last = len(PROGRESS_SCALE) - 1
    return horizontal_bars(
        [(label, count, PROGRESS_SCALE[min(n, last)]) for n, (label, count) in enumerate(distribution)],
        title=title,
        maximum=max([count for _label, count in distribution] + [1]),
        decimals=0,
    )


def progress_line(points, *, title, width=560, height=220):
    """A line of (label, share 0–1) points, e.g. verified share by month."""
    left, right, top, bottom = 44, 30, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h - plot_h * tick / 100
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#dee2e6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}%</text>')
    if points:
        step = plot_w / max(len(points) - 1, 1)
        coords = [
            (left + n * step, top + plot_h - plot_h * max(0.0, min(float(share), 1.0)))
            for n, (_, share) in enumerate(points)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#198754" stroke-width="2.5"/>')
        for x, y in coords:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#198754"/>')
        every = max((len(points) + 5) // 6, 1)
        for n, ((x, _), (label, _)) in enumerate(zip(coords, points, strict=True)):
            if (len(points) - 1 - n) % every == 0:
                parts.append(f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle">{escape(label)}</text>')
    description = "; ".join(f"{label}: {round(float(share) * 100)}%" for label, share in points)
    return _svg(width, height, title, description or "—", "".join(parts))


def status_bar(counts, labels, colours, *, title, width=560):
    """One stacked bar of milestone statuses with a legend; `counts` maps status → number."""
    total = sum(counts.values()) or 1
    parts, x = [], 0.0
    for status, number in counts.items():
        if not number:
            continue
        length = width * number / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{length:.1f}" height="22" fill="{colours[status]}">'
            f"<title>{escape(labels[status])}: {number}</title></rect>"
        )
        x += length
    legend_x = 0
    for status, number in counts.items():
        text = f"{labels[status]} ({number})"
        parts.append(f'<rect x="{legend_x}" y="32" width="10" height="10" fill="{colours[status]}"/>')
        parts.append(f'<text x="{legend_x + 14}" y="41">{escape(text)}</text>')
        legend_x += 14 + 7 * len(text) + 12
    description = ", ".join(f"{labels[s]}: {n}" for s, n in counts.items())
    return _svg(max(width, legend_x), 50, title, description, "".join(parts))


def domain_index_bars(index, catalogue, *, title):
    """Bars of the verified index per SPBE domain, coloured by predicate band (None: not assessed)."""
    bars = []
    for code, domain in sorted(catalogue.domains.items()):
        value = index.domains.get(code) if index else None
        colour = PREDICATE_COLOURS.get(catalogue.predicate(value)) if value is not None else None
        bars.append((f"{code} {domain.name}", value, colour))
    return horizontal_bars(bars, title=title)
