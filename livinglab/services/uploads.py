"""Uploads: type checked by content, stored content-addressed outside static/.

Blobs live at `<UPLOAD_FOLDER>/<sha[:2]>/<sha256>`; the original file name is kept only as
metadata on the `Upload` row, with the extension of the detected type (never the uploader's).
Zip-based documents pass `archives.inspect` (zip bombs, macros) before anything reads them.
`store` flushes and never commits: it is part of the caller's transaction (a study visit, a
commitment, an evidence record).
"""

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from livinglab.errors import DomainError, Invalid
from livinglab.extensions import db
from livinglab.models import Upload
from livinglab.services import archives

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
    """The file kind judged by its bytes (magic numbers, zip members), or None.

    A zip archive is inspected first: one that is unsafe to unpack raises Invalid.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        archive = archives.inspect(data)
        if archive.parts.get("mimetype", b"").strip() == CONTENT_TYPES["odt"].encode():
            return "odt"
        if "[Content_Types].xml" in archive.names and "word/document.xml" in archive.names:
            return "docx"
        if "[Content_Types].xml" in archive.names and "xl/workbook.xml" in archive.names:
            return "xlsx"
    return None


UNSAFE_NAME_CHARACTERS = re.compile(r'[<>:"|?*]')
UPLOADER_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")


def safe_name(filename, kind):
    """A display name: the last path component, no control or reserved characters, at most 200
    chars, and always the extension of `kind` (the sniffed type) in place of the uploader's."""
    name = unicodedata.normalize("NFC", str(filename or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = UNSAFE_NAME_CHARACTERS.sub("", "".join(ch for ch in name if ch.isprintable()))
    stem = UPLOADER_EXTENSION.sub("", name.strip().strip(".")).strip().strip(".")
    return (stem or "file")[:190] + EXTENSIONS[kind]


def download_name(upload):
    """The name an upload is served under: its stored name, held to the rule of `safe_name`
    (rows stored before the rule may still carry the uploader's extension)."""
    kind = next((k for k, v in CONTENT_TYPES.items() if v == upload.content_type), None)
    return safe_name(upload.original_name, kind) if kind else "file"


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
