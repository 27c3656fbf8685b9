"""Where things live: the database file, the accounts file, committed data."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # casson/platform/config.py -> the project
DATA_DIR = ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
QUERIES_DIR = ROOT / "queries"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

DEFAULT_DB = DATA_DIR / "casson.duckdb"
DEFAULT_ACCOUNTS = DATA_DIR / "auth.yaml"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: `--db`, else env CASSON_DB, else data/casson.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CASSON_DB")
    return Path(env) if env else DEFAULT_DB


def accounts_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The accounts file: explicit, else env CASSON_ACCOUNTS, else data/auth.yaml."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CASSON_ACCOUNTS")
    return Path(env) if env else DEFAULT_ACCOUNTS


def auth_state_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Sign-in attempts, locks and sessions: a SQLite file beside the accounts file."""
    accounts = accounts_path(explicit)
    return accounts.with_name(accounts.stem + "-state.sqlite")


def backups_dir(db_file: str | os.PathLike[str] | None = None) -> Path:
    """Backups of a database: the `backups/` folder beside it (data/backups/ by default)."""
    return Path(db_path(db_file)).resolve().parent / "backups"
