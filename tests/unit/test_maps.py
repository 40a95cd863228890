"""The server-side SVG map: every shape, titles, links, legend and credit, nothing external."""

import xml.etree.ElementTree as ET

from livinglab.reporting import maps

SVG = "{http://www.w3.org/2000/svg}"


def test_national_map_has_38_provinces_with_titles_and_links():
    svg = str(
        maps.choropleth(
            {"32": ("#238443", "Baik (2,91)")},
            title="Peta progres",
            legend=[("#238443", "Baik"), ("#d9d9d9", "Tanpa komitmen")],
            links={"32": "/regions/32"},
        )
    )
    root = ET.fromstring(svg)
    paths = list(root.iter(f"{SVG}path"))
    assert len(paths) == 38
    jabar = next(p for p in paths if p.get("data-code") == "32")
    assert jabar.get("fill") == "#238443"
    assert jabar.find(f"{SVG}title").text == "Jawa Barat: Baik (2,91)"
    bali = next(p for p in paths if p.get("data-code") == "51")  # no data: hatched, dashed outline
    pattern = root.find(f"{SVG}defs/{SVG}pattern")
    assert bali.get("fill") == f"url(#{pattern.get('id')})" and bali.get("stroke-dasharray")
    assert jabar.get("stroke-dasharray") is None
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["/regions/32"]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Tanpa komitmen" in texts and maps.CREDIT in texts
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_drill_down_shows_the_regencies_of_one_province():
    root = ET.fromstring(str(maps.choropleth({}, title="Jawa Barat", legend=[], parent="32")))
    codes = {p.get("data-code") for p in root.iter(f"{SVG}path")}
    assert len(codes) == 27 and "32.11" in codes and all(c.startswith("32.") for c in codes)


def test_names_are_escaped():
    svg = str(maps.choropleth({"32": ("#000", "<b>x</b>")}, title="<script>", legend=[("#000", "<i>")]))
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    ET.fromstring(svg)


def test_a_map_of_links_is_a_group_and_pages_can_leave_the_legend_out():
    linked = ET.fromstring(str(maps.choropleth({}, title="Peta", legend=[], links={"32": "/x"}, draw_legend=False)))
    assert linked.get("role") == "group" and linked.get("aria-label") == "Peta"
    assert list(linked.iter(f"{SVG}text")) == []
    plain = ET.fromstring(str(maps.choropleth({}, title="Peta", legend=[("#000", "x")])))
    assert plain.get("role") == "img" and [t.text for t in plain.iter(f"{SVG}text")] == ["x", maps.CREDIT]


def test_the_legend_marks_no_data_apart_from_the_classes():
    legend = maps.map_legend([("#bae4b3", "0–20%"), (maps.NEUTRAL, "Tanpa komitmen")])
    assert legend == [("#bae4b3", "0–20%", False), (maps.NEUTRAL, "Tanpa komitmen", True)]
