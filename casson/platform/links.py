"""Personal links: a signed token for one purpose, one subject, until a date.

A token is `v1.<payload>.<signature>`: the payload (base64url JSON) names the purpose, the
subject, the expiry and a random nonce; the signature is HMAC-SHA256 of it with the link
secret. The secret comes from env CASSON_LINK_SECRET, else `link_secret` in
.streamlit/secrets.toml, else a file `link-secret` beside the database, generated once (0600).

The signature proves who made the token; the links_issued row (found by its nonce) is what
staff revoke and what counts uses, so a link for a check-in works once. Every way a token can
fail gives the same plain refusal (`LinkRefused`), so a guesser learns nothing from it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets as pysecrets
import threading
import time
import tomllib
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from casson.platform import audit, config, db, queries, settings
from casson.platform.errors import Refused

PURPOSES = ("meeting", "checkin", "survey", "details", "report")
# How long a link lives, in days, and how often it may be used (None: until it expires).
LIFETIME_DAYS = {"meeting": 120, "checkin": 30, "survey": 30, "details": 30, "report": 60}
MAX_USES: dict[str, int | None] = {
    "meeting": None,
    "checkin": 1,
    "survey": None,
    "details": None,
    "report": 1,
}
SECRET_ENV = "CASSON_LINK_SECRET"
SECRET_FILE_NAME = "link-secret"
SECRETS_TOML = config.ROOT / ".streamlit" / "secrets.toml"
REFUSAL = (
    "This link cannot be used. It may have expired or been replaced; ask the trust for a new one."
)


class LinkRefused(Refused):
    """A token that is tampered with, expired, revoked, used up or unknown: one plain message."""

    def __init__(self, why: str = "") -> None:
        super().__init__(REFUSAL)
        self.why = why  # for tests and logs only; never shown


@dataclass(frozen=True)
class Claims:
    purpose: str
    subject: str
    expires: dt.datetime
    nonce: str


# -- the secret ---------------------------------------------------------------------------------


def db_file_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The file a connection has open (so the secret file follows --db)."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]) if row and row[0] else config.db_path()


def secret_for(
    db_file: Path, env: dict[str, str] | None = None, secrets_file: Path | None = SECRETS_TOML
) -> bytes:
    """The signing secret: env, else secrets.toml, else the 0600 file beside the database."""
    env = dict(os.environ) if env is None else env
    if env.get(SECRET_ENV):
        return env[SECRET_ENV].encode()
    if secrets_file is not None and secrets_file.is_file():
        with secrets_file.open("rb") as fh:
            found = tomllib.load(fh).get("link_secret")
        if found:
            return str(found).encode()
    path = Path(db_file).resolve().parent / SECRET_FILE_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, pysecrets.token_urlsafe(48).encode())
    finally:
        os.close(fd)
    return path.read_bytes().strip()


def secret(con: duckdb.DuckDBPyConnection) -> bytes:
    return secret_for(db_file_of(con))


# -- tokens -------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, b"casson-link:" + payload.encode(), hashlib.sha256).digest())


def sign(key: bytes, claims: Claims) -> str:
    body = {
        "p": claims.purpose,
        "s": claims.subject,
        "e": int(claims.expires.timestamp()),
        "n": claims.nonce,
    }
    payload = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
    return f"v1.{payload}.{_mac(key, payload)}"


def read(key: bytes, token: str, now: dt.datetime | None = None) -> Claims:
    """The claims of a genuine, unexpired token; LinkRefused for anything else."""
    parts = (token or "").strip().split(".")
    if len(parts) != 3 or parts[0] != "v1" or len(token) > 600:
        raise LinkRefused("malformed")
    payload, mac = parts[1], parts[2]
    if not hmac.compare_digest(_mac(key, payload), mac):
        raise LinkRefused("signature")
    try:
        body = json.loads(_unb64(payload))
        claims = Claims(
            str(body["p"]),
            str(body["s"]),
            dt.datetime.fromtimestamp(int(body["e"])),
            str(body["n"]),
        )
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise LinkRefused("payload") from None
    if claims.purpose not in PURPOSES:
        raise LinkRefused("purpose")
    if claims.expires <= (now or dt.datetime.now()):
        raise LinkRefused("expired")
    return claims


# -- issuing, checking, using, revoking ----------------------------------------------------------


def issue(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    purpose: str,
    subject: str | int,
    *,
    email: str,
    person_id: int | None = None,
    cohort_id: str | None = None,
    expires: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> tuple[str, dt.datetime]:
    """Issue one link (recorded, so it can be revoked); returns (token, expiry)."""
    if purpose not in PURPOSES:
        raise ValueError(f"{purpose!r} is not a link purpose ({', '.join(PURPOSES)})")
    start = (now or dt.datetime.now()).replace(microsecond=0)
    until = (expires or start + dt.timedelta(days=LIFETIME_DAYS[purpose])).replace(microsecond=0)
    claims = Claims(purpose, str(subject), until, pysecrets.token_urlsafe(12))

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        queries.execute(
            cur,
            "platform/links_insert",
            nonce=claims.nonce,
            purpose=purpose,
            person_id=person_id,
            subject=str(subject),
            cohort_id=cohort_id,
            email=email,
            expires_at=until,
            max_uses=MAX_USES[purpose],
            actor=actor,
        )

    db.write(con, work)
    return sign(secret(con), claims), until


def check(
    con: duckdb.DuckDBPyConnection, token: str, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The issued link a token stands for, if it may still be used; LinkRefused otherwise."""
    claims = read(secret(con), token, now)
    row = queries.one(con, "platform/links_get", nonce=claims.nonce)
    if row is None or row["purpose"] != claims.purpose or row["subject"] != claims.subject:
        raise LinkRefused("unknown")
    if row["revoked_at"] is not None:
        raise LinkRefused("revoked")
    if row["max_uses"] is not None and row["uses"] >= row["max_uses"]:
        raise LinkRefused("used up")
    return row


def use(cur: duckdb.DuckDBPyConnection, link: dict[str, Any]) -> None:
    """Count one use inside the submission's transaction; a race past max_uses is refused."""
    row = queries.one_required(cur, "platform/links_use", link_id=link["id"])
    if row["max_uses"] is not None and row["uses"] > row["max_uses"]:
        raise LinkRefused("used up")


def revoke_person(con: duckdb.DuckDBPyConnection, actor: str, person_id: int) -> int:
    """Revoke every live link of a person (staff, People or Pairs); returns how many."""

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        row = queries.one_required(
            cur, "platform/links_revoke_person", person_id=person_id, actor=actor
        )
        audit.record(cur, actor, "links.revoke", "person", person_id, {"links": row["revoked"]})
        return int(row["revoked"])

    return db.write(con, work)


def url_for(con: duckdb.DuckDBPyConnection, token: str) -> str:
    """The address a participant opens: env CASSON_PUBLIC_URL, else the setting public_base_url."""
    base = os.environ.get("CASSON_PUBLIC_URL") or settings.get(con, "public_base_url") or ""
    return f"{base.rstrip('/')}/respond?t={token}"


def person_by_email(con: duckdb.DuckDBPyConnection, email: str) -> int | None:
    row = queries.one(con, "platform/links_person_by_email", email=email)
    return None if row is None else int(row["person_id"])


def live_count(con: duckdb.DuckDBPyConnection, person_id: int) -> int:
    """How many of a person's links could still be used."""
    row = queries.one_required(con, "platform/links_live_count", person_id=person_id)
    return int(row["live"])


# -- a rate limit per address ------------------------------------------------------------------


class RateLimit:
    """At most `limit` requests per address in a sliding `window_s`, in this process (the one
    process that serves every page)."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit, self.window_s = limit, window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str | None, now: float | None = None) -> bool:
        key = address or "unknown"
        t = time.monotonic() if now is None else now
        with self._lock:
            seen = self._seen.setdefault(key, deque())
            while seen and seen[0] <= t - self.window_s:
                seen.popleft()
            if len(seen) >= self.limit:
                return False
            seen.append(t)
            return True


class RateLimited(Refused):
    """Too many requests from one address."""

    def __init__(self) -> None:
        super().__init__(
            "Too many requests from your connection. Please wait a few minutes and try again."
        )
