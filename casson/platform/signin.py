"""Sign-in checks and server-side sessions (no Streamlit): lockout, address slowing, timeouts.

State lives in a small SQLite file beside the accounts file (`config.auth_state_path()`), not
in the DuckDB database, because:
- DuckDB lets one process write a file, and the running dashboard holds it; `python -m casson
  user remove` must end a user's sessions while the app runs, and SQLite allows that;
- every failed sign-in is a write, and guessers should not contend with imports and pair edits;
- session tokens and attempt logs are not programme data: backups, restores and erasure of the
  DuckDB file should neither carry nor resurrect them.

Rules (numbers come from `Policy`, which reads the settings):
- Every attempt runs exactly one bcrypt check: against the account's hash, or a dummy hash of
  the same cost for an unknown username, so both take the same time and get the same message.
- A username (known or not, so lockout tells nothing either) tried from one address is
  locked there after `max_failures` failures of that pair within `window_s`, for `lock_s`:
  while locked, every attempt of that pair is refused with the same message whether or not the
  password was right. The pair is locked, not the account: an outsider cannot lock a named
  account (the admin's, say) against its owner, who signs in from another address.
- The account alone is slowed, never locked: once it has failed `max_failures` times in the
  window from any addresses, each answer for it waits (0.5 s doubling, at most
  MAX_ADDRESS_DELAY_S), which holds a guesser spread over many addresses to a crawl.
- A username tried from one address that has failed `address_slow_after` times in the window
  is made to wait before its answer (doubling per failure, capped at MAX_ADDRESS_DELAY_S). The
  pair, not the address alone, is slowed: colleagues behind one NAT or proxy never wait for a
  guesser's failures, and spraying many usernames meets each pair's own lock instead.
- An attempt whose address is unknown (no request context, or a proxy not named as trusted)
  counts as from UNKNOWN_ADDRESS: one address, slowed and locked like any other.
- A password over 72 bytes (bcrypt's limit) is refused in plain words, after the same one
  bcrypt check of a dummy hash. An account with password sign-in turned off (it uses single
  sign-on) answers a password exactly like a wrong one.
- A session is a random token; only its SHA-256 is stored. It ends on sign-out (every session
  of that user), on account removal, on a password change (the other sessions), after `idle_s`
  without a request, or `absolute_s` after
  sign-in, whichever comes first.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casson.platform.accounts import (
    MAX_PASSWORD_BYTES,
    check_password,
    password_signin_allowed,
    private_file,
)

# bcrypt of a random string at the same cost (12) as real accounts: unknown users cost the same.
DUMMY_HASH = "$2b$12$S7ksVX0WYver0TtsJWVfB.MEwIY/ykTNhQpaWbvWrh97vKkB7BMQG"

WRONG = "The username or password is not right. Please try again."
LOCKED = ("Too many failed sign-ins for this username. Sign-in is paused for {minutes} minutes; "
          "ask an administrator if you need access sooner.")

TOO_LONG = (f"Passwords here are at most {MAX_PASSWORD_BYTES} bytes long, so this one cannot be "
            "right. Please check what you typed.")

MAX_ADDRESS_DELAY_S = 4.0
UNKNOWN_ADDRESS = "unknown"  # the address of every attempt whose address is not known

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    username TEXT NOT NULL, address TEXT, ok INTEGER NOT NULL, ts REAL NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_user ON attempts (username, ts);
CREATE INDEX IF NOT EXISTS attempts_address ON attempts (address, ts);
CREATE TABLE IF NOT EXISTS locks (username TEXT PRIMARY KEY, until REAL NOT NULL);
CREATE TABLE IF NOT EXISTS pair_locks (
    username TEXT NOT NULL, address TEXT NOT NULL, until REAL NOT NULL,
    PRIMARY KEY (username, address));
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created REAL NOT NULL,
    last_seen REAL NOT NULL, ended REAL, end_reason TEXT);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (username);
CREATE TABLE IF NOT EXISTS sso_claims (identity_hash TEXT PRIMARY KEY, ts REAL NOT NULL);
"""


@dataclass(frozen=True)
class Policy:
    max_failures: int = 5
    window_s: float = 15 * 60
    lock_s: float = 15 * 60
    address_slow_after: int = 3
    idle_s: float = 30 * 60
    absolute_s: float = 12 * 3600

    @classmethod
    def from_settings(cls, get: Callable[[str], str | None]) -> Policy:
        """Build from `casson.platform.settings` keys (minutes/hours as the settings name them)."""
        def num(key: str, default: float) -> float:
            value = get(key)
            try:
                return float(value) if value not in (None, "") else default
            except ValueError:
                return default
        return cls(
            max_failures=int(num("signin_max_failures", 5)),
            window_s=num("signin_window_minutes", 15) * 60,
            lock_s=num("signin_lock_minutes", 15) * 60,
            address_slow_after=int(num("signin_address_slow_after", 3)),
            idle_s=num("session_idle_minutes", 30) * 60,
            absolute_s=num("session_absolute_hours", 12) * 3600,
        )


@dataclass(frozen=True)
class Outcome:
    ok: bool
    event: str            # login | login_failed | login_locked | login_lockout
    message: str          # what the person sees (never says which part was wrong)
    token: str | None = None


@dataclass(frozen=True)
class SessionCheck:
    username: str | None
    reason: str           # ok | missing | unknown | ended | idle | absolute


def normalise(username: str | None) -> str:
    return (username or "").strip().lower()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


SEEN_EVERY_S = 15  # last_seen is refreshed at most this often (idle timeouts are in minutes)


class AuthStore:
    """Attempts, locks and sessions in one SQLite file (safe across processes)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        # 0600 in a 0700 folder whatever the umask; SQLite gives its -wal/-shm the same mode.
        private_file(self.path)
        with closing(self._connect()) as db, db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA busy_timeout=10000")
        # WAL with NORMAL: a commit no longer waits for fsync (about 40 ms a page click here);
        # the database stays consistent, and a power cut can at most lose a last_seen update.
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _run(self, sql: str, params: tuple = ()) -> list[tuple[Any, ...]]:
        with closing(self._connect()) as db:
            rows = db.execute(sql, params).fetchall()
        return rows

    # -- attempts and locks -----------------------------------------------------------------

    def record_attempt(self, username: str, address: str | None, ok: bool, now: float) -> None:
        self._run("INSERT INTO attempts VALUES (?, ?, ?, ?)", (username, address, int(ok), now))

    def failures(self, username: str, since: float) -> int:
        """Failures for a username since `since` and since its last success."""
        return self._run(
            "SELECT count(*) FROM attempts WHERE username = ? AND ok = 0 AND ts >= max(?, "
            "coalesce((SELECT max(ts) FROM attempts WHERE username = ? AND ok = 1), 0))",
            (username, since, username))[0][0]

    def pair_failures(self, username: str, address: str, since: float) -> int:
        """Failures of one username from one address since `since` and its last success there."""
        return self._run(
            "SELECT count(*) FROM attempts WHERE username = ? AND address = ? AND ok = 0 "
            "AND ts >= max(?, coalesce((SELECT max(ts) FROM attempts WHERE username = ? "
            "AND address = ? AND ok = 1), 0))",
            (username, address, since, username, address))[0][0]

    def lock(self, username: str, address: str, until: float) -> None:
        self._run("INSERT OR REPLACE INTO pair_locks VALUES (?, ?, ?)", (username, address, until))

    def locked_until(self, username: str, now: float, address: str | None = None) -> float | None:
        """When the lock of `username` from `address` ends; with no address, the latest lock
        of the username from any address (the Accounts page shows it as locked)."""
        rows = self._run("SELECT max(until) FROM pair_locks WHERE username = ? AND until > ? "
                         "AND (? IS NULL OR address = ?)", (username, now, address, address))
        return rows[0][0] if rows and rows[0][0] is not None else None

    def unlock(self, username: str) -> bool:
        """Lift its locks (administrator action); failures before now no longer count."""
        with closing(self._connect()) as db:
            n = db.execute("DELETE FROM pair_locks WHERE username = ?", (username,)).rowcount
            n += db.execute("DELETE FROM locks WHERE username = ?", (username,)).rowcount
            db.execute("DELETE FROM attempts WHERE username = ? AND ok = 0", (username,))
        return n > 0

    def prune(self, before: float) -> None:
        """Forget attempts older than `before` (they no longer count towards anything)."""
        self._run("DELETE FROM attempts WHERE ts < ?", (before,))

    # -- sessions ---------------------------------------------------------------------------

    def issue(self, username: str, now: float) -> str:
        token = secrets.token_urlsafe(32)
        self._run("INSERT INTO sessions VALUES (?, ?, ?, ?, NULL, NULL)",
                  (_hash(token), username, now, now))
        return token

    def check(self, token: str | None, now: float, policy: Policy) -> SessionCheck:
        """Whether a token is a live session; ends it (idle/absolute) if it has expired."""
        if not token:
            return SessionCheck(None, "missing")
        rows = self._run("SELECT username, created, last_seen, ended FROM sessions "
                         "WHERE token_hash = ?", (_hash(token),))
        if not rows:
            return SessionCheck(None, "unknown")
        username, created, last_seen, ended = rows[0]
        if ended is not None:
            return SessionCheck(None, "ended")
        for reason, expired in (("absolute", now - created > policy.absolute_s),
                                ("idle", now - last_seen > policy.idle_s)):
            if expired:
                self._end("token_hash = ?", (_hash(token),), now, reason)
                return SessionCheck(None, reason)
        if now - last_seen >= SEEN_EVERY_S:  # a write per click is not needed for minute timeouts
            self._run("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now, _hash(token)))
        return SessionCheck(username, "ok")

    def session_user(self, token: str | None) -> str | None:
        """The user a token was issued to, live or not (for audit after a timeout)."""
        if not token:
            return None
        rows = self._run("SELECT username FROM sessions WHERE token_hash = ?", (_hash(token),))
        return rows[0][0] if rows else None

    def _end(self, where: str, params: tuple, now: float, reason: str) -> int:
        with closing(self._connect()) as db:
            return db.execute(f"UPDATE sessions SET ended = ?, end_reason = ? "  # noqa: S608
                              f"WHERE ended IS NULL AND {where}", (now, reason, *params)).rowcount

    def end(self, token: str, now: float, reason: str) -> int:
        return self._end("token_hash = ?", (_hash(token),), now, reason)

    def end_user(self, username: str, now: float, reason: str) -> int:
        """End every live session of a user (sign-out, account removal). Returns how many."""
        return self._end("username = ?", (username,), now, reason)

    def end_others(self, username: str, keep: str | None, now: float, reason: str) -> int:
        """End every live session of a user but `keep` (a password change ends the others)."""
        return self._end("username = ? AND token_hash <> ?", (username, _hash(keep or "")),
                         now, reason)

    def end_by_id(self, session_id: str, now: float, reason: str) -> str | None:
        """End one session by its id (`sessions()`); returns its user, None if not live."""
        rows = self._run("SELECT username FROM sessions WHERE token_hash = ? AND ended IS NULL",
                         (session_id,))
        if not rows or not self._end("token_hash = ?", (session_id,), now, reason):
            return None
        return rows[0][0]

    def live_sessions(self, username: str) -> int:
        return self._run("SELECT count(*) FROM sessions WHERE username = ? AND ended IS NULL",
                         (username,))[0][0]

    def sessions(self, now: float, policy: Policy) -> list[dict[str, Any]]:
        """Live sessions (not ended, not past a timeout), newest first. The id is the token's
        SHA-256: it ends the session but cannot be turned back into the cookie."""
        rows = self._run("SELECT token_hash, username, created, last_seen FROM sessions "
                         "WHERE ended IS NULL AND created > ? AND last_seen > ? "
                         "ORDER BY created DESC", (now - policy.absolute_s, now - policy.idle_s))
        return [{"id": r[0], "username": r[1], "created": r[2], "last_seen": r[3]} for r in rows]

    def last_sign_ins(self) -> dict[str, float]:
        """Each user's latest sign-in (password or single sign-on): when a session began."""
        return dict(self._run("SELECT username, max(created) FROM sessions GROUP BY username"))

    def claim_identity(self, identity: str, now: float) -> bool:
        """True the first time an identity-provider sign-in (issuer, subject, nonce) is seen:
        each one starts at most one session, so a copied identity cookie starts none."""
        with closing(self._connect()) as db:
            return db.execute("INSERT OR IGNORE INTO sso_claims VALUES (?, ?)",
                              (_hash(identity), now)).rowcount == 1

    def ended_reason(self, token: str | None) -> str | None:
        """Why a token's session ended (idle, absolute, logout…), None if live or unknown."""
        if not token:
            return None
        rows = self._run("SELECT end_reason FROM sessions WHERE token_hash = ?", (_hash(token),))
        return rows[0][0] if rows else None


def client_address(peer: str | None, forwarded_for: str | None,
                   trusted_proxy: str | None) -> str:
    """The address an attempt counts against. `peer` is the connection's own (None: unknown,
    which Streamlit also gives for loopback). Only when the peer is the reverse proxy named
    as trusted (`CASSON_TRUSTED_PROXY`; "127.0.0.1" for one on the same machine) is its
    X-Forwarded-For read, and then only its last entry: the one the proxy itself added
    (earlier entries are whatever the browser sent). Anything else is the peer itself."""
    peer = peer or "127.0.0.1"
    if trusted_proxy and forwarded_for and _same_address(peer, trusted_proxy):
        last = forwarded_for.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return UNKNOWN_ADDRESS
    return peer


def _same_address(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b.strip())
    except ValueError:
        return False


def _doubling(over: int) -> float:
    return 0.0 if over < 0 else min(MAX_ADDRESS_DELAY_S, 0.5 * 2 ** over)


def address_delay(store: AuthStore, username: str, address: str | None, now: float,
                  policy: Policy) -> float:
    """Seconds to hold back the answer to `username` from `address`: 0 until that pair has
    failed `address_slow_after` times (or the account `max_failures` times from anywhere),
    then 0.5 s doubling per failure, capped."""
    key, since = normalise(username), now - policy.window_s
    pair = store.pair_failures(key, address or UNKNOWN_ADDRESS, since)
    account = store.failures(key, since)
    return max(_doubling(pair - policy.address_slow_after),
               _doubling(account - policy.max_failures))


def sign_in(store: AuthStore, users: dict[str, dict], username: str, password: str,
            address: str | None, now: float, policy: Policy,
            check: Callable[[str, str], bool] = check_password) -> Outcome:
    """Check one sign-in attempt. Exactly one `check` (bcrypt) call on every path."""
    key, address = normalise(username), address or UNKNOWN_ADDRESS
    account = users.get(key) if key else None
    if account is not None and not password_signin_allowed(account):
        account = None  # single sign-on only: a password is answered as a wrong one
    hashed = (account or {}).get("password") or DUMMY_HASH
    too_long = len((password or "").encode("utf-8")) > MAX_PASSWORD_BYTES
    try:
        if too_long:  # bcrypt refuses it; spend the same time on the dummy hash
            check("too long", DUMMY_HASH)
            password_ok = False
        else:
            password_ok = check(password or "", hashed) and account is not None
    except ValueError:  # a malformed hash in the file: treat as a wrong password
        password_ok = False
    locked = store.locked_until(key, now, address)
    if locked is not None:
        store.record_attempt(key, address, False, now)  # refused, whatever the password
        minutes = max(1, round((locked - now) / 60))
        return Outcome(False, "login_locked", LOCKED.format(minutes=minutes))
    if password_ok:
        store.record_attempt(key, address, True, now)
        return Outcome(True, "login", "", store.issue(key, now))
    store.record_attempt(key, address, False, now)
    if store.pair_failures(key, address, now - policy.window_s) >= policy.max_failures:
        store.lock(key, address, now + policy.lock_s)
        return Outcome(False, "login_lockout",
                       LOCKED.format(minutes=max(1, round(policy.lock_s / 60))))
    return Outcome(False, "login_failed", TOO_LONG if too_long else WRONG)


SSO_UNKNOWN = ("{email} has no account on this dashboard. Ask an administrator to add one "
               "with this email; signing in with a Microsoft or Google account creates none.")
SSO_NO_EMAIL = ("This {provider} sign-in carries no email address, so it cannot be matched to "
                "an account. Ask an administrator (the `email` claim, README Single sign-on).")
SSO_UNVERIFIED = ("{provider} does not vouch for the email address {email}, so it cannot be "
                  "used to sign in here.")
SSO_FOREIGN = ("Only accounts of the trust's own {what} may sign in here; this {provider} "
               "account belongs to another.")
SSO_NOT_SET = ("Sign-in with {provider} is not finished being set up here ({key} in "
               "secrets.toml). Use your password, or ask an administrator.")


@dataclass(frozen=True)
class SsoRules:
    """Which identities a configured provider may vouch for (secrets.toml, README):
    Microsoft Entra ID needs `allowed_tenant` (the trust's directory id, the token's `tid`);
    Google needs `allowed_domain` (its Workspace domain, the token's `hd`); any other
    provider may name an `allowed_domain` that emails must end in."""

    provider: str
    tenant: str | None = None
    domain: str | None = None


def _verified(claims: dict[str, Any], rules: SsoRules) -> bool:
    """`email_verified` must be true. Entra ID never sends it (its v2.0 tokens have no such
    claim): there the tenant check stands in, as a single-tenant directory's emails are set
    by its own administrators."""
    flag = claims.get("email_verified")
    if flag is None:
        return rules.provider == "microsoft"
    return flag is True or str(flag).lower() == "true"


def sso_refusal(claims: dict[str, Any], rules: SsoRules) -> str | None:
    """Why an identity may not sign in (None when it may). `preferred_username` is never
    used: Microsoft documents it as mutable and not for authorisation."""
    name = {"microsoft": "Microsoft", "google": "Google"}.get(rules.provider,
                                                              rules.provider.capitalize())
    email = str(claims.get("email") or "").strip()
    if rules.provider == "microsoft" and not rules.tenant:
        return SSO_NOT_SET.format(provider=name, key="allowed_tenant")
    if rules.provider == "google" and not rules.domain:
        return SSO_NOT_SET.format(provider=name, key="allowed_domain")
    if rules.tenant and str(claims.get("tid") or "").lower() != rules.tenant.lower():
        return SSO_FOREIGN.format(what="Microsoft directory", provider=name)
    domain = (rules.domain or "").lower()
    if rules.provider == "google" and str(claims.get("hd") or "").lower() != domain:
        return SSO_FOREIGN.format(what="Google Workspace", provider=name)
    if not email:
        return SSO_NO_EMAIL.format(provider=name)
    if domain and not email.lower().endswith("@" + domain):
        return SSO_FOREIGN.format(what=f"domain ({domain})", provider=name)
    if not _verified(claims, rules):
        return SSO_UNVERIFIED.format(provider=name, email=email)
    return None


def sso_sign_in(store: AuthStore, users: dict[str, dict], claims: dict[str, Any],
                rules: SsoRules, address: str | None,
                now: float) -> tuple[Outcome, str | None]:
    """A sign-in proven by the identity provider: a verified email of the trust's own tenant
    or domain (`sso_refusal`) that is an account's email.

    Returns the outcome and the username (None when refused). Nothing is provisioned: an
    unknown email is refused, and its refusal is an attempt like any other.
    """
    refusal = sso_refusal(claims, rules)
    if refusal is not None:
        return Outcome(False, "login_sso_refused", refusal), None
    email = str(claims.get("email")).strip()
    wanted = email.lower()
    username = next((u for u, v in users.items()
                     if str(v.get("email") or "").strip().lower() == wanted), None)
    if username is None:
        return Outcome(False, "login_sso_refused",
                       SSO_UNKNOWN.format(email=email or "This identity")), None
    store.record_attempt(username, address, True, now)
    return Outcome(True, "login_sso", "", store.issue(username, now)), username
