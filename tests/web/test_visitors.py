"""Study visits by any institution: a region, an agency from the agency list or another
organisation, through the pages and the API (issue 15 point 5)."""

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import StudyVisit

VISIT = {
    "start_date": "2023-02-14",
    "end_date": "2023-02-15",
    "head_of_delegation": "Kepala Pusat Litbang",
    "delegation_size": 8,
    "practices": ["HOST-MPP"],
}


def _form(**changes):
    data = {**VISIT, "delegation_size": "8", **changes}
    return data


def test_api_records_each_kind_of_visitor_and_returns_it(api_as):
    host = api_as("host_staff")
    by_region = host.post("/api/v1/study-visits", json={**VISIT, "region": "32.04"})
    assert by_region.status_code == 201, by_region.json
    assert by_region.json["visitor"] == {"kind": "region", "code": "32.04", "name": "Kabupaten Bandung"}
    assert by_region.json["region"] == "32.04"
    explicit = host.post("/api/v1/study-visits", json={**VISIT, "visitor": {"kind": "region", "code": "51.71"}})
    assert explicit.status_code == 201 and explicit.json["visitor"]["code"] == "51.71"
    agency = host.post("/api/v1/study-visits", json={**VISIT, "visitor": {"kind": "agency", "code": "kemendagri"}})
    assert agency.status_code == 201, agency.json
    assert agency.json["visitor"] == {"kind": "agency", "code": "kemendagri", "name": "Kementerian Dalam Negeri"}
    assert agency.json["region"] is None
    ngo = host.post(
        "/api/v1/study-visits",
        json={**VISIT, "visitor": {"kind": "organisation", "name": "Yayasan Kota Kita", "type": "ngo"}},
    )
    assert ngo.status_code == 201, ngo.json
    assert ngo.json["visitor"] == {"kind": "organisation", "name": "Yayasan Kota Kita", "type": "ngo"}
    assert host.get(f"/api/v1/study-visits/{agency.json['id']}").json["visitor"]["kind"] == "agency"
    assert host.get("/api/v1/study-visits?kind=organisation").json["total"] == 1
    assert host.get("/api/v1/study-visits?agency=kemendagri").json["items"][0]["id"] == agency.json["id"]
    assert host.get("/api/v1/study-visits?q=kota%20kita").json["items"][0]["id"] == ngo.json["id"]
    assert host.get("/api/v1/study-visits").json["total"] == 4


def test_api_refuses_a_visitor_it_cannot_name_and_saves_nothing(api_as):
    host = api_as("host_staff")
    for visitor, field in (
        ({"kind": "agency", "code": "no-such-agency"}, "visitor"),
        ({"kind": "organisation", "name": "Universitas Padjadjaran"}, "visitor"),
        ({"kind": "organisation", "type": "university"}, "visitor"),
        ({"kind": "region", "code": "32"}, "visitor"),
        ({"kind": "ministry", "code": "kemendagri"}, "visitor"),
    ):
        response = host.post("/api/v1/study-visits", json={**VISIT, "visitor": visitor})
        assert response.status_code == 422, (visitor, response.json)
        assert field in response.json["error"]["fields"], (visitor, response.json)
    both = host.post("/api/v1/study-visits", json={**VISIT, "region": "32.04", "visitor": {"kind": "region"}})
    assert both.status_code == 422
    neither = host.post("/api/v1/study-visits", json=VISIT)
    assert neither.status_code == 422 and "region" in neither.json["error"]["fields"]
    assert db.session.scalar(select(StudyVisit)) is None


def test_pages_record_list_filter_and_count_visits_by_kind(login_as):
    host = login_as("host_staff", locale="en")
    for data in (
        _form(visitor_kind="region", region="32.04"),
        _form(visitor_kind="agency", agency="kemenpanrb"),
        _form(visitor_kind="organisation", organisation_name="Universitas Padjadjaran", organisation_type="university"),
    ):
        response = host.post("/visits/new", data=data, content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
    listing = host.get("/visits").get_data(as_text=True)
    assert "Kabupaten Bandung" in listing and "Universitas Padjadjaran" in listing
    assert "Kementerian Pendayagunaan Aparatur Negara" in listing
    assert "Ministry or institution</a>: <strong>1</strong>" in listing
    assert "Other organisation</a>: <strong>1</strong>" in listing
    only_agencies = host.get("/visits?kind=agency").get_data(as_text=True)
    assert "Kementerian Pendayagunaan" in only_agencies and "Universitas Padjadjaran" not in only_agencies
    assert "Universitas Padjadjaran" in host.get("/visits?q=padjadjaran").get_data(as_text=True)
    university = db.session.scalar(select(StudyVisit).where(StudyVisit.visitor_kind == "organisation"))
    page = host.get(f"/visits/{university.id}").get_data(as_text=True)
    assert "Study visit of Universitas Padjadjaran" in page and "University" in page
    edit = host.get(f"/visits/{university.id}/edit").get_data(as_text=True)
    assert 'value="Universitas Padjadjaran"' in edit
    changed = host.post(
        f"/visits/{university.id}/edit",
        data=_form(visitor_kind="agency", agency="bssn"),
        content_type="multipart/form-data",
    )
    assert changed.status_code == 302
    db.session.expire_all()
    university = db.session.get(StudyVisit, university.id)
    assert (university.visitor_kind, university.agency.code, university.organisation_name) == ("agency", "bssn", None)


def test_a_visit_form_without_its_visitor_explains_and_saves_nothing(login_as):
    host = login_as("host_admin", locale="en")
    for data, text in (
        (_form(visitor_kind="organisation", organisation_type="ngo"), "Give the organisation&#39;s name."),
        (_form(visitor_kind="organisation", organisation_name="Yayasan"), "Choose the kind of organisation"),
        (_form(visitor_kind="agency", agency=""), "Unknown agency"),
    ):
        response = host.post("/visits/new", data=data, content_type="multipart/form-data")
        assert response.status_code == 422 and text in response.get_data(as_text=True), text
    assert db.session.scalar(select(StudyVisit)) is None


def test_region_officers_do_not_see_visits_of_agencies_or_organisations(login_as, api_as):
    host = api_as("host_staff")
    agency = host.post("/api/v1/study-visits", json={**VISIT, "visitor": {"kind": "agency", "code": "bssn"}})
    own = host.post("/api/v1/study-visits", json={**VISIT, "region": "32.04"})
    officer = login_as("region_officer", locale="en")
    assert officer.get(f"/visits/{agency.json['id']}").status_code == 404
    assert officer.get(f"/visits/{own.json['id']}").status_code == 200
    listing = officer.get("/visits").get_data(as_text=True)
    assert "Region</a>: <strong>1</strong>" in listing and "Ministry or institution</a>: <strong>0</strong>" in listing


def test_a_commitment_cannot_follow_the_visit_of_an_agency(api_as):
    host = api_as("host_staff")
    agency = host.post("/api/v1/study-visits", json={**VISIT, "visitor": {"kind": "agency", "code": "kemendagri"}})
    response = host.post(
        "/api/v1/commitments",
        json={
            "region": "32.04",
            "signatory_name": "Bupati Bandung",
            "signed_on": "2023-03-01",
            "practices": ["SPBE-01"],
            "study_visit_id": agency.json["id"],
        },
    )
    assert response.status_code == 422 and "study_visit_id" in response.json["error"]["fields"]
