"""Subject access requests (UK GDPR art. 15): everything held on one person, in one ZIP, and
the log of requests with their legal due dates.

The rows come from casson.protection.subject, the definition erasure uses too. Other people stay
out: every address but the person's own is withheld, reviewers' names are never exported, and a
row that only mentions the person shows just the cells that name them (another person's own
words withheld). A partner's name does appear, as part of the person's own pair.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formataddr, getaddresses
from pathlib import Path
from typing import Any

import duckdb

from casson.platform import audit, db, queries, settings
from casson.protection import cover, subject

WITHHELD_ADDRESS = "[another address withheld]"
WITHHELD_MAILBOX = "address-withheld@withheld.invalid"  # in a To: line, which needs an address
WITHHELD_REVIEWER = "[withheld: a reviewer's]"
WITHHELD_WORDS = "[another person's words withheld]"
_ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def due_date(received: date) -> date:
    """One calendar month after receipt; when that month is shorter, its last day (ICO)."""
    year, month = received.year + received.month // 12, received.month % 12 + 1
    return date(year, month, min(received.day, calendar.monthrange(year, month)[1]))


# -- the log of requests -----------------------------------------------------------------------


def log_request(
    con: duckdb.DuckDBPyConnection, email: str, actor: str, received: date | None = None
) -> int:
    """Record a request as received (today unless given); its id. Audited."""
    who = subject.find(con, email)
    received = received or date.today()

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        new = queries.one_required(
            cur,
            "protection/sar_insert",
            email=email.strip(),
            email_key=who.email_key,
            person_id=who.person_id,
            sar_matched=who.found,
            sar_received_on=received,
            sar_due_on=due_date(received),
            actor=actor,
        )["id"]
        audit.record(
            cur,
            actor,
            "subject_access.receive",
            "subject_access_request",
            new,
            {"received_on": received, "due_on": due_date(received)},
        )
        return int(new)

    return db.write(con, work)


def requests(con: duckdb.DuckDBPyConnection, as_of: date | None = None) -> list[dict[str, Any]]:
    """Every request, unanswered first by due date, each marked overdue or not on `as_of`."""
    return queries.rows(con, "protection/sar_list", as_of=as_of or date.today())


def overdue(con: duckdb.DuckDBPyConnection, as_of: date | None = None) -> list[dict[str, Any]]:
    """Unanswered requests past their due date."""
    return [r for r in requests(con, as_of) if r["overdue"]]


# -- the export --------------------------------------------------------------------------------


@dataclass
class Export:
    request_id: int
    email: str
    matched: bool
    received_on: date
    due_on: date
    data: bytes = b""
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows in the export
    messages: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def summary(self) -> str:
        if not self.matched:
            return (
                f"No record holds {self.email}: the export says so (request "
                f"{self.request_id}, due {self.due_on.isoformat()})."
            )
        return (
            f"Exported {self.rows} row(s) from {len(self.tables)} table(s) and "
            f"{self.messages} email message(s) (request {self.request_id}, "
            f"due {self.due_on.isoformat()})."
        )


def export(
    con: duckdb.DuckDBPyConnection,
    email: str,
    actor: str,
    *,
    received: date | None = None,
    today: date | None = None,
    outbox: Path | None = None,
) -> Export:
    """Everything held about the person with this email, as one ZIP (Export.data).

    Answers their oldest open request, or logs one received today (or on `received`). The
    request is marked sent and the export audited."""
    who = subject.find(con, email)
    today = today or date.today()
    open_request = queries.one(con, "protection/sar_open", email_key=who.email_key)
    if open_request is None:
        log_request(con, email, actor, received or today)
        open_request = queries.one_required(con, "protection/sar_open", email_key=who.email_key)
        who = subject.find(con, email)  # now with the request just logged
    request_id = int(open_request["id"])
    result = Export(
        request_id, who.email_key, who.found, open_request["received_on"], open_request["due_on"]
    )
    found = subject.rows_about(con, who) if who.found else []
    messages = subject.outbox_messages(outbox or _outbox(con), who.needles) if who.found else []
    redact = _redactor(who)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for part in found:
            header, rows = _table_rows(con, who, part, redact)
            zf.writestr(f"tables/{part.table.name}.csv", _csv(header, rows))
            result.tables[part.table.name] = len(rows)
        for path in messages:
            zf.writestr(f"email/{path.name}", _redacted_eml(path, redact))
        result.messages = len(messages)
        zf.writestr(
            "cover.html",
            cover.html(
                cover.Facts(
                    email=who.email_key,
                    matched=who.found,
                    received_on=result.received_on,
                    due_on=result.due_on,
                    made_on=today,
                    tables=found,
                    counts=result.tables,
                    messages=[p.name for p in messages],
                    retention_years=int(settings.get(con, "retention_years") or 6),
                    backup_keep=int(settings.get(con, "backup_keep") or 20),
                )
            ),
        )
    result.data = buffer.getvalue()
    _mark_sent(con, actor, who, result, today)
    return result


def _outbox(con: duckdb.DuckDBPyConnection) -> Path:
    from casson.mail import sending

    return sending.outbox_dir(sending.db_file_of(con))


def _mark_sent(
    con: duckdb.DuckDBPyConnection, actor: str, who: subject.Subject, result: Export, today: date
) -> None:
    def work(cur: duckdb.DuckDBPyConnection) -> None:
        queries.execute(
            cur,
            "protection/sar_mark_sent",
            sar_sent_on=today,
            actor=actor,
            sar_rows=result.rows,
            person_id=who.person_id,
            sar_matched=who.found,
            sar_id=result.request_id,
        )
        # No address or name in the detail: the trail is read by every admin.
        audit.record(
            cur,
            actor,
            "subject_access.export",
            "subject_access_request",
            result.request_id,
            {
                "matched": who.found,
                "rows": result.rows,
                "tables": sorted(result.tables),
                "messages": result.messages,
            },
        )

    db.write(con, work)


def _redactor(who: subject.Subject) -> Callable[[str], str]:
    """Withhold every email address in a text but the person's own (and the trust's)."""
    from casson.mail import sending

    keep = who.addresses | {sending.DEFAULT_FROM.lower()}
    return lambda text: _ADDRESS.sub(
        lambda m: m.group(0) if m.group(0).lower() in keep else WITHHELD_ADDRESS, text
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, default=str)
    return str(value)


_EXTRA: dict[str, tuple[str, str]] = {  # table -> (query adding columns, the column it joins on)
    "pairs": ("protection/subject_pair_partners", "pair_id"),
    "attendance": ("protection/subject_sessions", "session_id"),
}
_JOIN_ON = {"pairs": "id", "attendance": "session_id"}


def _table_rows(
    con: duckdb.DuckDBPyConnection,
    who: subject.Subject,
    part: subject.Found,
    redact: Callable[[str], str],
) -> tuple[list[str], list[list[str]]]:
    """A table's CSV: its columns (withheld ones left out), any added columns, and why each row
    is there."""
    rule, key = part.table.rule, part.table.key
    columns = [c for c, _ in part.table.columns if c not in rule.withheld]
    columns += [k for k in key if k not in columns]  # rowid, when the table has no key
    extra: dict[Any, dict[str, Any]] = {}
    on = ""
    if part.table.name in _EXTRA and who.person_id is not None:
        name, on = _EXTRA[part.table.name]
        extra = {r[on]: r for r in queries.rows(con, name, person_id=who.person_id)}
    added = sorted({c for r in extra.values() for c in r} - set(columns) - {on})
    rows = []
    for row in part.own:
        hidden = {
            c
            for col, prefix, cols in rule.withheld_when
            if str(row.get(col) or "").startswith(prefix)
            for c in cols
        }
        values = [WITHHELD_REVIEWER if c in hidden else redact(_text(row[c])) for c in columns]
        more = extra.get(row.get(_JOIN_ON.get(part.table.name, "")), {})
        rows.append(values + [redact(_text(more.get(c))) for c in added] + ["yours"])
    for row, named in part.mentions:
        shown = set(key) | set(named)
        values = [
            (WITHHELD_WORDS if c in rule.others_words and c not in key else redact(_text(row[c])))
            if c in shown
            else ""
            for c in columns
        ]
        rows.append(values + [""] * len(added) + [f"mentions you ({', '.join(named)})"])
    return columns + added + ["about_you"], rows


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # Excel reads names with accents right


def _redacted_eml(path: Path, redact: Callable[[str], str]) -> bytes:
    """The message as it was written, every other person's address withheld (in headers, text
    and attachments, after undoing their transfer encodings)."""
    original = message_from_bytes(path.read_bytes(), policy=default_policy)
    msg = EmailMessage(policy=default_policy)
    for header in ("From", "To", "Cc", "Subject", "Date", "Message-ID"):
        if original[header] is None:
            continue
        if header in ("From", "To", "Cc"):  # an address header must still hold addresses
            found = getaddresses([str(original[header])])
            msg[header] = ", ".join(
                formataddr((name, WITHHELD_MAILBOX if redact(addr) != addr else addr))
                for name, addr in found
            )
        elif header == "Subject":
            msg[header] = redact(str(original[header]))
        else:  # the date and the message id name no one
            msg[header] = str(original[header])
    body = original.get_body(preferencelist=("plain", "html"))
    msg.set_content(redact(str(body.get_content())) if body is not None else "")
    for part in original.iter_attachments():
        content = part.get_content()
        name = part.get_filename() or "attachment"
        if isinstance(content, str):  # text (the webinar's .ics): it may hold an address
            msg.add_attachment(redact(content), subtype=part.get_content_subtype(), filename=name)
        else:
            msg.add_attachment(
                content,
                maintype=part.get_content_maintype(),
                subtype=part.get_content_subtype(),
                filename=name,
            )
    return bytes(msg)
