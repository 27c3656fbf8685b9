"""Outcome figures for trustees, computed from survey responses; every figure carries its n.

The loaders at the bottom run the named queries; everything else is a pure function of
DataFrames so that tests can feed it responses directly. Definitions follow DESIGN.md:
a Likert answer is positive at 4 (agree) or 5 (strongly agree), a blank answer counts as
not positive, "would recommend" is over all respondents and the other three over mentee
respondents. Any percentage over fewer than SMALL_N respondents is suppressed with a note,
so that nobody's answer can be worked out from a small group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from casson.mentoring import interest
from casson.outcomes import kpis
from casson.platform import queries, settings
from casson.platform.vocab import LIKERT, LIKERT_POSITIVE_MIN

SMALL_N = 5
NO_RESPONSES = "No survey responses yet for this cohort."

SHORT_LABELS = {
    "would_recommend": "Would recommend",
    "relationship_successful": "Relationship successful",
    "grew_confidence": "Grew in confidence",
    "career_development": "Career development",
}
# Who is asked what: mentors answer only "would recommend".
ASKED = {
    "would_recommend": ("mentor", "mentee"),
    "relationship_successful": ("mentee",),
    "grew_confidence": ("mentee",),
    "career_development": ("mentee",),
}
GROUP_LABELS = {"all": "All respondents", "mentor": "Mentors", "mentee": "Mentees"}
ANSWER_LABELS = {**LIKERT, 0: "no answer"}

# (key, label, kind, the count its percentage is over) — the KPI tiles, the board pack and
# cohort-against-cohort all use this one list, in this order.
KPI_ROWS: tuple[tuple[str, str, str, str | None], ...] = (
    ("mentors", "Mentors", "count", None),
    ("mentees", "Mentees", "count", None),
    ("pairs", "Pairs formed", "count", None),
    ("mentor_response_rate", "Mentor response rate", "rate", "mentors"),
    ("mentee_response_rate", "Mentee response rate", "rate", "mentees"),
    ("pct_would_recommend", "Would recommend", "positive", "respondents"),
    ("pct_relationship_successful", "Relationship successful", "positive", "mentee_responses"),
    ("pct_grew_confidence", "Grew in confidence", "positive", "mentee_responses"),
    ("pct_career_development", "Career development", "positive", "mentee_responses"),
    ("mentees_willing_to_mentor", "Mentees willing to mentor", "count", None),
)


@dataclass(frozen=True)
class Share:
    """part of n as a percentage, suppressed under SMALL_N respondents."""

    part: int
    n: int

    @property
    def suppressed(self) -> bool:
        return 0 < self.n < SMALL_N

    @property
    def pct(self) -> float | None:
        return None if self.suppressed else kpis.pct(self.part, self.n)

    @property
    def note(self) -> str:
        if self.n == 0:
            return "no responses yet"
        if self.suppressed:
            return f"suppressed: n = {self.n}, fewer than {SMALL_N} respondents"
        return ""

    def text(self) -> str:
        return self.note if self.pct is None else f"{self.pct:.1f}% (n = {self.n})"


def _positive(series: pd.Series) -> int:
    return int((series.fillna(0).astype(int) >= LIKERT_POSITIVE_MIN).sum())


def _role_rows(responses: pd.DataFrame, role: str) -> pd.DataFrame:
    return responses if role == "all" else responses[responses["role"] == role]


# -- from one cohort's responses ---------------------------------------------------------

def response_rates(k: Mapping[str, Any]) -> pd.DataFrame:
    """Response rate by role from a KPI dict (or a row of outcomes_by_cohort)."""
    rows = []
    for role, invited, answered in (("Mentors", "mentors", "mentor_responses"),
                                    ("Mentees", "mentees", "mentee_responses")):
        n, of = int(k[answered]), int(k[invited])
        rate = kpis.pct(n, of)
        rows.append({"role": role, "responses": n, "invited": of, "pct": rate,
                     "label": f"{'—' if rate is None else f'{rate:.1f}%'} (n = {n} of {of})"})
    return pd.DataFrame(rows)


def positive_shares(responses: pd.DataFrame) -> pd.DataFrame:
    """% positive per question, for all respondents asked and for each role, with n.

    Columns: question, label, group, group_label, positive, n, pct, suppressed, note.
    A suppressed row hides its positive count as well as its percentage.
    """
    rows = []
    for question, roles in ASKED.items():
        groups = (["all"] if len(roles) > 1 else []) + list(roles)
        for group in groups:
            asked = _role_rows(responses, group)
            share = Share(_positive(asked[question]), len(asked))
            rows.append({
                "question": question, "label": SHORT_LABELS[question], "group": group,
                "group_label": GROUP_LABELS[group],
                "positive": None if share.suppressed else share.part,
                "n": share.n, "pct": share.pct, "suppressed": share.suppressed, "note": share.note,
            })
    return pd.DataFrame(rows)


def headline_shares(responses: pd.DataFrame) -> pd.DataFrame:
    """The four headline percentages of DESIGN.md: recommend over all, the rest over mentees."""
    shares = positive_shares(responses)
    headline = {"would_recommend": "all"}
    keep = shares.apply(lambda r: r["group"] == headline.get(r["question"], "mentee"), axis=1)
    return shares[keep].reset_index(drop=True)


def likert_distribution(responses: pd.DataFrame) -> pd.DataFrame:
    """Each question's answers 1–5 (and blanks as 0, "no answer") by role, with n per group.

    Columns: question, label, role, answer, answer_label, count, n, share, suppressed.
    Groups under SMALL_N respondents keep n but lose their counts and shares.
    """
    rows = []
    for question, roles in ASKED.items():
        for role in roles:
            answers = _role_rows(responses, role)[question]
            n = len(answers)
            suppressed = 0 < n < SMALL_N
            counts = answers.fillna(0).astype(int).value_counts()
            for answer in [1, 2, 3, 4, 5] + ([0] if counts.get(0, 0) else []):
                count = int(counts.get(answer, 0))
                rows.append({
                    "question": question, "label": SHORT_LABELS[question], "role": role,
                    "answer": answer, "answer_label": ANSWER_LABELS[answer],
                    "count": None if suppressed else count, "n": n,
                    "share": None if suppressed else kpis.pct(count, n), "suppressed": suppressed,
                })
    return pd.DataFrame(rows)


def themes_vs_benefits(participants: pd.DataFrame) -> pd.DataFrame:
    """For each development theme mentees asked for: how many asked, and how many of those who
    answered the survey reported growing in confidence and career development (% positive).

    Columns: theme, requested, respondents, confidence_pct, career_pct, suppressed, note.
    """
    mentees = participants[participants["role"] == "mentee"].copy()
    cols = ["theme", "requested", "respondents", "confidence_pct", "career_pct", "suppressed",
            "note"]
    if mentees.empty:
        return pd.DataFrame(columns=cols)
    mentees["theme"] = mentees["themes"].fillna("").str.split(";")
    exploded = mentees.explode("theme")
    exploded["theme"] = exploded["theme"].str.strip().str.lower()
    exploded = exploded[exploded["theme"] != ""]
    rows = []
    for theme, group in exploded.groupby("theme", sort=True):
        answered = group[group["responded"].astype(bool)]
        confidence = Share(_positive(answered["grew_confidence"]), len(answered))
        career = Share(_positive(answered["career_development"]), len(answered))
        rows.append({"theme": theme, "requested": len(group), "respondents": len(answered),
                     "confidence_pct": confidence.pct, "career_pct": career.pct,
                     "suppressed": confidence.suppressed, "note": confidence.note})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["requested", "theme"], ascending=[False, True]).reset_index(drop=True)


ATTENDANCE_BANDS = ("none", "1–2 webinars", "3 or more")


def _band(attended: int) -> str:
    return (ATTENDANCE_BANDS[0] if attended == 0 else ATTENDANCE_BANDS[1] if attended <= 2
            else ATTENDANCE_BANDS[2])


def attendance_vs_outcomes(participants: pd.DataFrame) -> pd.DataFrame:
    """% positive by how many of the cohort's webinars a participant attended.

    "Would recommend" over all respondents in the band, "grew in confidence" over mentee
    respondents. Empty when the cohort has no recorded attendance.
    Columns: band, outcome, participants, n, pct, suppressed, note.
    """
    cols = ["band", "outcome", "participants", "n", "pct", "suppressed", "note"]
    if participants.empty or int(participants["webinars_attended"].sum()) == 0:
        return pd.DataFrame(columns=cols)
    parts = participants.assign(band=participants["webinars_attended"].astype(int).map(_band))
    rows = []
    for band in ATTENDANCE_BANDS:
        in_band = parts[parts["band"] == band]
        answered = in_band[in_band["responded"].astype(bool)]
        for outcome, group in (("would_recommend", answered),
                               ("grew_confidence", answered[answered["role"] == "mentee"])):
            share = Share(_positive(group[outcome]), len(group))
            rows.append({"band": band, "outcome": SHORT_LABELS[outcome],
                         "participants": len(in_band),
                         "n": share.n, "pct": share.pct, "suppressed": share.suppressed,
                         "note": share.note})
    return pd.DataFrame(rows, columns=cols)


# -- across cohorts ---------------------------------------------------------------------------

def kpi_n(k: Mapping[str, Any], basis: str | None) -> int | None:
    """The count a KPI's percentage is over."""
    if basis is None:
        return None
    if basis == "respondents":
        return int(k["mentor_responses"]) + int(k["mentee_responses"])
    return int(k[basis])


def surveyed(k: Mapping[str, Any]) -> bool:
    """Whether the cohort has any survey responses (before that its survey KPIs mean nothing)."""
    return int(k["mentor_responses"]) + int(k["mentee_responses"]) > 0


_SURVEY_COUNTS = {"mentees_willing_to_mentor"}


def kpi_value(k: Mapping[str, Any], key: str, kind: str, basis: str | None) -> float | int | None:
    """A KPI's value as shown: None before the survey, and for % positive under SMALL_N."""
    if (kind != "count" or key in _SURVEY_COUNTS) and not surveyed(k):
        return None
    if kind == "positive" and Share(0, kpi_n(k, basis) or 0).suppressed:
        return None
    return k[key]


def kpi_text(k: Mapping[str, Any], key: str, kind: str, basis: str | None) -> str:
    """A KPI as a board reads it: "97.1% (n = 33 of 34)", "100.0% (n = 82)", "41"."""
    if key in _SURVEY_COUNTS and not surveyed(k):
        return "no responses yet"
    if kind == "count":
        return str(k[key])
    if not surveyed(k):
        return "no responses yet"
    n = kpi_n(k, basis) or 0
    if kind == "rate":
        answered = k["mentor_responses"] if basis == "mentors" else k["mentee_responses"]
        value = k[key]
        return f"{'—' if value is None else f'{value:.1f}%'} (n = {answered} of {n})"
    share = Share(0, n)
    if share.note:
        return share.note
    return f"{k[key]:.1f}% (n = {n})"


def delta(current: Mapping[str, Any], previous: Mapping[str, Any] | None, key: str, kind: str,
          basis: str | None) -> float | int | None:
    """current minus previous for one KPI (percentage points for rates); None when either side
    is missing or suppressed."""
    if previous is None:
        return None
    a, b = kpi_value(current, key, kind, basis), kpi_value(previous, key, kind, basis)
    if a is None or b is None:
        return None
    return round(a - b, 1) if kind != "count" else int(a) - int(b)


def cohort_summary(by_cohort: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """{cohort id: KPI dict}, in start order (oldest first), from outcomes_by_cohort."""
    return {row["cohort"]: kpis.from_counts(row["cohort"],
                                            row) for row in by_cohort.to_dict("records")}


def previous_cohort(by_cohort: pd.DataFrame, cohort: str) -> str | None:
    """The cohort that started just before `cohort` (by_cohort is in start order)."""
    ids = by_cohort["cohort"].tolist()
    if cohort not in ids:
        return None
    i = ids.index(cohort)
    return ids[i - 1] if i > 0 else None


def compare(summary: Mapping[str, Mapping[str, Any]], a: str, b: str) -> pd.DataFrame:
    """Cohort a against cohort b, KPI by KPI, with n on both sides and b − a as the delta.

    Columns: kpi, label, a, a_n, a_text, b, b_n, b_text, delta, unit.
    """
    ka, kb = summary[a], summary[b]
    rows = []
    for key, label, kind, basis in KPI_ROWS:
        rows.append({
            "kpi": key, "label": label,
            "a": kpi_value(ka, key, kind, basis), "a_n": kpi_n(ka, basis),
            "a_text": kpi_text(ka, key, kind, basis),
            "b": kpi_value(kb, key, kind, basis), "b_n": kpi_n(kb, basis),
            "b_text": kpi_text(kb, key, kind, basis),
            "delta": delta(kb, ka, key, kind, basis),
            "unit": "count" if kind == "count" else "percentage points",
        })
    return pd.DataFrame(rows)


def pipeline(df: pd.DataFrame) -> pd.DataFrame:
    """The mentee-to-mentor pipeline by cohort with its rates: willing to mentor over mentee
    respondents, and willing mentees who then mentored in a later cohort over the willing."""
    out = df.copy()
    out["pct_willing"] = [Share(int(w), int(n)).pct for w, n in zip(out["willing"],
                                                                    out["mentee_responses"],
                                                                    strict=True)]
    out["pct_willing_mentored_later"] = [
        Share(int(m), int(w)).pct for m, w in zip(out["willing_and_mentored_later"], out["willing"],
                                                  strict=True)]
    return out


def grants(row: Mapping[str, Any], budget_gbp: float, year: int) -> dict[str, Any]:
    """Grants decided in `year` against the annual budget: awarded £, awards, success rate."""
    awarded = float(row["awarded_gbp"] or 0)
    awards, decisions = int(row["awards"]), int(row["decisions"])
    return {
        "year": year,
        "awarded_gbp": awarded,
        "awards": awards,
        "decisions": decisions,
        "received": int(row["received"]),
        "success_rate": kpis.pct(awards, decisions),
        "budget_gbp": budget_gbp,
        "budget_used_pct": kpis.pct(int(round(awarded * 100)),
                                    int(round(budget_gbp * 100))) if budget_gbp else None,
        "budget_left_gbp": budget_gbp - awarded,
    }


def gbp(amount: float) -> str:
    return f"£{amount:,.0f}" if float(amount).is_integer() else f"£{amount:,.2f}"


# -- loaders (the one place these figures touch the database) ------------------------------

def responses(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    return queries.df(con, "outcomes/outcomes_responses", cohort=cohort)


def participants(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    return queries.df(con, "outcomes/outcomes_participants", cohort=cohort)


def by_cohort(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every cohort's KPI counts, oldest first (`kpis.counts`: one definition)."""
    return kpis.counts(con)


def pipeline_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The mentee-to-mentor loop with its rates (`interest.mentor_funnel`: one definition)."""
    return pipeline(interest.mentor_funnel(con))


def grants_for_year(con: duckdb.DuckDBPyConnection, year: int | None = None) -> dict[str, Any]:
    year = year or date.today().year
    row = queries.one_required(con, "outcomes/outcomes_grants", year=year)
    return grants(row, settings.grant_budget_gbp(con), year)


def comments(con: duckdb.DuckDBPyConnection, cohort: str) -> pd.DataFrame:
    """The cohort's survey responses with names and comments (staff only: personal data)."""
    return queries.df(con, "outcomes/outcomes_comments", cohort=cohort)


def programme_totals(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Reach across every cohort (people, cohorts, pairs formed…): no personal data."""
    return queries.one_required(con, "outcomes/programme_totals")
