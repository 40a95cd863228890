"""The overview reads at a glance (issue 16, point 6): the sort order is on the column header, the
domain heatmap names each cell's band for screen readers and its legend gives every band's range."""

import re

from livinglab.services import milestones


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_heatmap_cells_name_their_band_and_the_legend_gives_every_range(login_as, make_commitment, make_user):
    milestone = make_commitment(region="32.04", practices=("SPBE-01",)).milestones[0]
    officer = make_user("region_officer", region="32.04")
    milestones.update(officer, milestone.id, version=milestone.version, status="submitted", level=3)
    milestones.verify(make_user("host_staff"), milestone.id, decision="verify", level=3)
    page = login_as("host_staff", locale="en").get("/overview").get_data(as_text=True)

    heatmap = page.split('data-testid="heatmap"', 1)[1].split("</table>", 1)[0]
    cell = '<td class="heat ll-band-3" data-band="3">3.0 <span class="visually-hidden">Baik</span></td>'
    assert cell in heatmap
    assert '<span class="visually-hidden">not assessed</span>' in heatmap
    assert '<th scope="row" class="fw-normal">Kabupaten Bandung</th>' in heatmap
    legend = _text(page.split('data-testid="band-legend"', 1)[1].split(">", 1)[1].split("</ul>", 1)[0])
    assert legend == (
        "Kurang (under 1.80) Cukup (1.80 to under 2.60) Baik (2.60 to under 3.50) "
        "Sangat Baik (3.50 to under 4.20) Memuaskan (4.20 and above) not assessed"
    )


def test_the_sort_order_is_announced_on_the_column_header(login_as, make_commitment):
    make_commitment(region="32.04")
    host = login_as("host_staff", locale="en")
    page = host.get("/overview?sort=progress&dir=desc").get_data(as_text=True)
    header = r'<th scope="col" aria-sort="descending"><a class="ll-tap" href="[^"]*sort=progress[^"]*dir=asc'
    assert re.search(header, page)
    assert "<a" not in page.split("aria-sort", 1)[0].rsplit("<th", 1)[1]
    assert page.count("aria-sort") == 1
    by_province = host.get("/overview?sort=province").get_data(as_text=True)
    assert '<option value="province" selected>Province</option>' in by_province
