"""Accounts: a YAML file outside git in streamlit-authenticator's shape, passwords bcrypt-hashed.

The file holds `credentials.usernames.<username>` {name, email, password (hash), roles}
and `cookie` {name, key, expiry_days}; the cookie key is random per install.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Any

import bcrypt
import yaml

from casson.vocab import ROLES

USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")
MIN_PASSWORD = 8

# Demo accounts created on the first `make run`; README states these passwords (demo only).
DEMO_ACCOUNTS = {
    "admin": ("Demo Administrator", "admin", "casson-admin"),
    "staff": ("Demo Coordinator", "staff", "casson-staff"),
    "trustee": ("Demo Trustee", "trustee", "casson-trustee"),
}


class AccountError(ValueError):
    """A request about accounts that cannot be carried out (message is for the user)."""


def new_config() -> dict[str, Any]:
    """An empty accounts file with a fresh random cookie key."""
    return {
        "credentials": {"usernames": {}},
        "cookie": {"name": "casson_auth", "key": secrets.token_hex(32), "expiry_days": 1},
    }


def load(path: Path) -> dict[str, Any]:
    """Read the accounts file; a missing file is an empty one (not written)."""
    if not path.exists():
        return new_config()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.setdefault("credentials", {}).setdefault("usernames", {})
    if not data.get("cookie", {}).get("key"):
        data["cookie"] = new_config()["cookie"]
    return data


def save(path: Path, config: dict[str, Any]) -> None:
    """Write the file atomically, readable by its owner only (it holds hashes and the key)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".auth-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yaml.safe_dump(config, fh, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))


def add_user(config: dict[str, Any], username: str, name: str, role: str, password: str,
             email: str | None = None) -> None:
    """Add an account to a loaded config (the caller saves). Raises AccountError."""
    if not USERNAME.match(username):
        raise AccountError(
            f"Username {username!r} is not allowed: use 2-32 lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter."
        )
    if role not in ROLES:
        raise AccountError(f"Role {role!r} is not one of {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must be at least {MIN_PASSWORD} characters long.")
    users = config["credentials"]["usernames"]
    if username in users:
        raise AccountError(f"An account named {username!r} already exists.")
    users[username] = {
        "name": name,
        "email": email or f"{username}@example.org",
        "password": hash_password(password),
        "roles": [role],
        "failed_login_attempts": 0,
        "logged_in": False,
    }


def role_of(config: dict[str, Any], username: str | None) -> str | None:
    """The account's role, or None for an unknown or role-less account."""
    if not username:
        return None
    user = config["credentials"]["usernames"].get(username)
    if not user:
        return None
    roles = [r for r in (user.get("roles") or []) if r in ROLES]
    # One role per account; if a file lists several, the most powerful wins.
    for role in ROLES:
        if role in roles:
            return role
    return None


def ensure_demo_accounts(path: Path) -> bool:
    """Create the accounts file with the demo accounts if it does not exist yet."""
    if path.exists():
        return False
    config = new_config()
    for username, (name, role, password) in DEMO_ACCOUNTS.items():
        add_user(config, username, name, role, password)
    save(path, config)
    return True
