"""Programme settings kept in the database (annual grant budget, matching defaults…)."""

from __future__ import annotations

import duckdb

from casson.platform import queries

DEFAULTS = {
    "annual_grant_budget_gbp": "50000",
    # sign-in and sessions (casson.platform.signin.Policy)
    "signin_max_failures": "5",
    "signin_window_minutes": "15",
    "signin_lock_minutes": "15",
    "signin_address_slow_after": "3",
    "session_idle_minutes": "30",
    "session_absolute_hours": "12",
    # data protection (casson.protection.erasure, casson.protection.backups)
    "retention_years": "6",
    "backup_keep": "20",
    # needs attention (casson.mentoring.attention.Thresholds)
    "attention_no_meeting_days": "21",
    "attention_low_rating": "2",
    "attention_waiting_days": "14",
    "attention_checkin_by_fraction": "0.5",
    # personal links and the public register (casson.platform.links, casson.participants.responses)
    "public_base_url": "http://localhost:8501",
    "public_register": "off",
    "links_requests_per_10_minutes": "30",
    # reminders (casson.mail.reminders): staff addresses for the weekly Needs-attention digest
    "reminder_digest_to": "",
}


def get(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """A setting's value, else its default, else None."""
    row = queries.one(con, "platform/setting_get", key=key)
    return row["value"] if row else DEFAULTS.get(key)


def grant_budget_gbp(con: duckdb.DuckDBPyConnection) -> float:
    """The annual grant budget in pounds: the one reader of that setting (0 when unreadable)."""
    try:
        return float(get(con, "annual_grant_budget_gbp") or 0)
    except ValueError:
        return 0.0


def put(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a setting."""
    queries.execute(con, "platform/setting_put", key=key, value=value)
