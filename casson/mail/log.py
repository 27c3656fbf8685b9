"""The email log as pages show it: a cohort's recent messages, one person's messages, and the
introductions sent to a cohort's pairs. Writing the log is casson.mail.sending's."""

from __future__ import annotations

import duckdb
import pandas as pd

from casson.platform import queries


def recent(con: duckdb.DuckDBPyConnection, cohort_id: str) -> pd.DataFrame:
    """The cohort's most recent messages, newest first."""
    return queries.df(con, "mail/email_log_recent", cohort_id=cohort_id)


def of_person(con: duckdb.DuckDBPyConnection, email_key: str) -> pd.DataFrame:
    """Every message logged to one address (lower-cased)."""
    return queries.df(con, "mail/email_log_person", email_key=email_key)


def of_pairs(con: duckdb.DuckDBPyConnection, cohort_id: str) -> pd.DataFrame:
    """The introductions sent to the cohort's pairs."""
    return queries.df(con, "mail/email_log_pairs", cohort_id=cohort_id)


def participants(con: duckdb.DuckDBPyConnection, cohort_id: str) -> pd.DataFrame:
    """The cohort's participants with their opt-out, for the Email page's opt-outs box."""
    return queries.df(con, "mail/email_participant_recipients", cohort_id=cohort_id)
