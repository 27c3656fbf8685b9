"""Streamlit glue for the Data protection page: erasure, retention and backups in the app."""

from __future__ import annotations

from pathlib import Path

from casson.platform import audit, config, settings
from casson.protection import backups, erasure
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
        dest = backups.before_change(cur, "admin")
        if dest is None:  # only an in-memory database, which the app never opens
            raise RuntimeError("An in-memory database has no file to back up.")
        audit.record(cur, actor, "backup", "database", dest.name)
    data.clear_caches()
    return dest


def backup_files() -> list[dict]:
    folder = config.backups_dir(data.db_file())
    files = sorted(folder.glob("*.duckdb"), reverse=True) if folder.exists() else []
    return [{"file": p.name, "size (MB)": round(p.stat().st_size / 1e6, 1)} for p in files]
