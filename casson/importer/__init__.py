"""Imports of CSV and XLSX files (DESIGN.md's Import formats): one engine for page and CLI.

    prep = importer.prepare(con, "mentees", data, file_name="x.csv", cohort="cohort-3")
    prep.errors, prep.counts            # nothing written yet (errors: (row, column, value, reason))
    result = importer.commit(con, prep, actor="staff")   # one transaction, logged

or `importer.run(con, kind, bytes_or_path, actor=..., cohort=..., valid_only=..., dry_run=...)`.

The package by job: reading (bytes -> rows of text), mapping (headers -> columns, from header
words and values), validation (cells and keys of the file), comparison (with the database),
writing (the transaction's statements, queries/import/), results (what comes back), engine
(the order of it all), remembered (mappings kept for next time). Each kind is declared once,
in kinds.py (in the shapes of kind_types.py): see its docstring to add one.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from casson.importer import remembered
from casson.importer.engine import commit, decisions, prepare, run
from casson.importer.kinds import KINDS, Column, Kind, Unique, kind, normalise_header
from casson.importer.mapping import auto_choices
from casson.importer.reading import MAX_BYTES, MAX_UPLOAD_MB, ReadError
from casson.importer.results import (
    ERROR_COLUMNS,
    FILE,
    MAPPING,
    Choice,
    ImportResult,
    Prepared,
    RowError,
)
from casson.mentoring import cohorts
from casson.platform import exports
from casson.platform.errors import Refused

__all__ = ["ERROR_COLUMNS", "FILE", "KINDS", "MAPPING", "MAX_BYTES", "MAX_UPLOAD_MB", "Choice",
           "Column", "ImportResult", "Kind", "Prepared", "ReadError", "RowError", "Unique",
           "auto_choices", "commit", "create_cohort", "decisions", "export_frame", "kind",
           "normalise_header", "prepare", "remembered", "run", "template_csv", "template_frame"]


def template_frame(kind_name: str) -> pd.DataFrame:
    """The canonical headers of a kind and one example row that imports cleanly."""
    spec = kind(kind_name)
    return pd.DataFrame([[spec.column(c).example for c in spec.canonical]], columns=spec.canonical)


def template_csv(kind_name: str) -> bytes:
    return exports.csv_bytes(template_frame(kind_name))


def export_frame(con: duckdb.DuckDBPyConnection, kind_name: str,
                 cohort: str | None = None) -> pd.DataFrame:
    """Stored rows of a kind in its import format (text neutralised, as every export is).

    With a cohort, only that cohort's rows and without the cohort_id column."""
    query = kind(kind_name).export_query
    if query is None:
        raise KeyError(f"{kind_name} has no export in its import format")
    frame = exports.frame(con, query)
    if "cohort_id" in frame.columns and cohort is not None:
        frame = frame[frame["cohort_id"] == cohort].drop(columns="cohort_id").reset_index(drop=True)
    return frame


def create_cohort(con: duckdb.DuckDBPyConnection, cohort_id: str, name: str,
                  starts_on: dt.date | None = None, ends_on: dt.date | None = None,
                  actor: str = "system") -> bool:
    """Create a cohort (the Upload page's "new cohort"); False when the id is already taken."""
    if not cohort_id.strip() or not name.strip():
        raise Refused("A new cohort needs an id and a name.")
    if cohorts.get(con, cohort_id) is not None:
        return False
    cohorts.add(con, cohort_id, name, starts_on, ends_on, actor=actor)
    return True
