"""The host overview: filters, sorting, exports, heatmap, ranking."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from livinglab.services import milestones


def _progress(officer, mentor, commitment, verified=1):
    for m in commitment.milestones[:verified]:
        milestones.update(officer, m.id, version=m.version, status="submitted", level=3)
        milestones.verify(mentor, m.id, decision="verify", level=3)


def test_overview_lists_filters_and_exports(login_as, make_commitment, make_user):
    bandung = make_commitment(region="32.04", signed_on=date(2022, 11, 21))
    denpasar = make_commitment(region="51.71", signed_on=date(2022, 11, 21))
    _progress(make_user("region_officer", region="32.04"), make_user("host_staff"), bandung)
    host = login_as("host_staff", locale="en")

    page = host.get("/overview").get_data(as_text=True)
    assert "Kabupaten Bandung" in page and "Kota Denpasar" in page
    assert "2 commitments" in page
    only_jabar = host.get("/overview?province=32").get_data(as_text=True)
    assert "Kabupaten Bandung" in only_jabar and "Kota Denpasar" not in only_jabar
    by_progress = host.get("/overview?sort=progress&dir=desc").get_data(as_text=True)
    assert by_progress.index("Kabupaten Bandung") < by_progress.index("Kota Denpasar")
    searched = host.get("/overview?q=denpasar").get_data(as_text=True)
    assert "Kota Denpasar" in searched and "Kabupaten Bandung</a>" not in searched

    exported = host.get("/overview.csv?province=51")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Region code", "Region"] and [r[0] for r in rows[1:]] == ["51.71"]
    xlsx = load_workbook(io.BytesIO(host.get("/overview.xlsx").data))
    sheet = xlsx.active
    assert sheet.max_row == 3
    assert {sheet.cell(row=n, column=1).value for n in (2, 3)} == {"32.04", "51.71"}
    assert denpasar.id


def test_stalled_filter(login_as, make_commitment):
    make_commitment(region="32.04", signed_on=date(2020, 1, 1))
    host = login_as("host_admin", locale="en")
    assert "Kabupaten Bandung" in host.get("/overview?stalled=1").get_data(as_text=True)
    assert "Kabupaten Bandung" not in host.get("/overview?stalled=0").get_data(as_text=True)


def test_only_host_roles_see_the_overview(login_as):
    assert login_as("ministry_viewer").get("/overview").status_code == 403
    assert login_as("region_officer").get("/overview.csv").status_code == 403


def test_figures_follow_every_change_after_a_first_view(login_as, make_commitment, make_user):
    commitment = make_commitment(region="32.04")
    host = login_as("host_staff", locale="en")
    assert "0/3" in host.get("/overview").get_data(as_text=True)
    _progress(make_user("region_officer", region="32.04"), make_user("host_staff"), commitment)
    assert "1/3" in host.get("/overview").get_data(as_text=True)
    make_commitment(region="51.71")
    assert "2 commitments" in host.get("/overview").get_data(as_text=True)
