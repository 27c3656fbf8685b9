"""CSV exports of tables and views, with spreadsheet formula injection neutralised."""

from __future__ import annotations

import io

import duckdb
import pandas as pd

from casson.platform import queries

_PREFIX = "platform/export_"
# A cell starting with one of these is run as a formula by Excel or LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def exportable() -> list[str]:
    """The names `export TABLE` accepts: one per queries/export_*.sql."""
    return [n[len(_PREFIX):] for n in queries.names() if n.startswith(_PREFIX)]


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would execute with an apostrophe; leave the rest."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of df whose text cells cannot run as spreadsheet formulas."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def frame(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """The rows of an exportable table or view, text cells neutralised."""
    if name not in exportable():
        raise KeyError(name)
    return neutralise_frame(queries.df(con, _PREFIX + name))


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Any DataFrame (a filtered table, a chart's data) as neutralised UTF-8 CSV with a BOM,
    so that Excel opens accents and £ signs correctly."""
    return neutralise_frame(df).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """Any DataFrame as an XLSX workbook; text is neutralised and written as text, not formulas."""
    out = neutralise_frame(df)
    for col in out.columns:  # Excel has no time zones; keep the wall-clock time
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        out.to_excel(writer, sheet_name=sheet[:31], index=False)
        for row in writer.sheets[sheet[:31]].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never "f": a leading = stays text
    return buf.getvalue()


def to_csv(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """An exportable table or view as CSV text (UTF-8, comma, header row)."""
    buf = io.StringIO()
    frame(con, name).to_csv(buf, index=False)
    return buf.getvalue()


def names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What `export` accepts: every export query (views in import format) and every table."""
    from casson.platform import db

    return sorted(set(exportable()) | set(db.table_names(con)))


def table_csv(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """An export query's rows, else every row of that base table of the schema, as CSV text
    (neutralised). The table name is checked against the schema's own list, never trusted."""
    from casson.platform import db

    if name in exportable():
        return to_csv(con, name)
    if name not in db.table_names(con):
        raise KeyError(name)
    buf = io.StringIO()
    table = neutralise_frame(con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').df())
    table.to_csv(buf, index=False)
    return buf.getvalue()
