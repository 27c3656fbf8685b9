"""Add, update, retire and restore an entry of one of the directory's lists (courses, coaches,
resources): one table-driven helper, so the three lists check, version and audit alike.

Each list is an `EntryList`: its record word, its fields, the check that cleans them, an optional
uniqueness check, and its named queries (`<folder>/<stem>_get`, `_insert`, `_update`). A save on
a copy older than the stored entry (its `version`) is refused as `Stale`, like every other form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused, Stale


class DirectoryError(Refused):
    """A directory change that is refused; the message is for the user as it stands."""


@dataclass(frozen=True)
class EntryList:
    record: str                 # the audit target and the queries' parameter prefix: "course"
    noun: str                   # for people: "course"
    fields: tuple[str, ...]     # the editable fields, as the queries name them
    name_field: str             # the field that names an entry in messages
    clean: Callable[[dict[str, Any]], dict[str, Any]]
    get_query: str
    insert_query: str
    update_query: str
    unique: Callable[[duckdb.DuckDBPyConnection, dict[str, Any], int | None], None] | None = None

    def params(self, values: dict[str, Any]) -> dict[str, Any]:
        return {f"{self.record}_{k}": v for k, v in values.items()}


def get(con: duckdb.DuckDBPyConnection, entries: EntryList, entry_id: int) -> dict[str, Any]:
    """One stored entry, or a refusal naming the id."""
    row = queries.one(con, entries.get_query, **{f"{entries.record}_id": entry_id})
    if row is None:
        raise DirectoryError(f"There is no {entries.noun} with id {entry_id}.")
    return row


def insert(cur: duckdb.DuckDBPyConnection, entries: EntryList, actor: str,
           values: dict[str, Any], note: dict[str, Any] | None = None) -> int:
    """Insert cleaned values inside the caller's transaction (audited, with `note` added to the
    audit detail); returns the new id."""
    if entries.unique:
        entries.unique(cur, values, None)
    entry_id = int(queries.one_required(cur, entries.insert_query, **entries.params(values))["id"])
    audit.record(cur, actor, f"{entries.record}.add", entries.record, entry_id,
                 {"after": values} | (note or {}))
    return entry_id


def add(con: duckdb.DuckDBPyConnection, entries: EntryList, actor: str,
        fields: dict[str, Any]) -> int:
    """Add an entry (checked and audited); returns its id."""
    stored_text.check_fields(fields, DirectoryError)
    values = entries.clean(fields)
    return db.write(con, lambda cur: insert(cur, entries, actor, values))


def _store(cur: duckdb.DuckDBPyConnection, entries: EntryList, entry_id: int,
           values: dict[str, Any], retired: bool) -> None:
    queries.execute(cur, entries.update_query, **{f"{entries.record}_id": entry_id},
                    **{f"{entries.record}_retired": retired}, **entries.params(values))


def update(con: duckdb.DuckDBPyConnection, entries: EntryList, actor: str, entry_id: int,
           fields: dict[str, Any], seen: int | None = None) -> None:
    """Change an entry's fields (audited with before and after).

    `seen` is the version the editor's copy had; a newer stored one refuses the save.
    """
    stored_text.check_fields(fields, DirectoryError)
    values = entries.clean(fields)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = get(cur, entries, entry_id)
        name = before[entries.name_field]
        if seen is not None and int(before["version"]) != int(seen):
            raise Stale(f"{name} was changed by someone else since you opened it; nothing "
                             "was saved. The form now shows their change.")
        changed = {k: v for k, v in values.items() if v != before[k]}
        if not changed:
            raise DirectoryError(f"Nothing to save: {name} already has these values.")
        if entries.unique:
            entries.unique(cur, values, entry_id)
        _store(cur, entries, entry_id, values, before["retired"])
        audit.record(cur, actor, f"{entries.record}.update", entries.record, entry_id,
                     {"before": {k: before[k] for k in changed}, "after": changed})

    db.write(con, work)


def set_retired(con: duckdb.DuckDBPyConnection, entries: EntryList, actor: str, entry_id: int,
                retired: bool) -> None:
    """Retire an entry (hidden from the directory, kept for the record) or bring it back."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = get(cur, entries, entry_id)
        if before["retired"] == retired:
            return
        _store(cur, entries, entry_id, {k: before[k] for k in entries.fields}, retired)
        action = "retire" if retired else "restore"
        audit.record(cur, actor, f"{entries.record}.{action}", entries.record, entry_id,
                     {entries.name_field: before[entries.name_field]}
                     | ({"provider": before["provider"]} if "provider" in before else {}))

    db.write(con, work)
