"""Named SQL: one statement per queries/NAME.sql, run with $named parameters bound."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from casson.config import QUERIES_DIR

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def names() -> list[str]:
    """Every query name, i.e. the file names in queries/ without .sql."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


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


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    """Run a named statement for its effect (INSERT, UPDATE, DELETE)."""
    con.execute(sql(name), _bind(name, params))
