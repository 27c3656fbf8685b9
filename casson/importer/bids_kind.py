"""The bids kind of the import engine, held to the pipeline like the Bids page.

A file may add bids in any status (past rounds are loaded that way), but a change to a stored
bid follows the pipeline's transitions, needs an award before it is funded, a final report
before it is completed, and never lowers an award below what is scheduled to be paid. Every
bid written gets its bid_events row, as a change on the page does (the audit row is the
import's own, written by the engine).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from casson.grants import bids
from casson.importer import comparison, writing
from casson.importer.results import Prepared
from casson.platform import queries

if TYPE_CHECKING:
    from casson.importer.kind_types import Kind

STATE = ("status", "amount_requested", "amount_awarded", "report_received", "decided_on", "notes")
_upsert = writing.upsert("importer/bids_insert", "importer/bids_update", "importer/bids_audit")


def checks(df: pd.DataFrame, raw: dict[str, pd.Series]) -> list[dict]:
    """The engine's cap and date checks, then the pipeline's rules on stored bids."""
    errors = comparison.bid_checks(df, raw)
    stored = df["existing_id"].notna()
    for row in df.index[stored]:
        old, new = df.at[row, "status_old"], df.at[row, "status"]
        new = old if pd.isna(new) else new
        ref = df.at[row, "reference"]

        def error(column: str, fallback: str, reason: str, row: int = row) -> None:
            errors.append({"row": row, "column": column,
                           "value": comparison.raw_value(raw, column, row, fallback),
                           "reason": reason})

        if new != old:
            try:
                bids.check_transition(ref, old, new)
            except bids.BidError as exc:
                error("status", str(new), f"is not a move the pipeline allows: {exc}")
                continue
        awarded = df.at[row, "amount_awarded"]
        awarded = df.at[row, "amount_awarded_old"] if pd.isna(awarded) else awarded
        award = 0.0 if pd.isna(awarded) else float(awarded)
        if new in bids.FUNDED and award <= 0:
            error("amount_awarded", "", f"is needed (more than £0) for bid {ref} to be "
                                        f"{bids.STATUS_LABELS[new]}")
        report = df.at[row, "report_received"]
        report = df.at[row, "report_received_old"] if pd.isna(report) else report
        if new == "completed" and old != "completed" and (
                not bool(report) or bool(df.at[row, "final_outstanding"])):
            error("status", str(new), f"needs bid {ref}'s final report received first")
        scheduled = float(df.at[row, "scheduled"] or 0)
        if scheduled > award and new in bids.FUNDED:
            error("amount_awarded", f"{award:,.2f}",
                  f"is less than the £{scheduled:,.2f} already scheduled to be paid on bid {ref}; "
                  "change its payment schedule first")
    return errors


def _states(cur: duckdb.DuckDBPyConnection, references: pd.Series) -> pd.DataFrame:
    keys = pd.DataFrame({"reference": references.dropna().unique()})
    return queries.df_with(cur, "grants/import_bid_states", {"incoming_keys": keys})


def _state(row: pd.Series) -> str:
    return json.dumps({k: (None if pd.isna(row[k]) else row[k]) for k in STATE},
                      default=str, sort_keys=True)


def write(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
          actor: str, import_id: int) -> None:
    """Insert and update the bids (the engine's upsert), then one bid_events row per bid."""
    touched = plan[plan["_status"].isin(("new", "updated"))]
    if touched.empty:
        return
    before = _states(cur, touched["reference"]).set_index("reference")
    _upsert(cur, spec, prep, plan, actor, import_id)
    after = _states(cur, touched["reference"]).set_index("reference")
    reason = f"Imported from {prep.file_name} (import {import_id})"
    events = []
    for ref, now in after.iterrows():
        was = before.loc[ref] if ref in before.index else None
        if was is None:
            action, from_status, before_state = "bid.add", None, None
        else:
            action = "bid.status" if was["status"] != now["status"] else "bid.update"
            from_status, before_state = was["status"], _state(was)
        events.append({"bid_id": int(now["id"]), "action": action, "from_status": from_status,
                       "to_status": now["status"], "reason": reason,
                       "before_state": before_state, "after_state": _state(now)})
    queries.execute_with(cur, "grants/import_bid_events", {"events": pd.DataFrame(events)},
                         actor=actor)
