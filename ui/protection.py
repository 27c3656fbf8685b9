"""Streamlit glue for the Data protection page: erasure, retention, subject access requests and
backups in the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from casson.platform import config, settings
from casson.protection import backups, erasure, subject_access
from ui import data


def _release_and_compact() -> None:
    """Close the app's connection, rewrite the file without freed blocks; the next read reopens."""
    data.release_connection()
    erasure.compact(data.db_file())
    data.clear_caches()


def erase(email: str, actor: str) -> erasure.Erasure:
    with data.cursor() as cur:
        result = erasure.erase_person(cur, email, actor)
    _release_and_compact()
    return result


def retention_years() -> int:
    with data.cursor() as cur:
        return int(settings.get(cur, "retention_years") or 6)


def retention_due() -> int:
    with data.cursor() as cur:
        return len(erasure.retention_due(cur, retention_years()))


def apply_retention(actor: str) -> int:
    years = retention_years()
    with data.cursor() as cur:
        done = erasure.apply_retention(cur, years, actor)
    if done:
        _release_and_compact()
    return len(done)


def take_backup(actor: str) -> Path:
    with data.cursor() as cur:
        dest = backups.back_up_now(cur, actor)
    data.clear_caches()
    assert dest is not None, "the app's database is a file"
    return dest


def backup_files() -> list[dict]:
    folder = config.backups_dir(data.db_file())
    files = sorted(folder.glob("*.duckdb"), reverse=True) if folder.exists() else []
    return [{"file": p.name, "size (MB)": round(p.stat().st_size / 1e6, 1)} for p in files]


# -- subject access requests ------------------------------------------------------------------


def sar_log(email: str, received: date, actor: str) -> int:
    """Record a request as received; its id."""
    with data.cursor() as cur:
        return subject_access.log_request(cur, email, actor, received)


def sar_export(email: str, received: date, actor: str) -> subject_access.Export:
    """The export answering this address's oldest open request (logged now if none)."""
    with data.cursor() as cur:
        result = subject_access.export(cur, email, actor, received=received)
    data.clear_caches()
    return result


def sar_requests() -> list[dict[str, Any]]:
    """The log of requests for the table, overdue ones first."""
    with data.cursor() as cur:
        found = subject_access.requests(cur)
    return [
        {
            "request": r["id"],
            "email": r["email"],
            "received": r["received_on"],
            "due": r["due_on"],
            "sent": r["sent_on"],
            "sent by": r["sent_by"],
            "rows sent": r["rows_sent"],
            "record held": "yes" if r["matched"] else "none",
            "overdue": "OVERDUE" if r["overdue"] else "",
        }
        for r in found
    ]


def sar_due_date(received: date) -> date:
    return subject_access.due_date(received)
