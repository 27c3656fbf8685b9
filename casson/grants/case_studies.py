"""Case studies of funded leadership projects and mentoring pairs, linked to the bid or
cohort they came from where that is known (never guessed)."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from casson.platform import audit, db, queries
from casson.platform import text as stored_text
from casson.platform.errors import Refused

PROGRAMMES = ("leadership", "mentoring")
FIELDS = ("title", "programme", "people", "organisation", "summary", "outcome", "url")


class CaseStudyError(Refused):
    """A refused change; the message is for the user as it stands."""


def frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every case study with its bid reference and cohort name (blank when not known)."""
    return queries.df(con, "grants/case_studies_all")


def _text(value: Any) -> str | None:
    text = None if value is None else str(value).strip()
    return text or None


def _link_ids(cur: duckdb.DuckDBPyConnection, bid_reference: str | None,
              cohort_id: str | None) -> tuple[int | None, str | None]:
    """The bid id and cohort id for a link, checked to exist (no dangling references)."""
    bid_id = None
    ref = _text(bid_reference)
    if ref:
        bid = queries.one(cur, "grants/bids_by_reference", bid_reference=ref)
        if bid is None:
            raise CaseStudyError(f"There is no bid with reference {ref!r}.")
        bid_id = bid["id"]
    cohort = _text(cohort_id)
    if cohort and queries.one(cur, "mentoring/cohort_exists", cohort=cohort) is None:
        raise CaseStudyError(f"There is no cohort {cohort!r}.")
    return bid_id, cohort


def add(con: duckdb.DuckDBPyConnection, actor: str, fields: dict[str, Any],
        bid_reference: str | None = None, cohort_id: str | None = None) -> int:
    """Add a case study (audited); title, programme and outcome are required."""
    stored_text.check_fields(fields, CaseStudyError)
    values = {k: _text(fields.get(k)) for k in FIELDS}
    for k in ("title", "programme", "outcome"):
        if not values[k]:
            raise CaseStudyError(f"A case study needs its {k}.")
    if values["programme"] not in PROGRAMMES:
        raise CaseStudyError(f"Programme {values['programme']!r} is not one of "
                             f"{', '.join(PROGRAMMES)}.")

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        bid_id, cohort = _link_ids(cur, bid_reference, cohort_id)
        case_id = queries.one_required(cur, "grants/case_studies_insert", case_bid_id=bid_id,
                                       case_cohort_id=cohort,
                                       **{f"case_{k}": v for k, v in values.items()})["id"]
        audit.record(cur, actor, "case_study.add", "case_study", case_id,
                     {"title": values["title"], "bid_id": bid_id, "cohort_id": cohort})
        return case_id

    return db.write(con, work)


def link(con: duckdb.DuckDBPyConnection, actor: str, case_id: int, bid_reference: str | None,
         cohort_id: str | None) -> None:
    """Set (or clear, with blanks) the bid and cohort a case study came from (audited)."""

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        before = queries.one(cur, "grants/case_studies_get", case_id=case_id)
        if before is None:
            raise CaseStudyError(f"There is no case study with id {case_id}.")
        bid_id, cohort = _link_ids(cur, bid_reference, cohort_id)
        queries.execute(cur, "grants/case_studies_link", case_id=case_id, case_bid_id=bid_id,
                        case_cohort_id=cohort)
        audit.record(cur, actor, "case_study.link", "case_study", case_id, {
            "before": {"bid_id": before["bid_id"], "cohort_id": before["cohort_id"]},
            "after": {"bid_id": bid_id, "cohort_id": cohort}})

    db.write(con, work)
