"""People: a cohort's mentors and mentees with contact details (staff and admin)."""

import streamlit as st

from ui import guard, people_view, widgets

user = guard.require("people")

st.title("People")
cohort = widgets.cohort_picker()
if cohort:
    people_view.participants(cohort, user.username)
