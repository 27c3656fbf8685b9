"""The parts of an XLSX package the reader looks at before openpyxl does: which part is the
first sheet, and column letters as numbers (for the sheet's declared size)."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def first_sheet(z: zipfile.ZipFile) -> str | None:
    """The part name of the workbook's first sheet (what openpyxl reads as worksheets[0])."""
    try:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    sheet = book.find("{*}sheets/{*}sheet")
    if sheet is None:
        return None
    rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
    target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else "xl/" + target
