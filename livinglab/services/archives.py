"""Zip-based documents (DOCX, XLSX, ODT) checked before anything unpacks them.

An Office file is a zip archive, and a zip can claim to hold far more than it weighs (a zip bomb)
or carry macros. `inspect` reads the central directory, refuses an archive whose parts are too
many, too big or compressed too well, then reads every part through a bounded stream (which also
proves the declared sizes and checksums true), keeping only the few small parts that tell the
document's kind. The upload store and the XLSX imports call it first, so openpyxl and the sniffer
only ever open an archive that passed. Limits are the ARCHIVE_* settings.
"""

import io
import zipfile
import zlib
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from livinglab.errors import Invalid

MB = 1024 * 1024
CHUNK = 64 * 1024
RATIO_FLOOR = MB  # parts (and archives) smaller than this unpacked are not judged by their ratio
KEPT_PARTS = ("mimetype", "[Content_Types].xml")  # small parts kept (bounded) to classify the document
KEPT_BYTES = 256 * 1024
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
MACRO_FOLDERS = ("basic/", "scripts/")  # OpenDocument macro libraries
MACRO_CONTENT_TYPES = (b"macroenabled", b"vbaproject")
CENTRAL_ENTRY = b"PK\x01\x02"


@dataclass(frozen=True)
class Archive:
    """What an inspected archive holds: its part names and the small classifying parts."""

    names: frozenset
    parts: dict


def inspect(data):
    """Check the zip archive `data` within the ARCHIVE_* limits; returns an `Archive` or raises Invalid."""
    config = current_app.config
    max_members = config["ARCHIVE_MAX_MEMBERS"]
    # Every central directory entry starts with this signature: counting them bounds the entries
    # zipfile would otherwise parse (and keep) before we could look.
    if data.count(CENTRAL_ENTRY) > max_members:
        raise _refused(_("The file holds more than %(n)s parts; it is refused.", n=max_members))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_directory(infos, config)
            parts = {info.filename: _read_through(archive, info) for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error, NotImplementedError):
        raise _refused(_("The file is a damaged or unsupported archive.")) from None
    names = frozenset(parts)
    kept = {name: parts[name] for name in KEPT_PARTS if name in parts}
    if _has_macros(names, kept.get("[Content_Types].xml", b"")):
        raise _refused(_("Documents with macros are not accepted; save it without macros (as DOCX, XLSX or ODT)."))
    return Archive(names, kept)


def _check_directory(infos, config):
    max_members = config["ARCHIVE_MAX_MEMBERS"]
    max_member = config["ARCHIVE_MAX_MEMBER_MB"] * MB
    max_total = config["ARCHIVE_MAX_TOTAL_MB"] * MB
    max_ratio = config["ARCHIVE_MAX_RATIO"]
    if len(infos) > max_members:
        raise _refused(_("The file holds more than %(n)s parts; it is refused.", n=max_members))
    seen = set()
    for info in infos:
        folded = info.filename.casefold()
        if (
            folded in seen
            or info.flag_bits & 0x1
            or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        ):
            raise _refused(_("The file is a damaged or unsupported archive."))
        seen.add(folded)
        if info.file_size > max_member:
            raise _too_big(config["ARCHIVE_MAX_MEMBER_MB"])
        if info.file_size > RATIO_FLOOR and info.file_size > max_ratio * max(info.compress_size, 1):
            raise _too_compressed(max_ratio)
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > max_total:
        raise _too_big(config["ARCHIVE_MAX_TOTAL_MB"])
    if unpacked > RATIO_FLOOR and unpacked > max_ratio * max(packed, 1):
        raise _too_compressed(max_ratio)


def _read_through(archive, info):
    """Read one part to its end in chunks (zipfile stops at the declared size and checks the CRC);
    return its first bytes if it is a classifying part, else b""."""
    keep = info.filename in KEPT_PARTS
    head = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            if keep and len(head) < KEPT_BYTES:
                head += chunk[: KEPT_BYTES - len(head)]
    return bytes(head)


def _has_macros(names, content_types):
    for name in names:
        folded = name.casefold()
        if folded.rsplit("/", 1)[-1] in MACRO_PARTS or folded.startswith(MACRO_FOLDERS):
            return True
    folded_types = content_types.lower()
    return any(marker in folded_types for marker in MACRO_CONTENT_TYPES)


def _too_big(mb):
    return _refused(_("The file unpacks to more than %(mb)s MB; it is refused.", mb=mb))


def _too_compressed(ratio):
    return _refused(_("The file is compressed more than %(ratio)s to 1, like a zip bomb; it is refused.", ratio=ratio))


def _refused(message):
    return Invalid(message, {"file": message})
