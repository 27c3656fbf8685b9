"""The audit trail: every change to people, pairs or bids and every role-relevant action."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from casson.platform import queries


def record(con: duckdb.DuckDBPyConnection, actor: str, action: str, entity: str | None = None,
           entity_id: str | int | None = None, detail: dict[str, Any] | None = None) -> None:
    """Append one audit row. Callers inside a transaction get it in the same transaction."""
    queries.execute(
        con,
        "platform/audit_insert",
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=None if detail is None else json.dumps(detail, default=str, sort_keys=True),
    )


def account(con: duckdb.DuckDBPyConnection, actor: str, action: str, username: str,
            detail: dict[str, Any] | None = None) -> None:
    """An account-care row: `actor` (the admin, the user, or cli:<os user>) did `action` to
    `username`. Never a password, temporary or not."""
    record(con, actor, action, "account", username, detail)


def login(con: duckdb.DuckDBPyConnection, username: str, event: str,
          detail: dict[str, Any] | None = None) -> None:
    """A sign-in event of an account (login, login_failed, logout, session_timeout, …): the
    username (or "unknown") and the client address in the detail, never a password, name or
    email."""
    record(con, username, event, "account", username, detail)


def search(con: duckdb.DuckDBPyConnection, action: str | None = None, user: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 500) -> Any:
    """The audit trail filtered (None matches all), newest first, as a DataFrame."""
    return queries.df(con, "platform/audit_search", action=action or None, audit_user=user or None,
                      audit_since=since or None, audit_until=until or None, limit=limit)


def actions(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every action name the trail holds, for a filter."""
    return [r["action"] for r in queries.rows(con, "platform/audit_actions")]
