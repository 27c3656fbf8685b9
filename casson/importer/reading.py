"""Reading an uploaded file into rows of text: CSV in the encodings and delimiters people's
tools produce, or the first sheet of an XLSX workbook. Nothing here knows the kinds."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd

from casson.config import ROOT


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


class ReadError(ValueError):
    """The file cannot be read as a table at all (empty, too big, binary, broken quoting…)."""


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
        return None if self.delimiter is None else DELIMITERS.get(self.delimiter, repr(self.delimiter))


def read(data: bytes, file_name: str = "", encoding: str | None = None,
         delimiter: str | None = None) -> Table:
    """The file's header and rows as text. Raises ReadError with a message for people."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                        f"{MAX_UPLOAD_MB} MB. Split it into smaller files.")
    if not data.strip():
        raise ReadError("The file is empty: there is no header row and no data.")
    name = file_name.lower()
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("This is an old Excel .xls workbook: save it as .xlsx or CSV and upload that.")
    if name.endswith((".xlsx", ".xlsm")):
        raise ReadError("The file is named .xlsx but is not an Excel workbook (it may be damaged).")
    text, found_encoding, codec = _decode(data, encoding)
    head = text[:65536]  # enough to sniff; the whole text need not stay in memory
    del text
    return _read_csv(data, head, found_encoding, codec, delimiter)


# -- CSV ---------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, str]:
    """(text, encoding as people call it, Python codec)."""
    if encoding:
        try:
            return data.decode(encoding), encoding, encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(f"The file cannot be read as {encoding}: {exc.reason if hasattr(exc, 'reason') else exc}.") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "UTF-16", "utf-16"
        except UnicodeDecodeError:
            raise ReadError("The file starts like UTF-16 text but is damaged.") from None
    if b"\x00" in data[:65536]:
        raise ReadError("This does not look like a CSV or XLSX file: it contains binary data.")
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


def _read_csv(data: bytes, text: str, encoding: str, codec: str, delimiter: str | None) -> Table:
    if len(_CONTROL.findall(text[:65536])) > max(3, len(text[:65536]) // 200):
        raise ReadError("This does not look like a CSV file: it is full of control characters "
                        "(binary data).")
    sep = delimiter or _sniff_delimiter(text)
    try:
        # The bytes, not the text: a StringIO of a large file costs four bytes a character.
        raw = pd.read_csv(io.BytesIO(data), encoding=codec, sep=sep, header=None, dtype=str,
                          keep_default_na=False, na_filter=False, skip_blank_lines=False,
                          engine="c", quotechar='"', doublequote=True, chunksize=CHUNK_ROWS)
        # In chunks: the parser's per-cell Python strings never exist for the whole file at once.
        raw = pd.concat(list(raw), ignore_index=True)
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


def _read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, KeyError, InvalidFileException, …
        raise ReadError("The file cannot be read as an Excel workbook (.xlsx): it may be "
                        "damaged, password-protected or another kind of file.") from None
    try:
        sheet = book.worksheets[0]
        cells = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    if not cells:
        raise ReadError("The workbook's first sheet is empty: there is no header row and no data.")
    width = max(len(r) for r in cells)
    raw = pd.DataFrame([r + [""] * (width - len(r)) for r in cells], dtype=str)
    raw.columns = range(width)
    return _table(raw, "XLSX", None, None)


# -- both --------------------------------------------------------------------------------
def _table(raw: pd.DataFrame, fmt: str, encoding: str | None, delimiter: str | None) -> Table:
    """Header = the first non-blank row; index = 1-based file row numbers; blank rows gone.

    Cells come back stripped of surrounding spaces (once, here, for every later step)."""
    raw.index = pd.RangeIndex(1, len(raw) + 1)
    cells = raw.apply(lambda col: col.str.strip())
    empty = cells == ""
    blank = empty.all(axis=1)
    if blank.all():
        raise ReadError("The file has no header row: every row is blank.")
    header_row = int(blank.idxmin())
    headers = [h.replace("\ufeff", "").strip() for h in raw.loc[header_row].tolist()]
    data = (cells.index > header_row) & ~blank.to_numpy()
    rows = cells.loc[data] if not data.all() else cells
    # Columns with neither a header nor any value (Excel's stray trailing commas) go.
    has_value = (~empty.loc[data]).any().to_numpy()
    keep = [i for i, h in enumerate(headers) if h or has_value[i]]
    if len(keep) < len(headers):
        rows = rows.iloc[:, keep]
    rows.columns = range(len(keep))
    headers = [headers[i] or f"(column {i + 1} without a header)" for i in keep]
    return Table(headers=headers, rows=rows, format=fmt, encoding=encoding, delimiter=delimiter)
