"""Targets over the API: events and commitments carry them, /progress shows the gap to target."""

from decimal import Decimal

import pytest

from livinglab import policy
from livinglab.services import evaluations
from livinglab.services.evaluations import EvaluationInput

EVENT = {"name": "Penandatanganan Komitmen Bersama", "place": "Kampus UID, Bali", "date": "2022-11-21"}


def _official(region, year, index):
    row = EvaluationInput(row=1, region=region, index=index)
    report = evaluations.import_results(policy.SYSTEM, [row], year=year, source="KepmenPANRB 13/2024")
    assert report.saved == 1, report.rows


def test_an_event_target_becomes_its_commitments_default(api_as):
    host = api_as("host_staff")
    event = host.post("/api/v1/signing-events", json={**EVENT, "target_index": 3.5, "target_year": 2025})
    assert event.status_code == 201, event.json
    assert (event.json["target_index"], event.json["target_year"]) == (3.5, 2025)
    assert host.get(f"/api/v1/signing-events/{event.json['id']}").json["target_index"] == 3.5
    body = {
        "region": "32.04",
        "signing_event_id": event.json["id"],
        "signatory_name": "Dadang",
        "signed_on": "2022-11-21",
    }
    taken = host.post("/api/v1/commitments", json={**body, "practices": ["SPBE-01"]})
    assert taken.status_code == 201, taken.json
    assert (taken.json["target_index"], taken.json["target_year"]) == (3.5, 2025)
    own = host.post(
        "/api/v1/commitments",
        json={**body, "region": "32.73", "practices": ["SPBE-01"], "target_index": 3.8, "target_year": 2026},
    )
    assert (own.json["target_index"], own.json["target_year"]) == (3.8, 2026)
    assert host.get(f"/api/v1/commitments/{own.json['id']}").json["target_index"] == 3.8


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"target_index": 5.01}, "target_index"),
        ({"target_index": -0.5}, "target_index"),
        ({"target_index": 3.555}, "target_index"),
        ({"target_index": "tiga"}, "target_index"),
        ({"target_index": 3.5, "target_year": 1999}, "target_year"),
        ({"target_year": 2025}, "target_index"),
    ],
)
def test_bad_targets_are_refused_with_the_field_named(api_as, changes, field):
    host = api_as("host_staff")
    answer = host.post("/api/v1/signing-events", json={**EVENT, **changes})
    assert answer.status_code == 422 and field in answer.json["error"]["fields"], answer.json
    commitment = {"region": "32.04", "signatory_name": "Dadang", "practices": ["SPBE-01"], **changes}
    answer = host.post("/api/v1/commitments", json=commitment)
    assert answer.status_code == 422 and field in answer.json["error"]["fields"], answer.json


def test_progress_shows_the_target_gap_and_whether_it_was_reached(api_as, make_commitment):
    make_commitment(target_index=Decimal("3.50"), target_year=2025)
    viewer = api_as("ministry_viewer")
    unknown = viewer.get("/api/v1/regions/32.04/progress").json["target"]
    assert unknown == {
        "index": 3.5,
        "year": 2025,
        "gap": None,  # nothing verified and no official result: too little to compare
        "reached": None,
        "reached_by": None,
        "below_official": False,
    }
    _official("32.04", 2022, "3.84")  # the region was already above the target it signed
    target = viewer.get("/api/v1/regions/32.04/progress").json["target"]
    assert target["gap"] == pytest.approx(-0.34)
    assert (target["reached"], target["reached_by"], target["below_official"]) == (True, "estimate", True)
    _official("32.04", 2025, "3.61")
    target = viewer.get("/api/v1/regions/32.04/progress").json["target"]
    assert (target["reached"], target["reached_by"]) == (True, "official")


def test_progress_target_is_null_without_a_target(api_as, make_commitment):
    make_commitment()
    assert api_as("ministry_viewer").get("/api/v1/regions/32.04/progress").json["target"] is None


def test_a_target_below_the_official_index_is_accepted_and_flagged(api_as):
    _official("32.04", 2024, Decimal("2.85"))
    host = api_as("host_staff")
    body = {"region": "32.04", "signatory_name": "Dadang", "signed_on": "2022-11-21", "target_year": 2026}
    body["practices"] = ["SPBE-01"]
    modest = host.post("/api/v1/commitments", json={**body, "target_index": 2.5})
    assert modest.status_code == 201, modest.json
    assert modest.json["target_below_official"] == {"year": 2024, "index": 2.85}
    assert host.get(f"/api/v1/commitments/{modest.json['id']}").json["target_below_official"]["year"] == 2024
    ambitious = host.post("/api/v1/commitments", json={**body, "region": "32.73", "target_index": 3.5})
    assert ambitious.json["target_below_official"] is None
