"""The upload store: types by content, safe names, content addressing, limits."""

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from livinglab.config import PROJECT_ROOT
from livinglab.errors import Invalid
from livinglab.extensions import db
from livinglab.services import uploads

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (PDF, "a.pdf", "application/pdf"),
        (PNG, "a.png", "image/png"),
        (JPEG, "a.jpg", "image/jpeg"),
        (DOCX, "a.docx", uploads.CONTENT_TYPES["docx"]),
        (_xlsx(), "a.xlsx", uploads.CONTENT_TYPES["xlsx"]),
        (ODT, "a.odt", uploads.CONTENT_TYPES["odt"]),
    ],
)
def test_allowed_types_are_recognised_by_content(app, make_user, data, name, content_type):
    upload = uploads.store(make_user("host_staff"), data, name)
    assert upload.content_type == content_type and upload.size == len(data)


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00\x03", b"<html><script>alert(1)</script></html>", b"#!/bin/sh\nrm -rf /", _zip({"evil.sh": "x"})],
)
def test_renamed_files_are_refused(app, make_user, data):
    with pytest.raises(Invalid) as error:
        uploads.store(make_user("host_staff"), data, "document.pdf")
    assert "file" in error.value.fields


def test_a_pdf_named_html_is_stored_as_pdf_named_pdf(app, make_user):
    upload = uploads.store(make_user("host_staff"), PDF + b"<script>x</script>", "report.html")
    assert upload.content_type == "application/pdf" and upload.original_name == "report.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("/abs/path/y.pdf", "y.pdf"),
        ("bad\x00name\n.pdf", "badname.pdf"),
        ("", "file.pdf"),
        ("..", "file.pdf"),
    ],
)
def test_traversal_names_become_plain_names(app, make_user, name, expected):
    upload = uploads.store(make_user("host_staff"), PDF, name)
    assert upload.original_name == expected
    path = uploads.blob_path(upload.sha256)
    assert path.parent.parent == Path(app.config["UPLOAD_FOLDER"]) and path.name == upload.sha256


def test_zero_byte_and_oversize_are_refused(make_app, make_user):
    app = make_app(UPLOAD_MAX_MB=1)
    with app.app_context():
        actor = make_user("host_staff")
        with pytest.raises(Invalid):
            uploads.store(actor, b"", "empty.pdf")
        with pytest.raises(uploads.TooLarge) as error:
            uploads.store(actor, PDF + b"0" * (1024 * 1024), "big.pdf")
        assert error.value.status == 413


def test_same_content_is_one_blob_outside_static(app, make_user):
    actor = make_user("host_staff")
    first = uploads.store(actor, PDF, "one.pdf")
    second = uploads.store(actor, PDF, "two.pdf")
    db.session.commit()
    assert first.id != second.id and first.sha256 == second.sha256
    blobs = [p for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if p.is_file()]
    assert len(blobs) == 1 and uploads.read(first) == PDF
    assert PROJECT_ROOT / "static" not in blobs[0].parents


def test_allowed_types_are_configurable(make_app, make_user):
    app = make_app(UPLOAD_ALLOWED_TYPES="pdf")
    with app.app_context(), pytest.raises(Invalid):
        uploads.store(make_user("host_staff"), PNG, "a.png")
