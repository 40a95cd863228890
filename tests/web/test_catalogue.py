"""The practice catalogue: pages for everyone, host practices editable, official rows read-only."""

import json

from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import AuditEvent, Framework, Milestone, Practice
from livinglab.services import seeding

NEW = {
    "code": "HOST-SIPD-TEST",
    "title": "Integrasi SIPD",
    "title_en": "SIPD integration",
    "weight": "0",
    "level_scale": "process",
    "default_duration_days": "120",
    "active": "y",
}


def _id(code):
    return db.session.scalar(select(Practice.id).where(Practice.code == code))


def test_every_role_reads_the_catalogue(login_as):
    for role in ("host_admin", "host_staff", "region_officer", "ministry_viewer"):
        client = login_as(role, locale="en")
        page = client.get("/catalogue").get_data(as_text=True)
        assert "SPBE-47" in page and "HOST-MPP" in page and "Memuaskan" in page
        detail = client.get(f"/catalogue/practices/{_id('SPBE-01')}").get_data(as_text=True)
        assert "Rintisan" in detail or "Initial" in detail


def test_host_admin_adds_and_edits_a_host_practice(login_as):
    admin = login_as("host_admin", locale="en")
    response = admin.post("/catalogue/practices/new?framework=host-practices", data=NEW)
    assert response.status_code == 302, response.get_data(as_text=True)
    practice_id = _id("HOST-SIPD-TEST")
    edited = admin.post(f"/catalogue/practices/{practice_id}/edit", data={**NEW, "title": "Integrasi SIPD v2"})
    assert edited.status_code == 302
    db.session.expire_all()
    assert db.session.get(Practice, practice_id).title == "Integrasi SIPD v2"
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "Practice")).all()
    assert actions == ["practice.create", "practice.update"]


def test_bad_practice_input_writes_nothing(login_as):
    admin = login_as("host_admin", locale="en")
    count = db.session.scalar(select(func.count(Practice.id)))
    for changes in (
        {"code": "bad code"},
        {"code": "HOST-MPP"},
        {"title": ""},
        {"default_duration_days": "0"},
        {"weight": "-1"},
        {"weight": "10"},  # host practices carry no SPBE weight
    ):
        response = admin.post("/catalogue/practices/new?framework=host-practices", data={**NEW, **changes})
        assert response.status_code == 422, changes
    assert db.session.scalar(select(func.count(Practice.id))) == count


def test_official_indicators_are_read_only(login_as):
    admin = login_as("host_admin", locale="en")
    assert admin.get(f"/catalogue/practices/{_id('SPBE-01')}/edit").status_code == 403
    assert admin.post(f"/catalogue/practices/{_id('SPBE-01')}/edit", data=NEW).status_code == 403
    assert admin.get("/catalogue/practices/new?framework=spbe-2020").status_code == 403
    assert login_as("host_staff").get("/catalogue/practices/new").status_code == 403


def test_catalogue_seed_is_idempotent_and_weights_sum_to_100(app):
    assert seeding.seed_catalogue().changed == 0
    spbe = db.session.scalar(select(Framework).where(Framework.code == "spbe-2020"))
    assert len(spbe.practices) == 47 and sum(p.weight for p in spbe.practices) == 100
    assert {d.code: float(d.weight) for d in spbe.domains} == {"D1": 13.0, "D2": 25.0, "D3": 16.5, "D4": 45.5}
    host = {p.code for p in db.session.scalar(select(Framework).where(Framework.code == "host-practices")).practices}
    assert {
        "HOST-EOFFICE",
        "HOST-COMMAND-CENTER",
        "HOST-MPP",
        "HOST-ESAKIP-DESA",
    } <= host
    assert not host & {"HOST-ESKM", "HOST-APIKS", "HOST-SABUK-MAS"}, "Kabupaten Bandung's innovations, not the host's"


def test_a_second_version_loads_beside_the_first(app, make_commitment, tmp_path, runner):
    commitment = make_commitment(practices=("SPBE-01",))
    spec = {
        "code": "spbe-2026-test",
        "family": "spbe",
        "version": "2026",
        "name": "SPBE 2026 (test)",
        "official": True,
        "practices": [
            {"code": "SPBE-01", "title": "Indikator baru satu", "weight": 60},
            {"code": "SPBE-02", "title": "Indikator baru dua", "weight": 40},
        ],
        "predicate_bands": [[3, "Baik", "Good"], [0, "Kurang", "Poor"]],
    }
    path = tmp_path / "spbe-2026.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    result = runner.invoke(args=["seed", "catalogue", "--file", str(path)])
    assert result.exit_code == 0, result.output
    frameworks = {f.code: len(f.practices) for f in db.session.scalars(select(Framework))}
    assert frameworks["spbe-2020"] == 47 and frameworks["spbe-2026-test"] == 2
    milestone = db.session.scalar(select(Milestone).where(Milestone.commitment_id == commitment.id))
    assert milestone.practice.framework.code == "spbe-2020"
    missing = runner.invoke(args=["seed", "catalogue", "--file", str(tmp_path / "missing.json")])
    assert missing.exit_code != 0 and "missing.json" in missing.output
