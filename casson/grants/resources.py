"""The directory's published resources (the trust's annotated reference lists) and the queue of
readers' suggestions of a course or resource, which staff accept into the directory or decline.

Adds, edits, retirements and decisions are audited in the same transaction, like courses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from casson.grants import directory
from casson.grants.directory import DirectoryError, StaleEntry
from casson.mentoring import interest
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


def _params(values: dict[str, Any]) -> dict[str, Any]:
    return {f"resource_{k}": v for k, v in values.items()}


def get_resource(con: duckdb.DuckDBPyConnection, resource_id: int) -> dict[str, Any]:
    row = queries.one(con, "grants/resources_get", resource_id=resource_id)
    if row is None:
        raise DirectoryError(f"There is no resource with id {resource_id}.")
    return row


def _unique(cur: duckdb.DuckDBPyConnection, values: dict[str, Any], resource_id: int | None) -> None:
    if queries.one(cur, "grants/resources_find", resource_title=values["title"], resource_id=resource_id):
        raise DirectoryError(f"The directory already has a resource called {values['title']!r}.")


def _insert_resource(cur: duckdb.DuckDBPyConnection, actor: str, values: dict[str, Any]) -> int:
    _unique(cur, values, None)
    resource_id = interest._id(queries.one(cur, "grants/resources_insert", **_params(values)))
    audit.record(cur, actor, "resource.add", "resource", resource_id, {"after": values})
    return int(resource_id)


def add_resource(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any]) -> int:
    """Add a resource (audited); returns its id."""
    stored_text.check_fields(fields, DirectoryError)
    values = clean_resource(fields)
    return db.write(con, lambda cur: _insert_resource(cur, actor, values))


def update_resource(con: duckdb.DuckDBPyConnection, actor: str, resource_id: int,
                    fields: dict[str, Any], seen: Any = None) -> None:
    """Change a resource (audited with before and after); a save on a stale copy is refused."""
    stored_text.check_fields(fields, DirectoryError)
    values = clean_resource(fields)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = get_resource(cur, resource_id)
        if seen is not None and pd.Timestamp(before["updated_at"]) != pd.Timestamp(seen):
            raise StaleEntry(f"{before['title']} was changed by someone else since you opened it; "
                             "nothing was saved. The form now shows their change.")
        changed = {k: v for k, v in values.items() if v != before[k]}
        if not changed:
            raise DirectoryError(f"Nothing to save: {before['title']} already has these values.")
        _unique(cur, values, resource_id)
        queries.execute(cur, "grants/resources_update", resource_id=resource_id,
                        resource_retired=before["retired"], **_params(values))
        audit.record(cur, actor, "resource.update", "resource", resource_id,
                     {"before": {k: before[k] for k in changed}, "after": changed})

    db.write(con, work)


def set_resource_retired(con: duckdb.DuckDBPyConnection, actor: str, resource_id: int,
                         retired: bool) -> None:
    """Retire a resource (hidden, kept for the record) or bring it back (audited)."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = get_resource(cur, resource_id)
        if before["retired"] == retired:
            return
        queries.execute(cur, "grants/resources_update", resource_id=resource_id, resource_retired=retired,
                        **_params({k: before[k] for k in RESOURCE_FIELDS}))
        audit.record(cur, actor, "resource.retire" if retired else "resource.restore", "resource",
                     resource_id, {"title": before["title"]})

    db.write(con, work)


# -- suggestions ----------------------------------------------------------------------------------

def clean_suggestion(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: _text(fields.get(k)) for k in SUGGESTION_FIELDS}
    out["kind"] = (out["kind"] or "").lower()
    if out["kind"] not in SUGGESTION_KINDS:
        raise DirectoryError(f"A suggestion is of a course or a resource, not {fields.get('kind')!r}.")
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
        sid = interest._id(queries.one(cur, "grants/suggestions_insert", **values, source=source, import_id=None))
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
        raise DirectoryError(f"{row['title']!r} was already {row['status']} by {row['decided_by']}.")
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
            values = directory.clean_course({**base, **(fields or {})})
            directory._unique_course(cur, values, None)
            entry_id = interest._id(queries.one(cur, "grants/directory_course_insert",
                                                **{f"course_{k}": v for k, v in values.items()}))
            audit.record(cur, actor, "course.add", "course", entry_id,
                         {"after": values, "suggestion_id": suggestion_id})
        else:
            base = {"title": s["title"], "source": s["provider"], "year": s["year"],
                    "url": s["url"], "topic": s["topic"], "annotation": s["note"]}
            entry_id = _insert_resource(cur, actor, clean_resource({**base, **(fields or {})}))
        queries.execute(cur, "grants/suggestions_decide", suggestion_id=suggestion_id, suggestion_status="accepted",
                        actor=actor, entry_id=entry_id)
        audit.record(cur, actor, "suggestion.accept", "suggestion", suggestion_id,
                     {"kind": s["kind"], "entry_id": entry_id})
        return int(entry_id)

    return db.write(con, work)


def decline(con: duckdb.DuckDBPyConnection, actor: str, suggestion_id: int, reason: str = "") -> None:
    """Decline a suggestion (kept on record, audited with the reason)."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        s = _pending(cur, suggestion_id)
        queries.execute(cur, "grants/suggestions_decide", suggestion_id=suggestion_id, suggestion_status="declined",
                        actor=actor, entry_id=None)
        audit.record(cur, actor, "suggestion.decline", "suggestion", suggestion_id,
                     {"title": s["title"], "reason": reason.strip() or None})

    db.write(con, work)
