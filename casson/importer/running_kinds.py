"""How the `meetings` and `checkins` kinds (declared in kinds.py) compare with the database and
write: through casson.mentoring.meetings and casson.mentoring.checkins, so the page, the CLI and
imports keep one
set of rules (a future date, a duplicate, an email of no current pair: refused by row)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from casson.importer.comparison import Comparison, raw_value
from casson.importer.results import Prepared, errors_frame
from casson.mentoring import checkins, meetings

if TYPE_CHECKING:
    from casson.importer.kind_types import Kind


def parse_rating(text: str) -> int:
    """A check-in rating: a whole number 1 to 5 ("4", "4 - good", "4/5")."""
    head = text.strip().split("/")[0].split(" ")[0].split("-")[0].strip()
    if not head.isdigit() or not 1 <= int(head) <= 5:
        raise ValueError("is not a rating from 1 to 5")
    return int(head)


def _plain(v: Any) -> Any:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return v


def _records(rows: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    return [{"row": int(i), **{c: _plain(r[c]) for c in columns if c in rows.columns}}
            for i, r in rows.iterrows()]


def _result(rows: pd.DataFrame, good: list[dict[str, Any]], errors: list[meetings.RowError],
            raw: dict[str, pd.Series], extra: str) -> Comparison:
    ok = {g["row"]: g[extra] for g in good}
    plan = rows.loc[[r for r in rows.index if int(r) in ok]].copy()
    plan[extra] = [ok[int(r)] for r in plan.index]
    plan["_status"] = "new"
    return Comparison(plan, errors_frame([
        {"row": e.row, "column": e.column, "value": raw_value(raw, e.column, e.row, str(e.value)),
         "reason": e.reason} for e in errors]), [])


def compare_meetings(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared,
                     rows: pd.DataFrame, raw: dict[str, pd.Series]) -> Comparison:
    records = _records(rows, ["email", "met_on", "minutes", "format"])
    for r in records:
        if isinstance(r.get("met_on"), dt.datetime):
            r["met_on"] = r["met_on"].date()
    good, errors = meetings.check_rows(con, prep.cohort or "", records)
    return _result(rows, good, errors, raw, "pair_id")


def write_meetings(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
                   actor: str, import_id: int) -> None:
    new = plan[plan["_status"] == "new"]
    rows = _records(new, ["pair_id", "met_on", "minutes", "format"])
    for r in rows:
        if isinstance(r.get("met_on"), dt.datetime):
            r["met_on"] = r["met_on"].date()
    meetings.record_rows(cur, actor, prep.cohort or "", rows, import_id)


def compare_checkins(con: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared,
                     rows: pd.DataFrame, raw: dict[str, pd.Series]) -> Comparison:
    records = _records(rows, ["email", "fit", "rating", "comment", "submitted_at"])
    good, errors = checkins.check_rows(con, prep.cohort or "", records)
    return _result(rows, good, errors, raw, "participant_id")


def write_checkins(cur: duckdb.DuckDBPyConnection, spec: Kind, prep: Prepared, plan: pd.DataFrame,
                   actor: str, import_id: int) -> None:
    new = plan[plan["_status"] == "new"]
    rows = _records(new, ["participant_id", "fit", "rating", "comment", "submitted_at"])
    for r in rows:
        if r["submitted_at"] is None:
            r["submitted_at"] = dt.datetime.now().replace(microsecond=0)
    checkins.record_rows(cur, actor, prep.cohort or "", rows, import_id)
