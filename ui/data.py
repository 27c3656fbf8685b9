"""The app's one DuckDB connection and cached readers over the domain package."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from casson.mentoring import cohorts as mentoring_cohorts
from casson.outcomes import kpis
from casson.platform import config, db

QUERY_TTL_S = 30
T = TypeVar("T")


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
def _fetched(reader: str, db_key: str, params: tuple[tuple[str, Any], ...]) -> Any:
    module, _, name = reader.rpartition(".")
    with cursor() as cur:
        return getattr(importlib.import_module(module), name)(cur, **dict(params))


def fetch(reader: Callable[..., T], **params: Any) -> T:
    """A domain reader's result, `reader(cursor, **params)`, cached briefly per database file.

    The one way a page reads: through a casson function (which runs its named SQL), never SQL of
    its own. Only casson's readers are cached by name; anything else is a programming error.
    """
    where = f"{reader.__module__}.{reader.__qualname__}"
    if not reader.__module__.startswith("casson.") or "." in reader.__qualname__:
        raise TypeError(f"fetch reads through a casson module's function, not {where}")
    return _fetched(where, db_file(), tuple(sorted(params.items())))


def cohort_kpis(cohort: str) -> dict[str, Any]:
    return fetch(kpis.cohort_kpis, cohort=cohort)


def latest_surveyed_cohort() -> str | None:
    """The newest cohort with survey responses: the one trustees most likely want first."""
    for cohort in cohorts()["id"]:
        k = cohort_kpis(cohort)
        if k["mentor_responses"] + k["mentee_responses"]:
            return cohort
    return None


def cohorts() -> pd.DataFrame:
    return fetch(mentoring_cohorts.frame)


def cohort_name(cohort_id: str) -> str:
    """A cohort as a person reads it (cohorts.labels): its name, not its id."""
    return mentoring_cohorts.labels(cohorts()).get(cohort_id, cohort_id)


def clear_caches() -> None:
    """After a write: drop cached query results so every page shows the change."""
    st.cache_data.clear()
