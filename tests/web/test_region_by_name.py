"""The commitment and study-visit forms take a region as people type it: a code or a name
("Kab. Bandung", "Palu", a typo), matched like an import's rows; an ambiguous name asks, a name
matching nothing offers the three nearest, and what was typed stays in the form."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Commitment, SigningEvent, StudyVisit


def _event():
    event = SigningEvent(name="UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    return event


def _commitment(event_id, region):
    return {
        "region": region,
        "signing_event_id": str(event_id),
        "signatory_name": "H. M. Dadang Supriatna",
        "signatory_title": "",
        "signed_on": "2022-11-21",
        "target_date": "2025-12-31",
        "status": "signed",
        "practices": ["SPBE-01"],
    }


def _visit(region, **changes):
    return {
        "visitor_kind": "region",
        "region": region,
        "start_date": "2022-10-03",
        "end_date": "2022-10-04",
        "head_of_delegation": "Kepala Diskominfo",
        "delegation_size": "12",
        "notes": "Belajar e-Office",
        **changes,
    }


def _typed_value(page):
    match = re.search(r'<input[^>]*id="region"[^>]*>', page)
    assert match, "no region input"
    return re.search(r'value="([^"]*)"', match.group(0)).group(1)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("32.04", "32.04"),
        ("Kabupaten Bandung", "32.04"),
        ("Kab. Bandung", "32.04"),
        ("Kab Bandung", "32.04"),
        ("kabupaten bandung barat", "32.17"),
        ("Kota Palu", "72.71"),
        ("Palu", "72.71"),
        ("Kabupaten Tasikmalya", "32.06"),
        ("Kota Paluu", "72.71"),
    ],
)
def test_a_commitment_is_recorded_for_a_code_or_a_name_as_typed(login_as, typed, code):
    event = _event()
    host = login_as("host_staff", locale="en")
    response = host.post("/commitments/new", data=_commitment(event.id, typed))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert [c.region.code for c in db.session.scalars(select(Commitment))] == [code]


def test_the_form_offers_the_official_names_once_and_no_region_select(login_as):
    _event()
    page = login_as("host_staff", locale="en").get("/commitments/new").get_data(as_text=True)
    assert page.count('<datalist id="region-names">') == 1
    assert 'list="region-names"' in page
    assert '<option value="Kabupaten Bandung">32.04 · Jawa Barat</option>' in page
    assert page.count('value="Kabupaten Bandung"') == 1
    assert 'value="Kabupaten Sumedang"' not in page  # the host is no adopter
    assert '<select class="form-select" id="region"' not in page


def test_an_ambiguous_name_asks_which_region_and_saves_nothing(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    response = host.post("/commitments/new", data=_commitment(event.id, "Bandung"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "More than one region is named Bandung: pick one below." in page
    assert "Which region do you mean?" in page
    assert "32.04 Kabupaten Bandung (Jawa Barat)" in page
    assert "32.73 Kota Bandung (Jawa Barat)" in page
    assert 'name="region-pick"' in page and 'value="32.73"' in page
    assert _typed_value(page) == "Bandung"
    assert 'value="H. M. Dadang Supriatna"' in page
    assert db.session.scalar(select(func.count(Commitment.id))) == 0


def test_the_picked_candidate_is_recorded_and_a_pick_outside_the_candidates_is_not(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    elsewhere = host.post("/commitments/new", data={**_commitment(event.id, "Bandung"), "region-pick": "72.71"})
    assert elsewhere.status_code == 422
    assert "pick one below" in elsewhere.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Commitment.id))) == 0
    picked = host.post("/commitments/new", data={**_commitment(event.id, "Bandung"), "region-pick": "32.73"})
    assert picked.status_code == 302, picked.get_data(as_text=True)
    assert [c.region.code for c in db.session.scalars(select(Commitment))] == ["32.73"]


def test_a_pick_stays_chosen_when_another_field_is_wrong(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    data = {**_commitment(event.id, "Bandung"), "region-pick": "32.73", "signatory_name": ""}
    page = host.post("/commitments/new", data=data).get_data(as_text=True)
    assert "pick one below" not in page
    assert re.search(r'value="32.73" checked', page)
    assert _typed_value(page) == "Bandung"


def test_a_name_matching_nothing_names_the_three_nearest_and_saves_nothing(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    response = host.post("/commitments/new", data=_commitment(event.id, "Kota Bandungan Raya"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    nearest = re.search(r"No region is named Kota Bandungan Raya\. Nearest: ([^<]+)<", page)
    assert nearest, page
    assert len(nearest.group(1).split(", ")) == 3
    assert _typed_value(page) == "Kota Bandungan Raya"
    assert 'name="region-pick"' not in page
    unknown = host.post("/commitments/new", data=_commitment(event.id, "99.99"))
    assert unknown.status_code == 422 and "Unknown region code: 99.99" in unknown.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Commitment.id))) == 0


def test_the_host_region_is_refused_by_name_too(login_as):
    event = _event()
    host = login_as("host_staff", locale="en")
    response = host.post("/commitments/new", data=_commitment(event.id, "Kab. Sumedang"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "is the host region" in page
    assert _typed_value(page) == "Kab. Sumedang"
    assert db.session.scalar(select(func.count(Commitment.id))) == 0


def test_the_indonesian_form_explains_an_ambiguous_name(login_as):
    event = _event()
    page = login_as("host_staff").post("/commitments/new", data=_commitment(event.id, "Bandung")).get_data(as_text=True)
    assert "Lebih dari satu daerah bernama Bandung" in page
    assert "Daerah mana yang Anda maksud?" in page


@pytest.mark.parametrize(("typed", "code"), [("Kota Palu", "72.71"), ("Palu", "72.71"), ("Kab Bandung", "32.04")])
def test_a_visit_is_recorded_for_a_region_by_name(login_as, typed, code):
    host = login_as("host_staff", locale="en")
    response = host.post("/visits/new", data=_visit(typed))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert [v.region.code for v in db.session.scalars(select(StudyVisit))] == [code]


def test_a_visit_by_an_ambiguous_or_unknown_name_asks_and_saves_nothing(login_as):
    host = login_as("host_staff", locale="en")
    ambiguous = host.post("/visits/new", data=_visit("Bandung"))
    page = ambiguous.get_data(as_text=True)
    assert ambiguous.status_code == 422
    assert "32.04 Kabupaten Bandung (Jawa Barat)" in page and "32.73 Kota Bandung (Jawa Barat)" in page
    assert _typed_value(page) == "Bandung" and 'value="Kepala Diskominfo"' in page
    unknown = host.post("/visits/new", data=_visit("Kota Bandungan Raya"))
    assert unknown.status_code == 422 and "Nearest:" in unknown.get_data(as_text=True)
    province = host.post("/visits/new", data=_visit("Jawa Barat"))
    assert province.status_code == 422
    assert db.session.scalar(select(func.count(StudyVisit.id))) == 0
    picked = host.post("/visits/new", data={**_visit("Bandung"), "region-pick": "32.04"})
    assert picked.status_code == 302, picked.get_data(as_text=True)
    assert [v.region.code for v in db.session.scalars(select(StudyVisit))] == ["32.04"]


def test_the_visit_edit_form_shows_the_name_and_takes_another_by_name(login_as):
    host = login_as("host_staff", locale="en")
    created = host.post("/visits/new", data=_visit("32.04"))
    visit_id = int(created.headers["Location"].rsplit("/", 1)[1])
    page = host.get(f"/visits/{visit_id}/edit").get_data(as_text=True)
    assert _typed_value(page) == "Kabupaten Bandung"
    assert page.count('<datalist id="region-names">') == 1
    ambiguous = host.post(f"/visits/{visit_id}/edit", data=_visit("Bandung"))
    assert ambiguous.status_code == 422 and "pick one below" in ambiguous.get_data(as_text=True)
    moved = host.post(f"/visits/{visit_id}/edit", data=_visit("Palu"))
    assert moved.status_code == 302, moved.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(StudyVisit, visit_id).region.code == "72.71"


def test_the_visit_edit_form_keeps_an_agency_and_the_practices_chosen(login_as):
    host = login_as("host_staff", locale="en")
    data = _visit("", visitor_kind="agency", agency="kemenpanrb", practices=["HOST-MPP", "SPBE-01"])
    created = host.post("/visits/new", data=data)
    assert created.status_code == 302, created.get_data(as_text=True)
    page = host.get(created.headers["Location"] + "/edit").get_data(as_text=True)
    assert re.search(r'<option selected value="kemenpanrb">|<option value="kemenpanrb" selected>', page)
    assert re.search(r'type="checkbox" name="practices" id="[^"]+" value="HOST-MPP" checked>', page)
    assert re.search(r'type="checkbox" name="practices" id="practices-1" value="SPBE-01" checked>', page)
    assert not re.search(r'value="SPBE-02" checked', page)
