"""Programme settings kept in the database (annual grant budget, matching defaults…)."""

from __future__ import annotations

import duckdb

from casson import queries

DEFAULTS = {
    "annual_grant_budget_gbp": "50000",
    # sign-in and sessions (casson.signin.Policy)
    "signin_max_failures": "5",
    "signin_window_minutes": "15",
    "signin_lock_minutes": "15",
    "signin_address_slow_after": "10",
    "session_idle_minutes": "30",
    "session_absolute_hours": "12",
    # data protection (casson.erasure, casson.backup)
    "retention_years": "6",
    "backup_keep": "20",
    # needs attention (casson.attention.Thresholds)
    "attention_no_meeting_days": "21",
    "attention_low_rating": "2",
    "attention_waiting_days": "14",
    "attention_checkin_by_fraction": "0.5",
}


def get(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A setting's value, else its default, else None."""
    row = queries.one(con, "setting_get", key=key)
    return row["value"] if row else DEFAULTS.get(key)


def put(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a setting."""
    queries.execute(con, "setting_put", key=key, value=value)
