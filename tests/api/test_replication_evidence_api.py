"""Stage evidence by file over the API: multipart `file` checked like milestone evidence (sniffed
type, size limit), named in the stage's evidence list, downloaded only by who may see the stage."""

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from livinglab.extensions import db
from livinglab.models import Innovation, StageEvidence, Upload
from livinglab.services import replications

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _stored():
    return db.session.scalar(select(func.count(StageEvidence.id))), db.session.scalar(select(func.count(Upload.id)))


def _garut_stage(make_user):
    """The first stage of Kabupaten Garut's replication of Bandung's e-SKM, sponsored by Kemendagri."""
    eskm = db.session.scalar(select(Innovation).where(Innovation.code == "BDG-ESKM"))
    replication = replications.create_replication(
        make_user("host_admin"),
        innovation_id=eskm.id,
        region="32.05",
        parties=[{"role": "sponsor", "kind": "agency", "code": "kemendagri"}],
        signed_on=date(2020, 9, 10),
    )
    return replication.id, replication.stages[0].id


def _send(client, stage_id, data, name, **fields):
    return client.post(
        f"/api/v1/replications/stages/{stage_id}/evidence",
        data={"file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data",
    )


def test_the_adopter_uploads_a_file_and_the_verifiers_download_it(api_as, make_user):
    replication_id, stage_id = _garut_stage(make_user)
    garut = api_as("region_officer", region="32.05")
    answer = _send(garut, stage_id, PDF, "Berita Acara Komitmen.pdf", kind="minutes", title="Berita acara komitmen")
    assert answer.status_code == 201, answer.json
    assert answer.json["file"] == "Berita Acara Komitmen.pdf" and answer.json["url"] is None
    download = answer.json["download"]
    assert download == f"/api/v1/replications/evidence/{answer.json['id']}/file"

    link = garut.post(
        f"/api/v1/replications/stages/{stage_id}/evidence",
        json={"kind": "url", "title": "Berita daring", "url": "https://garutkab.go.id/eskm"},
    )
    assert link.status_code == 201 and link.json["file"] is None and link.json["download"] is None

    stage = next(s for s in garut.get(f"/api/v1/replications/{replication_id}").json["stages"] if s["id"] == stage_id)
    assert [(e["title"], e["file"]) for e in stage["evidence"]] == [
        ("Berita acara komitmen", "Berita Acara Komitmen.pdf"),
        ("Berita daring", None),
    ]
    for reader in (garut, api_as("region_officer", region="32.04"), api_as("ministry_viewer", agency="kemendagri")):
        got = reader.get(download)
        assert got.status_code == 200 and got.data == PDF
        assert "attachment" in got.headers["Content-Disposition"]
    assert api_as("region_officer", region="32.06").get(download).status_code == 404, "not a party"
    assert api_as("region_officer", region="32.06").get("/api/v1/replications/evidence/999999/file").status_code == 404


def test_files_are_checked_like_milestone_evidence_and_nothing_is_kept_on_refusal(api_as, make_user):
    _replication_id, stage_id = _garut_stage(make_user)
    garut = api_as("region_officer", region="32.05")
    before = _stored()
    script = _send(garut, stage_id, b"#!/bin/sh\nrm -rf /\n", "laporan.pdf", title="Laporan")
    assert script.status_code == 422 and "file" in script.json["error"]["fields"]
    empty = _send(garut, stage_id, b"", "kosong.pdf", title="Kosong")
    assert empty.status_code == 422
    untitled = _send(garut, stage_id, PDF, "ba.pdf")
    assert untitled.status_code == 422 and "title" in untitled.json["error"]["fields"]
    odd_kind = _send(garut, stage_id, PDF, "ba.pdf", title="BA", kind="selfie")
    assert odd_kind.status_code == 422 and "kind" in odd_kind.json["error"]["fields"]
    no_file = garut.post(
        f"/api/v1/replications/stages/{stage_id}/evidence", data={"title": "BA"}, content_type="multipart/form-data"
    )
    assert no_file.status_code == 422 and "file" in no_file.json["error"]["fields"]
    assert _stored() == before

    other = api_as("region_officer", region="32.06")
    assert _send(other, stage_id, PDF, "ba.pdf", title="BA").status_code == 404
    sponsor = api_as("ministry_viewer", agency="kemendagri")
    assert _send(sponsor, stage_id, PDF, "ba.pdf", title="BA").status_code == 403
    assert _stored() == before


@pytest.mark.usefixtures("database")
def test_oversize_stage_files_are_refused(make_app, make_user):
    from conftest import ApiClient

    from livinglab.services import accounts

    app = make_app(UPLOAD_MAX_MB=1)
    with app.app_context():
        _replication_id, stage_id = _garut_stage(make_user)
        before = _stored()
        _, raw = accounts.create_token(make_user("region_officer", region="32.05").email, "big")
        response = _send(ApiClient(app, raw), stage_id, PDF + b"0" * (1024 * 1024), "big.pdf", title="Besar")
        assert response.status_code == 413 and response.json["error"]["code"] == "payload_too_large"
        assert _stored() == before
