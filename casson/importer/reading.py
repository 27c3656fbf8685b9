"""Reading an uploaded file into rows of text: CSV in the encodings and delimiters people's
tools produce, a sheet of an XLSX workbook (workbooks.py), or an attendance report of Teams or
Zoom (reports.py). Nothing here knows the kinds: a caller may pass `choose` to pick the sheet of
a workbook that fits, from the tables of all its sheets."""

from __future__ import annotations

import csv
import io
import re
import time as clock
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd

from casson.importer import reports, workbooks
from casson.importer.bounds import (
    CHUNK_ROWS,
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_UPLOAD_MB,
    Limits,
    ReadError,
)

__all__ = ["CHUNK_ROWS", "MAX_BYTES", "MAX_CELL_CHARS", "MAX_UPLOAD_MB", "Limits", "ReadError",
           "Report", "Table", "read", "watching"]

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


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


class Ticker:
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
    sheet: str | None = None                              # the workbook's sheet read
    sheets: list[str] = field(default_factory=list)       # every sheet of the workbook
    notes: list[str] = field(default_factory=list)        # rows skipped above the header, …
    report: str | None = None  # "Microsoft Teams attendance report", …: read with no mapping
    unmatched: list[str] = field(default_factory=list)    # a report's people without an email

    @property
    def delimiter_name(self) -> str | None:
        return None if self.delimiter is None else DELIMITERS.get(self.delimiter,
                                                                  repr(self.delimiter))


Choose = Callable[[list[Table]], Table]


def read(data: bytes, file_name: str = "", encoding: str | None = None,
         delimiter: str | None = None, limits: Limits | None = None, sheet: str | None = None,
         choose: Choose | None = None) -> Table:
    """The file's header and rows as text. Raises ReadError with a message for people.

    A file over one of the `limits` (default: the settings) is refused before its cells are
    parsed when its size gives it away, else as soon as the reading passes the limit. `sheet`
    names the workbook's sheet to read; else `choose` picks among the sheets with a header
    (default: the first)."""
    limits = limits or Limits.current()
    if len(data) > MAX_BYTES:
        raise ReadError(f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                        f"{MAX_UPLOAD_MB} MB. Split it into smaller files.")
    if not data.strip():
        raise ReadError("The file is empty: there is no header row and no data.")
    name = file_name.lower()
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, limits, sheet, choose)
    if data[:8] == workbooks.OLE_MAGIC:
        raise ReadError(workbooks.ole_problem(data))
    if name.endswith((".xlsx", ".xlsm")):
        raise ReadError("The file is named .xlsx but is not an Excel workbook (it may be damaged).")
    if sheet:
        raise ReadError(f"The file is a CSV, which has no sheets: leave out the sheet {sheet!r}.")
    text, found_encoding, codec = _decode(data, encoding)
    found = reports.recognise(text)
    if found is not None:
        return _report_table(found, found_encoding)
    head = text[:65536]  # enough to sniff; the whole text need not stay in memory
    del text
    return _read_csv(data, head, found_encoding, codec, delimiter, limits)


def _report_table(found: reports.Found, encoding: str) -> Table:
    rows = pd.DataFrame(found.rows, columns=range(len(found.headers)), dtype=str)
    rows.index = pd.Index(found.row_numbers)
    return Table(headers=list(found.headers), rows=rows, format="CSV", encoding=encoding,
                 delimiter=found.delimiter, notes=list(found.notes), report=found.source,
                 unmatched=list(found.unmatched))


# -- CSV ---------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, str]:
    """(text, encoding as people call it, Python codec)."""
    if encoding:
        try:
            return data.decode(encoding), encoding, encoding
        except (UnicodeDecodeError, LookupError) as exc:
            why = exc.reason if hasattr(exc, 'reason') else exc
            raise ReadError(f"The file cannot be read as {encoding}: {why}.") from None
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


_SEP_LINE = re.compile(r"\ufeff?\"?sep=(.)\"?[,;\t]*\s*$", re.IGNORECASE)


def _fields(line: str, sep: str) -> int:
    """How many non-empty values a line holds (quotes respected)."""
    try:
        return sum(1 for v in next(csv.reader([line], delimiter=sep)) if v.strip())
    except (csv.Error, StopIteration):
        return 1


def _first_value(line: str, sep: str) -> str:
    try:
        values = [v.strip() for v in next(csv.reader([line], delimiter=sep)) if v.strip()]
    except (csv.Error, StopIteration):
        values = [line.strip()]
    return values[0] if values else ""


def _leading(text: str, delimiter: str | None) -> tuple[str, int, list[str]]:
    """(delimiter, lines to skip, notes): Excel's `sep=;` first line gives the delimiter; title
    lines (one value) and blank lines above a header of several columns are skipped, and said."""
    lines = text.splitlines()[:60]
    skip, notes, sep = 0, [], delimiter
    if lines and (m := _SEP_LINE.match(lines[0])):
        sep, skip = sep or m.group(1), 1
        notes.append(f"Row 1 is Excel's delimiter line ({lines[0].strip()!r}): the file is read "
                     f"as {DELIMITERS.get(m.group(1), repr(m.group(1)))}-separated.")
    sep = sep or _sniff_delimiter("\n".join(lines[skip:]))
    above: list[tuple[int, str]] = []
    for number, line in enumerate(lines[skip:], start=skip + 1):
        if _fields(line, sep) >= 2:
            break
        above.append((number, _first_value(line, sep)))
    else:
        above = []  # a file of one column: its first line is the header
    if above:
        notes.append(skipped_note(above, skip + len(above) + 1))
    return sep, skip + len(above), notes


def skipped_note(above: list[tuple[int, str]], header_row: int) -> str:
    described = ", ".join(f"row {n} ({text!r})" if text else f"row {n} (blank)"
                          for n, text in above[:6])
    more = " and more" if len(above) > 6 else ""
    return f"Skipped above the header: {described}{more}. The header is row {header_row}."


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _read_csv(data: bytes, text: str, encoding: str, codec: str, delimiter: str | None,
              limits: Limits) -> Table:
    if len(_CONTROL.findall(text[:65536])) > max(3, len(text[:65536]) // 200):
        raise ReadError("This does not look like a CSV file: it is full of control characters "
                        "(binary data).")
    sep, skip, notes = _leading(text, delimiter)
    try:
        # The bytes, not the text: a StringIO of a large file costs four bytes a character.
        raw = pd.read_csv(io.BytesIO(data), encoding=codec, sep=sep, header=None, dtype=str,
                          keep_default_na=False, na_filter=False, skip_blank_lines=False,
                          engine="c", quotechar='"', doublequote=True, chunksize=CHUNK_ROWS,
                          skiprows=skip)
        # In chunks: the parser's per-cell Python strings never exist for the whole file at once,
        # and a file over the row or cell limit stops within one chunk of it.
        lines = max(1, data.count(b"\n"))
        tick, chunks, rows, width = Ticker(), [], 0, 0
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
    table = _table(raw.fillna(""), "CSV", encoding, sep, first_row=skip + 1)
    table.notes[:0] = notes
    return table


# -- XLSX --------------------------------------------------------------------------------
def _read_xlsx(data: bytes, limits: Limits, sheet: str | None, choose: Choose | None) -> Table:
    z = workbooks.open_zip(data)
    tick = Ticker()
    with z:
        workbooks.check_zip(z, limits)
        names = [n for n, _part in workbooks.sheet_parts(z)]
        if sheet is not None and sheet not in names:
            raise ReadError(f"The workbook has no sheet {sheet!r}: its sheets are "
                            + ", ".join(repr(n) for n in names) + ".")

        def count(rows: int, cells: int, name: str, total: int) -> None:
            if rows > limits.rows + 1:
                raise limits.too_many_rows()
            if cells > limits.cells:
                raise limits.too_many_cells(cells)
            tick(0.8 * min(rows / max(limits.rows, 1), 1.0),
                 f"Reading the workbook's sheet {name!r}: {rows:,} rows of {total:,}…")

        try:
            sheets = workbooks.read_sheets(data, z, sheet, count)
        except workbooks.UNREADABLE:  # calamine's XmlError, ZipError, …; a watcher's stop passes
            raise ReadError(workbooks.DAMAGED) from None
    names = [s.name for s in sheets]
    tables = []
    for s in sheets:
        if s.raw is None or s.raw.empty or not (s.raw != "").to_numpy().any():
            continue
        table = _table(s.raw, "XLSX", None, None)
        table.sheet, table.sheets = s.name, names
        tables.append(table)
    if not tables:
        which = f"sheet {sheet!r}" if sheet else "workbook"
        raise ReadError(f"The {which} is empty: there is no header row and no data.")
    chosen = choose(tables) if choose is not None and len(tables) > 1 else tables[0]
    if len(names) > 1:
        how = "the sheet you chose" if sheet else "the sheet whose header fits"
        others = ", ".join(repr(n) for n in names if n != chosen.sheet)
        chosen.notes.insert(0, f"Read the sheet {chosen.sheet!r} ({how}) of {len(names)} "
                               f"sheets; not read: {others}.")
    return chosen


# -- both --------------------------------------------------------------------------------
def _table(raw: pd.DataFrame, fmt: str, encoding: str | None, delimiter: str | None,
           first_row: int = 1) -> Table:
    """Header = the first row of several values (title rows of one value and blank rows above
    it are skipped, and said); index = 1-based file row numbers; blank rows gone.

    Cells come back stripped of surrounding spaces (once, here, for every later step)."""
    raw.index = pd.RangeIndex(first_row, len(raw) + first_row)
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
    header_row, notes = _header_row(cells, empty, blank)
    headers = [h.replace("\ufeff", "").strip() for h in cells.loc[header_row].tolist()]
    data = (cells.index > header_row) & ~blank.to_numpy()
    after = header_row - first_row + 1   # the header's position + 1
    # No blank row after the header (the usual case): a slice of the frame, not a copy.
    rows = cells.iloc[after:] if data[after:].all() else cells.loc[data]
    # Columns with neither a header nor any value (Excel's stray trailing commas) go.
    has_value = (~empty.loc[data]).any().to_numpy()
    keep = [i for i, h in enumerate(headers) if h or has_value[i]]
    if len(keep) < len(headers):
        rows = rows.iloc[:, keep]
    rows.columns = range(len(keep))
    headers = [headers[i] or f"(column {i + 1} without a header)" for i in keep]
    return Table(headers=headers, rows=rows, format=fmt, encoding=encoding, delimiter=delimiter,
                 notes=notes)


def _header_row(cells: pd.DataFrame, empty: pd.DataFrame, blank: pd.Series
                ) -> tuple[int, list[str]]:
    """The header's row number, and a note naming the rows skipped above it: a title row holds
    one value, and the header is the first row of several (when there is one)."""
    first = int(blank.idxmin())
    filled = (~empty.iloc[:60]).sum(axis=1)
    wide = filled[filled >= 2]
    header = first if wide.empty or int(filled.loc[first]) >= 2 else int(wide.index[0])
    above = []
    for n in cells.index[: cells.index.get_loc(header)]:
        values = [v for v in cells.loc[n].tolist() if v != ""]
        above.append((int(n), values[0] if values else ""))
    if not above:
        return header, []
    return header, [skipped_note(above, header)]


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
