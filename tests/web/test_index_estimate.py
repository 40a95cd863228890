"""Issue 13, point 2: estimate = last official result + what was verified since, with its coverage;
no predicate below INDEX_MIN_COVERAGE, and averages over the regions at or above it ("n of N").

The Ende case: Kabupaten Ende (53.08) has one verified indicator (SPBE-42, 3 % of the weight) and
no official result: coverage 0.03, no predicate anywhere, left out of every average.
"""

import io
import re
from datetime import date
from decimal import Decimal

from pypdf import PdfReader
from sqlalchemy import update

from livinglab import policy
from livinglab.extensions import db
from livinglab.models import MilestoneUpdate, SigningEvent
from livinglab.models.base import utcnow
from livinglab.services import evaluations, milestones, monitoring
from livinglab.services.evaluations import EvaluationInput

ENDE = "53.08"


def _official(region, year, index, levels=None, evaluated_on=None):
    row = EvaluationInput(row=1, region=region, index=index, levels=levels or {})
    report = evaluations.import_results(
        policy.SYSTEM, [row], year=year, source="KepmenPANRB 13/2024", evaluated_on=evaluated_on
    )
    assert report.saved == 1, report.rows


def _verify(officer, mentor, milestone, level):
    milestones.update(officer, milestone.id, version=milestone.version, status="submitted", level=level)
    milestones.verify(mentor, milestone.id, decision="verify", level=level)


def _ende_and_two_official(make_commitment, make_user):
    """Ende: one verified indicator, no official result. 32.04 and 51.71: official results 2.00 and
    2.20 (Cukup), no levels: their estimate is the official index, coverage from the official result."""
    event = SigningEvent(name="Penandatanganan UID Bali", place="Bali", date=date(2022, 11, 21))
    db.session.add(event)
    db.session.commit()
    ende = make_commitment(region=ENDE, practices=("SPBE-42",), signing_event_id=event.id)
    make_commitment(region="32.04", practices=("SPBE-01",), signing_event_id=event.id)
    make_commitment(region="51.71", practices=("SPBE-01",), signing_event_id=event.id)
    _official("32.04", 2023, "2.00")
    _official("51.71", 2023, "2.20")
    _verify(make_user("region_officer", region=ENDE), make_user("host_staff"), ende.milestones[0], 3)
    return event


def _pdf_text(data):
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_ende_through_the_api(api_as, make_commitment, make_user):
    _ende_and_two_official(make_commitment, make_user)
    body = api_as("ministry_viewer").get(f"/api/v1/regions/{ENDE}/progress").json
    index = body["index"]
    assert index["official"] is None and index["change"] is None
    assert (index["estimate"], index["coverage"], index["predicate"]) == (3.0, 0.03, None)
    assert index["sufficient"] is False and index["coverage_basis"] == "levels"
    official = api_as("ministry_viewer").get("/api/v1/regions/32.04/progress").json["index"]
    assert official["official"] == {"year": 2023, "index": 2.0, "predicate": "Cukup"}
    assert (official["estimate"], official["change"], official["coverage"]) == (2.0, 0.0, 1.0)
    assert official["predicate"] == "Cukup" and official["coverage_basis"] == "official"

    rows = {r["region"]: r for r in api_as("host_staff").get("/api/v1/overview").json["items"]}
    assert (rows[ENDE]["index"], rows[ENDE]["coverage"], rows[ENDE]["predicate"]) == (3.0, 0.03, None)
    assert rows["51.71"]["coverage"] == 1.0 and rows["51.71"]["official_index"] == 2.2
    summary = api_as("ministry_viewer").get("/api/v1/summary").json
    # (2.00 + 2.20) / 2: Ende's fragment is not averaged.
    assert summary["average_index"] == 2.1 and (summary["index_regions"], summary["regions"]) == (2, 3)
    ntt = next(p for p in summary["by_province"] if p["code"] == "53")
    assert (ntt["average_index"], ntt["index_regions"], ntt["regions"]) == (None, 0, 1)


def test_verifications_count_only_after_the_official_evaluation(api_as, make_commitment, make_user):
    # Official 2023 (evaluated 2 October 2023): 2.50, SPBE-42 at 1 and SPBE-43 at 2. The host verified
    # SPBE-42 at 3 today and SPBE-43 at 3 on 1 September 2023, before the evaluation, which supersedes
    # it: estimate = 2.50 + (3 − 1)·3/100 = 2.56, change +0.06.
    commitment = make_commitment(region="32.04", practices=("SPBE-42", "SPBE-43"))
    _official("32.04", 2023, "2.50", {"SPBE-42": 1, "SPBE-43": 2}, evaluated_on=date(2023, 10, 2))
    officer, mentor = make_user("region_officer"), make_user("host_staff")
    first, second = commitment.milestones
    _verify(officer, mentor, first, 3)
    _verify(officer, mentor, second, 3)
    db.session.execute(
        update(MilestoneUpdate)
        .where(MilestoneUpdate.milestone_id == second.id)
        .values(at=utcnow().replace(year=2023, month=9, day=1))
    )
    db.session.commit()
    index = api_as("host_staff").get("/api/v1/regions/32.04/progress").json["index"]
    assert (index["estimate"], index["change"], index["official"]["index"]) == (2.56, 0.06, 2.5)
    assert index["predicate"] == "Cukup" and index["coverage"] == 1.0


def test_ende_on_the_pages(login_as, web, make_commitment, make_user):
    _ende_and_two_official(make_commitment, make_user)
    ministry = login_as("ministry_viewer", locale="en")
    region = ministry.get(f"/regions/{ENDE}").get_data(as_text=True)
    card = _text(region.split('data-testid="index-predicate"', 1)[1].split("</div>", 1)[0])
    assert "not enough data" in card and "coverage 3%" in card and "Baik" not in card

    host = login_as("host_staff", locale="en")
    overview = host.get("/overview").get_data(as_text=True)
    ende_row = next(r for r in overview.split("<tr>") if "Kabupaten Ende" in r)
    assert "not enough data" in ende_row and "coverage 3%" in ende_row and "Baik" not in ende_row
    assert "2 of 3 regions" in _text(overview)

    national = _text(ministry.get("/national").get_data(as_text=True))
    assert "2.10" in national and "2 of 3 regions" in national
    ntt = _text(ministry.get("/national?province=53").get_data(as_text=True))
    assert "0 of 1 region" in ntt and "not enough data" in ntt and "Baik" not in ntt

    regency_map = _text(ministry.get("/map?measure=index&province=53").get_data(as_text=True))
    assert "Kabupaten Ende not enough data" in regency_map.split("The map as a table", 1)[1]
    province_map = _text(ministry.get("/map?measure=index").get_data(as_text=True))
    assert "2.00 Cukup (1 of 1 region)" in province_map and "2.20 Cukup (1 of 1 region)" in province_map

    board = web.get("/public").get_data(as_text=True)  # the public reads Indonesian
    ende_public = next(r for r in board.split("<tr") if "Kabupaten Ende" in r).split("</tr>", 1)[0]
    assert "data belum cukup" in ende_public and "Baik" not in ende_public
    assert "2 dari 3 daerah" in _text(board)


def test_ende_in_the_reports_and_exports(login_as, make_commitment, make_user):
    event = _ende_and_two_official(make_commitment, make_user)
    host = login_as("host_staff", locale="en")
    region = _pdf_text(host.get(f"/regions/{ENDE}/report.pdf").data)
    assert "not enough data" in region and "coverage 3%" in region and "Baik" not in region
    signing = _pdf_text(host.get(f"/events/{event.id}/report.pdf").data)
    ende = signing.split("Kabupaten Ende", 1)[1].split("Kota", 1)[0]
    assert "not enough data" in ende and "Baik" not in ende
    national = _pdf_text(host.get("/national/report.pdf").data)
    assert "2 of 3 regions" in national
    csv = host.get("/overview.csv").get_data(as_text=True)
    ende_line = next(line for line in csv.splitlines() if "Kabupaten Ende" in line)
    assert "not enough data" in ende_line and "3.0%" in ende_line and "Baik" not in ende_line


def test_the_threshold_is_a_setting(make_app, make_commitment, make_user):
    _ende_and_two_official(make_commitment, make_user)
    with make_app(INDEX_MIN_COVERAGE="0.02").app_context():
        figures, _catalogue = monitoring.national_figures()
        ende = next(item for item in figures.values() if item.region.code == ENDE)
        assert ende.estimate.coverage == Decimal("0.03") and ende.predicate == "Baik"
