"""The audit trail: every change to people, pairs or bids and every role-relevant action."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from casson import queries


def record(con: duckdb.DuckDBPyConnection, actor: str, action: str, entity: str | None = None,
           entity_id: str | int | None = None, detail: dict[str, Any] | None = None) -> None:
    """Append one audit row. Callers inside a transaction get it in the same transaction."""
    queries.execute(
        con,
        "audit_insert",
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=None if detail is None else json.dumps(detail, default=str, sort_keys=True),
    )
