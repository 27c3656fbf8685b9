"""The rows about a person: one definition, shared by erasure and subject access.

A person is found by email: their row in people, their grant bids (applicant email) and their
entries on the register of interest. Per table, RULES says how their rows are found: which
columns point at them (their person id, a place in a cohort, a pair, a bid, a register entry,
their email address, or an audit row's entity). A table missing from RULES gets its links from
its column names (person_id, pair_id, …, email); `unclassified()` names such tables, and a test
fails until each is declared, so a table added later is never forgotten by one and not the other.

Beyond those links, a row whose text names the person (their email, or their name) is about them
too: erasure replaces exactly those strings in exactly those columns (`searched_columns`,
`mention_pattern`), and the export shows exactly those rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.header import decode_header, make_header
from email.policy import compat32
from pathlib import Path
from typing import Any

import duckdb

from casson.platform import dbfiles, queries
from casson.platform.errors import Refused
from casson.protection.rules import (
    BID,
    CONVENTIONS,
    EMAIL,
    ENTITIES,
    ENTITY,
    INTEREST,
    PAIR,
    PARTICIPANT,
    PERSON,
    REQUEST,
    RULES,
    UNKNOWN,
    Rule,
)

MIN_NEEDLE = 5  # never search for very short strings (a two-letter name would hit everything)

# Erasure sets these itself (the person's own row; a bid's applicant), so they are not searched:
# another person may share the name.
NOT_SEARCHED_TABLES = {"people"}
NOT_SEARCHED_COLUMNS = {("bids", "applicant_name"), ("bids", "applicant_email")}


class SubjectError(Refused):
    """The address given cannot be looked up (the message is for the user)."""


@dataclass
class Subject:
    """Who an email address is, across the schema."""

    email_key: str
    person: dict[str, Any] | None = None
    bids: list[dict[str, Any]] = field(default_factory=list)
    interest: list[dict[str, Any]] = field(default_factory=list)
    participants: list[int] = field(default_factory=list)
    pairs: list[int] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.person or self.bids or self.interest)

    @property
    def person_id(self) -> int | None:
        return None if self.person is None else int(self.person["id"])

    def ids(self, kind: str) -> list[Any]:
        return {
            PERSON: [] if self.person_id is None else [self.person_id],
            PARTICIPANT: self.participants,
            PAIR: self.pairs,
            BID: [b["id"] for b in self.bids],
            INTEREST: [i["id"] for i in self.interest],
            REQUEST: self.requests,
        }[kind]

    @property
    def addresses(self) -> set[str]:
        """Every address of theirs (lower case): the one given, and as stored."""
        found = {self.email_key}
        found |= {str(self.person["email"]).lower()} if self.person else set()
        found |= {str(b["applicant_email"]).strip().lower() for b in self.bids}
        found |= {str(i["email"]).strip().lower() for i in self.interest}
        return found

    @property
    def needles(self) -> list[str]:
        """What names them in free text: their addresses and their names."""
        names = [self.person["full_name"]] if self.person else []
        names += [b["applicant_name"] for b in self.bids] + [i["full_name"] for i in self.interest]
        return sorted(self.addresses) + [n for n in names if n]


def email_key(email: str) -> str:
    key = (email or "").strip().lower()
    if "@" not in key:
        raise SubjectError("Give the person's email address.")
    return key


def find(con: duckdb.DuckDBPyConnection, email: str) -> Subject:
    """The person, bids, register entries, places and pairs behind an email (maybe none)."""
    key = email_key(email)
    person = queries.one(con, "protection/erasure_person", erase_email=key)
    pid = None if person is None else person["id"]
    found = Subject(
        key,
        person,
        queries.rows(con, "protection/erasure_applicants", erase_email=key),
        queries.rows(con, "protection/subject_interest", erase_email=key, person_id=pid),
    )
    if pid is not None:
        places = queries.rows(con, "protection/subject_participants", person_id=pid)
        found.participants = sorted({r["participant_id"] for r in places})
        found.pairs = sorted({r["pair_id"] for r in places if r["pair_id"] is not None})
    found.requests = [
        r["id"] for r in queries.rows(con, "protection/sar_requests_of", email_key=key)
    ]
    return found


# -- the schema, table by table ----------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[tuple[str, str]]  # (name, type)
    key: list[str]  # primary key columns (rowid when there are none)
    rule: Rule
    declared: bool


def person_columns(columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(column, kind) of the columns that point at a person, by name."""
    found = []
    for name, _ in columns:
        kind = next((k for pattern, k in CONVENTIONS if pattern.match(name)), None)
        if kind:
            found.append((name, kind))
    return found


def tables(con: duckdb.DuckDBPyConnection) -> list[Table]:
    """Every base table with its rule: declared, or derived from its column names."""
    columns: dict[str, list[tuple[str, str]]] = {}
    for r in queries.rows(con, "protection/subject_columns"):
        columns.setdefault(r["table_name"], []).append((r["column_name"], r["data_type"]))
    keys = {
        r["table_name"]: list(r["columns"])
        for r in queries.rows(con, "protection/subject_primary_keys")
    }
    out = []
    for name, cols in columns.items():
        rule = RULES.get(name)
        derived = Rule(
            tuple(person_columns(cols)),
            "rows added by a later change of the schema",
            "as for the rest of the programme",
            "the dashboard",
        )
        out.append(Table(name, cols, keys.get(name, ["rowid"]), rule or derived, rule is not None))
    return out


def unclassified(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Tables not in RULES that hold a column pointing at a person: each must be declared."""
    return {
        t.name: [c for c, _ in t.rule.links] for t in tables(con) if not t.declared and t.rule.links
    }


def searched_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, type) of every text or JSON column searched for a person's name."""
    return [
        (r["table_name"], r["column_name"], r["data_type"])
        for r in queries.rows(con, "protection/erasure_text_columns")
        if r["table_name"] not in NOT_SEARCHED_TABLES
        and (r["table_name"], r["column_name"]) not in NOT_SEARCHED_COLUMNS
    ]


def mentioned_columns(con: duckdb.DuckDBPyConnection, pattern: str) -> list[tuple[str, str, str]]:
    """The searched columns holding at least one cell that matches, in one statement (one
    statement a column took a second a person on the demo's 164 columns)."""
    by_table: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in searched_columns(con):
        by_table.setdefault(table, []).append((column, dtype))
    if not by_table:
        return []
    reads = []
    for n, (table, cols) in enumerate(by_table.items()):
        tests = ", ".join(
            f"coalesce(bool_or(regexp_matches(CAST({dbfiles.identifier(c)} AS VARCHAR), $p, "
            "'i')), false)"
            for c, _ in cols
        )
        reads.append(
            f"SELECT {n} AS n, list_value({tests}) AS hits FROM {dbfiles.identifier(table)}"
        )
    # Names from the catalog; the pattern is bound.
    found = dict(con.execute(" UNION ALL ".join(reads), {"p": pattern}).fetchall())
    return [
        (table, c, d)
        for n, (table, cols) in enumerate(by_table.items())
        for (c, d), hit in zip(cols, found[n], strict=True)
        if hit
    ]


def mention_pattern(needles: list[str]) -> str | None:
    """One case-insensitive pattern for every needle long enough to search for."""
    wanted = sorted({n for n in needles if n and len(n) >= MIN_NEEDLE}, key=len, reverse=True)
    return "|".join(re.escape(n) for n in wanted) or None


# -- finding the rows --------------------------------------------------------------------------


@dataclass
class Found:
    """One table's rows about a person: their own rows, and rows that only mention them."""

    table: Table
    own: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)  # row, columns

    def row_keys(self) -> set[tuple[Any, ...]]:
        rows = self.own + [r for r, _ in self.mentions]
        return {tuple(r[k] for k in self.table.key) for r in rows}


def _linked(con: duckdb.DuckDBPyConnection, table: Table, who: Subject) -> list[dict[str, Any]]:
    conditions, params = [], {}
    for n, (column, kind) in enumerate(table.rule.links):
        col = dbfiles.identifier(column)
        if kind == ENTITY:
            wanted = [f"{entity}:{i}" for entity, k in ENTITIES.items() for i in who.ids(k)]
            test = f"list_contains($v{n}, {col} || ':' || entity_id)"
        elif kind == UNKNOWN:  # flagged by unclassified(); no rows until it has a rule
            wanted, test = [], ""
        elif kind == EMAIL:
            wanted = sorted(who.addresses)
            test = f"list_contains($v{n}, lower(trim(CAST({col} AS VARCHAR))))"
        else:
            wanted = who.ids(kind)
            test = f"list_contains($v{n}, {col})"
        if wanted:
            conditions.append(test)
            params[f"v{n}"] = wanted
    if not conditions:
        return []
    return _select(con, table, " OR ".join(conditions), params)


def _select(
    con: duckdb.DuckDBPyConnection, table: Table, where: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    # The one statement built here: names from the catalog, conditions from RULES, values bound.
    rowid = ", rowid" if table.key == ["rowid"] else ""
    cur = con.execute(
        f"SELECT *{rowid} FROM {dbfiles.identifier(table.name)} WHERE {where}", params
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _mentioning(
    con: duckdb.DuckDBPyConnection, table: Table, columns: list[str], pattern: str
) -> list[tuple[dict[str, Any], list[str]]]:
    where = " OR ".join(
        f"regexp_matches(CAST({dbfiles.identifier(c)} AS VARCHAR), $p, 'i')" for c in columns
    )
    found = re.compile(pattern, re.IGNORECASE)
    return [
        (row, [c for c in columns if row[c] is not None and found.search(str(row[c]))])
        for row in _select(con, table, where, {"p": pattern})
    ]


def rows_about(con: duckdb.DuckDBPyConnection, who: Subject) -> list[Found]:
    """Every table's rows about the person (tables with none left out)."""
    pattern = mention_pattern(who.needles) if who.found else None
    searched: dict[str, list[str]] = {}
    for table_name, column, _ in mentioned_columns(con, pattern) if pattern else []:
        searched.setdefault(table_name, []).append(column)
    out = []
    for table in tables(con):
        found = Found(table, _linked(con, table, who))
        if pattern and table.name in searched:
            own = found.row_keys()
            found.mentions = [
                (r, cols)
                for r, cols in _mentioning(con, table, searched[table.name], pattern)
                if tuple(r[k] for k in table.key) not in own
            ]
        if found.own or found.mentions:
            out.append(found)
    return out


# -- the outbox --------------------------------------------------------------------------------


def eml_text(path: Path) -> str:
    """An .eml's headers and text as a reader sees them (encodings undone), lower case.

    Read with the compat32 policy: the default policy's header objects made a scan of a few
    hundred messages take seconds, and every export and erasure reads the whole outbox."""
    msg = message_from_bytes(path.read_bytes(), policy=compat32)
    parts = [f"{k}: {make_header(decode_header(v))}" for k, v in msg.items()]
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            charset = part.get_content_charset() or "utf-8"
            if isinstance(payload, bytes):
                try:
                    parts.append(payload.decode(charset, "replace"))
                except LookupError:  # an unknown charset: read it as UTF-8
                    parts.append(payload.decode("utf-8", "replace"))
    return "\n".join(parts).lower()


def outbox_messages(folder: Path, needles: list[str]) -> list[Path]:
    """The outbox messages that name the person (their address or name, in a header or text)."""
    if not folder.is_dir():
        return []
    wanted = [n.lower() for n in needles if n and len(n) >= MIN_NEEDLE]
    return [p for p in sorted(folder.glob("*.eml")) if any(n in eml_text(p) for n in wanted)]
