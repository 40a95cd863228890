"""Issue 14, point 6: each region keeps its OPDs; a milestone names its responsible OPD, the
workspace filters by it, and contacts may belong to one (reminders of its milestones only)."""

import re

from sqlalchemy import select

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import AuditEvent
from livinglab.services import opds

OPDS = "/api/v1/regions/32.04/opds"


def _version(page):
    return re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)


def _add(region, short_name, name):
    return opds.create_opd(policy.SYSTEM, region, short_name=short_name, name=name)


def test_officer_keeps_the_regions_opds_on_a_small_page(login_as):
    officer = login_as("region_officer", locale="en")
    workspace = officer.get("/regions/32.04/milestones").get_data(as_text=True)
    assert 'href="/regions/32.04/opds"' in workspace
    page = officer.get("/regions/32.04/opds").get_data(as_text=True)
    assert "No OPDs yet." in page and '<option value="Diskominfo">' in page

    added = officer.post("/regions/32.04/opds", data={"short_name": " Diskominfo ", "name": "Dinas Kominfo"})
    assert added.status_code == 302
    twice = officer.post("/regions/32.04/opds", data={"short_name": "diskominfo", "name": "Dinas lain"})
    assert twice.status_code == 422
    assert "This region already has an OPD named diskominfo." in twice.get_data(as_text=True)
    empty = officer.post("/regions/32.04/opds", data={"short_name": "", "name": ""})
    assert empty.status_code == 422 and 'data-testid="error-summary"' in empty.get_data(as_text=True)
    page = officer.get("/regions/32.04/opds").get_data(as_text=True)
    assert "Dinas Kominfo" in page and "Dinas lain" not in page
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "opd.create"))

    opd_id = opds.region_opds(policy.SYSTEM, "32.04")[1][0].id
    assert officer.post(f"/regions/32.04/opds/{opd_id}/delete").status_code == 302
    assert opds.region_opds(policy.SYSTEM, "32.04")[1] == []


def test_opd_pages_by_role_and_region(login_as):
    foreign = _add("51.71", "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    officer = login_as("region_officer", locale="en")
    assert officer.get("/regions/51.71/opds").status_code == 404
    assert officer.post(f"/regions/32.04/opds/{foreign.id}/delete").status_code == 404
    assert officer.post(f"/regions/51.71/opds/{foreign.id}/delete").status_code == 404
    assert login_as("host_admin").get("/regions/51.71/opds").status_code == 200
    assert login_as("host_staff").get("/regions/32.04/opds").status_code == 403
    assert login_as("ministry_viewer").get("/regions/32.04/opds").status_code == 403


def test_opds_over_the_api(api_as):
    officer = api_as("region_officer")
    created = officer.post(OPDS, json={"short_name": "BKPSDM", "name": "Badan Kepegawaian dan PSDM"})
    assert created.status_code == 201 and created.json["short_name"] == "BKPSDM"
    assert officer.post(OPDS, json={"short_name": "bkpsdm", "name": "x"}).status_code == 422
    assert officer.post(OPDS, json={"short_name": "BPKAD"}).status_code == 422
    listed = api_as("ministry_viewer").get(OPDS)
    assert listed.status_code == 200 and [o["short_name"] for o in listed.json["items"]] == ["BKPSDM"]
    assert api_as("ministry_viewer").post(OPDS, json={"short_name": "X", "name": "X"}).status_code == 403
    assert api_as("region_officer", region="51.71").get(OPDS).status_code == 404


def test_a_milestone_names_its_opd_and_the_workspace_filters_by_it(login_as, make_commitment, api_as):
    first, second, third = make_commitment().milestones
    kominfo = _add("32.04", "Diskominfo", "Dinas Komunikasi dan Informatika")
    _add("32.04", "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    foreign = _add("51.71", "Inspektorat", "Inspektorat Daerah")
    officer = login_as("region_officer", locale="en")

    page = officer.get(f"/milestones/{first.id}").get_data(as_text=True)
    assert "Responsible OPD" in page and "Diskominfo · Dinas Komunikasi dan Informatika" in page
    saved = officer.post(f"/milestones/{first.id}/update", data={"version": _version(page), "opd": str(kominfo.id)})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent.after).where(AuditEvent.action == "milestone.opd")) == {
        "opd": "Diskominfo"
    }

    api = api_as("region_officer")
    version = api.get(f"/api/v1/milestones/{second.id}").json["version"]
    patched = api.patch(f"/api/v1/milestones/{second.id}", json={"opd": "bappeda", "version": version})
    assert patched.status_code == 200 and patched.json["opd"] == "Bappeda"
    refused = api.patch(f"/api/v1/milestones/{third.id}", json={"opd": foreign.id, "version": third.version})
    assert refused.status_code == 422 and "opd" in refused.json["error"]["fields"]
    assert api.patch(f"/api/v1/milestones/{third.id}", json={"opd": "Dinsos", "version": 1}).status_code == 422

    def listed(query):
        html = officer.get(f"/regions/32.04/milestones{query}").get_data(as_text=True)
        return {m.id for m in (first, second, third) if f'href="/milestones/{m.id}"' in html}

    assert listed("") == {first.id, second.id, third.id}
    assert listed("?opd=Diskominfo") == {first.id}
    assert listed("?opd=Bappeda") == {second.id}
    assert listed("?opd=none") == {third.id}
    filter_form = officer.get("/regions/32.04/milestones?opd=Bappeda").get_data(as_text=True)
    assert '<option value="Bappeda" selected>' in filter_form

    cleared = api.patch(f"/api/v1/milestones/{second.id}", json={"opd": None, "version": patched.json["version"]})
    assert cleared.status_code == 200 and cleared.json["opd"] is None
    assert listed("?opd=Bappeda") == set()
    assert "No milestone matches this OPD." in officer.get("/regions/32.04/milestones?opd=Bappeda").get_data(
        as_text=True
    )


def test_contacts_take_an_opd_of_their_region_only(api_as, make_commitment):
    make_commitment()
    _add("32.04", "Diskominfo", "Dinas Komunikasi dan Informatika")
    bappeda = _add("32.04", "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    foreign = _add("51.71", "Inspektorat", "Inspektorat Daerah")
    officer = api_as("region_officer")
    url = "/api/v1/regions/32.04/contacts"

    by_name = officer.post(url, json={"name": "Rina", "email": "rina@bandungkab.go.id", "opd": "diskominfo"})
    assert by_name.status_code == 201 and by_name.json["opd"] == "Diskominfo"
    by_id = officer.post(url, json={"name": "Asep", "email": "asep@bandungkab.go.id", "opd": bappeda.id})
    assert by_id.status_code == 201 and by_id.json["opd"] == "Bappeda"
    general = officer.post(url, json={"name": "Dedi", "email": "dedi@bandungkab.go.id"})
    assert general.status_code == 201 and general.json["opd"] is None
    for bad in (foreign.id, "Inspektorat", "Dinsos", 999_999, [1]):
        answer = officer.post(url, json={"name": "X", "email": "x@bandungkab.go.id", "opd": bad})
        assert answer.status_code == 422, bad
        assert "opd" in answer.json["error"]["fields"]
    assert [(c["name"], c["opd"]) for c in officer.get(url).json["items"]] == [
        ("Asep", "Bappeda"),
        ("Dedi", None),
        ("Rina", "Diskominfo"),
    ]
