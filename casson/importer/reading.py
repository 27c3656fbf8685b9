"""Reading an uploaded file into rows of text: CSV in the encodings and delimiters people's
tools produce, or the first sheet of an XLSX workbook. Nothing here knows the kinds."""

from __future__ import annotations

import csv
import io
import os
import re
import time as clock
import tomllib
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd

from casson.importer.xlsx_parts import column_number, first_sheet
from casson.platform.config import ROOT
from casson.platform.errors import Refused


def _upload_limit_mb() -> int:
    # One limit for the page (Streamlit refuses bigger uploads) and the engine (CLI too).
    try:
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
        return int(config["server"]["maxUploadSize"])
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError):
        return 50


MAX_UPLOAD_MB = _upload_limit_mb()
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_CELL_CHARS = 10_000
CHUNK_ROWS = 20_000

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


class ReadError(Refused):
    """The file cannot be read as a table at all (empty, too big, binary, broken quoting…)."""


@dataclass(frozen=True)
class Limits:
    """What one upload may hold, checked before the cells are parsed (from the zip directory
    and the sheet's declared size) and again while they are read. Settings: env
    CASSON_IMPORT_MAX_ROWS, CASSON_IMPORT_MAX_SHEET_MB, CASSON_IMPORT_MAX_CELLS."""

    rows: int = 200_000          # rows after the header
    sheet_mb: int = 200          # a workbook's XML once unzipped, all parts together
    cells: int = 4_000_000       # rows x columns (and a workbook's distinct strings)

    @classmethod
    def current(cls) -> Limits:
        def setting(name: str, default: int) -> int:
            try:
                return max(1, int(os.environ.get(name, default)))
            except ValueError:
                return default
        return cls(rows=setting("CASSON_IMPORT_MAX_ROWS", cls.rows),
                   sheet_mb=setting("CASSON_IMPORT_MAX_SHEET_MB", cls.sheet_mb),
                   cells=setting("CASSON_IMPORT_MAX_CELLS", cls.cells))

    def too_many_rows(self, rows: int | None = None) -> ReadError:
        """`rows` as the file declares them, else None: the reading passed the limit."""
        has = f"{rows:,}" if rows is not None else f"more than {self.rows:,}"
        return ReadError(f"The file has {has} rows; the "
                         f"limit is {self.rows:,} rows (setting CASSON_IMPORT_MAX_ROWS). Split it "
                         "into smaller files.")

    def too_many_cells(self, cells: int) -> ReadError:
        return ReadError(f"The file has {cells:,} cells or more; the limit is {self.cells:,} cells "
                         "(setting CASSON_IMPORT_MAX_CELLS). Remove unused columns or split it.")


# Progress of a long read, and the way to stop it: `watching(report)` makes read() call
# report(fraction, message) every fraction of a second; an exception raised by report (the
# page's Cancel, or its session gone) stops the reading there.
Report = Callable[[float, str], None]
_WATCH: ContextVar[Report | None] = ContextVar("casson_read_watch", default=None)
REPORT_EVERY_S = 0.25


@contextmanager
def watching(report: Report) -> Iterator[None]:
    """Within the block, read() reports its progress to `report` (which may raise to stop it)."""
    token = _WATCH.set(report)
    try:
        yield
    finally:
        _WATCH.reset(token)


class _Ticker:
    """Calls the watcher at most every REPORT_EVERY_S seconds (each call costs a message)."""

    def __init__(self) -> None:
        self.report = _WATCH.get()
        self.last = 0.0

    def __call__(self, fraction: float, message: str, force: bool = False) -> None:
        if self.report is None:
            return
        now = clock.monotonic()
        if force or now - self.last >= REPORT_EVERY_S:
            self.last = now
            self.report(min(max(fraction, 0.0), 1.0), message)


@dataclass
class Table:
    headers: list[str]
    rows: pd.DataFrame        # one str column per header (positions 0..n-1), cells stripped;
                              # index = file row number
    format: str               # "CSV" or "XLSX"
    encoding: str | None      # e.g. "UTF-8 with BOM", "Windows-1252"; None for XLSX
    delimiter: str | None     # ",", ";" or "\t"; None for XLSX

    @property
    def delimiter_name(self) -> str | None:
        return None if self.delimiter is None else DELIMITERS.get(self.delimiter,
                                                                  repr(self.delimiter))


def read(data: bytes, file_name: str = "", encoding: str | None = None,
         delimiter: str | None = None, limits: Limits | None = None) -> Table:
    """The file's header and rows as text. Raises ReadError with a message for people.

    A file over one of the `limits` (default: the settings) is refused before its cells are
    parsed when its size gives it away, else as soon as the reading passes the limit."""
    limits = limits or Limits.current()
    if len(data) > MAX_BYTES:
        raise ReadError(f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                        f"{MAX_UPLOAD_MB} MB. Split it into smaller files.")
    if not data.strip():
        raise ReadError("The file is empty: there is no header row and no data.")
    name = file_name.lower()
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, limits)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("This is an old Excel .xls workbook: save it as .xlsx or CSV "
                        "and upload that.")
    if name.endswith((".xlsx", ".xlsm")):
        raise ReadError("The file is named .xlsx but is not an Excel workbook (it may be damaged).")
    text, found_encoding, codec = _decode(data, encoding)
    head = text[:65536]  # enough to sniff; the whole text need not stay in memory
    del text
    return _read_csv(data, head, found_encoding, codec, delimiter, limits)


# -- CSV ---------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, str]:
    """(text, encoding as people call it, Python codec)."""
    if encoding:
        try:
            return data.decode(encoding), encoding, encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(f"The file cannot be read as {encoding}: "
                            f"{exc.reason if hasattr(exc, 'reason') else exc}.") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "UTF-16", "utf-16"
        except UnicodeDecodeError:
            raise ReadError("The file starts like UTF-16 text but is damaged.") from None
    if data[:65536].count(b"\x00") > max(3, min(len(data), 65536) // 200):
        raise ReadError("This does not look like a CSV or XLSX file: it contains binary data.")
    # A few NULs are not binary data: the cell check names their rows (see _refuse_control).
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM", "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ReadError(f"The file says it is UTF-8 but byte {exc.start + 3} is not: "
                            "save it again as 'CSV UTF-8'.") from None
    try:
        return data.decode("utf-8"), "UTF-8", "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252", "cp1252"
    except UnicodeDecodeError as exc:
        raise ReadError(f"The file is neither UTF-8 nor Windows-1252 text (byte {exc.start} "
                        "cannot be read): save it as 'CSV UTF-8' and try again.") from None


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of , ; tab outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        try:
            return csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
        except csv.Error:
            return ","
    return best


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _read_csv(data: bytes, text: str, encoding: str, codec: str, delimiter: str | None,
              limits: Limits) -> Table:
    if len(_CONTROL.findall(text[:65536])) > max(3, len(text[:65536]) // 200):
        raise ReadError("This does not look like a CSV file: it is full of control characters "
                        "(binary data).")
    sep = delimiter or _sniff_delimiter(text)
    try:
        # The bytes, not the text: a StringIO of a large file costs four bytes a character.
        raw = pd.read_csv(io.BytesIO(data), encoding=codec, sep=sep, header=None, dtype=str,
                          keep_default_na=False, na_filter=False, skip_blank_lines=False,
                          engine="c", quotechar='"', doublequote=True, chunksize=CHUNK_ROWS)
        # In chunks: the parser's per-cell Python strings never exist for the whole file at once,
        # and a file over the row or cell limit stops within one chunk of it.
        lines = max(1, data.count(b"\n"))
        tick, chunks, rows, width = _Ticker(), [], 0, 0
        for chunk in raw:
            chunks.append(chunk)
            rows, width = rows + len(chunk), max(width, chunk.shape[1])
            if rows > limits.rows + 1:
                raise limits.too_many_rows()
            if rows * width > limits.cells:
                raise limits.too_many_cells(rows * width)
            tick(0.8 * rows / lines, f"Reading the file: {rows:,} rows…")
        raw = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame()
        del chunks
    except pd.errors.ParserError as exc:
        m = _FIELDS.search(str(exc))
        if m:
            want, line, saw = m.groups()
            raise ReadError(f"Row {line} has {saw} values but the header has {want}: check the "
                            "delimiter and that values containing it are quoted.") from None
        if "EOF inside string" in str(exc) or "EOF" in str(exc):
            raise ReadError("A quoted value is never closed (an odd number of \" marks): check "
                            "the quoting in the file.") from None
        raise ReadError(f"The CSV cannot be read: {str(exc).strip()}.") from None
    except pd.errors.EmptyDataError:
        raise ReadError("The file is empty: there is no header row and no data.") from None
    if raw.empty:
        raise ReadError("The file is empty: there is no header row and no data.")
    return _table(raw.fillna(""), "CSV", encoding, sep)


# -- XLSX --------------------------------------------------------------------------------
def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


_OTHER_PART_MB = 20            # workbook.xml, styles, relationships: small in any real workbook
_MAX_PARTS = 10_000
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]{1,3})?\$?(\d+)?"
                        rb"(?::\$?([A-Z]{1,3})\$?(\d+))?\"")
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse, from the zip directory and the sheet's opening bytes alone, a workbook over the
    limits: zipfile never inflates a part beyond the size its directory declares (it fails the
    CRC check instead), so these sizes bound what the parser can be made to read."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError("The file cannot be read as an Excel workbook (.xlsx): it may be "
                        "damaged, password-protected or another kind of file.") from None
    with z:
        if len(infos) > _MAX_PARTS:
            raise ReadError(f"The workbook has {len(infos):,} parts; an Excel workbook has a few "
                            "dozen. It cannot be read.")
        total = sum(i.file_size for i in infos)
        if total > limits.sheet_mb * 1024 * 1024:
            raise ReadError(f"The workbook holds {total / 1024 / 1024:,.0f} MB of sheet data once "
                            f"unzipped; the limit is {limits.sheet_mb:,} MB (setting "
                            "CASSON_IMPORT_MAX_SHEET_MB). Split it into smaller files.")
        sheet = first_sheet(z)
        for info in infos:
            big = info.file_size > _OTHER_PART_MB * 1024 * 1024
            if big and info.filename != sheet and not info.filename.endswith("sharedStrings.xml"):
                raise ReadError(f"The workbook's part {info.filename} is "
                                f"{info.file_size / 1024 / 1024:,.0f} MB unzipped; it cannot be a "
                                "sheet to import. Save the sheet alone as .xlsx or CSV.")
        if sheet is not None and sheet in z.namelist():
            with z.open(sheet) as f:
                m = _DIMENSION.search(f.read(65536))
            if m and m.group(4):
                rows = int(m.group(4)) - int(m.group(2) or 1) + 1
                first = column_number((m.group(1) or b"A").decode())
                cols = column_number(m.group(3).decode()) - first + 1
                if rows > limits.rows + 1:
                    raise limits.too_many_rows(rows - 1)
                if rows * cols > limits.cells:
                    raise limits.too_many_cells(rows * cols)
        strings = next((i for i in infos if i.filename == "xl/sharedStrings.xml"), None)
        if strings is not None and strings.file_size > 1024 * 1024:
            # openpyxl keeps every distinct string in memory: count them before it does.
            count, tail = 0, b""
            with z.open(strings) as f:
                while block := f.read(1024 * 1024):
                    count += len(_SHARED_STRING.findall(tail + block))
                    tail = block[-8:]
                    count -= len(_SHARED_STRING.findall(tail))  # counted again with the next block
                    if count > limits.cells:
                        raise limits.too_many_cells(count)


def _read_xlsx(data: bytes, limits: Limits) -> Table:
    import openpyxl

    _check_zip(data, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException, …
        raise ReadError("The file cannot be read as an Excel workbook (.xlsx): it may be "
                        "damaged, password-protected or another kind of file.") from None
    tick = _Ticker()
    chunks: list[pd.DataFrame] = []
    try:
        sheet = book.worksheets[0]
        declared = sheet.max_row or 0
        batch: list[list[str]] = []
        rows = cells = 0
        # openpyxl's read-only sheet streams the XML: one row of Python objects at a time, gathered
        # in chunks that become compact (Arrow) text columns.
        for values in sheet.iter_rows(values_only=True):
            batch.append([_cell_text(v) for v in values])
            rows, cells = rows + 1, cells + len(values)
            if rows > limits.rows + 1:
                raise limits.too_many_rows()
            if cells > limits.cells:
                raise limits.too_many_cells(cells)
            if len(batch) >= CHUNK_ROWS // 4:
                chunks.append(_frame(batch))
                batch = []
            if rows % 500 == 0:
                tick(0.8 * rows / max(declared, rows + 1),
                     f"Reading the workbook: {rows:,} rows"
                     + (f" of {declared:,}…" if declared else "…"))
        if batch:
            chunks.append(_frame(batch))
    finally:
        book.close()
    if not chunks:
        raise ReadError("The workbook's first sheet is empty: there is no header row and no data.")
    raw = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
    if len({c.shape[1] for c in chunks}) > 1:
        raw = raw.fillna("")  # rows of a narrower chunk
    del chunks
    raw.columns = range(raw.shape[1])
    return _table(raw, "XLSX", None, None)


def _frame(batch: list[list[str]]) -> pd.DataFrame:
    width = max(len(r) for r in batch)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in batch], dtype=str)


# -- both --------------------------------------------------------------------------------
def _table(raw: pd.DataFrame, fmt: str, encoding: str | None, delimiter: str | None) -> Table:
    """Header = the first non-blank row; index = 1-based file row numbers; blank rows gone.

    Cells come back stripped of surrounding spaces (once, here, for every later step)."""
    raw.index = pd.RangeIndex(1, len(raw) + 1)
    _refuse_control(raw)
    # Stripped in place, a column at a time: no second copy of the whole table (`raw` is the
    # reader's own frame).
    for position in raw.columns:
        raw[position] = raw[position].str.strip()
    cells = raw
    empty = cells == ""
    blank = empty.all(axis=1)
    if blank.all():
        raise ReadError("The file has no header row: every row is blank.")
    header_row = int(blank.idxmin())
    headers = [h.replace("\ufeff", "").strip() for h in cells.loc[header_row].tolist()]
    data = (cells.index > header_row) & ~blank.to_numpy()
    # No blank row after the header (the usual case): a slice of the frame, not a copy.
    rows = cells.iloc[header_row:] if data[header_row:].all() else cells.loc[data]
    # Columns with neither a header nor any value (Excel's stray trailing commas) go.
    has_value = (~empty.loc[data]).any().to_numpy()
    keep = [i for i, h in enumerate(headers) if h or has_value[i]]
    if len(keep) < len(headers):
        rows = rows.iloc[:, keep]
    rows.columns = range(len(keep))
    headers = [headers[i] or f"(column {i + 1} without a header)" for i in keep]
    return Table(headers=headers, rows=rows, format=fmt, encoding=encoding, delimiter=delimiter)


_CONTROL_CELL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]"
_CONTROL_NAMES = {0: "NUL", 0x7F: "DEL"}


def _refuse_control(raw: pd.DataFrame) -> None:
    """A control character (NUL, backspace, escape… but not tab or line breaks) anywhere in the
    file is refused with the rows and columns that hold it: such text is never what a person
    typed, and it would be stored (and shown, and exported) invisibly."""
    hits: list[tuple[int, int, str]] = []
    for position in raw.columns:
        found = raw[position].str.contains(_CONTROL_CELL, regex=True)
        if found.any():
            for row in found[found].index[:5]:
                value = raw.at[row, position]
                match = re.search(_CONTROL_CELL, value)
                assert match is not None  # pandas just found it in this cell with the same pattern
                hits.append((int(row), int(position), match.group()))
    if not hits:
        return
    hits.sort()
    first = hits[0]
    code = ord(first[2])
    what = _CONTROL_NAMES.get(code, "a control character")
    where = "; ".join(f"row {r:,}, column {c + 1}" for r, c, _ in hits[:5])
    raise ReadError(f"Row {first[0]:,} holds {what} (U+{code:04X}), which no one types: "
                    f"{where}{' and more' if len(hits) > 5 else ''}. Remove it (it often comes "
                    "from a copy out of another system) and upload the file again.")
