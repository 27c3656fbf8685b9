"""The payment schedule of an award: instalments with an amount, a due date and a paid date.

The scheduled total is never above the award, whichever path tries: a new instalment, a
changed one (here), or a lower award (casson.grants.bids.update and the bids import check the
schedule too). Every change is audited on the bid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd

from casson.grants import bids
from casson.platform import audit, db, queries


class PaymentError(bids.BidError):
    """A refused change to a payment schedule; the message is for the user as it stands."""


def schedule_of(con: duckdb.DuckDBPyConnection, bid_id: int) -> pd.DataFrame:
    return queries.df(con, "grants/payments_for_bid", bid_id=bid_id)


def totals(con: duckdb.DuckDBPyConnection, bid_id: int,
           leaving_out: int = 0) -> tuple[Decimal, Decimal]:
    """(scheduled, paid) on a bid, leaving out one instalment by id."""
    row = queries.one(con, "grants/payments_total", bid_id=bid_id, payment_id=leaving_out)
    assert row is not None  # an aggregate always answers one row
    return Decimal(row["scheduled"]), Decimal(row["paid"])


def _funded(cur: duckdb.DuckDBPyConnection, bid_id: int) -> dict[str, Any]:
    bid = bids.get(cur, bid_id)
    if bid["status"] not in bids.FUNDED or not bid["amount_awarded"]:
        raise PaymentError(f"Bid {bid['reference']} is {bids.STATUS_LABELS[bid['status']]}: "
                           "only an awarded bid has a payment schedule.")
    return bid


def _check_total(bid: dict[str, Any], others: Decimal, amount: Decimal) -> None:
    award = Decimal(bid["amount_awarded"])
    if others + amount > award:
        raise PaymentError(
            f"Bid {bid['reference']}: {bids.money(amount)} would bring the schedule to "
            f"{bids.money(others + amount)}, above the {bids.money(award)} awarded; at most "
            f"{bids.money(max(award - others, Decimal(0)))} more can be scheduled.")


def _amount(value: Any) -> Decimal:
    amount = bids.as_amount(value, "instalment")
    if not amount:
        raise PaymentError("An instalment must be more than £0.")
    return amount


def _date(value: Any, what: str) -> date:
    if not isinstance(value, date):
        raise PaymentError(f"Give the {what} as a date.")
    return value


def schedule(con: duckdb.DuckDBPyConnection, actor: str, bid_id: int, amount: Any,
             due_on: date) -> int:
    """Add an instalment to an awarded bid's schedule; refused above the award."""
    value, due = _amount(amount), _date(due_on, "due date")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        bid = _funded(cur, bid_id)
        scheduled, _ = totals(cur, bid_id)
        _check_total(bid, scheduled, value)
        payment_id = queries.rows(cur, "grants/payment_insert", bid_id=bid_id,
                                 bid_reference=bid["reference"], payment_amount=value,
                                 payment_due_on=due, actor=actor)[0]["id"]
        audit.record(cur, actor, "bid.payment_schedule", "bid", bid_id,
                     {"payment": payment_id, "amount": value, "due_on": due})
        return payment_id

    return db.write(con, work)


def change(con: duckdb.DuckDBPyConnection, actor: str, payment_id: int, *, amount: Any = None,
           due_on: date | None = None) -> None:
    """Change an unpaid instalment's amount or due date; refused above the award."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = _payment(cur, payment_id)
        if before["paid_on"] is not None:
            raise PaymentError(f"The instalment of {bids.money(before['amount'])} on bid "
                               f"{before['reference']} is paid: it can no longer change.")
        bid = _funded(cur, before["bid_id"])
        value = before["amount"] if amount is None else _amount(amount)
        others, _ = totals(cur, bid["id"], leaving_out=payment_id)
        _check_total(bid, others, Decimal(value))
        due = before["due_on"] if due_on is None else _date(due_on, "due date")
        queries.execute(cur, "grants/payment_update", payment_id=payment_id, payment_amount=value,
                        payment_due_on=due, payment_paid_on=None)
        audit.record(cur, actor, "bid.payment_change", "bid", bid["id"], {
            "payment": payment_id,
            "before": {"amount": before["amount"], "due_on": before["due_on"]},
            "after": {"amount": value, "due_on": due}})

    db.write(con, work)


def mark_paid(con: duckdb.DuckDBPyConnection, actor: str, payment_id: int,
              paid_on: date | None = None) -> None:
    """Record that an instalment was paid (on a date not in the future)."""
    paid = paid_on or date.today()
    if paid > date.today():
        raise PaymentError(f"An instalment cannot be paid on {paid:%d %b %Y}, in the future.")

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = _payment(cur, payment_id)
        if before["paid_on"] is not None:
            raise PaymentError(f"That instalment on bid {before['reference']} was already paid "
                               f"on {before['paid_on']:%d %b %Y}.")
        _funded(cur, before["bid_id"])
        queries.execute(cur, "grants/payment_update", payment_id=payment_id,
                        payment_amount=before["amount"], payment_due_on=before["due_on"],
                        payment_paid_on=paid)
        audit.record(cur, actor, "bid.payment_paid", "bid", before["bid_id"],
                     {"payment": payment_id, "amount": before["amount"], "paid_on": paid})

    db.write(con, work)


def remove(con: duckdb.DuckDBPyConnection, actor: str, payment_id: int) -> None:
    """Take an unpaid instalment off the schedule (audited)."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = _payment(cur, payment_id)
        if before["paid_on"] is not None:
            raise PaymentError("A paid instalment cannot be removed.")
        queries.execute(cur, "grants/payment_delete", payment_id=payment_id)
        audit.record(cur, actor, "bid.payment_remove", "bid", before["bid_id"],
                     {"payment": payment_id, "amount": before["amount"],
                      "due_on": before["due_on"]})

    db.write(con, work)


def _payment(cur: duckdb.DuckDBPyConnection, payment_id: int) -> dict[str, Any]:
    found = queries.one(cur, "grants/payment_get", payment_id=payment_id)
    if found is None:
        raise PaymentError(f"There is no instalment {payment_id}; it may have been removed.")
    return found


def paid_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every paid instalment: bid id, amount, date (aggregates only; no personal data)."""
    return queries.df(con, "grants/payments_paid")


def paid_in_year(paid: pd.DataFrame, bid_ids: pd.Series, year: int) -> float:
    """Pounds paid in `year` on the given bids (the bids a page's filters kept)."""
    if paid.empty:
        return 0.0
    keep = paid["bid_id"].isin(bid_ids) & (pd.to_datetime(paid["paid_on"]).dt.year == year)
    return float(paid.loc[keep, "amount"].astype(float).sum())


def committed_in_year(df: pd.DataFrame, year: int) -> float:
    """Pounds awarded (committed) on bids decided in `year`: awarded, in progress or completed."""
    funded = df[df["status"].isin(bids.FUNDED) & df["decided_on"].notna()]
    in_year = pd.to_datetime(funded["decided_on"]).dt.year == year
    return float(funded.loc[in_year, "amount_awarded"].astype(float).fillna(0).sum())
