"""Innovations and their replication over the API: the registry, the 2020 Bandung–Kemendagri
replication walked through its stages, and who may verify."""

import pytest

from livinglab.domain.replication_stages import DEFAULT_STAGES


def _innovation(client, code):
    items = client.get(f"/api/v1/innovations?q={code}").json["items"]
    return next(item for item in items if item["code"] == code)


def test_the_registry_credits_bandung_not_the_host(api_as):
    client = api_as("ministry_viewer")
    body = client.get("/api/v1/innovations?originator=32.04").json
    assert {item["code"] for item in body["items"]} == {"BDG-ESKM", "BDG-APIKS", "BDG-SABUK-MAS"}
    eskm = next(item for item in body["items"] if item["code"] == "BDG-ESKM")
    assert eskm["originator"] == {"kind": "region", "code": "32.04", "name": "Kabupaten Bandung"}
    assert eskm["type"] == "public_service" and eskm["measures"][0]["unit"] == "responden"
    assert client.get("/api/v1/innovations?originator=32.11").json["total"] == 0, "nothing is Sumedang's"
    assert client.get("/api/v1/innovations?q=sabilulungan").json["total"] == 2
    puja = client.get("/api/v1/innovations?originator=kemendagri").json["items"]
    assert [item["originator"]["kind"] for item in puja] == ["agency"]
    assert client.get(f"/api/v1/innovations/{eskm['id']}").json["name"].startswith("e-SKM")
    assert client.get("/api/v1/innovations/999999").status_code == 404
    assert client.get("/api/v1/practices?framework=host-practices&per_page=100").json["total"] == 7


def test_host_admin_adds_an_innovation_and_others_may_not(api_as):
    body = {
        "code": "TEST-LAPOR",
        "name": "Lapor Cepat",
        "originator": {"kind": "region", "code": "35.04"},
        "type": "public_service",
        "first_year": 2021,
        "links": ["https://example.go.id/lapor"],
        "measures": [{"name": "Aduan per bulan", "unit": "aduan"}],
        "stages": ["Komitmen", "Penerapan"],
    }
    assert api_as("host_staff").post("/api/v1/innovations", json=body).status_code == 403
    created = api_as("host_admin").post("/api/v1/innovations", json=body)
    assert created.status_code == 201, created.json
    assert created.json["originator"]["code"] == "35.04" and created.json["links"] == ["https://example.go.id/lapor"]
    again = api_as("host_admin").post("/api/v1/innovations", json=body)
    assert again.status_code == 422 and "code" in again.json["error"]["fields"]
    unknown = api_as("host_admin").post(
        "/api/v1/innovations", json={**body, "code": "X-1", "originator": {"kind": "region", "code": "99.99"}}
    )
    assert unknown.status_code == 422 and "originator" in unknown.json["error"]["fields"]
    assert (
        api_as("host_admin").post("/api/v1/innovations", json={**body, "code": "X-2", "type": "sport"}).status_code
        == 422
    )


@pytest.fixture
def soreang(api_as):
    """The 10 September 2020 Soreang signing: Kabupaten Bandung's e-SKM replicated by Kabupaten
    Garut (32.05) with Balitbang Kemendagri as sponsor."""
    host = api_as("host_admin")
    eskm = _innovation(host, "BDG-ESKM")
    created = host.post(
        "/api/v1/replications",
        json={
            "innovation_id": eskm["id"],
            "region": "32.05",
            "parties": [{"role": "sponsor", "kind": "agency", "code": "kemendagri", "unit": "Balitbang"}],
            "signed_on": "2020-09-10",
            "place": "Soreang",
        },
    )
    assert created.status_code == 201, created.json
    return host, eskm, created.json


def test_the_2020_replication_walks_through_its_stages_with_the_originator_verifying(api_as, soreang):
    _host, eskm, replication = soreang
    assert [s["name"] for s in replication["stages"]] == list(DEFAULT_STAGES)
    assert {(p["role"], p["code"]) for p in replication["parties"]} == {
        ("originator", "32.04"),
        ("sponsor", "kemendagri"),
    }
    assert replication["stage"] == "Komitmen" and replication["signed_on"] == "2020-09-10"

    garut = api_as("region_officer", region="32.05")
    bandung = api_as("region_officer", region="32.04")
    for stage in replication["stages"]:
        url = f"/api/v1/replications/stages/{stage['id']}"
        assert bandung.patch(url, json={"status": "in_progress"}).status_code == 403, (
            "the originator does no adopter's work"
        )
        started = garut.patch(url, json={"status": "in_progress", "version": stage["version"]})
        assert started.status_code == 200, started.json
        evidence = garut.post(
            f"{url}/evidence",
            json={"kind": "minutes", "title": f"Berita acara {stage['name']}", "url": "https://example.go.id/ba.pdf"},
        )
        assert evidence.status_code == 201
        assert garut.patch(url, json={"status": "submitted"}).status_code == 200
        assert garut.post(f"{url}/verification", json={"decision": "verify"}).status_code == 403, "not its own verifier"
        verified = bandung.post(f"{url}/verification", json={"decision": "verify"})
        assert verified.status_code == 200 and verified.json["status"] == "verified", verified.json
        assert [h["action"] for h in verified.json["history"]] == ["start", "submit", "verify"]
    done = garut.get(f"/api/v1/replications/{replication['id']}").json
    assert done["stage"] == "completed" and all(s["status"] == "verified" for s in done["stages"])

    measure = eskm["measures"][0]["id"]
    reported = garut.post(
        f"/api/v1/replications/{replication['id']}/outcomes",
        json={"measure_id": measure, "period": "2021-03", "value": "1250"},
    )
    assert reported.status_code == 201 and reported.json["value"] == "1250.00"
    garut.post(
        f"/api/v1/replications/{replication['id']}/outcomes",
        json={"measure_id": measure, "period": "2021-03", "value": "1300"},
    )
    outcomes = garut.get(f"/api/v1/replications/{replication['id']}").json["outcomes"]
    assert [(o["period"], o["value"]) for o in outcomes] == [("2021-03", "1300.00")], (
        "a period is replaced, not doubled"
    )
    bad = garut.post(
        f"/api/v1/replications/{replication['id']}/outcomes",
        json={"measure_id": measure, "period": "Maret", "value": "1"},
    )
    assert bad.status_code == 422 and "period" in bad.json["error"]["fields"]

    adopters = api_as("ministry_viewer").get(f"/api/v1/innovations/{eskm['id']}").json["adopters"]
    assert adopters == [{"replication_id": replication["id"], "region": "32.05", "stage": "completed"}]


def test_the_sponsor_verifies_and_comments_and_other_agencies_may_not(api_as, soreang):
    _host, _eskm, replication = soreang
    stage = replication["stages"][0]
    url = f"/api/v1/replications/stages/{stage['id']}"
    garut = api_as("region_officer", region="32.05")
    garut.patch(url, json={"status": "submitted"})
    other_agency = api_as("ministry_viewer", agency="kemenpanrb")
    assert other_agency.post(f"{url}/comments", json={"comment": "?"}).status_code == 403
    assert other_agency.post(f"{url}/verification", json={"decision": "verify"}).status_code == 403
    sponsor = api_as("ministry_viewer", agency="kemendagri")
    assert sponsor.post(f"{url}/comments", json={"comment": "Lengkapi daftar hadir."}).status_code == 201
    refused = sponsor.post(f"{url}/verification", json={"decision": "return"})
    assert refused.status_code == 422 and "comment" in refused.json["error"]["fields"]
    returned = sponsor.post(f"{url}/verification", json={"decision": "return", "comment": "Daftar hadir belum ada."})
    assert returned.status_code == 200 and returned.json["status"] == "returned"
    assert [h["action"] for h in returned.json["history"]] == ["submit", "comment", "return"]
    stale = garut.patch(url, json={"status": "in_progress", "version": 1})
    assert stale.status_code == 409


def test_an_originator_cannot_adopt_its_own_innovation(api_as):
    host = api_as("host_staff")
    eskm = _innovation(host, "BDG-ESKM")
    refused = host.post("/api/v1/replications", json={"innovation_id": eskm["id"], "region": "32.04"})
    assert refused.status_code == 422 and "region" in refused.json["error"]["fields"]
    assert host.get("/api/v1/replications").json["total"] == 0
    assert (
        api_as("region_officer")
        .post("/api/v1/replications", json={"innovation_id": eskm["id"], "region": "32.05"})
        .status_code
        == 403
    )


def test_region_officers_see_only_replications_they_adopt_or_originated(api_as, soreang):
    _host, _eskm, replication = soreang
    url = f"/api/v1/replications/{replication['id']}"
    assert api_as("region_officer", region="32.04").get(url).status_code == 200
    assert api_as("region_officer", region="32.05").get(url).status_code == 200
    assert api_as("region_officer", region="32.06").get(url).status_code == 404
    assert api_as("region_officer", region="32.06").get("/api/v1/replications").json["total"] == 0


def test_host_admin_edits_the_stage_template_for_new_replications(api_as):
    host = api_as("host_admin")
    own = {
        "code": "TEST-STAGES",
        "name": "Uji tahapan",
        "originator": {"kind": "region", "code": "35.04"},
        "type": "other",
    }
    innovation = host.post("/api/v1/innovations", json=own).json
    assert innovation["stages"] == list(DEFAULT_STAGES)
    recorded = host.post("/api/v1/replications", json={"innovation_id": innovation["id"], "region": "32.05"}).json
    url = f"/api/v1/innovations/{innovation['id']}/stages"
    assert api_as("host_staff").put(url, json={"stages": ["Komitmen"]}).status_code == 403
    changed = host.put(url, json={"stages": ["Komitmen", "Bimbingan teknis", "Penerapan"]})
    assert changed.status_code == 200 and changed.json["stages"] == ["Komitmen", "Bimbingan teknis", "Penerapan"]
    new = host.post("/api/v1/replications", json={"innovation_id": innovation["id"], "region": "32.06"}).json
    assert [s["name"] for s in new["stages"]] == ["Komitmen", "Bimbingan teknis", "Penerapan"]
    kept = host.get(f"/api/v1/replications/{recorded['id']}").json
    assert len(kept["stages"]) == len(DEFAULT_STAGES), "recorded replications keep their stages"
    assert host.put(url, json={"stages": ["x" * 201]}).status_code == 422
    assert host.put(url, json={"stages": []}).json["stages"] == list(DEFAULT_STAGES)
