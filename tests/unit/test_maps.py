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
    assert next(p for p in paths if p.get("data-code") == "51").get("fill") == maps.NEUTRAL
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
