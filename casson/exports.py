"""CSV exports of tables and views, with spreadsheet formula injection neutralised."""

from __future__ import annotations

import io

import duckdb
import pandas as pd

from casson import queries

_PREFIX = "export_"
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


def frame(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """The rows of an exportable table or view, text cells neutralised."""
    if name not in exportable():
        raise KeyError(name)
    df = queries.df(con, _PREFIX + name)
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].map(neutralise)
    return df


def to_csv(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """An exportable table or view as CSV text (UTF-8, comma, header row)."""
    buf = io.StringIO()
    frame(con, name).to_csv(buf, index=False)
    return buf.getvalue()
