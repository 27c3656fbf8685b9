"""Programme email: who gets each template, a preview per recipient, and sending.

Sending goes through SMTP when it is set (env CASSON_SMTP_* or the [smtp] table of
.streamlit/secrets.toml), else each message is written as an .eml file to the `outbox/` folder
beside the database. Every message is logged in email_log with its status and error, so nothing
is dropped silently; a message already delivered (sent, or written to the outbox) is skipped
when the same batch is sent again, so a retry after a failure only sends what had failed.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formataddr, formatdate, make_msgid
from functools import cached_property
from pathlib import Path
from typing import Any

import duckdb

from casson.mail import templates as tpl
from casson.mentoring import interest
from casson.platform import audit, config, db, links, queries
from casson.platform.errors import Refused

TLS_MODES = ("starttls", "ssl", "none")
SECRETS_FILE = config.ROOT / ".streamlit" / "secrets.toml"
DEFAULT_FROM = "mentoring@elizabethcasson.org.uk"
SMTP_TIMEOUT_S = 20
LINK_PREVIEW = "(their personal link, made when the message is sent)"


class MailError(Refused):
    """A send or preview that cannot go ahead; the message is for the user."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None = None
    password: str | None = None
    sender: str = DEFAULT_FROM
    tls: str = "starttls"

    def describe(self) -> str:
        return f"SMTP {self.host}:{self.port} ({self.tls})"


def smtp_settings(env: Mapping[str, str] | None = None,
                  secrets_file: Path | None = SECRETS_FILE) -> SmtpSettings | None:
    """The SMTP server: env CASSON_SMTP_* first, else [smtp] in secrets.toml; None when unset."""
    env = os.environ if env is None else env
    found: dict[str, Any] = {}
    if secrets_file is not None and secrets_file.is_file():
        with secrets_file.open("rb") as fh:
            found = dict(tomllib.load(fh).get("smtp", {}))
    for key in ("host", "port", "user", "password", "from", "tls"):
        value = env.get(f"CASSON_SMTP_{key.upper()}")
        if value is not None and value != "":
            found[key] = value
    host = str(found.get("host") or "").strip()
    if not host:
        return None
    tls = str(found.get("tls") or "starttls").strip().lower()
    if tls not in TLS_MODES:
        raise MailError(f"CASSON_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {tls!r}.")
    default_port = {"ssl": 465, "starttls": 587, "none": 25}[tls]
    try:
        port = int(found.get("port") or default_port)
    except ValueError:
        raise MailError(f"CASSON_SMTP_PORT must be a number, not {found.get('port')!r}.") from None
    return SmtpSettings(host=host, port=port, user=found.get("user") or None,
                        password=found.get("password") or None,
                        sender=str(found.get("from") or DEFAULT_FROM), tls=tls)


def outbox_dir(db_file: str | os.PathLike[str] | None = None) -> Path:
    """Where messages go with no SMTP set: `outbox/` beside the database."""
    return Path(config.db_path(db_file)).resolve().parent / "outbox"


def db_file_of(con: duckdb.DuckDBPyConnection) -> Path:
    """The file a connection has open (so the outbox follows --db)."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
                      ).fetchone()
    return Path(row[0]) if row and row[0] else config.db_path()


# -- composing ----------------------------------------------------------------------------------

@dataclass
class Message:
    template: str
    cohort_id: str | None             # None for a letter about a bid or a reminder of no cohort
    recipient: str
    name: str
    wording: tuple[str, str]          # the template's (subject, body), placeholders unfilled
    values: dict[str, Any]            # this recipient's placeholder values (None is blank)
    key: str                          # same message to the same person: delivered once
    person_id: int | None = None
    interest_id: int | None = None
    pair_id: int | None = None
    session_id: int | None = None
    bid_id: int | None = None         # a decision letter's bid
    attachments: list[tuple[str, bytes]] = field(default_factory=list)   # (file name, .ics)
    link: tuple[str, int] | None = None   # (purpose, subject): a personal {link}, made on sending

    # Filled when first read: a preview of 10,000
    # recipients shows one, and sending builds each once.
    @cached_property
    def subject(self) -> str:
        return tpl.fill(self.wording[0], self.values, one_line=True)

    @cached_property
    def body(self) -> str:
        return tpl.fill(self.wording[1], self.values)


@dataclass
class Batch:
    template: str
    cohort_id: str | None
    messages: list[Message]           # still to deliver
    delivered: list[Message]          # already delivered earlier: a send skips them
    skipped: list[tuple[str, str]]    # (recipient, why they get nothing)
    session_id: int | None = None


def _first(name: str) -> str:
    return (name or "").split()[0] if (name or "").split() else name


def _cohort_name(con: duckdb.DuckDBPyConnection, cohort_id: str) -> str:
    row = queries.one(con, "mentoring/cohort_exists", cohort=cohort_id)
    if row is None:
        raise MailError(f"There is no cohort {cohort_id!r}.")
    return str(row["name"])


def cohort_sessions(con: duckdb.DuckDBPyConnection, cohort_id: str) -> list[dict[str, Any]]:
    return queries.rows(con, "mail/email_sessions", cohort_id=cohort_id)


def _pick_session(con: duckdb.DuckDBPyConnection, cohort_id: str, session_id: int | None,
                  now: datetime | None = None) -> dict[str, Any]:
    if session_id is not None:
        row = queries.one(con, "mail/email_session_get", session_id=session_id)
        if row is None or row["cohort_id"] != cohort_id:
            raise MailError(f"Session {session_id} is not a webinar of {cohort_id}.")
        return row
    sessions = cohort_sessions(con, cohort_id)
    if not sessions:
        raise MailError(f"{cohort_id} has no webinars to invite people to; add a session first.")
    now = now or datetime.now()
    upcoming = [s for s in sessions if s["starts_at"] >= now]
    chosen = upcoming[0] if upcoming else sessions[-1]
    return queries.one(con, "mail/email_session_get", session_id=chosen["id"]) or chosen


def session_ics(con: duckdb.DuckDBPyConnection, session_id: int) -> tuple[str, bytes]:
    """The webinar's calendar file (.ics) as the cohort pages offer it: (file name, bytes)."""
    from casson.mentoring import calendar

    session = queries.one(con, "mail/email_session_get", session_id=session_id) or {}
    return (calendar.file_name(str(session.get("title") or "webinar")),
            calendar.session_ics(con, session_id))


def compose(con: duckdb.DuckDBPyConnection, template: str, cohort_id: str, *,
            session_id: int | None = None, sender_name: str = "The mentoring team",
            subject: str | None = None, body: str | None = None) -> Batch:
    """Every message one template would send for a cohort, one per recipient (the preview).

    `subject` / `body` preview unsaved wording; otherwise the saved template is used."""
    spec = tpl.template(template)
    if spec.reminder:
        raise MailError(f"{spec.label} is a reminder: `remind` sends it to whoever it is due for.")
    saved_subject, saved_body = tpl.current(con, template)
    subject, body = subject or saved_subject, body or saved_body
    tpl.check(template, subject, body)
    wording = (subject, body)
    cohort_name = _cohort_name(con, cohort_id)
    common = {"cohort_name": cohort_name, "sender": sender_name}
    messages: list[Message] = []
    skipped: list[tuple[str, str]] = []

    def add(row: dict[str, Any], values: dict[str, Any], key: str, **ids: Any) -> None:
        values = {**common, "name": row["full_name"], "first_name": _first(row["full_name"]),
                  "email": row["email"], "link": LINK_PREVIEW, **values}
        messages.append(Message(
            template, cohort_id, row["email"], row["full_name"], wording, values,
            f"{template}:{cohort_id}:{key}:{row['email'].strip().lower()}", **ids))

    if template == "introduction":
        for row in queries.rows(con, "mail/email_pair_recipients", cohort_id=cohort_id):
            if row["opted_out"]:
                skipped.append((row["email"], "opted out of programme email"))
                continue
            add(row, {k: row[k] for k in ("role", "other_name", "other_email", "other_role",
                                            "mentor_name", "mentee_name")},
                f"pair{row['pair_id']}", person_id=row["person_id"], pair_id=row["pair_id"],
                link=("meeting", int(row["pair_id"])))
    elif template in ("webinar", "checkin", "survey"):
        extra: dict[str, Any] = {}
        key, ids, files = "round", {}, []
        if template == "webinar":
            session = _pick_session(con, cohort_id, session_id)
            session_id = int(session["id"])
            extra = {"session_title": session["title"],
                     "session_date": f"{session['starts_at']:%A %d %B %Y}",
                     "session_time": f"{session['starts_at']:%H:%M}",
                     "session_link": session.get("join_url") or "(the joining link follows)"}
            key, ids = f"session{session_id}", {"session_id": session_id}
            files = [session_ics(con, session_id)]
        for row in queries.rows(con, "mail/email_participant_recipients", cohort_id=cohort_id):
            if row["opted_out"]:
                skipped.append((row["email"], "opted out of programme email"))
                continue
            add(row, {"role": row["role"], **extra}, key, person_id=row["person_id"], **ids)
            messages[-1].attachments = list(files)
            if template != "webinar":
                messages[-1].link = (template, int(row["participant_id"]))
    elif template == "invite-mentor":
        for row in queries.rows(con, "mail/email_interest_recipients", cohort_id=cohort_id):
            if not row["consent"]:
                skipped.append((row["email"], "did not consent to be contacted"))
                continue
            add(row, {}, f"interest{row['interest_id']}", person_id=row["person_id"],
                interest_id=row["interest_id"])
    else:  # pragma: no cover - every template above has its audience
        raise MailError(f"No audience is defined for {spec.name}.")
    done = {r["message_key"] for r in queries.rows(con, "mail/email_delivered_keys",
                                                   template=template)}
    return Batch(template, cohort_id, [m for m in messages if m.key not in done],
                 [m for m in messages if m.key in done], skipped, session_id)


def with_link(con: duckdb.DuckDBPyConnection, actor: str, m: Message) -> Message:
    """Make the message's personal link, if its wording has a {link}: only on sending, so a
    preview of 10,000 recipients issues none."""
    if m.link is None or "{link}" not in m.wording[0] + m.wording[1]:
        return m
    purpose, subject = m.link
    token, _ = links.issue(con, actor, purpose, subject, email=m.recipient,
                           person_id=m.person_id, cohort_id=m.cohort_id)
    m.values["link"] = links.url_for(con, token)
    m.__dict__.pop("subject", None)   # a preview may have filled them already
    m.__dict__.pop("body", None)
    return m


def build(message: Message, sender: str) -> EmailMessage:
    """The message as the standard library builds it (headers encoded, attachments MIME)."""
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = sender
    msg["To"] = formataddr((message.name, message.recipient))
    msg["Subject"] = message.subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(">") or None)
    msg.set_content(message.body)
    for file_name, data in message.attachments:
        msg.add_attachment(data, maintype="text", subtype="calendar", filename=file_name,
                           params={"method": "PUBLISH"})
    return msg


# -- sending ------------------------------------------------------------------------------------

@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)        # accepted by the SMTP server
    written: list[Path] = field(default_factory=list)    # .eml files in the outbox
    failed: list[tuple[str, str]] = field(default_factory=list)   # (recipient, reason)
    skipped_delivered: int = 0
    via: str = ""

    @property
    def summary(self) -> str:
        parts = []
        if self.sent:
            parts.append(f"{len(self.sent)} sent via {self.via}")
        if self.written:
            parts.append(f"{len(self.written)} written to the outbox")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.skipped_delivered:
            parts.append(f"{self.skipped_delivered} already delivered, not sent again")
        return "; ".join(parts) + "." if parts else "Nothing to send."


def _private_dir(path: Path) -> Path:
    """A folder only the owner can read (0700), whatever the umask."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def _write_private(path: Path, data: bytes) -> None:
    """A new file only the owner can read (0600), whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
    finally:
        os.close(fd)


def _log(con: duckdb.DuckDBPyConnection, actor: str, m: Message, status: str,
         error: str | None = None, eml: Path | None = None) -> None:
    def work(cur: duckdb.DuckDBPyConnection) -> None:
        queries.execute(cur, "mail/email_log_insert", actor=actor, template=m.template,
                        cohort_id=m.cohort_id, person_id=m.person_id, interest_id=m.interest_id,
                        pair_id=m.pair_id, session_id=m.session_id, bid_id=m.bid_id,
                        recipient=m.recipient,
                        subject=m.subject, mail_status=status, error=error, message_key=m.key,
                        eml_file=None if eml is None else eml.name)
        if status != "failed" and m.interest_id is not None:
            interest.mark_invited(cur, actor, m.interest_id)

    db.write(con, work)


def _connect(s: SmtpSettings) -> smtplib.SMTP:
    if s.tls == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=SMTP_TIMEOUT_S,
                                                context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(s.host, s.port, timeout=SMTP_TIMEOUT_S)
        if s.tls == "starttls":
            server.starttls(context=ssl.create_default_context())
    if s.user:
        server.login(s.user, s.password or "")
    return server


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
        said = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"recipient refused by the server ({code} {said})"
    if isinstance(exc, smtplib.SMTPResponseException):
        err = exc.smtp_error
        said = err.decode(errors="replace") if isinstance(err, bytes) else str(err)
        return f"refused by the server ({exc.smtp_code} {said})"
    if isinstance(exc, OSError | smtplib.SMTPException):
        return f"{type(exc).__name__}: {exc}"
    return str(exc)


def send(con: duckdb.DuckDBPyConnection, actor: str, batch: Batch,
         settings: SmtpSettings | None, outbox: Path | None = None) -> Outcome:
    """Deliver a composed batch: through SMTP, else to the outbox. Each message is logged as it
    goes (sent / written / failed with its reason); a failure never stops the rest."""
    out = Outcome(skipped_delivered=len(batch.delivered))
    if not batch.messages:
        return out
    if settings is None:
        folder = _private_dir(outbox or outbox_dir(db_file_of(con)))
        out.via = f"the outbox ({folder})"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for n, m in enumerate(batch.messages, 1):
            path = folder / f"{stamp}-{m.template}-{n:04d}-{os.urandom(3).hex()}.eml"
            try:
                _write_private(path, bytes(build(with_link(con, actor, m), DEFAULT_FROM)))
            except Exception as exc:  # noqa: BLE001 - that message's failure, never the batch's
                out.failed.append((m.recipient, _reason(exc)))
                _log(con, actor, m, "failed", _reason(exc))
                continue
            out.written.append(path)
            _log(con, actor, m, "written", eml=path)
        return out
    out.via = settings.describe()
    try:
        server = _connect(settings)
    except (OSError, smtplib.SMTPException) as exc:
        reason = f"could not reach {settings.describe()}: {_reason(exc)}"
        for m in batch.messages:
            out.failed.append((m.recipient, reason))
            _log(con, actor, m, "failed", reason)
        return out
    try:
        for m in batch.messages:
            try:
                server.send_message(build(with_link(con, actor, m), settings.sender))
            except smtplib.SMTPServerDisconnected as exc:
                out.failed.append((m.recipient, _reason(exc)))
                _log(con, actor, m, "failed", _reason(exc))
                server = _connect(settings)   # one reconnect, then carry on
                continue
            except Exception as exc:  # noqa: BLE001 - a message that cannot be built (a CR in
                # a header) or sent fails alone: the rest of the batch still goes
                out.failed.append((m.recipient, _reason(exc)))
                _log(con, actor, m, "failed", _reason(exc))
                continue
            out.sent.append(m.recipient)
            _log(con, actor, m, "sent")
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return out


# -- opt-outs, the log, and erasure ---------------------------------------------------------------

def set_opt_out(con: duckdb.DuckDBPyConnection, actor: str, person_id: int,
                opted_out: bool) -> None:
    """Staff record that a person wants (or no longer wants to miss) programme email."""
    db.write(con, lambda cur: set_opt_out_in(cur, actor, person_id, opted_out))


def set_opt_out_in(cur: duckdb.DuckDBPyConnection, actor: str, person_id: int,
                   opted_out: bool) -> None:
    """The same, inside the caller's transaction (a person's own details link)."""
    queries.execute(cur, "mail/email_opt_out_set" if opted_out else "mail/email_opt_out_clear",
                    **({"person_id": person_id, "actor": actor} if opted_out
                       else {"person_id": person_id}))
    audit.record(cur, actor, "person.email_opt_out" if opted_out else "person.email_opt_in",
                 "person", person_id)
