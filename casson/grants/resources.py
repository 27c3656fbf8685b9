"""The directory's published resources (the trust's annotated reference lists) and the queue of
readers' suggestions of a course or resource, which staff accept into the directory or decline.

Adds, edits, retirements and decisions are audited in the same transaction, like courses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from casson.grants import directory, entries
from casson.grants.entries import DirectoryError
from casson.platform import audit, db, queries
from casson.platform import text as stored_text

RESOURCE_FIELDS = ("title", "source", "year", "url", "topic", "annotation")
SUGGESTION_KINDS = ("course", "resource")
SUGGESTION_FIELDS = ("kind", "title", "provider", "url", "year", "topic", "note", "suggested_by",
                     "email")


@dataclass(frozen=True)
class ResourceFilters:
    topics: tuple[str, ...] = ()
    text: str = ""
    include_retired: bool = False


def filter_resources(df: pd.DataFrame, f: ResourceFilters) -> pd.DataFrame:
    """The resources passing every filter (text over title, source, topic and annotation)."""
    keep = pd.Series(True, index=df.index)
    if not f.include_retired:
        keep &= ~df["retired"].astype(bool)
    if f.topics:
        keep &= df["topic"].isin(f.topics)
    if f.text.strip():
        needle = f.text.strip().lower()
        hit = pd.Series(False, index=df.index)
        for col in ("title", "source", "topic", "annotation"):
            hit |= df[col].fillna("").astype(str).str.lower().str.contains(needle, regex=False)
        keep &= hit
    return df[keep]


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _year(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise DirectoryError(f"The year {text!r} is not a year (e.g. 2019).")
    return int(text)


def clean_resource(fields: dict[str, Any]) -> dict[str, Any]:
    """A resource's fields checked and normalised, or DirectoryError naming the field."""
    out: dict[str, Any] = {k: _text(fields.get(k)) for k in RESOURCE_FIELDS}
    if not out["title"]:
        raise DirectoryError("A resource needs a title.")
    out["year"] = _year(fields.get("year"))
    out["url"] = directory._url(fields.get("url"), "link")
    return out


def _unique(cur: duckdb.DuckDBPyConnection, values: dict[str, Any],
            resource_id: int | None) -> None:
    if queries.one(cur, "grants/resources_find", resource_title=values["title"],
                   resource_id=resource_id):
        raise DirectoryError(f"The directory already has a resource called {values['title']!r}.")


RESOURCES = entries.EntryList(
    record="resource", noun="resource", fields=RESOURCE_FIELDS, name_field="title",
    clean=clean_resource, unique=_unique, get_query="grants/resources_get",
    insert_query="grants/resources_insert", update_query="grants/resources_update")


def get_resource(con: duckdb.DuckDBPyConnection, resource_id: int) -> dict[str, Any]:
    return entries.get(con, RESOURCES, resource_id)


def add_resource(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any]) -> int:
    """Add a resource (audited); returns its id."""
    return entries.add(con, RESOURCES, actor, fields)


def update_resource(con: duckdb.DuckDBPyConnection, actor: str, resource_id: int,
                    fields: dict[str, Any], seen: int | None = None) -> None:
    """Change a resource (audited with before and after); a save on a stale copy is refused."""
    entries.update(con, RESOURCES, actor, resource_id, fields, seen)


def set_resource_retired(con: duckdb.DuckDBPyConnection, actor: str, resource_id: int,
                         retired: bool) -> None:
    """Retire a resource (hidden, kept for the record) or bring it back (audited)."""
    entries.set_retired(con, RESOURCES, actor, resource_id, retired)


# -- suggestions ----------------------------------------------------------------------------------

def clean_suggestion(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: _text(fields.get(k)) for k in SUGGESTION_FIELDS}
    out["kind"] = (out["kind"] or "").lower()
    if out["kind"] not in SUGGESTION_KINDS:
        raise DirectoryError("A suggestion is of a course or a resource, not "
                             f"{fields.get('kind')!r}.")
    if not out["title"]:
        raise DirectoryError("A suggestion needs a title.")
    out["year"] = _year(fields.get("year"))
    out["url"] = directory._url(fields.get("url"), "link")
    return out


def add_suggestion(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any],
                   source: str = "staff") -> int:
    """Queue a suggestion of a course or resource (audited); returns its id."""
    stored_text.check_fields(fields, DirectoryError)
    values = clean_suggestion(fields)

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        sid = int(queries.one_required(cur, "grants/suggestions_insert", **values, source=source,
                                       import_id=None)["id"])
        audit.record(cur, actor, "suggestion.add", "suggestion", sid, {"after": values})
        return int(sid)

    return db.write(con, work)


def suggestions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return queries.df(con, "grants/suggestions_all")


def _pending(cur: duckdb.DuckDBPyConnection, suggestion_id: int) -> dict[str, Any]:
    row = queries.one(cur, "grants/suggestions_get", suggestion_id=suggestion_id)
    if row is None:
        raise DirectoryError(f"There is no suggestion {suggestion_id}.")
    if row["status"] != "pending":
        raise DirectoryError(f"{row['title']!r} was already {row['status']} by "
                             f"{row['decided_by']}.")
    return row


def accept(con: duckdb.DuckDBPyConnection, actor: str, suggestion_id: int,
           fields: dict[str, Any] | None = None) -> int:
    """Accept a suggestion into the directory as a course or a resource, in one transaction.

    `fields` are the entry as staff finished it (a course needs its provider); by default the
    suggestion's own fields. Returns the new entry's id."""

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        s = _pending(cur, suggestion_id)
        if s["kind"] == "course":
            base = {"provider": s["provider"], "title": s["title"], "url": s["url"],
                    "summary": s["note"]}
            entry_id = entries.insert(cur, directory.COURSES, actor,
                                      directory.clean_course({**base, **(fields or {})}),
                                      note={"suggestion_id": suggestion_id})
        else:
            base = {"title": s["title"], "source": s["provider"], "year": s["year"],
                    "url": s["url"], "topic": s["topic"], "annotation": s["note"]}
            entry_id = entries.insert(cur, RESOURCES, actor,
                                      clean_resource({**base, **(fields or {})}))
        queries.execute(cur, "grants/suggestions_decide", suggestion_id=suggestion_id,
                        suggestion_status="accepted",
                        actor=actor, entry_id=entry_id)
        audit.record(cur, actor, "suggestion.accept", "suggestion", suggestion_id,
                     {"kind": s["kind"], "entry_id": entry_id})
        return int(entry_id)

    return db.write(con, work)


def decline(con: duckdb.DuckDBPyConnection, actor: str, suggestion_id: int,
            reason: str = "") -> None:
    """Decline a suggestion (kept on record, audited with the reason)."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        s = _pending(cur, suggestion_id)
        queries.execute(cur, "grants/suggestions_decide", suggestion_id=suggestion_id,
                        suggestion_status="declined",
                        actor=actor, entry_id=None)
        audit.record(cur, actor, "suggestion.decline", "suggestion", suggestion_id,
                     {"title": s["title"], "reason": reason.strip() or None})

    db.write(con, work)


def published(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The directory's resources (the trust's annotated reference lists)."""
    return queries.df(con, "grants/resources_all")
