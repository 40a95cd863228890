"""Official evaluation results over the API: all rows or none, a second load changes nothing,
every bad row rejected with its reason, a region's years listed, access by role."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import AuditEvent, Evaluation, EvaluationLevel

EN = {"Accept-Language": "en"}
SOURCE = "KepmenPANRB 13/2024"


def _body(rows, year=2023, **extra):
    return {"year": year, "source": SOURCE, "rows": rows, **extra}


def _load(client, body):
    return client.post("/api/v1/evaluations", json=body, headers=EN)


def _count():
    return db.session.scalar(select(func.count(Evaluation.id))), db.session.scalar(
        select(func.count(EvaluationLevel.id))
    )


VALID = [
    {"region": "32.11", "index": 3.84, "levels": {"SPBE-01": 4, "SPBE-33": 5}},
    {"region": "Kab. Bandung", "index": "2,59"},
]


def test_results_are_created_with_the_predicate_from_the_bands(api_as):
    admin = api_as("host_admin")
    response = _load(admin, _body(VALID, evaluated_on="2024-01-15"))
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert report["saved"] is True
    assert (report["created"], report["updated"], report["unchanged"], report["rejected"]) == (2, 0, 0, 0)
    assert [(r["region"], r["predicate"], r["outcome"]) for r in report["rows"]] == [
        ("32.11", "Sangat Baik", "created"),
        ("32.04", "Cukup", "created"),
    ]
    rows = {e.region.code: e for e in db.session.scalars(select(Evaluation))}
    assert rows["32.11"].spbe_index == Decimal("3.84") and rows["32.11"].level_map() == {"SPBE-01": 4, "SPBE-33": 5}
    assert rows["32.04"].spbe_index == Decimal("2.59") and rows["32.04"].levels == []
    assert rows["32.11"].source == SOURCE and rows["32.11"].evaluated_on == date(2024, 1, 15)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "evaluations.import"))
    assert event.actor_id == admin.user.id and sorted(event.after["created"]) == ["32.04/2023", "32.11/2023"]


def test_a_second_load_of_the_same_rows_changes_nothing(api_as):
    admin = api_as("host_admin")
    assert _load(admin, _body(VALID)).get_json()["created"] == 2
    before = {e.id: e.updated_at for e in db.session.scalars(select(Evaluation))}
    audits = db.session.scalar(select(func.count(AuditEvent.id)))
    again = _load(admin, _body(VALID)).get_json()
    assert (again["created"], again["updated"], again["unchanged"], again["saved"]) == (0, 0, 2, False)
    db.session.expire_all()
    assert {e.id: e.updated_at for e in db.session.scalars(select(Evaluation))} == before
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audits


def test_changed_rows_are_updated_and_levels_kept_when_a_row_gives_none(api_as):
    admin = api_as("host_admin")
    _load(admin, _body(VALID))
    changed = [
        {"region": "32.11", "index": 3.84},  # no levels: the stored ones stay
        {"region": "32.04", "index": 2.60, "levels": {"SPBE-02": 3}},
    ]
    report = _load(admin, _body(changed)).get_json()
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 1)
    db.session.expire_all()
    rows = {e.region.code: e for e in db.session.scalars(select(Evaluation))}
    assert rows["32.11"].level_map() == {"SPBE-01": 4, "SPBE-33": 5}
    assert rows["32.04"].spbe_index == Decimal("2.60") and rows["32.04"].predicate == "Baik"
    assert rows["32.04"].level_map() == {"SPBE-02": 3}
    replaced = _load(admin, _body([{"region": "32.11", "index": 3.84, "levels": {"SPBE-47": 2}}])).get_json()
    assert replaced["updated"] == 1
    db.session.expire_all()
    assert db.session.scalar(select(Evaluation).where(Evaluation.region_id == rows["32.11"].region_id)).level_map() == {
        "SPBE-47": 2
    }


NEXT_YEAR = date.today().year + 2  # in the future on any clock, even New Year's Eve in WIT
BAD_ROWS = [
    ({"region": "99.99", "index": 3}, "Unknown region"),
    ({"region": "Kabupaten Entah", "index": 3}, "Unknown region"),
    ({"region": "32.73", "index": 5.01}, "outside 0–5"),
    ({"region": "32.73", "index": -0.5}, "outside 0–5"),
    ({"region": "32.73", "index": 3.125}, "more than two decimals"),
    ({"region": "32.73", "index": "tiga"}, "not a number"),
    ({"region": "32.73", "index": 3, "levels": {"SPBE-05": 6}}, "from 1 to 5"),
    ({"region": "32.73", "index": 3, "levels": {"SPBE-05": 0}}, "from 1 to 5"),
    ({"region": "32.73", "index": 3, "levels": {"SPBE-05": 2.5}}, "from 1 to 5"),
    ({"region": "32.73", "index": 3, "levels": {"SPBE-99": 2}}, "Unknown indicator"),
    ({"region": "32.73", "index": 3, "year": NEXT_YEAR}, "differs from the one chosen"),
    ({"region": "Kota Bandung", "index": 3}, "appears more than once"),  # 32.73 is Kota Bandung
]


@pytest.mark.parametrize(
    ("bad", "reason"), BAD_ROWS, ids=[reason + "-" + str(i) for i, (_, reason) in enumerate(BAD_ROWS)]
)
def test_a_bad_row_is_rejected_with_its_reason_and_nothing_is_saved(api_as, bad, reason):
    rows = [{"region": "32.73", "index": 3.10}, bad] if "more than once" in reason else [*VALID, bad]
    report = _load(api_as("host_admin", locale="en"), _body(rows)).get_json()  # reasons read in English
    assert report["saved"] is False and report["rejected"] == 1
    rejected = [r for r in report["rows"] if r["outcome"] == "rejected"]
    assert len(rejected) == 1 and rejected[0]["row"] == len(rows) and reason in rejected[0]["message"]
    assert _count() == (0, 0)


def test_a_year_in_the_future_is_rejected_per_row(api_as):
    report = _load(api_as("host_admin", locale="en"), _body(VALID, year=NEXT_YEAR)).get_json()
    assert report["rejected"] == 2 and all("in the future" in r["message"] for r in report["rows"])
    assert _count() == (0, 0)


def test_a_dry_run_reports_and_writes_nothing(api_as):
    report = _load(api_as("host_admin"), _body(VALID, dry_run=True)).get_json()
    assert (report["created"], report["saved"], report["dry_run"]) == (2, False, True)
    assert _count() == (0, 0)


def test_a_malformed_body_is_422_in_the_error_envelope(api_as):
    response = _load(api_as("host_admin"), {"source": SOURCE, "rows": VALID})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid" and "year" in str(response.get_json()["error"])


def test_a_regions_years_are_listed_newest_first(api_as):
    admin = api_as("host_admin")
    _load(admin, _body([{"region": "32.11", "index": 3.52, "levels": {"SPBE-01": 3}}], year=2021))
    _load(admin, _body([{"region": "32.11", "index": 3.84}], year=2022))
    page = api_as("ministry_viewer").get("/api/v1/regions/32.11/evaluations").get_json()
    assert page["total"] == 2
    assert [(i["year"], i["index"], i["predicate"]) for i in page["items"]] == [
        (2022, 3.84, "Sangat Baik"),
        (2021, 3.52, "Sangat Baik"),
    ]
    assert page["items"][1]["levels"] == {"SPBE-01": 3} and page["items"][1]["source"] == SOURCE


@pytest.mark.parametrize("role", ["host_staff", "ministry_viewer", "region_officer"])
def test_only_the_host_admin_loads_results(api_as, role):
    response = _load(api_as(role), _body(VALID))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert _count() == (0, 0)


def test_readers_by_role_and_region_scope(api_as, anonymous_api):
    _load(api_as("host_admin"), _body(VALID))
    assert anonymous_api.get("/api/v1/regions/32.11/evaluations").status_code == 401
    for role in ("host_staff", "ministry_viewer"):
        assert api_as(role).get("/api/v1/regions/32.11/evaluations").get_json()["total"] == 1
    officer = api_as("region_officer", region="32.04")
    assert officer.get("/api/v1/regions/32.04/evaluations").get_json()["total"] == 1
    other = officer.get("/api/v1/regions/32.11/evaluations")
    assert other.status_code == 404 and other.get_json()["error"]["code"] == "not_found"
    assert api_as("host_staff").get("/api/v1/regions/99.99/evaluations").status_code == 404
