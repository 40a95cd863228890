"""The region page: figures, charts, the reproducible index and its CSV."""

import csv
import io
from decimal import Decimal

from tests_support import review_evidence

from livinglab.services import milestones


def test_region_page_shows_figures_charts_and_the_index_inputs(login_as, make_commitment, make_user):
    commitment = make_commitment()
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    first = commitment.milestones[0]
    milestones.update(officer, first.id, version=1, status="submitted", level=4, evidence=review_evidence())
    milestones.verify(mentor, first.id, decision="verify", level=4)

    viewer = login_as("ministry_viewer", locale="en")
    page = viewer.get("/regions/32.04").get_data(as_text=True)
    assert "Kabupaten Bandung" in page
    assert page.count("<svg") >= 2 and "Verified share of the commitment by month" in page
    assert 'data-testid="index-verified">4.00<' in page or 'data-testid="index-verified">4,00<' in page
    assert "Σ(level × weight) / 100" in page

    rows = list(csv.DictReader(io.StringIO(viewer.get("/regions/32.04/index.csv").data.decode("utf-8-sig"))))
    assert len(rows) == 47
    used = [(Decimal(r["Level used"]), Decimal(r["Weight %"])) for r in rows if r["Level used"]]
    recomputed = sum(level * weight for level, weight in used) / sum(weight for _, weight in used)
    assert recomputed == Decimal(4)


def test_region_officers_see_only_their_own_region_page(login_as, make_commitment):
    make_commitment()
    assert login_as("region_officer").get("/regions/32.04").status_code == 200
    assert login_as("region_officer", region="51.71").get("/regions/32.04").status_code == 404
    assert login_as("host_staff").get("/regions/99.99").status_code == 404


def test_a_province_commitment_has_a_page_and_a_report(login_as, make_commitment):
    make_commitment(region="32", signatory_title="Gubernur")
    viewer = login_as("ministry_viewer", locale="en")
    page = viewer.get("/regions/32")
    assert page.status_code == 200 and "Jawa Barat" in page.get_data(as_text=True)
    assert viewer.get("/regions/32/report.pdf").data.startswith(b"%PDF-")
