"""The programme KPIs of DESIGN.md, computed from rows in the database."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb
import pandas as pd

from casson.platform import queries

KPI_KEYS = (
    "cohort",
    "mentors",
    "mentees",
    "pairs",
    "mentor_responses",
    "mentee_responses",
    "mentor_response_rate",
    "mentee_response_rate",
    "pct_would_recommend",
    "pct_relationship_successful",
    "pct_grew_confidence",
    "pct_career_development",
    "mentees_willing_to_mentor",
)


class UnknownCohort(LookupError):
    """The cohort id names no cohort."""


def pct(part: int, whole: int) -> float | None:
    """part/whole as a percentage rounded half-up to one decimal; None when whole is 0."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def cohort_kpis(con: duckdb.DuckDBPyConnection, cohort: str) -> dict[str, Any]:
    """The KPI object of one cohort, keys exactly KPI_KEYS.

    pct_would_recommend is over all respondents; the other three percentages are over
    mentee respondents (a blank answer counts as not positive).
    """
    rows = counts(con, cohort).to_dict("records")
    if not rows:
        raise UnknownCohort(f"No cohort with id {cohort!r}.")
    return from_counts(cohort, rows[0])


def counts(con: duckdb.DuckDBPyConnection, cohort: str | None = None) -> pd.DataFrame:
    """The counts behind the KPIs, a row per cohort oldest first (only `cohort`'s when given):
    the one query every page, the CLI and the board pack count from."""
    return queries.df(con, "outcomes/cohort_counts", cohort=cohort)


def from_counts(cohort: str, c: Mapping[str, Any]) -> dict[str, Any]:
    """The KPI object from a cohort's row of `counts`: the one place the KPI definitions of
    DESIGN.md are written down."""
    n = {key: int(c[key]) for key in (
        "mentors", "mentees", "pairs", "mentor_responses", "mentee_responses", "recommend_positive",
        "relationship_positive", "confidence_positive", "career_positive",
        "mentees_willing_to_mentor")}
    respondents = n["mentor_responses"] + n["mentee_responses"]
    mentee_n = n["mentee_responses"]
    return {
        "cohort": cohort,
        "mentors": n["mentors"],
        "mentees": n["mentees"],
        "pairs": n["pairs"],
        "mentor_responses": n["mentor_responses"],
        "mentee_responses": mentee_n,
        "mentor_response_rate": pct(n["mentor_responses"], n["mentors"]),
        "mentee_response_rate": pct(mentee_n, n["mentees"]),
        "pct_would_recommend": pct(n["recommend_positive"], respondents),
        "pct_relationship_successful": pct(n["relationship_positive"], mentee_n),
        "pct_grew_confidence": pct(n["confidence_positive"], mentee_n),
        "pct_career_development": pct(n["career_positive"], mentee_n),
        "mentees_willing_to_mentor": n["mentees_willing_to_mentor"],
    }


def cohort_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Cohort ids, newest first."""
    return [r["id"] for r in queries.rows(con, "mentoring/cohorts")]
