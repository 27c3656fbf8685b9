"""What the Pairs workspace reads of a cohort: its pairs, the mentors' roster, the unmatched
mentees and the history of changes. Each is one named query; the page filters them in pandas
(casson.mentoring.pair_filters)."""

from __future__ import annotations

import duckdb
import pandas as pd

from casson.platform import queries


def pairs_table(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """Every pair of the cohort with both people, status, score and version."""
    return queries.df(con, "mentoring/pairs_list", cohort=cohort)


def mentor_roster(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """The cohort's mentors with capacity, places used (current pairs) and places free."""
    return queries.df(con, "mentoring/pairs_mentor_roster", cohort=cohort)


def unmatched(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """Mentees with no matched pair (proposed, active or completed; the pair_matched macro)."""
    return queries.df(con, "mentoring/pairs_unmatched", cohort=cohort)


def history(con: duckdb.DuckDBPyConnection, cohort: str, limit: int) -> pd.DataFrame:
    """The cohort's pair changes, newest first, at most `limit`."""
    return queries.df(con, "mentoring/pairs_events", cohort=cohort, limit=limit)
