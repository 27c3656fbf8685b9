"""Hostile and large files for the upload limits: a zip-bomb workbook, big genuine workbooks
and CSVs with a control character deep inside. Written straight as OOXML parts (what Excel and
openpyxl write, with inline strings), so a 200,000-row workbook takes seconds, not minutes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _column(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _row_xml(number: int, values: Iterable[object], strings: dict[str, int]) -> str:
    """A row as Excel writes it: text cells point into the shared strings."""
    cells = []
    for i, v in enumerate(values, start=1):
        ref = f"{_column(i)}{number}"
        if isinstance(v, int | float) and not isinstance(v, bool):
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        elif v not in (None, ""):
            index = strings.setdefault(str(v), len(strings))
            cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def write_xlsx(target: Path | io.BytesIO, rows: Iterable[list[object]], *, width: int,
               height: int | None = None, dimension: bool = True) -> None:
    """A one-sheet workbook of `rows` (the first is the header). `height` (rows, header
    included) is what the sheet's <dimension> declares; without it no <dimension> is written."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = SHEET_HEAD
            if dimension and height:
                head += f'<dimension ref="A1:{_column(width)}{height}"/>'
            sheet.write((head + "<sheetData>").encode())
            buffer: list[str] = []
            strings: dict[str, int] = {}
            for n, row in enumerate(rows, start=1):
                buffer.append(_row_xml(n, row, strings))
                if len(buffer) >= 2000:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
            sheet.write(("".join(buffer) + "</sheetData></worksheet>").encode())
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as sst:
            sst.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://'
                       'schemas.openxmlformats.org/spreadsheetml/2006/main" count="'
                       f'{len(strings)}" uniqueCount="{len(strings)}">').encode())
            sst.write("".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>'
                              for t in strings).encode())
            sst.write(b"</sst>")


def xlsx_bytes(rows: Iterable[list[object]], *, width: int, height: int | None = None,
               dimension: bool = True) -> bytes:
    out = io.BytesIO()
    write_xlsx(out, rows, width=width, height=height, dimension=dimension)
    return out.getvalue()


def zip_bomb_xlsx(target: Path, uncompressed_gb: float = 1.6, width: int = 20) -> None:
    """The probe's bomb: a few MB on disk, `uncompressed_gb` of sheet XML (about 1,000,000
    rows of 20 cells), with no <dimension> so that only the sizes in the zip give it away."""
    row = ("<row>" + '<c t="inlineStr"><is><t>xxxxxxxx</t></is></c>' * width + "</row>").encode()
    block = row * 10_000
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/'
                                                    'spreadsheetml/2006/main"/>')):
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((SHEET_HEAD + "<sheetData>").encode())
            for _ in range(int(uncompressed_gb * 1e9 / len(block))):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


MENTEE_HEADER = ["full_name", "email", "region", "career_stage", "specialty", "employer",
                 "themes", "goals"]
REGIONS = ["London", "Scotland", "Wales", "North West", "South East", "East Midlands"]


def mentee_rows(count: int) -> Iterator[list[object]]:
    """The header, then `count` mentees as a Forms-free upload would carry them."""
    yield MENTEE_HEADER
    for i in range(count):
        yield [f"Mentee Number{i}", f"mentee{i}@example.org", REGIONS[i % len(REGIONS)],
               "early career", "Paediatrics", f"Trust {i % 97} NHS Foundation Trust",
               "confidence; leadership", f"Grow as a leader in year {i % 7}"]


def csv_with_control(rows: int, bad_row: int, char: str = "\x00") -> bytes:
    """A mentees CSV of `rows` data rows whose file row `bad_row` (header = row 1) holds `char`
    inside its name."""
    lines = [",".join(MENTEE_HEADER)]
    for n, values in enumerate(mentee_rows(rows), start=1):
        if n == 1:
            continue
        if n == bad_row:
            values[0] = f"Nu{char}ll Two"
        lines.append(",".join(str(v) for v in values))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
