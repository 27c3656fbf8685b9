"""Helpers for import tests: a fingerprint of the whole database."""

from __future__ import annotations

import hashlib

import duckdb

from casson.platform import db


def table_hashes(con: duckdb.DuckDBPyConnection,
                 imports_up_to: int | None = None) -> dict[str, str]:
    """A hash of every table's rows (sorted, so order does not matter).

    `imports_up_to` limits the imports log to the rows that existed before: an import refused
    is still logged, and that one new log row is checked separately."""
    out = {}
    for table in db.table_names(con):
        where = (f" WHERE id <= {int(imports_up_to)}" if table == "imports"
                 and imports_up_to is not None else "")
        rows = con.execute(f'SELECT * FROM "{table}"{where} ORDER BY ALL').fetchall()
        out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def last_import_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT coalesce(max(id), 0) FROM imports").fetchone()[0]
