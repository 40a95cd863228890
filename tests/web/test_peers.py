"""Peer learning: who has a practice verified, with evidence titles and contacts."""

from tests_support import review_evidence

from livinglab.services import milestones
from livinglab.services.milestones import EvidenceInput


def test_peers_list_verified_regions_with_evidence_and_contacts(login_as, make_commitment, make_user):
    bandung = make_commitment(region="32.04", practices=("SPBE-01",))
    make_commitment(region="51.71", practices=("SPBE-01",))
    officer = make_user("region_officer", region="32.04", name="Ibu Siti", email="siti@bandungkab.go.id")
    mentor = make_user("host_staff")
    m = bandung.milestones[0]
    milestones.update(
        officer,
        m.id,
        version=1,
        status="submitted",
        level=4,
        evidence=[
            EvidenceInput("regulation", "Perbup 1/2023 Arsitektur SPBE", url="https://jdih.bandungkab.go.id/1"),
            *review_evidence(),
        ],
    )
    milestones.verify(mentor, m.id, decision="verify", level=4)

    stuck = login_as("region_officer", region="51.71", locale="en")
    page = stuck.get("/peers/SPBE-01").get_data(as_text=True)
    assert "Kabupaten Bandung" in page and "Kota Denpasar" not in page
    assert "Perbup 1/2023 Arsitektur SPBE" in page and "siti@bandungkab.go.id" in page
    assert stuck.get("/peers/NOPE-1").status_code == 404
