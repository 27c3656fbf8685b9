"""The programme KPIs of DESIGN.md, computed from rows in the database."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import duckdb

from casson import queries

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
    if queries.one(con, "cohort_exists", cohort=cohort) is None:
        raise UnknownCohort(f"No cohort with id {cohort!r}.")
    c = queries.one(con, "cohort_kpi_counts", cohort=cohort)
    respondents = c["mentor_responses"] + c["mentee_responses"]
    mentee_n = c["mentee_responses"]
    return {
        "cohort": cohort,
        "mentors": c["mentors"],
        "mentees": c["mentees"],
        "pairs": c["pairs"],
        "mentor_responses": c["mentor_responses"],
        "mentee_responses": mentee_n,
        "mentor_response_rate": pct(c["mentor_responses"], c["mentors"]),
        "mentee_response_rate": pct(mentee_n, c["mentees"]),
        "pct_would_recommend": pct(c["recommend_positive"], respondents),
        "pct_relationship_successful": pct(c["relationship_positive"], mentee_n),
        "pct_grew_confidence": pct(c["confidence_positive"], mentee_n),
        "pct_career_development": pct(c["career_positive"], mentee_n),
        "mentees_willing_to_mentor": c["mentees_willing_to_mentor"],
    }


def cohort_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Cohort ids, newest first."""
    return [r["id"] for r in queries.rows(con, "cohorts")]
