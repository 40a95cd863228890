"""Issue 14, point 6: the contact form chooses one of the region's OPDs next to the role, the list
says role, OPD and language in words, and the page and the API refuse the same things."""

from sqlalchemy import select

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import Contact
from livinglab.services import opds

CONTACT = {
    "name": "Rina",
    "email": "rina@bandungkab.go.id",
    "phone": "",
    "channel": "email",
    "locale": "id",
    "role": "officer",
    "opd_id": "",
    "active": "y",
}
API = "/api/v1/regions/32.04/contacts"


def _add(region, short_name, name):
    return opds.create_opd(policy.SYSTEM, region, short_name=short_name, name=name)


def _contact():
    db.session.expire_all()
    return db.session.scalar(select(Contact))


def test_the_form_offers_the_regions_opds_and_the_list_names_them(login_as):
    kominfo = _add("32.04", "Diskominfo", "Dinas Komunikasi dan Informatika")
    _add("51.71", "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    officer = login_as("region_officer", locale="en")
    form = officer.get("/regions/32.04/contacts/new").get_data(as_text=True)
    assert "None: the whole region" in form and "Diskominfo · Dinas Komunikasi dan Informatika" in form
    assert "Bappeda" not in form  # another region's

    saved = officer.post("/regions/32.04/contacts/new", data={**CONTACT, "opd_id": str(kominfo.id)})
    assert saved.status_code == 302
    assert _contact().opd_id == kominfo.id
    page = officer.get("/contacts").get_data(as_text=True)
    assert '<abbr title="Dinas Komunikasi dan Informatika">Diskominfo</abbr>' in page
    assert "Officer (weekly digest)" in page and "Bahasa Indonesia" in page

    edit = officer.get(f"/contacts/{_contact().id}/edit").get_data(as_text=True)
    assert f'<option selected value="{kominfo.id}">' in edit
    cleared = officer.post(f"/contacts/{_contact().id}/edit", data={**CONTACT, "opd_id": ""})
    assert cleared.status_code == 302 and _contact().opd_id is None
    assert "Whole region" in officer.get("/contacts").get_data(as_text=True)


def test_the_form_refuses_another_regions_opd_a_role_outside_the_list_and_an_opd_for_the_sekda(login_as):
    kominfo = _add("32.04", "Diskominfo", "Dinas Komunikasi dan Informatika")
    foreign = _add("51.71", "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    officer = login_as("region_officer", locale="en")
    url = "/regions/32.04/contacts/new"

    other = officer.post(url, data={**CONTACT, "opd_id": str(foreign.id)})
    assert other.status_code == 422
    assert "Not an OPD of this region" in other.get_data(as_text=True)
    role = officer.post(url, data={**CONTACT, "role": "bupati"})
    assert role.status_code == 422
    assert "Choose officer, head of agency, Sekda or head of region." in role.get_data(as_text=True)
    sekda = officer.post(url, data={**CONTACT, "role": "sekda", "opd_id": str(kominfo.id)})
    assert sekda.status_code == 422
    assert "hear about the whole region: leave the OPD empty" in sekda.get_data(as_text=True)
    assert _contact() is None


def test_the_api_refuses_what_the_form_refuses(api_as):
    kominfo = _add("32.04", "Diskominfo", "Dinas Komunikasi dan Informatika")
    foreign = _add("51.71", "Bappeda", "Badan Perencanaan Pembangunan Daerah")
    officer = api_as("region_officer")
    base = {"name": "Rina", "email": "rina@bandungkab.go.id"}
    for bad, field in (
        ({"opd": foreign.id}, "opd"),
        ({"role": "bupati"}, "role"),
        ({"role": "sekda", "opd": kominfo.id}, "opd"),
        ({"role": "head_of_region", "opd": "Diskominfo"}, "opd"),
    ):
        answer = officer.post(API, json={**base, **bad})
        assert answer.status_code == 422 and field in answer.json["error"]["fields"], bad
    created = officer.post(API, json={**base, "role": "head_of_agency", "opd": "Diskominfo"})
    assert created.status_code == 201 and created.json["opd"] == "Diskominfo"
    assert created.json["role"] == "head_of_agency"
