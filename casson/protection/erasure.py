"""GDPR erasure and retention: anonymise a person everywhere, keep the aggregates whole.

A person's rows are kept but made anonymous (name, email, free text gone; their survey answers
unlinked from them), so every count, rate and KPI stays exactly as it was. Then every text and
JSON column of every table is searched for their name and email (pair and bid histories, the
audit trail, case studies, tables added later) and those strings replaced. A DuckDB file keeps
old copies of changed blocks, so `compact(path)` rewrites the file afterwards; only then are
the bytes gone from disk.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from casson.platform import audit, db, dbfiles, queries
from casson.platform.errors import Refused
from casson.platform.vocab import ERASED_DOMAIN
from casson.protection import subject

MARK = "[erased]"


class ErasureError(Refused):
    """Nothing to erase, or the request cannot be carried out (message is for the user)."""


@dataclass
class Erasure:
    person_id: int | None
    bids: list[int] = field(default_factory=list)
    changed: dict[str, int] = field(default_factory=dict)   # table.column -> rows scrubbed
    needles: list[str] = field(default_factory=list, repr=False)  # what was scrubbed (not stored)

    @property
    def summary(self) -> str:
        who = f"person {self.person_id}" if self.person_id is not None else "no person record"
        cells = sum(self.changed.values())
        return (f"Erased {who}, {len(self.bids)} bid applicant record(s); "
                f"{cells} text cell(s) scrubbed across "
                f"{len({k.split('.')[0] for k in self.changed})} table(s).")


def _scrub(cur: duckdb.DuckDBPyConnection, needles: list[str]) -> dict[str, int]:
    """Replace every needle (case-insensitive) in every searched text/JSON cell; counts per
    column. What is searched, and for what, is casson.protection.subject's (the export's too)."""
    pattern = subject.mention_pattern(needles)
    if not pattern:
        return {}
    changed = {}
    for table, column, dtype in subject.mentioned_columns(cur, pattern):
        col = dbfiles.identifier(column)
        text = f"CAST({col} AS VARCHAR)"
        value = f"regexp_replace({text}, $p, '{MARK}', 'gi')"
        if dtype == "JSON":
            value = f"CAST({value} AS JSON)"
        # The one statement built here: its table and column come from the catalog query.
        row = cur.execute(
            f"UPDATE {dbfiles.identifier(table)} SET {col} = {value} "
            f"WHERE regexp_matches({text}, $p, 'i')", {"p": pattern}).fetchone()
        n = row[0] if row else 0
        if n:
            changed[f"{table}.{column}"] = n
    return changed


def erase_person(con: duckdb.DuckDBPyConnection, email: str, actor: str) -> Erasure:
    """Anonymise the person (and any bid applicant) with this email, in one transaction.

    Raises ErasureError when no person or applicant has the email. Call `compact()` on the
    file afterwards (with no other connection open) to remove the old bytes from disk.
    """
    return erase_people(con, [email], actor)[0]


def erase_people(con: duckdb.DuckDBPyConnection, emails: list[str], actor: str) -> list[Erasure]:
    """Erase several people in one transaction with one scrub pass over the file (retention).

    Scrubbing reads every text cell of every table: once for all of them, not once a person
    (166 people took 30 s one by one). Each person is audited; all or none are erased."""
    keys = [_email_key(e) for e in emails]
    return _finish(con, db.write(con, lambda cur: erase_within(cur, keys, actor))) if keys else []


def erase_within(cur: duckdb.DuckDBPyConnection, emails: list[str],
                 actor: str) -> list[Erasure]:
    """The changes of an erasure, inside the caller's transaction (no outbox, no checkpoint).

    Scrubbing reads every text cell of every table: once for all of them, not once a person
    (166 people took 30 s one by one). Each person is audited."""
    results = [_anonymise(cur, _email_key(e)) for e in emails]
    changed = _scrub(cur, [n for r in results for n in r.needles])
    for r in results:
        _audit(cur, actor, r, sum(changed.values()))
    if results:
        results[0].changed = changed  # the pass's counts, reported once
    return results


def _email_key(email: str) -> str:
    try:
        return subject.email_key(email)
    except subject.SubjectError as exc:
        raise ErasureError("Give the email address of the person to erase.") from exc


def _anonymise(cur: duckdb.DuckDBPyConnection, key: str) -> Erasure:
    """The person's and applicant's own rows set to "Erased …"; the needles left to scrub."""
    found = subject.find(cur, key)
    person, bids = found.person, found.bids
    if not found.found:
        raise ErasureError("No person, grant applicant or register entry has that email address.")
    if person and person["email"].endswith("@" + ERASED_DOMAIN):
        raise ErasureError("That person has already been erased.")
    result = Erasure(person_id=found.person_id, bids=[b["id"] for b in bids])
    if person:
        pid = person["id"]
        queries.execute(cur, "protection/erasure_person_update", erase_person_id=pid,
                        erase_name=f"Erased person {pid}",
                        erase_anon_email=f"erased-{pid}@{ERASED_DOMAIN}")
        queries.execute(cur, "protection/erasure_participant_update", erase_person_id=pid)
        queries.execute(cur, "protection/erasure_responses_unlink", erase_person_id=pid)
    for bid in bids:
        bid_id = bid["id"]
        queries.execute(cur, "protection/erasure_applicant_update", erase_bid_id=bid_id,
                        erase_name=f"Erased applicant {bid_id}",
                        erase_anon_email=f"erased-bid-{bid_id}@{ERASED_DOMAIN}")
    result.needles = found.needles
    return result


def _audit(cur: duckdb.DuckDBPyConnection, actor: str, result: Erasure, cells: int) -> None:
    audit.record(cur, actor, "person.erase", "person",
                 result.person_id if result.person_id is not None else "-",
                 {"bids": result.bids, "cells_scrubbed": cells})


def _finish(con: duckdb.DuckDBPyConnection, results: list[Erasure]) -> list[Erasure]:
    """After the transaction: the outbox files (one pass, counted with the scrub), then a
    checkpoint (compact() rewrites the file)."""
    if results:
        removed = _scrub_outbox(con, [n for r in results for n in r.needles])
        results[0].changed.update(removed)
    # Fails while another transaction is open (the app); compact() follows and rewrites the file.
    with contextlib.suppress(duckdb.Error):
        con.execute("CHECKPOINT")
    return results


def _scrub_outbox(con: duckdb.DuckDBPyConnection, needles: list[str]) -> dict[str, int]:
    """Outbox messages (.eml beside the database) naming the person are deleted: email_log is
    scrubbed above like every table, but the files hold their name and address too. Which
    messages name them is casson.protection.subject's (the export sends the same ones)."""
    from casson.mail import sending

    found = subject.outbox_messages(sending.outbox_dir(sending.db_file_of(con)), needles)
    for path in found:
        path.unlink()
    return {"outbox.eml": len(found)} if found else {}


def compact(path: str | os.PathLike[str]) -> Path:
    """Rewrite the database file so no freed block still holds erased data.

    Needs the file free of other connections (DatabaseBusy otherwise)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".compact")
    tmp.unlink(missing_ok=True)
    con = dbfiles.open_file(path)
    try:
        con.execute("CHECKPOINT")
        dbfiles.copy(con, tmp)
    finally:
        con.close()
    return dbfiles.replace(tmp, path)


# -- retention ---------------------------------------------------------------------------------

def retention_due(con: duckdb.DuckDBPyConnection, years: int,
                  today: date | None = None) -> list[tuple[int, str]]:
    """People (id, email) whose every cohort ended more than `years` years ago, not yet erased."""
    today = today or date.today()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return [(r["id"], r["email"]) for r in queries.rows(
        con, "protection/retention_due", erase_domain=ERASED_DOMAIN, retention_cutoff=cutoff)]


def apply_retention(con: duckdb.DuckDBPyConnection, years: int, actor: str,
                    today: date | None = None) -> list[Erasure]:
    """Erase everyone due under the retention rule (then `compact()` the file)."""
    return erase_people(con, [email for _, email in retention_due(con, years, today)], actor)
