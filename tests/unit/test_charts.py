"""SVG charts: valid XML, labels as text, escaped input, no script."""

import xml.etree.ElementTree as ET

from livinglab.reporting import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup):
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    assert root.get("font-family")
    assert root.find(f"{SVG}title").text
    return root


def test_horizontal_bars_label_values_and_not_assessed():
    svg = charts.horizontal_bars([("Kebijakan", 3.25, "#238443"), ("Layanan", None, None)], title="Indeks per domain")
    root = _parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Kebijakan" in texts and "3,25" in texts and "—" in texts
    assert "Layanan: —" in root.find(f"{SVG}desc").text


def test_progress_line_has_a_point_per_month():
    svg = charts.progress_line([("2023-01", 0.1), ("2023-02", 0.25), ("2023-03", 0.5)], title="Progres")
    root = _parse(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert "2023-03: 50%" in root.find(f"{SVG}desc").text


def test_user_text_is_escaped():
    svg = str(charts.horizontal_bars([("<script>alert(1)</script>", 2, "#000")], title='"><script>x</script>'))
    assert "<script>" not in svg
    _parse(svg)


def test_status_bar_counts():
    svg = charts.status_bar(
        {"verified": 3, "submitted": 1},
        {"verified": "Terverifikasi", "submitted": "Diajukan"},
        {"verified": "#198754", "submitted": "#ffc107"},
        title="Status",
    )
    root = _parse(svg)
    assert "Terverifikasi: 3" in root.find(f"{SVG}desc").text


def test_two_charts_on_one_page_have_distinct_ids():
    a = _parse(charts.horizontal_bars([("A", 1, None)], title="One"))
    b = _parse(charts.horizontal_bars([("A", 1, None)], title="Two"))
    assert a.get("aria-labelledby") != b.get("aria-labelledby")


def test_progress_distribution_uses_the_map_colours_per_step():
    steps = [("0–20%", 2), ("20–40%", 0), ("40–60%", 1), ("60–80%", 0), ("80–100%", 3)]
    root = _parse(charts.progress_distribution(steps, title="Sebaran"))
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("fill") != "#f1f3f5"]
    assert fills == [charts.PROGRESS_SCALE[n] for n in range(5)]
    assert "0–20%: 2" in root.find(f"{SVG}desc").text
