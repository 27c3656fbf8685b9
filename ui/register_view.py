"""Streamlit glue for the Register of interest page: the register with its filters, moving
ticked people into a cohort, setting their status, and adding a person."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from casson.mentoring import cohorts as mentoring_cohorts
from casson.mentoring import interest
from casson.platform import exports
from casson.platform.vocab import REGIONS
from ui import data, forms, tables
from ui.auth import User


def register_table() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The register with its filters and download; returns (everyone, those shown)."""
    reg = data.fetch(interest.register)
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    text = c1.text_input("Search names and emails", key="reg_text",
                         placeholder="e.g. Patel or @example.org")
    statuses = c2.multiselect("Status", interest.STATUSES, default=["new", "invited"],
                              key="reg_status",
                              placeholder="Any status")
    roles = c3.multiselect("Role wanted", interest.ROLES, key="reg_role", placeholder="Either role")
    wanted = c4.multiselect("Cohort wanted", sorted(reg["cohort_wanted"].unique()),
                            key="reg_cohort",
                            placeholder="Any cohort")
    shown = reg
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    if roles:
        shown = shown[shown["role_wanted"].isin(roles)]
    if wanted:
        shown = shown[shown["cohort_wanted"].isin(wanted)]
    if text.strip():
        needle = text.strip().lower()
        shown = shown[shown["full_name"].str.lower().str.contains(needle, regex=False)
                      | shown["email"].str.lower().str.contains(needle, regex=False)]

    st.caption(f"{len(shown)} of {len(reg)} on the register")
    names = mentoring_cohorts.labels(data.cohorts())  # once, not for every row
    table = shown.assign(status=[f"joined {names.get(c, c)}" if s == "joined" else s
                                 for s, c in zip(shown["status"], shown["joined_cohort"],
                                                 strict=True)],
                         returning=shown["past_cohorts"] > 0)
    tables.show(exports.neutralise_frame(table[[
        "full_name", "email", "region", "role_wanted", "cohort_wanted", "status", "consent",
        "source",
        "registered_on", "returning", "from_cohort"]]), hide_index=True, key="reg_table",
        column_config={"full_name": "name", "role_wanted": "role wanted",
                       "cohort_wanted": "cohort wanted",
                       "consent": st.column_config.CheckboxColumn("consented to contact"),
                       "returning": st.column_config.CheckboxColumn("known person"),
                       "registered_on": st.column_config.DateColumn("registered"),
                       "from_cohort": "from the loop (mentee of)"})
    st.download_button("Download the register (CSV)", exports.csv_bytes(table),
                       "register-of-interest.csv",
                       key="reg_download")
    return reg, shown


def move_people(user: User, reg: pd.DataFrame, shown: pd.DataFrame) -> None:
    """Tick people of those shown and move them into a cohort, or set their status."""
    cohorts = data.cohorts()
    cohort_ids = cohorts["id"].tolist()
    labels = {int(r.id): f"{r.full_name} <{r.email}> · {r.role_wanted}, {r.cohort_wanted} · "
                         f"{r.status}"
              for r in shown.itertuples()}

    st.header("Move people into a cohort")
    # After a move the ticked people leave the list: fresh widget keys, so the browser does not send
    # back ticks (or a "new cohort" choice) that no longer exist.
    gen = st.session_state.get("register_gen", 0)

    def _next_generation() -> None:
        st.session_state["register_gen"] = gen + 1


    picked = st.multiselect("Tick people", list(labels), format_func=labels.__getitem__,
                            key=f"reg_pick_{gen}",
                            placeholder="Choose from the register shown above")
    m1, m2, m3 = st.columns([2, 2, 1])
    wanted_ids = sorted({c for c in reg.loc[reg["id"].isin(picked), "cohort_wanted"]
                         if c != interest.FUTURE})
    new_label = "A new cohort…"
    cohort_labels = mentoring_cohorts.labels(cohorts)
    choice = m1.selectbox("Cohort", cohort_ids + [new_label], key=f"reg_target_{gen}",
                          index=len(cohort_ids) if wanted_ids and wanted_ids[0] not in cohort_ids
                          else 0,
                          format_func=lambda c: c if c == new_label else cohort_labels[c])
    new_name = None
    target = choice
    if choice == new_label:
        target = m1.text_input("New cohort id", value=wanted_ids[0] if wanted_ids else "",
                               key=f"reg_new_id_{gen}",
                               placeholder="e.g. cohort-3")
        new_name = m1.text_input("New cohort name", key=f"reg_new_name_{gen}",
                                 placeholder="e.g. Cohort 3 (2022-23)")
    roles_picked = reg.loc[reg["id"].isin(picked), "role_wanted"]
    # Defaults to the role the ticked people asked for (the key follows it, so the default applies).
    as_mentees = bool(len(roles_picked)) and bool((roles_picked == "mentee").all())
    role = m2.radio("As", interest.ROLES, horizontal=True, key=f"reg_as_{gen}_{int(as_mentees)}",
                    index=int(as_mentees), format_func=lambda r: f"{r}s")
    with m3:
        st.write("")
        if st.button(f"Move {len(picked)} into the cohort", key="reg_move", type="primary",
                     disabled=not picked):
            forms.save(interest.enrol, user.username, picked, target, role, new_name,
                       message=lambda r: r.summary, form="reg_",
                       after=_next_generation)

    s1, s2 = st.columns([1, 3])
    status = s1.selectbox("Or set their status", interest.MANUAL_STATUSES, index=2,
                          key="reg_set_status")
    with s2:
        st.write("")
        if st.button("Set status", key="reg_set", disabled=not picked):
            forms.save(interest.set_status, user.username, picked, status,
                       message=lambda n: f"{n} marked {status}.", form="reg_",
                       after=_next_generation)


def add_person(user: User) -> None:
    """Add one person to the register by hand."""
    with st.expander("Add a person to the register"), st.form("reg_add"):
        a1, a2 = st.columns(2)
        fields = {
            "full_name": a1.text_input("Name", key="reg_add_name"),
            "email": a2.text_input("Email", key="reg_add_email"),
            "region": a1.selectbox("Region", REGIONS, index=None, key="reg_add_region"),
            "role_wanted": a2.radio("Role wanted", interest.ROLES, horizontal=True,
                                    key="reg_add_role"),
            "cohort_wanted": a1.text_input("Cohort wanted (an id, or future)",
                                           value=interest.FUTURE,
                                           key="reg_add_cohort"),
            "source": a2.text_input("Source", value="staff", key="reg_add_source"),
            "registered_on": a1.date_input("Registered on", value=dt.date.today(),
                                           key="reg_add_date",
                                           format="DD/MM/YYYY"),
            "consent": a2.checkbox("Consented to be contacted", key="reg_add_consent"),
            "notes": st.text_area("Notes", key="reg_add_notes"),
        }
        if st.form_submit_button("Add to the register"):
            forms.save(interest.add_entry, user.username, fields,
                       message=f"Added {fields['full_name']} to the register.", form="reg_add_")


def empty_note(reg: pd.DataFrame, shown: pd.DataFrame) -> None:
    if reg.empty:
        st.info("Nobody is on the register yet: upload the registration form's export (Upload, "
                "kind "
                "interest) or add people above.")
    elif not len(shown):
        st.info("Nobody on the register matches these filters.")
