"""POST /api/v1/commitments with a region name, an acting title, a package and an agency party."""

from sqlalchemy import select

from livinglab.extensions import db
from livinglab.models import Commitment


def test_a_commitment_by_name_with_a_package_and_an_agency_instead_of_the_host(api_as):
    api = api_as("host_staff", locale="en")
    body = {
        "region": "Kab. Tulungagung",
        "signatory_name": "Heru Suseno",
        "signatory_title": "Pj. Bupati",
        "signed_on": "2022-11-21",
        "practices": ["Semua 47 indikator SPBE", "HOST-MPP"],
        "second_party": "Balitbang Kemendagri",
        "host_is_party": False,
    }
    response = api.post("/api/v1/commitments", json=body)
    assert response.status_code == 201, response.json
    created = response.json
    assert created["region"] == "35.04" and created["signatory_title"] == "Pj. Bupati"
    assert created["second_party"] == "bskdn" and created["host_is_party"] is False
    assert len(created["milestones"]) == 48
    packages = api.get("/api/v1/commitments/packages").json
    assert packages[0] == {"name": "Semua 47 indikator SPBE", "source": "catalogue", "codes": packages[0]["codes"]}
    assert len(packages[0]["codes"]) == 47


def test_ambiguous_names_unknown_packages_and_titles_are_refused(api_as):
    api = api_as("host_staff", locale="en")
    base = {"signatory_name": "X", "signed_on": "2022-11-21", "practices": ["SPBE-01"]}
    ambiguous = api.post("/api/v1/commitments", json={**base, "region": "Bandung"})
    assert ambiguous.status_code == 422
    assert "Kabupaten Bandung (32.04), Kota Bandung (32.73)" in ambiguous.json["error"]["fields"]["region"]
    title = api.post("/api/v1/commitments", json={**base, "region": "Kota Palu", "signatory_title": "Camat"})
    assert title.status_code == 422
    lone = api.post("/api/v1/commitments", json={**base, "region": "Kota Palu", "host_is_party": False})
    assert lone.status_code == 422 and "second_party" in lone.json["error"]["fields"]
    assert db.session.scalar(select(Commitment.id)) is None
