"""Directory: leadership courses and programmes, coaches and mentors, and resources, with live
filters. Every role reads it; staff and admin add, edit and retire entries (audited)."""

import streamlit as st

from ui import directory_view, forms, guard, widgets

user = guard.require("directory")
can_edit = guard.sees_personal_data(user)  # staff and admin edit the directory

st.title("Directory")
st.caption("Leadership courses and programmes, and coaches and mentors, from the trust's own "
           "pages. Links open the provider's site.")
forms.show_flash()

names = ["Courses and programmes", "Coaches and mentors", "Resources"]
# Lazy tabs: only the open one runs and is drawn; keyed, so a save stays on the tab in use.
tabs = st.tabs(names + (["Suggestions"] if can_edit else []), key="dir_tab", on_change="rerun")
drawn = [directory_view.courses_tab, directory_view.coaches_tab, directory_view.resources_tab]
for tab, draw in zip(tabs, drawn, strict=False):
    if widgets.is_open(tab):
        with tab:
            draw(user, can_edit)
if can_edit and widgets.is_open(tabs[3]):
    with tabs[3]:
        directory_view.suggestions_tab(user)
