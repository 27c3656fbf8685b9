"""Decision letters: award, decline and more-information letters to grant applicants.

Staff send one kind of letter for a batch of decided bids in one action. Each letter is a
template of casson.mail.templates (DECISION_LETTERS) filled with its bid's placeholders, and goes
through the programme's mail path (casson.mail.sending): SMTP when set, else the outbox; logged
per message in email_log with its bid. A letter already delivered for a bid is never sent again,
so running the same batch twice sends none the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from casson.grants import bids
from casson.mail import sending
from casson.mail import templates as tpl
from casson.platform import audit, db, queries
from casson.platform.errors import Refused
from casson.platform.vocab import ERASED_DOMAIN

SENDER = "The grants team"
STANDARD_TERMS = (
    "the trust's standard terms of grant: the project as proposed, an interim and "
    "a final report, and the trust credited in what you publish about it"
)


@dataclass(frozen=True)
class Kind:
    key: str
    template: str
    statuses: tuple[str, ...]  # the bid statuses this letter goes to


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("award", "letter-award", ("awarded",)),
        Kind("decline", "letter-decline", ("declined",)),
        Kind("more-info", "letter-more-info", ("received", "shortlisted")),
    )
}


class LetterError(Refused):
    """A letter that cannot go as asked; the message is for the user."""


def kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LetterError(
            f"There is no {key!r} letter: choose one of {', '.join(KINDS)}."
        ) from None


def _first(name: str) -> str:
    words = (name or "").split()
    return words[0] if words else ""


# -- what a bid's letter says --------------------------------------------------------------------


def panel_feedback(con: duckdb.DuckDBPyConnection, bid_id: int) -> str:
    """The panel's comments on a bid as a starting point for its feedback (no reviewer named;
    conflicted reviewers left out)."""
    comments = [
        r["comment"].strip()
        for r in queries.rows(con, "grants/letter_panel_comments", bid_id=bid_id)
    ]
    return "\n".join(f"- {c}" for c in comments)


def details(con: duckdb.DuckDBPyConnection, bid_id: int) -> dict[str, Any]:
    """What staff chose for this bid's letter; before they chose, the panel's comments as the
    feedback (not shared until staff say so)."""
    found = queries.one(con, "grants/letter_details_get", bid_id=bid_id)
    if found is not None:
        return found
    return {
        "bid_id": bid_id,
        "conditions": None,
        "feedback": panel_feedback(con, bid_id) or None,
        "share_feedback": False,
        "information_needed": None,
    }


def save_details(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    bid_id: int,
    *,
    conditions: str | None = None,
    feedback: str | None = None,
    share_feedback: bool = False,
    information_needed: str | None = None,
) -> None:
    """Keep what a bid's letter says (audited as bid.letter_details)."""
    values = {
        "letter_conditions": (conditions or "").strip() or None,
        "letter_feedback": (feedback or "").strip() or None,
        "letter_share": bool(share_feedback),
        "letter_information": (information_needed or "").strip() or None,
    }
    if values["letter_share"] and not values["letter_feedback"]:
        raise LetterError("There is no feedback to share: write it, or untick 'share'.")

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        bid = bids.get(cur, bid_id)
        before = queries.one(cur, "grants/letter_details_get", bid_id=bid_id)
        queries.execute(
            cur,
            "grants/letter_details_put",
            bid_id=bid_id,
            bid_reference=bid["reference"],
            actor=actor,
            **values,
        )
        audit.record(
            cur,
            actor,
            "bid.letter_details",
            "bid",
            bid_id,
            {
                "before": None
                if before is None
                else {
                    k: before[k]
                    for k in ("conditions", "feedback", "share_feedback", "information_needed")
                },
                "after": values,
            },
        )

    db.write(con, work)


def _values(row: dict[str, Any]) -> dict[str, Any]:
    feedback = (row["feedback"] or "").strip()
    shared = (
        f"The panel's feedback on your application:\n{feedback}\n\n"
        if row["share_feedback"] and feedback
        else ""
    )
    return {
        "name": row["applicant_name"],
        "first_name": _first(row["applicant_name"]),
        "reference": row["reference"],
        "project_title": row["project_title"],
        "fund": "CPD" if row["fund"] == "cpd" else row["fund"],
        "amount_requested": bids.money(row["amount_requested"]),
        "amount_awarded": (
            "" if row["amount_awarded"] is None else bids.money(row["amount_awarded"])
        ),
        "conditions": (row["conditions"] or "").strip() or STANDARD_TERMS,
        "information_needed": (row["information_needed"] or "").strip(),
        "feedback": shared,
        "sender": SENDER,
    }


# -- a batch -----------------------------------------------------------------------------------


def compose(
    con: duckdb.DuckDBPyConnection,
    key: str,
    bid_ids: list[int] | None = None,
    *,
    subject: str | None = None,
    body: str | None = None,
) -> sending.Batch:
    """One letter of this kind per bid it can go to (all of them, or those of `bid_ids`): the
    preview. Bids asked for that cannot have it are listed in `skipped` with the reason; letters
    already delivered are in `delivered` and a send skips them."""
    spec = kind(key)
    saved_subject, saved_body = tpl.current(con, spec.template)
    wording = (subject or saved_subject, body or saved_body)
    tpl.check(spec.template, *wording)
    rows = queries.rows(con, "grants/letter_candidates")
    by_id = {int(r["bid_id"]): r for r in rows}
    wanted = list(by_id) if bid_ids is None else [int(b) for b in bid_ids]
    messages: list[sending.Message] = []
    skipped: list[tuple[str, str]] = []
    for bid_id in wanted:
        row = by_id.get(bid_id)
        if row is None or row["status"] not in spec.statuses:
            ref = row["reference"] if row else bids.get(con, bid_id)["reference"]
            status = row["status"] if row else bids.get(con, bid_id)["status"]
            if bid_ids is not None:
                article = "an" if key[0] in "aeiou" else "a"
                skipped.append(
                    (
                        ref,
                        f"is {bids.STATUS_LABELS[status]}: {article} {key} letter "
                        f"goes to {' or '.join(spec.statuses)} bids",
                    )
                )
            continue
        email = (row["applicant_email"] or "").strip()
        if "@" not in email or email.lower().endswith("@" + ERASED_DOMAIN):
            skipped.append((row["reference"], "has no applicant email to write to"))
            continue
        if key == "more-info" and not (row["information_needed"] or "").strip():
            skipped.append(
                (
                    row["reference"],
                    "needs the information asked for, in its letter "
                    "details, before a more-information letter",
                )
            )
            continue
        messages.append(
            sending.Message(
                spec.template,
                None,
                email,
                row["applicant_name"],
                wording,
                _values(row),
                f"{spec.template}:bid{bid_id}:{email.lower()}",
                bid_id=bid_id,
            )
        )
    done = {
        r["message_key"]
        for r in queries.rows(con, "mail/email_delivered_keys", template=spec.template)
    }
    return sending.Batch(
        spec.template,
        None,
        [m for m in messages if m.key not in done],
        [m for m in messages if m.key in done],
        skipped,
    )


def send(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    batch: sending.Batch,
    settings: sending.SmtpSettings | None,
    outbox: Path | None = None,
) -> sending.Outcome:
    """Send a composed batch through the programme's mail path; one audit row for the batch
    (each message has its own email_log row with its bid)."""
    outcome = sending.send(con, actor, batch, settings, outbox)

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        audit.record(
            cur,
            actor,
            "bid.letters_send",
            "email_template",
            batch.template,
            {
                "bids": [m.bid_id for m in batch.messages],
                "sent": len(outcome.sent),
                "written": len(outcome.written),
                "failed": len(outcome.failed),
                "already_delivered": outcome.skipped_delivered,
            },
        )

    if batch.messages:
        db.write(con, work)
    return outcome


def letters_for_bid(con: duckdb.DuckDBPyConnection, bid_id: int) -> pd.DataFrame:
    """Every decision letter logged for a bid (shown to staff on the bid)."""
    return queries.df(con, "grants/letters_for_bid", bid_id=bid_id)
