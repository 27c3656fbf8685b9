"""Reports a funded project owes (interim and final), the overdue list, and case studies
started from a final report's recorded outcome.

A final report received sets the bid's "final report received" flag through the bids
module, with its history row, so completing a bid still needs its final report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd

from casson.grants import bids, case_studies
from casson.platform import audit, db, queries

KINDS = ("interim", "final")


class ReportError(bids.BidError):
    """A refused change to a bid's reports; the message is for the user as it stands."""


def reports_of(con: duckdb.DuckDBPyConnection, bid_id: int) -> pd.DataFrame:
    return queries.df(con, "grants/reports_for_bid", bid_id=bid_id)


def expect(con: duckdb.DuckDBPyConnection, actor: str, bid_id: int, kind: str,
           due_on: date) -> int:
    """Expect an interim or final report of an awarded bid by a date (one final per bid)."""
    if kind not in KINDS:
        raise ReportError(f"{kind!r} is not a kind of report; use interim or final.")
    if not isinstance(due_on, date):
        raise ReportError("Give the date the report is due.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        bid = bids.get(cur, bid_id)
        if bid["status"] not in bids.FUNDED:
            raise ReportError(f"Bid {bid['reference']} is {bids.STATUS_LABELS[bid['status']]}: "
                              "only an awarded bid owes reports.")
        if kind == "final":
            state = queries.one(cur, "grants/reports_final_state", bid_id=bid_id)
            if state and state["expected"]:
                raise ReportError(f"Bid {bid['reference']} already has its final report due on "
                                  f"{state['due_on']:%d %b %Y}.")
        report_id = queries.rows(cur, "grants/report_insert", bid_id=bid_id,
                                bid_reference=bid["reference"], report_kind=kind,
                                report_due_on=due_on, actor=actor)[0]["id"]
        audit.record(cur, actor, "bid.report_expect", "bid", bid_id,
                     {"report": report_id, "kind": kind, "due_on": due_on})
        return report_id

    return db.write(con, work)


def receive(con: duckdb.DuckDBPyConnection, actor: str, report_id: int,
            received_on: date | None = None, outcome: str | None = None) -> dict[str, Any]:
    """Record a report as received, with the outcome it states (e.g. '15% reduction in
    median length of stay'). A final report also ticks the bid's final-report flag."""
    received = received_on or date.today()
    if received > date.today():
        raise ReportError(f"A report cannot be received on {received:%d %b %Y}, in the future.")
    outcome = (outcome or "").strip() or None

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        report = _report(cur, report_id)
        if report["received_on"] is not None:
            raise ReportError(f"The {report['kind']} report of bid {report['reference']} was "
                              f"already received on {report['received_on']:%d %b %Y}.")
        queries.execute(cur, "grants/report_receive", report_id=report_id,
                        report_received_on=received, report_outcome=outcome)
        audit.record(cur, actor, "bid.report_receive", "bid", report["bid_id"],
                     {"report": report_id, "kind": report["kind"], "received_on": received,
                      "outcome": outcome})
        if report["kind"] == "final":
            bids.mark_report_received(cur, actor, report["bid_id"],
                                      f"Final report received on {received:%d %b %Y}")
        return {**report, "received_on": received, "outcome": outcome}

    return db.write(con, work)


def _report(cur: duckdb.DuckDBPyConnection, report_id: int) -> dict[str, Any]:
    found = queries.one(cur, "grants/report_get", report_id=report_id)
    if found is None:
        raise ReportError(f"There is no report {report_id}; it may have been removed.")
    return found


def overdue(con: duckdb.DuckDBPyConnection, as_of: date | None = None) -> pd.DataFrame:
    """Reports not received by their due date as of `as_of` (default today), oldest first.

    A report due on `as_of` itself is not yet overdue."""
    return queries.df(con, "grants/reports_overdue", as_of=as_of or date.today())


def start_case_study(con: duckdb.DuckDBPyConnection, actor: str, report_id: int) -> int:
    """Start a case-study draft from a received report's outcome, linked to its bid."""
    report = _report(con, report_id)
    if report["received_on"] is None or not report["outcome"]:
        raise ReportError("Record the report as received, with its outcome, before starting a "
                          "case study from it.")
    bid = bids.get(con, report["bid_id"])
    if bid["status"] not in bids.FUNDED:
        raise ReportError(f"Bid {bid['reference']} was not funded: no case study from it.")
    existing = queries.one(con, "grants/case_study_for_bid", bid_id=bid["id"])
    if existing:
        raise ReportError(f"Bid {bid['reference']} already has a case study: "
                          f"{existing['title']!r}.")
    return case_studies.add(con, actor, {
        "title": f"Draft: {bid['project_title']}",
        "programme": "leadership",
        "people": bid["applicant_name"],
        "organisation": bid["employer"],
        "summary": (f"Draft started from the {report['kind']} report of bid {bid['reference']} "
                    f"received on {report['received_on']:%d %b %Y}; edit before publishing."),
        "outcome": report["outcome"],
    }, bid_reference=bid["reference"])
