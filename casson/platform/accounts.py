"""Accounts: a YAML file outside git in streamlit-authenticator's shape, passwords bcrypt-hashed.

The file holds `credentials.usernames.<username>` {name, email, password (hash), roles,
must_change, password_signin} and `cookie` {name, key, expiry_days}; the cookie key is random
per install. Every change is a function here, used alike by the Accounts and My account pages
and by `python -m casson user …`; the caller saves the file and writes the audit row.
"""

from __future__ import annotations

import functools
import os
import re
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Any

import bcrypt
import yaml

from casson.platform import text as stored_text
from casson.platform.errors import Refused
from casson.platform.vocab import ROLES

USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; a longer one would be silently cut
COMMON_PASSWORDS = Path(__file__).resolve().parent / "common_passwords.txt"

# Demo accounts created on the first `make run`; README states these passwords (demo only).
DEMO_ACCOUNTS = {
    "admin": ("Demo Administrator", "admin", "casson-admin"),
    "staff": ("Demo Coordinator", "staff", "casson-staff"),
    "trustee": ("Demo Trustee", "trustee", "casson-trustee"),
    "reviewer": ("Demo Reviewer", "reviewer", "casson-reviewer"),
}


class AccountError(Refused):
    """A request about accounts that cannot be carried out (message is for the user)."""


# -- private files ------------------------------------------------------------------------

def private_dir(folder: Path) -> None:
    """Make `folder` (and missing parents) exist, and be ours alone (0700), whatever the umask."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    st_ = folder.stat()
    if st_.st_uid == os.getuid() and stat.S_IMODE(st_.st_mode) & 0o077:
        os.chmod(folder, 0o700)


def private_file(path: Path) -> None:
    """Create `path` empty if missing, readable and writable by its owner only (0600)."""
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


# -- the file -----------------------------------------------------------------------------

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
    """Write the file atomically, 0600 in a 0700 folder (it holds hashes and the key)."""
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".auth-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yaml.safe_dump(config, fh, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- passwords ----------------------------------------------------------------------------

def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased (read once per process)."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _core(password: str) -> str:
    """The password without spaces and trailing digits/symbols: 'Password 2024!' -> 'password'."""
    return re.sub(r"[\d\W_]+$", "", password.lower().replace(" ", ""))


def password_problem(username: str, password: str) -> str | None:
    """Why a new password is refused, in words for its owner; None when it is acceptable."""
    if len(password) < MIN_PASSWORD:
        return f"The password must be at least {MIN_PASSWORD} characters long."
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        return (f"The password is longer than {MAX_PASSWORD_BYTES} bytes, the most a password "
                "can be here; please choose a shorter one.")
    lowered = password.lower()
    if username and (lowered == username.lower() or _core(password) == username.lower()):
        return "The password must not be the username."
    common = common_passwords()
    if lowered in common or lowered.replace(" ", "") in common or _core(password) in common:
        return "That password is on the list of commonly used passwords; please choose another."
    return None


def check_new_password(username: str, password: str) -> None:
    problem = password_problem(username, password)
    if problem:
        raise AccountError(problem)


def temporary_password() -> str:
    """A random password for a reset: shown once, changed at the next sign-in."""
    return "-".join(secrets.token_urlsafe(4) for _ in range(4))


# -- accounts -----------------------------------------------------------------------------

def _account(config: dict[str, Any], username: str) -> dict[str, Any]:
    user = config["credentials"]["usernames"].get(username)
    if user is None:
        raise AccountError(f"No account named {username!r}.")
    return user


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"Role {role!r} is not one of {', '.join(ROLES)}.")


def _check_email(email: str) -> None:
    if not EMAIL.match(email):
        raise AccountError(f"{email!r} is not an email address.")


def add_user(config: dict[str, Any], username: str, name: str, role: str, password: str,
             email: str | None = None, must_change: bool = False) -> None:
    """Add an account to a loaded config (the caller saves). Raises AccountError."""
    stored_text.check_fields({"username": username, "display_name": name, "email": email},
                      AccountError)
    if not USERNAME.match(username):
        raise AccountError(
            f"Username {username!r} is not allowed: use 2-32 lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter."
        )
    _check_role(role)
    users = config["credentials"]["usernames"]
    if username in users:
        raise AccountError(f"An account named {username!r} already exists.")
    # No email unless one is given: an invented one could be matched by single sign-on.
    email = (email or "").strip() or None
    if email is not None:
        _check_email(email)
    if email is not None and username_for_email(config, email):
        raise AccountError(f"Another account already has the email {email}.")
    check_new_password(username, password)
    users[username] = {
        "name": name,
        "email": email,
        "password": hash_password(password),
        "roles": [role],
        "must_change": must_change,
        "password_signin": True,
        "failed_login_attempts": 0,
        "logged_in": False,
    }


def _admins(config: dict[str, Any]) -> list[str]:
    return [u for u in config["credentials"]["usernames"] if role_of(config, u) == "admin"]


def remove_user(config: dict[str, Any], username: str) -> None:
    """Delete an account; the last administrator cannot be removed (no one could add another)."""
    _account(config, username)
    if _admins(config) == [username]:
        raise AccountError(f"{username} is the only administrator; add another one first.")
    del config["credentials"]["usernames"][username]


def set_role(config: dict[str, Any], username: str, role: str) -> str | None:
    """Give an account one role; returns the role it had. The last admin keeps theirs."""
    user = _account(config, username)
    _check_role(role)
    old = role_of(config, username)
    if old == "admin" and role != "admin" and _admins(config) == [username]:
        raise AccountError(f"{username} is the only administrator; add another one first.")
    user["roles"] = [role]
    return old


def set_password(config: dict[str, Any], username: str, password: str,
                 must_change: bool = False) -> None:
    """A new password (policy checked); `must_change` forces another change at next sign-in."""
    user = _account(config, username)
    check_new_password(username, password)
    user["password"] = hash_password(password)
    user["must_change"] = must_change
    user["password_signin"] = True


def reset_password(config: dict[str, Any], username: str) -> str:
    """Give an account a temporary password, returned to be shown once."""
    temporary = temporary_password()
    set_password(config, username, temporary, must_change=True)
    return temporary


def change_own_password(config: dict[str, Any], username: str, current: str, new: str) -> None:
    """The user's own change: the current password must be right; the new one must differ."""
    user = _account(config, username)
    hashed = user.get("password") or ""
    try:
        right = bool(hashed) and check_password(current, hashed)
    except ValueError:
        right = False
    if not right:
        raise AccountError("The current password is not right.")
    if new == current:
        raise AccountError("The new password must differ from the current one.")
    set_password(config, username, new)


def set_details(config: dict[str, Any], username: str, name: str, email: str) -> None:
    """Display name and email (the email is how single sign-on finds the account)."""
    user = _account(config, username)
    name, email = name.strip(), email.strip()
    stored_text.check_fields({"display_name": name, "email": email}, AccountError)
    if not name:
        raise AccountError("The display name cannot be empty.")
    _check_email(email)
    other = username_for_email(config, email)
    if other and other != username:
        raise AccountError(f"Another account already has the email {email}.")
    user["name"], user["email"] = name, email


def set_password_signin(config: dict[str, Any], username: str, allowed: bool) -> None:
    """Allow or stop password sign-in for an account (off for accounts that use SSO)."""
    user = _account(config, username)
    user["password_signin"] = allowed
    if not allowed:
        user["must_change"] = False


def password_signin_allowed(user: dict[str, Any]) -> bool:
    return user.get("password_signin", True) is not False


def must_change(config: dict[str, Any], username: str | None) -> bool:
    """Whether the account has a temporary password it must replace before any page opens."""
    user = config["credentials"]["usernames"].get(username or "")
    return bool(user and user.get("must_change") and password_signin_allowed(user))


def username_for_email(config: dict[str, Any], email: str | None) -> str | None:
    """The account whose email is `email` (case-insensitive), or None."""
    wanted = (email or "").strip().lower()
    if not wanted:
        return None
    for username, user in config["credentials"]["usernames"].items():
        if str(user.get("email") or "").strip().lower() == wanted:
            return username
    return None


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
        add_user(config, username, name, role, password, f"{username}@example.org")
    save(path, config)
    return True
