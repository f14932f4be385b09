"""Workbooks that are zip bombs: a few hundred KB on disk, hundreds of MB once expanded.

`xlsx_bomb(kind)` gives the bytes of an .xlsx (also valid as .xlsm) whose sheet1.xml is
- "zeros": a 210 MB stream of zero bytes (what the usual bomb holds);
- "cells": 210 MB of well-formed rows of inline-string cells (a parser would build millions of cells);
and `lying_sizes(data)` rewrites the sizes the archive declares for its members to small numbers, so a
check that trusts the central directory sees a 1 KB workbook.
`ods_bomb()` is an OpenDocument spreadsheet whose content.xml is the zero stream.
"""
from __future__ import annotations

import io
import struct
import zipfile

EXPANDED = 210 * 1024 * 1024
CHUNK = 4 * 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"
ROW = '<row><c t="inlineStr"><is><t>Paraguay</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>'


def _stream(zf: zipfile.ZipFile, name: str, head: bytes, unit: bytes, tail: bytes) -> None:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 9  # what ZipFile.open uses for a ZipInfo it is given
    with zf.open(info, "w", force_zip64=True) as out:
        out.write(head)
        block = unit * max(1, CHUNK // len(unit))
        written = len(head)
        while written < EXPANDED:
            out.write(block)
            written += len(block)
        out.write(tail)


def _zip(members: dict[str, str], big_name: str, head: bytes, unit: bytes, tail: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in members.items():
            zf.writestr(name, text)
        _stream(zf, big_name, head, unit, tail)
    return buffer.getvalue()


def xlsx_bomb(kind: str = "zeros") -> bytes:
    members = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "xl/workbook.xml": WORKBOOK,
               "xl/_rels/workbook.xml.rels": WORKBOOK_RELS}
    if kind == "zeros":
        return _zip(members, "xl/worksheets/sheet1.xml", b"", b"\x00", b"")
    if kind == "cells":
        return _zip(members, "xl/worksheets/sheet1.xml", SHEET_HEAD.encode(), ROW.encode(), SHEET_TAIL.encode())
    raise ValueError(kind)


def ods_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        info = zipfile.ZipInfo("mimetype")
        zf.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")  # stored, first
        zf.writestr("META-INF/manifest.xml",
                    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                    'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    '</manifest:manifest>')
        _stream(zf, "content.xml", b"", b"\x00", b"")
    return buffer.getvalue()


def lying_sizes(data: bytes, claimed: int = 1024) -> bytes:
    """The same archive, but every member's declared uncompressed size (local header, central directory
    and ZIP64 extra fields) says `claimed` bytes."""
    out = bytearray(data)
    pos = 0
    while True:
        pos = out.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len, extra_len = struct.unpack_from("<HH", out, pos + 28)
        if struct.unpack_from("<I", out, pos + 24)[0] == 0xFFFFFFFF:
            extra = pos + 46 + name_len
            end = extra + extra_len
            while extra + 4 <= end:
                tag, size = struct.unpack_from("<HH", out, extra)
                if tag == 0x0001 and size >= 8:
                    struct.pack_into("<Q", out, extra + 4, claimed)
                extra += 4 + size
        else:
            struct.pack_into("<I", out, pos + 24, claimed)
        local = struct.unpack_from("<I", out, pos + 42)[0]
        if out[local:local + 4] == b"PK\x03\x04":
            lname, lextra = struct.unpack_from("<HH", out, local + 26)
            if struct.unpack_from("<I", out, local + 22)[0] == 0xFFFFFFFF:
                extra = local + 30 + lname
                end = extra + lextra
                while extra + 4 <= end:
                    tag, size = struct.unpack_from("<HH", out, extra)
                    if tag == 0x0001 and size >= 8:
                        struct.pack_into("<Q", out, extra + 4, claimed)
                    extra += 4 + size
            else:
                struct.pack_into("<I", out, local + 22, claimed)
        pos += 4
    return bytes(out)
