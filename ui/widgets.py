"""Small reusable view pieces: cohort picker, KPI tiles."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import data


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


def kpi_tiles(k: dict[str, Any]) -> None:
    """The KPI tiles of one cohort; every percentage carries its n."""
    respondents = k["mentor_responses"] + k["mentee_responses"]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Mentors", k["mentors"])
    c2.metric("Mentees", k["mentees"])
    c3.metric("Pairs formed", k["pairs"])
    c4.metric("Mentees willing to mentor", k["mentees_willing_to_mentor"],
              help="Mentee respondents who said they are willing to become mentors.")
    c4.caption(f"of {k['mentee_responses']} mentee respondents")

    st.subheader("Survey response")
    r1, r2 = st.columns(2)
    r1.metric("Mentor response rate", _pct(k["mentor_response_rate"]))
    r1.caption(f"n = {k['mentor_responses']} of {k['mentors']} mentors")
    r2.metric("Mentee response rate", _pct(k["mentee_response_rate"]))
    r2.caption(f"n = {k['mentee_responses']} of {k['mentees']} mentees")

    st.subheader("Outcomes (agree or strongly agree)")
    if respondents == 0:
        st.info("No survey responses yet for this cohort.")
        return
    o1, o2, o3, o4 = st.columns(4)
    o1.metric("Would recommend", _pct(k["pct_would_recommend"]))
    o1.caption(f"n = {respondents} respondents (mentors and mentees)")
    for col, key, label in (
        (o2, "pct_relationship_successful", "Relationship successful"),
        (o3, "pct_grew_confidence", "Grew in confidence"),
        (o4, "pct_career_development", "Career development"),
    ):
        col.metric(label, _pct(k[key]))
        col.caption(f"n = {k['mentee_responses']} mentee respondents")
