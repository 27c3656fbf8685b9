"""Account care, written once for the Accounts page and `python -m casson user`.

Each change loads the accounts file, applies one change (casson.platform.accounts, which refuses
with AccountError), saves the file, ends the sessions the change must end, and writes its audit
row. A refused change leaves the file, the sessions and the audit trail as they were. `con` is the
database the audit row goes to (None: no row, for a command run without a database).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from casson.platform import accounts, audit, config, signin

Con = duckdb.DuckDBPyConnection | None


def _store(path: Path | None) -> signin.AuthStore:
    return signin.AuthStore(config.auth_state_path(path))


def _audit(con: Con, actor: str, action: str, username: str, detail: dict[str, Any] | None) -> None:
    if con is not None:
        audit.account(con, actor, action, username, detail)


def _change(con: Con, actor: str, action: str, username: str, path: Path | None,
            change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> dict[str, Any] | None:
    file = config.accounts_path(path)
    cfg = accounts.load(file)
    detail = change(cfg)
    accounts.save(file, cfg)
    _audit(con, actor, action, username, detail)
    return detail


def _end_sessions(username: str, path: Path | None, reason: str) -> int:
    """End every session of the account at once, even in a running dashboard."""
    return _store(path).end_user(username, time.time(), reason)


def add(con: Con, actor: str, username: str, name: str, role: str, password: str,
        email: str | None = None, *, must_change: bool = True, sso_only: bool = False,
        path: Path | None = None) -> None:
    """A new account; an SSO-only one gets an unusable random password and password sign-in off."""
    def change(cfg: dict[str, Any]) -> dict[str, Any]:
        secret = accounts.temporary_password() * 2 if sso_only else password
        accounts.add_user(cfg, username, name or username, role, secret, email or None,
                          must_change=must_change and not sso_only)
        if sso_only:
            accounts.set_password_signin(cfg, username, False)
        return {"role": role, "sso_only": sso_only}
    _change(con, actor, "account.add", username, path, change)


def set_role(con: Con, actor: str, username: str, role: str,
             path: Path | None = None) -> str | None:
    """Change the role (the last administrator cannot be demoted); returns the old role."""
    detail = _change(con, actor, "account.role", username, path,
                     lambda cfg: {"from": accounts.set_role(cfg, username, role), "to": role})
    return detail["from"] if detail else None


def set_password(con: Con, actor: str, username: str, password: str, *, temporary: bool,
                 path: Path | None = None) -> int:
    """Set a password (temporary: changed at the next sign-in); every session of the account
    ends. Returns how many ended."""
    def change(cfg: dict[str, Any]) -> dict[str, Any]:
        accounts.set_password(cfg, username, password, must_change=temporary)
        return {"temporary": temporary}
    _change(con, actor, "account.passwd", username, path, change)
    return _end_sessions(username, path, "passwd")


def reset_password(con: Con, actor: str, username: str, path: Path | None = None) -> str:
    """A new temporary password, returned to be shown once; every session of the account ends."""
    made: dict[str, str] = {}

    def change(cfg: dict[str, Any]) -> dict[str, Any]:
        made["password"] = accounts.reset_password(cfg, username)
        return {"temporary": True}
    _change(con, actor, "account.passwd", username, path, change)
    _end_sessions(username, path, "password reset")
    return made["password"]


def set_password_signin(con: Con, actor: str, username: str, allowed: bool,
                        path: Path | None = None) -> None:
    """Password sign-in on, or off for accounts that sign in only with Microsoft or Google."""
    def change(cfg: dict[str, Any]) -> dict[str, Any]:
        accounts.set_password_signin(cfg, username, allowed)
        return {"password_signin": allowed}
    _change(con, actor, "account.password_signin", username, path, change)


def remove(con: Con, actor: str, username: str, path: Path | None = None) -> int:
    """Remove the account (never the last administrator); its sessions end. Returns how many."""
    _change(con, actor, "account.remove", username, path,
            lambda cfg: accounts.remove_user(cfg, username))
    return _end_sessions(username, path, "account removed")


def unlock(con: Con, actor: str, username: str, path: Path | None = None) -> bool:
    """Lift a sign-in lock and forget the failed attempts; returns whether it was locked."""
    if username not in accounts.load(config.accounts_path(path))["credentials"]["usernames"]:
        raise accounts.AccountError(f"No account named {username!r}.")
    store = _store(path)
    was = store.locked_until(username, time.time()) is not None
    store.unlock(username)
    _audit(con, actor, "account.unlock", username, {"was_locked": was})
    return was


def end_session(con: Con, actor: str, session_id: str, path: Path | None = None) -> str:
    """End one live session (that browser is signed out at its next click); returns whose."""
    who = _store(path).end_by_id(session_id, time.time(), "ended by admin")
    if who is None:
        raise accounts.AccountError("That session has already ended.")
    _audit(con, actor, "session.end", who, {"session": session_id[:12]})
    return who


def set_details(con: Con, actor: str, username: str, name: str, email: str,
                path: Path | None = None) -> None:
    """One's own display name and email (My account)."""
    def change(cfg: dict[str, Any]) -> dict[str, Any]:
        accounts.set_details(cfg, username, name, email)
        return {"fields": ["name", "email"]}
    _change(con, actor, "account.details", username, path, change)


def change_own_password(con: Con, username: str, current: str, new: str, *, forced: bool,
                        keep_session: str | None, path: Path | None = None) -> None:
    """One's own password (the current one is required); every other session of the account
    ends, the one asking (`keep_session`, its token) stays."""
    def change(cfg: dict[str, Any]) -> dict[str, Any]:
        accounts.change_own_password(cfg, username, current, new)
        return {"own": True, "forced": forced}
    _change(con, username, "account.passwd", username, path, change)
    _store(path).end_others(username, keep_session, time.time(), "password changed")
