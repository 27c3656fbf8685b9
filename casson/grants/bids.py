"""Grant bids: the pipeline, the £10,000 leadership cap, filters and the aggregates trustees see.

Every write goes through this module: it checks the cap, the allowed status transitions and
the version the editor read, then writes the bid, its history row (bid_events) and an audit
row in one transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import duckdb
import pandas as pd

from casson.platform import access, audit, db, queries, settings
from casson.platform import text as stored_text
from casson.platform.errors import Refused, Stale
from casson.platform.vocab import BID_STATUSES, CODE_WORDS, FUNDS, LEADERSHIP_CAP_GBP, REGIONS

CAP = Decimal(LEADERSHIP_CAP_GBP)

# The pipeline: received -> shortlisted -> awarded | declined | withdrawn -> in progress ->
# completed (with the final report received). Declined, withdrawn and completed are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("shortlisted", "declined", "withdrawn"),
    "shortlisted": ("awarded", "declined", "withdrawn"),
    "awarded": ("in_progress", "withdrawn"),
    "in_progress": ("completed", "withdrawn"),
    "declined": (),
    "withdrawn": (),
    "completed": (),
}
STATUS_LABELS = {s: CODE_WORDS.get(s, s) for s in BID_STATUSES}  # one wording (vocab)
# Awarded or later: the money is committed.
FUNDED = ("awarded", "in_progress", "completed")
# A decision was made on these (withdrawn bids are left out of the success rate).
DECIDED = (*FUNDED, "declined")
# Columns a trustee may never receive.
PERSONAL_COLUMNS = ("applicant_name", "applicant_email", "employer", "project_title", "notes")


class BidError(Refused):
    """A change to a bid that is refused; the message is for the user as it stands."""


class OverCap(BidError):
    """A leadership bid above the £10,000 cap."""


class StaleBid(BidError, Stale):
    """Someone else changed the bid after the editor read it."""


def money(value: Any) -> str:
    """£1,234.50, £10,000 (whole pounds without pence)."""
    amount = Decimal(str(value))
    return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"


def as_amount(value: Any, what: str) -> Decimal | None:
    """A money value from a form or file ('9500', '9,500.00', '£9,500'), None when blank."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, Decimal | int | float):
        amount = Decimal(str(value))
    else:
        text = re.sub(r"[£,\s]", "", str(value))
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise BidError(f"The {what} {value!r} is not an amount of money.") from None
    if amount < 0:
        raise BidError(f"The {what} cannot be negative ({money(amount)}).")
    return amount.quantize(Decimal("0.01"))


def cap_problem(fund: str | None, amount_requested: Any = None, amount_awarded: Any = None,
                reference: str | None = None) -> str | None:
    """The plain-English reason a bid breaks the leadership cap, or None when it does not.

    Shared by the page, this module's writes and the import engine, so the message is the
    same whichever path the bid takes.
    """
    if (fund or "leadership") != "leadership":
        return None
    which = f"Bid {reference}: " if reference else ""
    for amount, what in ((amount_requested, "requested"), (amount_awarded, "awarded")):
        value = as_amount(amount, f"amount {what}")
        if value is not None and value > CAP:
            return (f"{which}{money(value)} {what} is over the {money(CAP)} cap for leadership "
                    f"bids; the leadership fund awards at most {money(CAP)} per project.")
    return None


def check_cap(fund: str | None, amount_requested: Any = None, amount_awarded: Any = None,
              reference: str | None = None) -> None:
    """Raise OverCap with the plain-English reason when a bid breaks the cap."""
    problem = cap_problem(fund, amount_requested, amount_awarded, reference)
    if problem:
        raise OverCap(problem)


def next_statuses(status: str) -> tuple[str, ...]:
    """Where a bid in `status` may move next."""
    return TRANSITIONS[status]


def check_transition(reference: str, current: str, new: str) -> None:
    if new == current:
        return
    if new not in BID_STATUSES:
        raise BidError(f"{new!r} is not a bid status; use one of {', '.join(BID_STATUSES)}.")
    allowed = TRANSITIONS[current]
    if new not in allowed:
        where = (", ".join(STATUS_LABELS[s] for s in allowed) if allowed
                 else "nowhere: it is final")
        raise BidError(f"Bid {reference} is {STATUS_LABELS[current]} and cannot move to "
                       f"{STATUS_LABELS[new]}; from {STATUS_LABELS[current]} it can "
                       f"move to {where}.")


# -- reading ----------------------------------------------------------------------------------

def query_for(role: str | None) -> str:
    """The query a role's bid list comes from: trustees never receive the personal columns."""
    return "grants/bids_all" if access.sees_personal_data(role) else "grants/bids_public"


def frame(con: duckdb.DuckDBPyConnection, role: str | None) -> pd.DataFrame:
    """Every bid as the role may see it."""
    return queries.df(con, query_for(role))


@dataclass(frozen=True)
class Filters:
    funds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    years: tuple[int, ...] = ()       # year received
    regions: tuple[str, ...] = ()
    amount_min: float | None = None   # amount requested, pounds
    amount_max: float | None = None
    text: str = ""                    # reference, project, applicant, employer, notes


TEXT_COLUMNS = ("reference", "project_title", "applicant_name", "applicant_email", "employer",
                "notes")


def apply(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The bids that pass every filter (an empty choice means no filter on that column)."""
    keep = pd.Series(True, index=df.index)
    if f.funds:
        keep &= df["fund"].isin(f.funds)
    if f.statuses:
        keep &= df["status"].isin(f.statuses)
    if f.years:
        keep &= received_year(df).isin(f.years)
    if f.regions:
        keep &= df["region"].isin(f.regions)
    requested = df["amount_requested"].astype(float)
    if f.amount_min is not None:
        keep &= requested >= f.amount_min
    if f.amount_max is not None:
        keep &= requested <= f.amount_max
    needle = f.text.strip().lower()
    if needle:
        hit = pd.Series(False, index=df.index)
        for col in TEXT_COLUMNS:  # only the columns this role received
            if col in df.columns:
                hit |= df[col].fillna("").astype(str).str.lower().str.contains(needle, regex=False)
        keep &= hit
    return df[keep]


def received_year(df: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(df["received_on"]).dt.year.astype("Int64")


# -- aggregates (what trustees see) ----------------------------------------------------------

def _float(series: pd.Series) -> pd.Series:
    return series.astype(float).fillna(0.0)


def pipeline(df: pd.DataFrame) -> pd.DataFrame:
    """Bids and pounds at each status, in pipeline order (every status listed, even at 0)."""
    grouped = df.assign(requested=_float(df["amount_requested"]),
                        awarded=_float(df["amount_awarded"])).groupby("status")
    out = pd.DataFrame({"bids": grouped.size(), "requested_gbp": grouped["requested"].sum(),
                        "awarded_gbp": grouped["awarded"].sum()})
    out = out.reindex(list(BID_STATUSES), fill_value=0).rename_axis("status").reset_index()
    out["bids"] = out["bids"].astype(int)
    return out


def success_rate(df: pd.DataFrame) -> tuple[float | None, int, int]:
    """(percent funded of decided, funded n, decided n); None when nothing is decided yet."""
    decided = int(df["status"].isin(DECIDED).sum())
    funded = int(df["status"].isin(FUNDED).sum())
    return (None if decided == 0 else round(100 * funded / decided, 1)), funded, decided


def by_region(df: pd.DataFrame) -> pd.DataFrame:
    """Pounds requested and awarded per region (regions with no bid left out)."""
    data = df.assign(requested_gbp=_float(df["amount_requested"]),
                     awarded_gbp=_float(df["amount_awarded"]).where(df["status"].isin(FUNDED), 0.0),
                     region=df["region"].fillna("Not given"))
    out = data.groupby("region")[["requested_gbp", "awarded_gbp"]].sum()
    out["bids"] = data.groupby("region").size()
    order = [r for r in (*REGIONS, "Not given") if r in out.index]
    return out.reindex(order).reset_index()


def by_year(df: pd.DataFrame) -> pd.DataFrame:
    """Pounds requested and awarded by the year the bid was received."""
    data = df.assign(year=received_year(df), requested_gbp=_float(df["amount_requested"]),
                     awarded_gbp=_float(df["amount_awarded"]).where(df["status"].isin(FUNDED), 0.0))
    data = data[data["year"].notna()]
    out = data.groupby("year")[["requested_gbp", "awarded_gbp"]].sum()
    out["bids"] = data.groupby("year").size()
    return out.sort_index().reset_index()


def awarded_against_budget(df: pd.DataFrame, budget_gbp: float) -> pd.DataFrame:
    """Pounds awarded per year of decision against the annual budget (a setting)."""
    funded = df[df["status"].isin(FUNDED) & df["decided_on"].notna()]
    data = funded.assign(year=pd.to_datetime(funded["decided_on"]).dt.year.astype(int),
                         awarded_gbp=_float(funded["amount_awarded"]))
    out = data.groupby("year")["awarded_gbp"].sum().sort_index().reset_index()
    out["budget_gbp"] = float(budget_gbp)
    out["share_of_budget_pct"] = ((100 * out["awarded_gbp"] / budget_gbp).round(1) if budget_gbp
                                  else None)
    return out


# -- writing ----------------------------------------------------------------------------------

def _state(bid: dict[str, Any]) -> dict[str, Any]:
    """The parts of a bid its history records (no applicant details)."""
    keys = ("status", "amount_requested", "amount_awarded", "report_received", "decided_on",
            "notes")
    return {k: bid.get(k) for k in keys}


def _event(cur: duckdb.DuckDBPyConnection, bid_id: int, actor: str, action: str,
           before: dict | None, after: dict, reason: str) -> None:
    queries.execute(
        cur, "grants/bids_event_insert", bid_id=bid_id, actor=actor, action=action,
        bid_from_status=None if before is None else before["status"], bid_status=after["status"],
        bid_reason=reason,
        bid_before=None if before is None else json.dumps(before, default=str, sort_keys=True),
        bid_after=json.dumps(after, default=str, sort_keys=True),
    )
    audit.record(cur, actor, action, "bid", bid_id,
                 {"reason": reason, "before": before, "after": after})


def get(con: duckdb.DuckDBPyConnection, bid_id: int) -> dict[str, Any]:
    bid = queries.one(con, "grants/bids_get", bid_id=bid_id)
    if bid is None:
        raise BidError(f"There is no bid with id {bid_id}; it may have been removed.")
    return bid


def update(con: duckdb.DuckDBPyConnection, actor: str, bid_id: int, version: int, *,
           reason: str, status: str | None = None, amount_awarded: Any = "unchanged",
           notes: str | None = "unchanged", report_received: bool | None = None,
           decided_on: date | None = None) -> dict[str, Any]:
    """Change a bid's status, awarded amount, notes or report flag, with a reason.

    Refused (BidError, nothing written) when the reason is blank, the move is not in the
    pipeline, the leadership cap would be broken, a completed bid has no report, or someone
    else changed the bid since `version` was read (StaleBid). Returns the bid as saved.
    """
    reason = (reason or "").strip()
    stored_text.check_fields({"reason": reason, "notes": notes}, BidError)

    def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        bid = get(cur, bid_id)
        ref = bid["reference"]
        if not reason:
            raise BidError(f"Give a reason for the change to bid {ref}; it goes in "
                           "the audit trail.")
        if bid["version"] != version:
            raise StaleBid(f"Bid {ref} was changed by someone else since you opened it; reload "
                           "the page to see their change, then make yours again.")
        new = dict(bid)
        new["status"] = status or bid["status"]
        check_transition(ref, bid["status"], new["status"])
        if amount_awarded != "unchanged":
            new["amount_awarded"] = as_amount(amount_awarded, "amount awarded")
        if notes != "unchanged":
            new["notes"] = (notes or "").strip() or None
        if report_received is not None:
            new["report_received"] = bool(report_received)
        check_cap(bid["fund"], bid["amount_requested"], new["amount_awarded"], ref)
        if new["amount_awarded"] and new["amount_awarded"] > bid["amount_requested"]:
            raise BidError(f"Bid {ref}: {money(new['amount_awarded'])} awarded is more than the "
                           f"{money(bid['amount_requested'])} requested.")
        if new["status"] in FUNDED and not new["amount_awarded"]:
            raise BidError(f"Give the amount awarded to bid {ref} (more than £0) before it can "
                           f"be {STATUS_LABELS[new['status']]}.")
        if new["status"] == "completed" and not new["report_received"]:
            raise BidError(f"Bid {ref} can be completed only when its final report is received; "
                           "tick 'final report received' first.")
        _check_schedule(cur, bid_id, ref, new)
        if new["status"] in ("awarded", "declined") and bid["status"] != new["status"]:
            new["decided_on"] = decided_on or bid["decided_on"] or date.today()
        if new["decided_on"] and bid["received_on"] and new["decided_on"] < bid["received_on"]:
            raise BidError(f"Bid {ref} cannot be decided on {new['decided_on']:%d %b %Y}, before "
                           f"it was received on {bid['received_on']:%d %b %Y}.")
        before, after = _state(bid), _state(new)
        if before == after:
            raise BidError(f"Nothing to save: bid {ref} already has these values.")
        changed = queries.one_required(  # DuckDB answers an UPDATE with its row count
            cur, "grants/bids_update", bid_status=new["status"], bid_awarded=new["amount_awarded"],
            bid_notes=new["notes"], bid_report=new["report_received"],
            bid_decided_on=new["decided_on"], actor=actor, bid_id=bid_id,
            bid_version=version)["Count"]
        if changed != 1:
            raise StaleBid(f"Bid {ref} was changed by someone else since you opened it; reload.")
        action = "bid.status" if before["status"] != after["status"] else "bid.update"
        _event(cur, bid_id, actor, action, before, after, reason)
        new["version"] = version + 1
        return new

    return db.write(con, work)


def _check_schedule(cur: duckdb.DuckDBPyConnection, bid_id: int, ref: str,
                    new: dict[str, Any]) -> None:
    """The payment schedule and reports (casson.grants.payments, casson.grants.grant_reports) hold
    too."""
    money_row = queries.one(cur, "grants/payments_total", bid_id=bid_id, payment_id=0)
    scheduled = Decimal(money_row["scheduled"]) if money_row else Decimal(0)
    if scheduled > (new["amount_awarded"] or 0):
        raise BidError(f"Bid {ref}: {money(scheduled)} is already scheduled to be paid, more than "
                       f"{money(new['amount_awarded'] or 0)}; change the payment schedule first.")
    final = queries.one(cur, "grants/reports_final_state", bid_id=bid_id)
    if new["status"] == "completed" and final and final["expected"] > final["received"]:
        raise BidError(f"Bid {ref} can be completed only when its final report (due "
                       f"{final['due_on']:%d %b %Y}) is received.")


def mark_report_received(cur: duckdb.DuckDBPyConnection, actor: str, bid_id: int,
                         reason: str) -> None:
    """Tick a bid's final-report flag inside the caller's transaction (with its history row)."""
    bid = get(cur, bid_id)
    if bid["report_received"]:
        return
    before = _state(bid)
    after = {**before, "report_received": True}
    queries.execute(cur, "grants/bids_update", bid_status=bid["status"],
                    bid_awarded=bid["amount_awarded"], bid_notes=bid["notes"], bid_report=True,
                    bid_decided_on=bid["decided_on"], actor=actor, bid_id=bid_id,
                    bid_version=bid["version"])
    _event(cur, bid_id, actor, "bid.update", before, after, reason)


REQUIRED_NEW = ("reference", "applicant_name", "applicant_email", "project_title",
                "amount_requested")


def add(con: duckdb.DuckDBPyConnection, actor: str, *, reference: str, applicant_name: str,
        applicant_email: str, project_title: str, amount_requested: Any, fund: str = "leadership",
        employer: str | None = None, region: str | None = None,
        received_on: date | None = None, notes: str | None = None,
        reason: str = "Bid received") -> int:
    """Add a received bid (status 'received'); refused with a plain message when over the cap."""
    values = {"reference": (reference or "").strip(),
              "applicant_name": (applicant_name or "").strip(),
              "applicant_email": (applicant_email or "").strip(),
              "project_title": (project_title or "").strip(), "amount_requested": amount_requested}
    stored_text.check_fields({**values, "employer": employer, "region": region, "notes": notes,
                              "reason": reason}, BidError)
    missing = [k.replace("_", " ") for k in REQUIRED_NEW if values[k] in (None, "")]
    if missing:
        raise BidError(f"A new bid needs: {', '.join(missing)}.")
    if fund not in FUNDS:
        raise BidError(f"{fund!r} is not a fund; use one of {', '.join(FUNDS)}.")
    if region and region not in REGIONS:
        raise BidError(f"{region!r} is not a region; use one of {', '.join(REGIONS)}.")
    if "@" not in values["applicant_email"]:
        raise BidError(f"{values['applicant_email']!r} is not an email address.")
    requested = as_amount(amount_requested, "amount requested")
    if not requested:
        raise BidError("The amount requested must be more than £0.")
    check_cap(fund, requested, None, values["reference"])

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        if queries.one(cur, "grants/bids_by_reference", bid_reference=values["reference"]):
            raise BidError(f"There is already a bid with reference {values['reference']}.")
        bid_id = queries.one_required(
            cur, "grants/bids_insert", bid_reference=values["reference"],
            bid_applicant_name=values["applicant_name"],
            bid_applicant_email=values["applicant_email"], bid_employer=employer or None,
            bid_region=region or None, bid_title=values["project_title"], bid_fund=fund,
            bid_requested=requested, bid_received_on=received_on or date.today(),
            bid_notes=(notes or "").strip() or None, actor=actor)["id"]
        after = _state(get(cur, bid_id))
        _event(cur, bid_id, actor, "bid.add", None, after, reason)
        return bid_id

    return db.write(con, work)


BUDGET_KEY = "annual_grant_budget_gbp"


def set_budget(con: duckdb.DuckDBPyConnection, actor: str, amount: Any) -> Decimal:
    """Change the annual grant budget (a setting), audited with the old and new values."""
    value = as_amount(amount, "annual budget")
    if not value:
        raise BidError("The annual grant budget must be more than £0.")

    def work(cur: duckdb.DuckDBPyConnection) -> Decimal:
        old = settings.get(cur, BUDGET_KEY)
        text = f"{value:f}".rstrip("0").rstrip(".")
        settings.put(cur, BUDGET_KEY, text)
        audit.record(cur, actor, "setting.update", "setting", BUDGET_KEY,
                     {"before": old, "after": text})
        return value

    return db.write(con, work)


def history(con: duckdb.DuckDBPyConnection, bid_id: int) -> pd.DataFrame:
    return queries.df(con, "grants/bids_events", bid_id=bid_id)
