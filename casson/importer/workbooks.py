"""Reading an Excel workbook (.xlsx) into raw text rows, one frame per sheet, within the limits.

The zip directory is checked first (reading.check_zip: a zip bomb is refused before any cell is
parsed); then python-calamine (Rust) reads the cells, ten times faster than openpyxl. Calamine
reads a formula's error value (#N/A, #REF!…) as an empty cell, so those cells are found in the
sheet's XML and put back as the error text: validation then refuses them by row and column.
An OLE compound file is either an old .xls or an encrypted (sensitivity-labelled) workbook, told
apart by olefile: an encrypted one holds EncryptionInfo and EncryptedPackage streams."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree

import olefile  # type: ignore[import-untyped]
import pandas as pd
import python_calamine

from casson.importer.bounds import Limits, ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BATCH_ROWS = 5_000


@dataclass
class Sheet:
    name: str
    part: str | None  # its XML part in the zip (for the error cells)
    raw: pd.DataFrame | None  # str columns 0..n-1; None: not read (another sheet was asked)


_OTHER_PART_MB = 20  # workbook.xml, styles, relationships: small in any real workbook
_MAX_PARTS = 10_000
_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})?\$?(\d+)?"
    rb"(?::\$?([A-Z]{1,3})\$?(\d+))?\""
)
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
UNREADABLE = (
    python_calamine.CalamineError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    OSError,
    UnicodeDecodeError,
)
DAMAGED = (
    "The file cannot be read as an Excel workbook (.xlsx): it may be damaged or another "
    "kind of file."
)


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(DAMAGED) from None


def check_zip(z: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse, from the zip directory and the sheets' opening bytes alone, a workbook over the
    limits: zipfile never inflates a part beyond the size its directory declares (it fails the
    CRC check instead), so these sizes bound what the parser can be made to read."""
    infos = z.infolist()
    if len(infos) > _MAX_PARTS:
        raise ReadError(
            f"The workbook has {len(infos):,} parts; an Excel workbook has a few "
            "dozen. It cannot be read."
        )
    total = sum(i.file_size for i in infos)
    if total > limits.sheet_mb * 1024 * 1024:
        raise ReadError(
            f"The workbook holds {total / 1024 / 1024:,.0f} MB of sheet data once "
            f"unzipped; the limit is {limits.sheet_mb:,} MB (setting "
            "CASSON_IMPORT_MAX_SHEET_MB). Split it into smaller files."
        )
    sheets = {part for _name, part in sheet_parts(z) if part}
    for info in infos:
        big = info.file_size > _OTHER_PART_MB * 1024 * 1024
        if big and info.filename not in sheets and not info.filename.endswith("sharedStrings.xml"):
            raise ReadError(
                f"The workbook's part {info.filename} is "
                f"{info.file_size / 1024 / 1024:,.0f} MB unzipped; it cannot be a "
                "sheet to import. Save the sheet alone as .xlsx or CSV."
            )
    names = set(z.namelist())
    for sheet in sheets & names:
        _check_dimension(z, sheet, limits)
    strings = next((i for i in infos if i.filename == "xl/sharedStrings.xml"), None)
    if strings is not None and strings.file_size > 1024 * 1024:
        _count_strings(z, strings, limits)


def _check_dimension(z: zipfile.ZipFile, sheet: str, limits: Limits) -> None:
    with z.open(sheet) as f:
        m = _DIMENSION.search(f.read(65536))
    if m and m.group(4):
        rows = int(m.group(4)) - int(m.group(2) or 1) + 1
        cols = (
            _column_number(m.group(3).decode()) - _column_number((m.group(1) or b"A").decode()) + 1
        )
        if rows > limits.rows + 1:
            raise limits.too_many_rows(rows - 1)
        if rows * cols > limits.cells:
            raise limits.too_many_cells(rows * cols)


def _count_strings(z: zipfile.ZipFile, strings: zipfile.ZipInfo, limits: Limits) -> None:
    # The reader keeps every distinct string in memory: count them before it does.
    count, tail = 0, b""
    with z.open(strings) as f:
        while block := f.read(1024 * 1024):
            count += len(_SHARED_STRING.findall(tail + block))
            tail = block[-8:]
            count -= len(_SHARED_STRING.findall(tail))  # counted again with the next block
            if count > limits.cells:
                raise limits.too_many_cells(count)


def ole_problem(data: bytes) -> str:
    """Why an OLE compound file cannot be imported, for people."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        streams = {"/".join(s).lower() for s in ole.listdir()}
        ole.close()
    except Exception:  # a damaged compound file: olefile raises OSError, ValueError, …
        streams = set()
    if {"encryptioninfo", "encryptedpackage"} <= streams:
        return (
            "This workbook is encrypted or protected (a password or a sensitivity label): "
            "the import cannot open it, and never asks for a password. Open it in Excel, "
            "save an unprotected copy (File > Info > Protect Workbook, or set the label to "
            "one without encryption), and upload that."
        )
    return "This is an old Excel .xls workbook: save it as .xlsx or CSV and upload that."


def sheet_parts(z: zipfile.ZipFile) -> list[tuple[str, str | None]]:
    """(name, part) of every sheet, in the workbook's order."""
    try:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return []
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    out: list[tuple[str, str | None]] = []
    for sheet in book.iterfind("{*}sheets/{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid)
        part = None
        if target:
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out.append((sheet.get("name") or "", part))
    return out


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*\bt=\"e\"[^>]*)>(.*?)</(?:\w+:)?c>", re.S)
_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def error_cells(z: zipfile.ZipFile, part: str | None) -> dict[tuple[int, int], str]:
    """{(row, column), 1-based: error text} of the sheet's cells that hold a formula's error."""
    if part is None or part not in z.namelist():
        return {}
    found: dict[tuple[int, int], str] = {}
    tail = b""
    with z.open(part) as f:
        while block := f.read(1 << 20):
            chunk = tail + block
            cut = chunk.rfind(b"</row>")
            cut = len(chunk) if cut < 0 else cut + 6
            if b't="e"' in chunk[:cut]:
                for m in _ERROR_CELL.finditer(chunk[:cut]):
                    ref, value = _REF.search(m.group(1)), _VALUE.search(m.group(2))
                    if ref and value:
                        key = (int(ref.group(2)), _column_number(ref.group(1).decode()))
                        found[key] = value.group(1).decode("utf-8", "replace")
            tail = chunk[cut:]
    return found


# count(rows, cells, sheet name, the sheet's rows in all) after every batch: raises to stop a
# read over a limit.
Count = Callable[[int, int, str, int], None]


def read_sheets(data: bytes, z: zipfile.ZipFile, wanted: str | None, count: Count) -> list[Sheet]:
    """Every sheet's rows as text (only `wanted`, when given). `count(rows, cells, name, total)`
    is called every batch and raises to stop over a limit (and reports progress)."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    parts = dict(sheet_parts(z))
    sheets: list[Sheet] = []
    with book:
        for name in book.sheet_names:
            if wanted is not None and name != wanted:
                sheets.append(Sheet(name, parts.get(name), None))
                continue
            try:
                sheet = book.get_sheet_by_name(name)
            except python_calamine.CalamineError:
                if wanted is not None:
                    raise
                continue  # a chart sheet or a damaged one: another sheet may hold the data
            errors = error_cells(z, parts.get(name))
            first_col = (sheet.start or (0, 0))[1]
            sheets.append(
                Sheet(name, parts.get(name), _rows(sheet, errors, first_col, name, count))
            )
    return sheets


def _rows(
    sheet: python_calamine.CalamineSheet,
    errors: dict[tuple[int, int], str],
    first_col: int,
    name: str,
    count: Count,
) -> pd.DataFrame:
    chunks: list[pd.DataFrame] = []
    batch: list[list[str]] = []
    rows = cells = 0
    total = sheet.height
    for values in sheet.iter_rows():
        # Most cells are text already: only the others go through cell_text (hot loop).
        texts = [""] * first_col + [v if v.__class__ is str else cell_text(v) for v in values]
        batch.append(texts)
        rows, cells = rows + 1, cells + len(texts)
        if len(batch) >= BATCH_ROWS:
            count(rows, cells, name, total)
            chunks.append(_frame(batch))
            batch = []
    count(rows, cells, name, total)
    if batch:
        chunks.append(_frame(batch))
    if not chunks:
        return pd.DataFrame()
    raw = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    raw = raw.fillna("")
    raw.columns = range(raw.shape[1])
    for (row, col), text in errors.items():
        if row <= len(raw):
            if col > raw.shape[1]:
                for extra in range(raw.shape[1], col):
                    raw[extra] = ""
            raw.iat[row - 1, col - 1] = text
    return raw


def _frame(batch: list[list[str]]) -> pd.DataFrame:
    width = max(len(r) for r in batch)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in batch], dtype=str)
