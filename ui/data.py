"""The app's one DuckDB connection and cached readers over the domain package."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from casson.outcomes import kpis
from casson.platform import config, db, queries

QUERY_TTL_S = 30


def db_file() -> str:
    return str(config.db_path())


# One connection per database file and process (it holds the file); callers take a cursor per
# call. Held here, not in st.cache_resource: any browser can ask Streamlit to clear its caches
# (a websocket `clear_cache`), and closing the connection under other sessions' cursors crashed
# their pages. Only release_connection (our own compaction, tests) closes it.
_connections: dict[str, duckdb.DuckDBPyConnection] = {}
_connections_lock = threading.Lock()


def _connection(path: str) -> duckdb.DuckDBPyConnection:
    con = _connections.get(path)
    if con is None:
        with _connections_lock:
            con = _connections.get(path)
            if con is None:
                con = _connections[path] = db.connect(path)
    return con


def release_connection(path: str | None = None) -> None:
    """Close the app's connection to `path` (every file when None) so the file is free
    (compaction, tests); the next read reopens it."""
    with _connections_lock:
        for key in [path] if path is not None else list(_connections):
            con = _connections.pop(key, None)
            if con is not None:
                con.close()


@contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor on the shared connection, closed after use."""
    cur = _connection(db_file()).cursor()
    try:
        yield cur
    finally:
        cur.close()


@st.cache_data(ttl=QUERY_TTL_S, show_spinner=False)
def query_df(name: str, db_key: str | None = None, **params: Any) -> pd.DataFrame:
    """A named query's rows, cached briefly per database file (`db_key` is part of the key)."""
    with cursor() as cur:
        return queries.df(cur, name, **params)


def read(name: str, **params: Any) -> pd.DataFrame:
    return query_df(name, db_file(), **params)


@st.cache_data(ttl=QUERY_TTL_S, show_spinner=False)
def _cohort_kpis(cohort: str, db_key: str) -> dict[str, Any]:
    with cursor() as cur:
        return kpis.cohort_kpis(cur, cohort)


def cohort_kpis(cohort: str) -> dict[str, Any]:
    return _cohort_kpis(cohort, db_file())


def latest_surveyed_cohort() -> str | None:
    """The newest cohort with survey responses: the one trustees most likely want first."""
    for cohort in cohorts()["id"]:
        k = cohort_kpis(cohort)
        if k["mentor_responses"] + k["mentee_responses"]:
            return cohort
    return None


def cohorts() -> pd.DataFrame:
    return read("mentoring/cohorts")


def clear_caches() -> None:
    """After a write: drop cached query results so every page shows the change."""
    st.cache_data.clear()
