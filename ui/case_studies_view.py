"""Streamlit glue for the Case studies page: the stories as cards, and the staff forms that link
a case study to its bid or cohort and add new ones (saved through forms.save)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from casson.grants import case_studies
from ui import data, forms, safe, widgets
from ui.auth import User


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def stories() -> pd.DataFrame:
    """The case studies of the chosen programmes, one card each; returns every case study."""
    df = data.fetch(case_studies.frame)
    programme = st.segmented_control("Programme", case_studies.PROGRAMMES, selection_mode="multi",
                                     default=list(case_studies.PROGRAMMES), key="cs_programme")
    shown = df[df["programme"].isin(programme or [])]
    st.caption(f"{len(shown)} of {len(df)} case studies")
    for row in shown.itertuples():
        with st.container(border=True):
            st.subheader(safe.text(row.title))
            facts = [f"**Programme:** {safe.text(row.programme)}"]
            if not _blank(row.organisation):
                facts.append(f"**Organisation:** {safe.text(row.organisation)}")
            if not _blank(row.bid_reference):
                facts.append(f"**Bid:** {safe.text(row.bid_reference)}")
            if not _blank(row.cohort_id):
                facts.append(f"**Cohort:** {safe.text(row.cohort_name or row.cohort_id)}")
            if _blank(row.bid_reference) and _blank(row.cohort_id):
                facts.append("**Came from:** not linked to a bid or cohort")
            st.markdown(" · ".join(facts))
            if not _blank(row.outcome):
                st.markdown(f"**Outcome:** {safe.text(row.outcome)}")
            if not _blank(row.summary):
                st.caption(safe.text(row.summary))
            if not _blank(row.url):
                st.markdown(safe.link("Read the case study", row.url))
    return df


def staff_forms(user: User, df: pd.DataFrame) -> None:
    """Link a case study to its bid or cohort, and add one (staff and admin)."""
    st.divider()
    # Lazy expanders: closed, their forms are not drawn (each costs every page switch).
    with st.expander("Link a case study to its bid or cohort", key="cs_link_open",
                     on_change="rerun") as box:
        if widgets.is_open(box):
            labels = {int(r.id): r.title for r in df.itertuples()}
            case_id = st.selectbox("Case study", list(labels), format_func=labels.__getitem__,
                                   key="cs_pick")
            current = df[df["id"] == case_id].iloc[0]
            cohorts = data.cohorts()["id"].tolist()
            with st.form(f"cs_link_{case_id}"):
                ref = st.text_input("Bid reference (blank: none)", key=f"cs_bid_{case_id}",
                                    value="" if _blank(current["bid_reference"])
                                    else current["bid_reference"])
                cohort = st.selectbox("Cohort", cohorts, key=f"cs_cohort_{case_id}",
                                      index=cohorts.index(current["cohort_id"])
                                      if current["cohort_id"] in cohorts else None)
                if st.form_submit_button("Save link", key=f"cs_link_save_{case_id}"):
                    forms.save(case_studies.link, user.username, case_id, ref, cohort,
                               message=f"Linked {labels[case_id]}.")
    with st.expander("Add a case study", key="cs_add_open", on_change="rerun") as box:
        if widgets.is_open(box):
            with st.form("cs_add"):
                c1, c2 = st.columns(2)
                fields = {
                    "title": c1.text_input("Title", key="cs_new_title"),
                    "programme": c2.selectbox("Programme", case_studies.PROGRAMMES,
                                              key="cs_new_programme"),
                    "organisation": c1.text_input("Organisation", key="cs_new_org"),
                    "people": c2.text_input("People, as published", key="cs_new_people"),
                    "outcome": st.text_input("Outcome", key="cs_new_outcome",
                                             placeholder="e.g. 15% reduction in median length of "
                                                          "stay"),
                    "summary": st.text_area("Summary", key="cs_new_summary"),
                    "url": st.text_input("Link", key="cs_new_url"),
                }
                c3, c4 = st.columns(2)
                ref = c3.text_input("Bid reference, if known", key="cs_new_bid")
                cohort = c4.selectbox("Cohort, if known", data.cohorts()["id"].tolist(), index=None,
                                      key="cs_new_cohort")
                if st.form_submit_button("Add case study", key="cs_add_submit"):
                    forms.save(case_studies.add, user.username, fields, ref, cohort,
                               message=f"Added {fields['title']}.")
