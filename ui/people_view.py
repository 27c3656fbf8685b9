"""Streamlit glue for the People page: a cohort's participants, filtered by role and text."""

from __future__ import annotations

import streamlit as st

from casson.mentoring import cohorts
from ui import data, intake_view, links_view, tables


def participants(cohort: str, actor: str) -> None:
    """The cohort's mentors and mentees with contact details, filters, the email log and the
    revoking of personal links."""
    df = data.fetch(cohorts.participants, cohort=cohort)
    c1, c2 = st.columns([1, 3])
    role = c1.segmented_control("Role", ["mentor", "mentee"], selection_mode="multi",
                                default=["mentor", "mentee"], key="people_role")
    text = c2.text_input("Search names and emails", key="people_search",
                         placeholder="e.g. Patel or @example.org")
    shown = df[df["role"].isin(role or [])]
    if text:
        needle = text.strip().lower()
        shown = shown[shown["full_name"].str.lower().str.contains(needle, regex=False)
                      | shown["email"].str.lower().str.contains(needle, regex=False)]
    st.caption(f"{len(shown)} of {len(df)} participants")
    tables.show(shown, key="people_table", download=f"people-{cohort}",
                column_config={"capacity": st.column_config.NumberColumn("Mentee places",
                                                                          format="%d")})
    intake_view.person_messages(shown)  # the email log of one person
    links_view.revoke_expander(shown, actor)
