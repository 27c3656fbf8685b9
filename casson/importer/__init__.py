"""Imports of CSV and XLSX files (DESIGN.md's Import formats): one engine for page and CLI.

    prep = importer.prepare(con, "mentees", data, file_name="x.csv", cohort="cohort-3")
    prep.errors, prep.counts            # nothing written yet (errors: (row, column, value, reason))
    result = importer.commit(con, prep, actor="staff")   # one transaction, logged

or `importer.run(con, kind, bytes_or_path, actor=..., cohort=..., valid_only=..., dry_run=...)`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from casson import exports, queries
from casson.importer.engine import (
    ERROR_COLUMNS,
    ImportResult,
    Prepared,
    RowError,
    auto_mapping,
    commit,
    map_headers,
    prepare,
    run,
)
from casson.importer.kinds import KINDS, Kind, kind, normalise_header
from casson.importer.reading import MAX_BYTES, MAX_UPLOAD_MB, ReadError

__all__ = ["ERROR_COLUMNS", "KINDS", "MAX_BYTES", "MAX_UPLOAD_MB", "ImportResult", "Kind",
           "Prepared", "ReadError", "RowError", "auto_mapping", "commit", "create_cohort",
           "export_frame", "kind", "map_headers", "normalise_header", "prepare", "run",
           "template_csv", "template_frame"]

# Export queries whose columns are the import format (plus a leading cohort_id where per cohort).
EXPORT_QUERY = {"mentors": "mentors", "mentees": "mentees", "survey": "survey_responses",
                "bids": "bids", "courses": "courses", "coaches": "coaches",
                "attendance": "attendance"}


def template_frame(kind_name: str) -> pd.DataFrame:
    """The canonical headers of a kind and one example row that imports cleanly."""
    spec = kind(kind_name)
    return pd.DataFrame([[spec.column(c).example for c in spec.canonical]], columns=spec.canonical)


def template_csv(kind_name: str) -> bytes:
    return exports.csv_bytes(template_frame(kind_name))


def export_frame(con: duckdb.DuckDBPyConnection, kind_name: str, cohort: str | None = None) -> pd.DataFrame:
    """Stored rows of a kind in its import format (text neutralised, as every export is).

    With a cohort, only that cohort's rows and without the cohort_id column."""
    frame = exports.frame(con, EXPORT_QUERY[kind(kind_name).name])
    if "cohort_id" in frame.columns and cohort is not None:
        frame = frame[frame["cohort_id"] == cohort].drop(columns="cohort_id").reset_index(drop=True)
    return frame


def create_cohort(con: duckdb.DuckDBPyConnection, cohort_id: str, name: str,
                  starts_on=None, ends_on=None) -> bool:
    """Create a cohort (the Upload page's "new cohort"); False when the id is already taken."""
    cohort_id = cohort_id.strip()
    if not cohort_id or not name.strip():
        raise ValueError("A new cohort needs an id and a name.")
    if queries.one(con, "cohort_exists", cohort=cohort_id) is not None:
        return False
    queries.execute(con, "cohort_insert", cohort=cohort_id, cohort_name=name.strip(),
                    starts_on=starts_on, ends_on=ends_on)
    return True
