"""Workbooks written as Excel writes them, part by part (shared strings, a styles part with date
formats, several sheets, formulas with their cached values and error values), so the import
reads what a coordinator's saved workbook really holds. openpyxl cannot write a formula's cached
value, which is exactly what an import reads."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
EPOCH = datetime(1899, 12, 30)


@dataclass(frozen=True)
class Formula:
    """A formula cell as saved: the formula text and the value Excel computed last."""

    formula: str
    cached: object  # str, number, or an error such as "#N/A" (error=True)
    error: bool = False


def _column(n: int) -> str:
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _serial(value: date) -> float:
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    return (moment - EPOCH).total_seconds() / 86400


def _cell(ref: str, value: object, strings: dict[str, int]) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Formula):
        f = f"<f>{escape(value.formula)}</f>"
        if value.error:
            return f'<c r="{ref}" t="e">{f}<v>{escape(str(value.cached))}</v></c>'
        if isinstance(value.cached, str):
            return f'<c r="{ref}" t="str">{f}<v>{escape(value.cached)}</v></c>'
        return f'<c r="{ref}">{f}<v>{value.cached}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime):
        return f'<c r="{ref}" s="2"><v>{_serial(value)!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="1"><v>{int(_serial(value))}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    index = strings.setdefault(str(value), len(strings))
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def _sheet(rows: list[list[object]], strings: dict[str, int]) -> str:
    width = max((len(r) for r in rows), default=1)
    body = []
    for n, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_column(i)}{n}", v, strings) for i, v in enumerate(row, start=1))
        body.append(f'<row r="{n}">{cells}</row>' if cells else "")
    dim = f"A1:{_column(width)}{max(len(rows), 1)}"
    return (
        f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="{dim}"/>'
        f"<sheetData>{''.join(body)}</sheetData></worksheet>"
    )


STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><fonts count="1"><font><sz val="11"/>'
    '<name val="Aptos Narrow"/></font></fonts><fills count="1"><fill><patternFill '
    'patternType="none"/></fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


def _put(z: zipfile.ZipFile, name: str, text: str) -> None:
    # A fixed date in every part, so the corpus builds to the same bytes each time.
    z.writestr(
        zipfile.ZipInfo(name, date_time=(2022, 10, 3, 9, 0, 0)),
        text,
        compress_type=zipfile.ZIP_DEFLATED,
    )


def workbook(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    """The bytes of an .xlsx with these sheets (name, rows), in order."""
    strings: dict[str, int] = {}
    parts = {
        f"xl/worksheets/sheet{i}.xml": _sheet(rows, strings)
        for i, (_name, rows) in enumerate(sheets, start=1)
    }
    overrides = "".join(
        f'<Override PartName="/{p}" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/>'
        for p in parts
    )
    types = (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        + overrides
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sharedStrings+xml"/></Types>'
    )
    book = (
        f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        + "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (name, _rows) in enumerate(sheets, start=1)
        )
        + "</sheets></workbook>"
    )
    n = len(sheets)
    rels = (
        f'{HEAD}<Relationships xmlns="{PKG}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    sst = (
        f'{HEAD}<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in strings)
        + "</sst>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        _put(z, "[Content_Types].xml", types)
        _put(
            z,
            "_rels/.rels",
            f'{HEAD}<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        _put(z, "xl/workbook.xml", book)
        _put(z, "xl/_rels/workbook.xml.rels", rels)
        _put(z, "xl/styles.xml", STYLES)
        for name, xml in parts.items():
            _put(z, name, xml)
        _put(z, "xl/sharedStrings.xml", sst)
    return out.getvalue()
