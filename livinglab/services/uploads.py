"""Uploads: type checked by content, stored content-addressed outside static/.

Blobs live at `<UPLOAD_FOLDER>/<sha[:2]>/<sha256>`; the original file name is kept only as
metadata on the `Upload` row. `store` flushes and never commits: it is part of the caller's
transaction (a study visit, a commitment, an evidence record).
"""

import hashlib
import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from livinglab.errors import DomainError, Invalid
from livinglab.extensions import db
from livinglab.models import Upload

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "docx": ".docx", "xlsx": ".xlsx", "odt": ".odt"}


class TooLarge(DomainError):
    status = 413
    code = "payload_too_large"


def sniff(data):
    """The file kind judged by its bytes (magic numbers, zip members), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == CONTENT_TYPES["odt"].encode():
                    return "odt"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
                if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                    return "xlsx"
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
    return None


def safe_name(filename, kind):
    """A display name: the last path component, no control characters, at most 200 chars."""
    name = unicodedata.normalize("NFC", str(filename or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().strip(".") or "file"
    stem, ext = os.path.splitext(name)
    return (stem[:190] + ext[:10]) if ext else stem[:190] + EXTENSIONS[kind]


def allowed_kinds(allowed=None):
    configured = current_app.config.get("UPLOAD_ALLOWED_TYPES") or ",".join(CONTENT_TYPES)
    kinds = {k.strip().lower() for k in configured.split(",") if k.strip()}
    return kinds & set(allowed) if allowed else kinds


def upload_folder():
    return Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")


def blob_path(sha256):
    return upload_folder() / sha256[:2] / sha256


def store(actor, data, filename, allowed=None):
    """Check and keep `data` (bytes); returns the new `Upload` (flushed, not committed).

    `allowed` narrows the configured kinds for one use (e.g. {"pdf"} for a signed document).
    """
    limit_mb = current_app.config["UPLOAD_MAX_MB"]
    if not data:
        raise Invalid(_("The file is empty."), {"file": _("The file is empty.")})
    if len(data) > limit_mb * 1024 * 1024:
        message = _("The file is too large (at most %(mb)s MB).", mb=limit_mb)
        raise TooLarge(message, {"file": message})
    kind = sniff(data)
    kinds = allowed_kinds(allowed)
    if kind not in kinds:
        names = ", ".join(sorted(k.upper() for k in kinds))
        message = _("This file type is not accepted here; allowed: %(types)s.", types=names)
        raise Invalid(message, {"file": message})
    sha256 = write_blob(data)
    upload = Upload(
        sha256=sha256,
        size=len(data),
        content_type=CONTENT_TYPES[kind],
        original_name=safe_name(filename, kind),
        uploaded_by_id=getattr(actor, "id", None),
    )
    db.session.add(upload)
    db.session.flush()
    return upload


def write_blob(data):
    """Keep `data` under its SHA-256 (atomically, once); returns the hash."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = blob_path(sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return sha256


def read(upload):
    return blob_path(upload.sha256).read_bytes()
