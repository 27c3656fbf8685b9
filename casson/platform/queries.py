"""Named SQL: one statement per queries/NAME.sql, run with $named parameters bound.

Subfolders give a prefix: queries/import/people_insert.sql is "importer/people_insert". A query
that reads a DataFrame by name declares it in a `-- frame NAME(column TYPE, …)` line; run it
with df_with / execute_with, which register exactly the declared frames (tests create them empty).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from casson.platform.config import QUERIES_DIR

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_FRAME = re.compile(r"^--\s*frame\s+([A-Za-z_]\w*)\s*\((.*)\)\s*$", re.MULTILINE)


def names() -> list[str]:
    """Every query name: the paths under queries/ without .sql ("cohorts",
    "importer/people_insert")."""
    return sorted(p.relative_to(QUERIES_DIR).with_suffix("").as_posix()
                  for p in QUERIES_DIR.rglob("*.sql"))


@cache
def sql(name: str) -> str:
    """The text of a named query; unknown names are a programming error."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"No query named {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def parameters(name: str) -> list[str]:
    """The $named parameters a query expects, in order of first use."""
    seen: dict[str, None] = {}
    for match in _PARAM.finditer(_strip_comments(sql(name))):
        seen.setdefault(match.group(1))
    return list(seen)


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in text.splitlines())


def _bind(name: str, params: dict[str, Any]) -> dict[str, Any]:
    wanted = parameters(name)
    missing = [p for p in wanted if p not in params]
    if missing:
        raise TypeError(f"Query {name!r} needs parameters {missing}")
    return {p: params[p] for p in wanted}


def df(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a named query and return a DataFrame."""
    return con.execute(sql(name), _bind(name, params)).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run a named query and return a list of dicts (column name -> value)."""
    cur = con.execute(sql(name), _bind(name, params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def one(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict[str, Any] | None:
    """Run a named query expected to return at most one row."""
    result = rows(con, name, **params)
    return result[0] if result else None


def one_required(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict[str, Any]:
    """Run a named query that always returns a row (an aggregate, INSERT/UPDATE … RETURNING).

    No row means the query or the data is broken, so it is an error naming the query.
    """
    row = one(con, name, **params)
    if row is None:
        raise LookupError(f"Query {name!r} returned no row; it always should")
    return row


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    """Run a named statement for its effect (INSERT, UPDATE, DELETE)."""
    con.execute(sql(name), _bind(name, params))


def frames(name: str) -> dict[str, str]:
    """The DataFrames a query reads by name, each with its declared columns ("a INT, b VARCHAR")."""
    return {m.group(1): m.group(2) for m in _FRAME.finditer(sql(name))}


def _register(con: duckdb.DuckDBPyConnection, name: str, given: dict[str, pd.DataFrame]) -> None:
    declared = frames(name)
    if set(given) != set(declared):
        raise TypeError(f"Query {name!r} reads frames {sorted(declared)}, given {sorted(given)}")
    for frame, columns in declared.items():
        wanted = [c.split()[0] for c in columns.split(",")]
        missing = [c for c in wanted if c not in given[frame].columns]
        if missing:
            raise TypeError(f"Query {name!r} needs columns {missing} in frame {frame!r}")
        con.register(frame, given[frame])


def _unregister(con: duckdb.DuckDBPyConnection, given: dict[str, pd.DataFrame]) -> None:
    for frame in given:
        con.unregister(frame)


def df_with(con: duckdb.DuckDBPyConnection, name: str, given: dict[str, pd.DataFrame],
            **params: Any) -> pd.DataFrame:
    """A named query over registered DataFrames (its `-- frame` lines), as a DataFrame."""
    _register(con, name, given)
    try:
        return con.execute(sql(name), _bind(name, params)).df()
    finally:
        _unregister(con, given)


def execute_with(con: duckdb.DuckDBPyConnection, name: str, given: dict[str, pd.DataFrame],
                 **params: Any) -> None:
    """A named statement over registered DataFrames (its `-- frame` lines), for its effect."""
    _register(con, name, given)
    try:
        con.execute(sql(name), _bind(name, params))
    finally:
        _unregister(con, given)
