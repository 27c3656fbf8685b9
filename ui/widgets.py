"""Small reusable view pieces: cohort picker, KPI tiles."""

from __future__ import annotations

from typing import Any

import streamlit as st

from casson import outcomes
from ui import data, safe


def cohort_picker(label: str = "Cohort", key: str = "cohort", default: str | None = None) -> str | None:
    """A select box of cohorts, newest first; returns the chosen id (None when there are none)."""
    df = data.cohorts()
    if df.empty:
        st.info("There are no cohorts yet.")
        return None
    ids = df["id"].tolist()
    names = dict(zip(df["id"], df["name"], strict=True))
    index = ids.index(default) if default in ids else 0
    return st.selectbox(label, ids, index=index, key=key, format_func=lambda c: f"{names[c]} ({c})")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


KPI_GROUPS = ("reach", "response", "outcomes")


def _delta(k: dict[str, Any], previous: dict[str, Any] | None, key: str) -> str | int | None:
    """The change against the previous cohort as st.metric shows it (pp for percentages)."""
    for row_key, _, kind, basis in outcomes.KPI_ROWS:
        if row_key == key:
            d = outcomes.delta(k, previous, key, kind, basis)
            if d is None:
                return None
            return int(d) if kind == "count" else f"{d:+.1f} pp"
    return None


def kpi_tiles(k: dict[str, Any], previous: dict[str, Any] | None = None,
              groups: tuple[str, ...] = KPI_GROUPS) -> None:
    """The KPI tiles of one cohort; every percentage carries its n.

    previous: the previous cohort's KPIs, shown as deltas. groups: which of "reach",
    "response", "outcomes" to draw (presentation mode shows one group per screen).
    Percentages over fewer than outcomes.SMALL_N respondents are suppressed with a note.
    """
    respondents = k["mentor_responses"] + k["mentee_responses"]
    if previous is not None:
        st.caption(f"Changes are against the previous cohort, {safe.text(previous['cohort'])}.")
    if "reach" in groups:
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Mentors", k["mentors"], delta=_delta(k, previous, "mentors"))
        c2.metric("Mentees", k["mentees"], delta=_delta(k, previous, "mentees"))
        c3.metric("Pairs formed", k["pairs"], delta=_delta(k, previous, "pairs"))
        if respondents:
            c4.metric("Mentees willing to mentor", k["mentees_willing_to_mentor"],
                      delta=_delta(k, previous, "mentees_willing_to_mentor"),
                      help="Mentee respondents who said they are willing to become mentors.")
            c4.caption(f"of {k['mentee_responses']} mentee respondents")
        else:
            c4.metric("Mentees willing to mentor", "—")
            c4.caption("no responses yet")

    if "response" in groups:
        st.subheader("Survey response")
        r1, r2 = st.columns(2)
        if respondents:
            r1.metric("Mentor response rate", _pct(k["mentor_response_rate"]),
                      delta=_delta(k, previous, "mentor_response_rate"))
            r2.metric("Mentee response rate", _pct(k["mentee_response_rate"]),
                      delta=_delta(k, previous, "mentee_response_rate"))
        else:
            r1.metric("Mentor response rate", "—")
            r2.metric("Mentee response rate", "—")
        r1.caption(f"n = {k['mentor_responses']} of {k['mentors']} mentors")
        r2.caption(f"n = {k['mentee_responses']} of {k['mentees']} mentees")

    if "outcomes" in groups:
        st.subheader("Outcomes (agree or strongly agree)")
        if respondents == 0:
            st.info("No survey responses yet for this cohort.")
            return
        o1, o2, o3, o4 = st.columns(4)
        for col, key, label, n, who in (
            (o1, "pct_would_recommend", "Would recommend", respondents, "respondents (mentors and mentees)"),
            (o2, "pct_relationship_successful", "Relationship successful", k["mentee_responses"], "mentee respondents"),
            (o3, "pct_grew_confidence", "Grew in confidence", k["mentee_responses"], "mentee respondents"),
            (o4, "pct_career_development", "Career development", k["mentee_responses"], "mentee respondents"),
        ):
            share = outcomes.Share(0, n)
            if share.suppressed or n == 0:
                col.metric(label, "—")
                col.caption(share.note)
            else:
                col.metric(label, _pct(k[key]), delta=_delta(k, previous, key))
                col.caption(f"n = {n} {who}")
