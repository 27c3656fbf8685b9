"""Cohorts (staff): each cohort's figures, set-up, and its webinars with attendance and .ics."""

import streamlit as st

from ui import cohorts_view, forms, guard

user = guard.require("cohorts")

st.title("Cohorts")
forms.show_flash()
cohorts_view.overview()
cohort = cohorts_view.picker()
cohorts_view.cohort_forms(user, cohort)
if cohort:
    cohorts_view.webinars_section(user, cohort)
