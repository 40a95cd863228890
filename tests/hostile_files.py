"""Hostile archives and sheets built inside the test: big members are streamed in 1 MB chunks of
zeros, so building a 256 MB bomb costs the test a few hundred KB of memory."""

import io
import resource
import zipfile

from openpyxl import Workbook

MB = 1024 * 1024
ZEROS = b"0" * MB
MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
ODT_TYPE = b"application/vnd.oasis.opendocument.text"


def peak_rss_mb():
    """The process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def archive(members):
    """`members` maps name → bytes or an iterable of byte chunks (streamed into the zip)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members.items():
            if isinstance(content, bytes | str):
                zipped.writestr(name, content)
                continue
            with zipped.open(name, "w") as member:
                for chunk in content:
                    member.write(chunk)
    return buffer.getvalue()


def _zeros(mb):
    for _ in range(mb):
        yield ZEROS


def odt_bomb(mb=256):
    """An ODT whose `mimetype` member inflates to `mb` MB (the reported 1.5 MB → 1.5 GB file)."""
    return archive({"mimetype": iter([ODT_TYPE, *_zeros(mb)]), "content.xml": "<office/>"})


def docx_bomb(mb=256):
    return archive(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": iter([b"<w:document>", *_zeros(mb), b"</w:document>"])}
    )


def workbook_members(book=None):
    """The members of a real openpyxl workbook (one empty sheet unless `book` is given)."""
    buffer = io.BytesIO()
    (book or Workbook()).save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsx_with_sheet(chunks, **replace):
    """A real workbook whose first sheet's XML is streamed from `chunks`; other members replaced by name."""
    members = workbook_members()
    members.update(replace)
    members["xl/worksheets/sheet1.xml"] = chunks
    return archive(members)


def sheet_xml(rows, dimension=None):
    """Chunks of worksheet XML: `rows` yields the byte XML of each <row>; no dimension tag unless given."""
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + MAIN_NS + b">"
    if dimension:
        yield b'<dimension ref="' + dimension.encode() + b'"/>'
    yield b"<sheetData>"
    batch, size = [], 0
    for row in rows:
        batch.append(row)
        size += len(row)
        if size >= MB:
            yield b"".join(batch)
            batch, size = [], 0
    yield b"".join(batch) + b"</sheetData></worksheet>"


def cell_row(number, *values):
    cells = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), number, str(v).encode())
        for i, v in enumerate(values)
    )
    return b'<row r="%d">%s</row>' % (number, cells)


def xlsx_bomb(header, mb=256):
    """A workbook whose header row's first cell is `mb` MB of zeros: an XML text node that a parser
    without limits holds in memory whole."""

    def rows():
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
        yield from _zeros(mb)
        yield b"</t></is></c>" + cell_row(1, *header)[len(b'<row r="1">') :]

    return xlsx_with_sheet(sheet_xml(rows()))


def many_rows_xlsx(header, count=1_000_000, dimension=None):
    """`count` one-cell rows under `header` (the reported 4.9 MB sheet that stalled a worker)."""

    def rows():
        yield cell_row(1, *header)
        for n in range(2, count + 1):
            yield b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n)

    return xlsx_with_sheet(sheet_xml(rows(), dimension))


def far_row_xlsx(header, row=1_000_000):
    """A header and one filled row far below it: a reader filling the gap makes a million empty rows."""
    return xlsx_with_sheet(
        sheet_xml(iter([cell_row(1, *header), b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (row, row)]))
    )


def docm():
    """A DOCX carrying a VBA project, whatever its name says."""
    return archive(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 64,
        }
    )


def xlsm_by_content_type():
    """A workbook declared macro-enabled in [Content_Types].xml (no vbaProject.bin member)."""
    members = workbook_members()
    types = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert types != members["[Content_Types].xml"]
    members["[Content_Types].xml"] = types
    return archive(members)


def odt_with_basic_macros():
    return archive({"mimetype": ODT_TYPE, "content.xml": "<office/>", "Basic/Standard/Module1.xml": "<script:module/>"})
