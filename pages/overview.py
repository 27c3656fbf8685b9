"""Overview: the KPI tiles of a chosen cohort with changes against the previous cohort,
programme totals and this year's grants (every role; aggregates only)."""

import streamlit as st

from casson import kpis
from ui import data, guard, outcomes_view, safe, widgets

guard.require("overview")

st.title("Mentoring programme overview")
cohort = widgets.cohort_picker(default=data.latest_surveyed_cohort())
if cohort:
    try:
        widgets.kpi_tiles(data.cohort_kpis(cohort), outcomes_view.previous_kpis(cohort))
    except kpis.UnknownCohort:
        st.error(f"Cohort {safe.text(cohort)} no longer exists.")
    totals = data.read("programme_totals").iloc[0]
    st.subheader("Programme to date")
    t1, t2, t3 = st.columns(3)
    t1.metric("People reached", int(totals["people_reached"]))
    t2.metric("Pairs to date", int(totals["pairs"]))
    t3.metric("Cohorts", int(totals["cohorts"]))
    outcomes_view.grant_tiles(outcomes_view.grants_summary())
    st.page_link("pages/outcomes.py", label="Charts, cohort against cohort and the board pack: Outcomes",
                 icon=":material/monitoring:")
