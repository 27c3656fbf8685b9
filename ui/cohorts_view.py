"""The Cohorts page's pieces: each cohort's figures, and its webinars (create, edit, tick
attendance, download .ics). Saves go through ui.forms.save; keys come from one prefix per form."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from casson.mentoring import calendar, cohorts, webinars
from ui import data, forms, tables, widgets
from ui.auth import User

PICK_NEXT = "cohorts_pick_next"


def picker() -> str | None:
    """The cohort picker, showing a cohort just created."""
    if PICK_NEXT in st.session_state:
        widgets.remember_cohort(st.session_state.pop(PICK_NEXT))
    return widgets.cohort_picker(key="cohorts_cohort")


def key(form: str, field: str) -> str:
    return f"cohorts_{form}_{field}"


def _v(form: str, field: str) -> Any:
    return st.session_state.get(key(form, field))


def overview() -> None:
    """Every cohort with its figures (cohorts.overview): mentors, places, matched, unmatched…"""
    tables.show(data.fetch(cohorts.overview), hide_index=True, width="stretch", key="cohorts_table",
                column_config={"id": "cohort",
                               "starts_on": st.column_config.DateColumn("starts",
                                                                        format="D MMM YYYY"),
                               "ends_on": st.column_config.DateColumn("ends", format="D MMM YYYY"),
                                "places": st.column_config.NumberColumn(
                                    "places", help="Mentors' capacity, summed"),
                                "matched": st.column_config.NumberColumn(
                                    "matched",
                                    help="Mentees with a proposed, active or completed pair"),
                                "unmatched": st.column_config.NumberColumn(
                                    "unmatched",
                                    help="Mentees with no proposed, active or completed pair")})
    st.caption(cohorts.MATCHED_VS_FORMED)


def _add_cohort(cur: Any, actor: str) -> str:
    made = cohorts.add(cur, _v("add", "id") or "", _v("add", "name") or "", _v("add", "starts"),
                       _v("add", "ends"), actor=actor)
    st.session_state[PICK_NEXT] = made["id"]  # the picker is already drawn: choose it next run
    return f"Created the cohort {made['name']}, planned."


def _edit_cohort(cur: Any, actor: str, cohort: str) -> str:
    f = f"edit_{cohort}"
    after = cohorts.update(cur, actor, cohort, _v(f, "name") or "", _v(f, "starts"), _v(f, "ends"),
                           _v(f, "status"))
    return f"Saved the cohort {after['name']} ({after['status']})."


def cohort_forms(user: User, cohort: str | None) -> None:
    """Create a cohort; edit the chosen one's name, dates and status."""
    left, right = st.columns(2)
    with left.expander("Create a cohort"), st.form("cohorts_add_form"):
        st.text_input("Id (no spaces)", key=key("add", "id"), placeholder="cohort-3")
        st.text_input("Name", key=key("add", "name"), placeholder="Cohort 3 (2023)")
        c1, c2 = st.columns(2)
        c1.date_input("Starts", value=None, key=key("add", "starts"), format="DD/MM/YYYY")
        c2.date_input("Ends", value=None, key=key("add", "ends"), format="DD/MM/YYYY")
        if st.form_submit_button("Create cohort", key=key("add", "submit"), type="primary"):
            forms.save(_add_cohort, user.username, message=str,
                       form="cohorts_add_")
    if not cohort:
        return
    with data.cursor() as cur:
        c = cohorts.term(cur, cohort)
    if c is None:
        return
    f = f"edit_{cohort}"
    with (right.expander(f"Edit {data.cohort_name(cohort)}: name, dates and status"),
          st.form(f"cohorts_{f}_form")):
        st.text_input("Name", value=c["name"], key=key(f, "name"))
        c1, c2 = st.columns(2)
        c1.date_input("Starts", value=c["starts_on"], key=key(f, "starts"), format="DD/MM/YYYY")
        c2.date_input("Ends", value=c["ends_on"], key=key(f, "ends"), format="DD/MM/YYYY")
        st.radio("Status", list(cohorts.STATUSES), index=cohorts.STATUSES.index(c["status"]),
                 horizontal=True, key=key(f, "status"),
                 help="planned → recruiting → matching → running → closed; back one step at most")
        if st.form_submit_button("Save cohort", key=key(f, "submit")):
            forms.save(_edit_cohort, user.username, cohort, message=str,
                       form=f"cohorts_{f}_")


def _at(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    return None if day is None or time is None else dt.datetime.combine(day, time)


def _session_fields(form: str, s: dict[str, Any] | None = None) -> None:
    start = s["starts_at"] if s else None
    end = s["ends_at"] if s and pd.notna(s["ends_at"]) else None
    url = s.get("join_url") if s else None
    st.text_input("Title", value=s["title"] if s else "", key=key(form, "title"))
    c1, c2, c3 = st.columns(3)
    c1.date_input("Date", value=start.date() if start else None, key=key(form, "day"),
                  format="DD/MM/YYYY")
    c2.time_input("Starts", value=start.time() if start else dt.time(13, 0), key=key(form, "start"))
    c3.time_input("Ends", value=end.time() if end else dt.time(14, 0), key=key(form, "end"))
    st.text_input("Joining link", value=url if isinstance(url, str) else "", key=key(form, "url"),
                  placeholder="https://teams.microsoft.com/…")


def _fields(form: str) -> tuple[str, dt.datetime, dt.datetime | None, str]:
    start = _at(_v(form, "day"), _v(form, "start"))
    if start is None:
        raise webinars.WebinarError("Give the webinar's date and start time.")
    return (_v(form, "title") or "", start, _at(_v(form, "day"), _v(form, "end")),
            _v(form, "url") or "")


def _create(cur: Any, actor: str, cohort: str) -> str:
    title, start, end, url = _fields("new")
    sid = webinars.create(cur, actor, cohort, title, start, end, url)
    st.session_state["cohorts_session"] = sid  # show the new webinar (its picker comes later)
    return f"Added the webinar {title.strip()} on {start:%d %b %Y at %H:%M}."


def _update(cur: Any, actor: str, session_id: int) -> str:
    title, start, end, url = _fields(f"edit{session_id}")
    webinars.update(cur, actor, session_id, title, start, end, url)
    return f"Saved the webinar {title.strip()}."


def _attendance(cur: Any, actor: str, session_id: int) -> str:
    people = {int(p) for p in _v(f"att{session_id}", "people") or []}
    added, removed = webinars.set_attendance(cur, actor, session_id, people)
    return f"Attendance saved: {len(people)} attended ({added} ticked, {removed} unticked)."


def webinars_section(user: User, cohort: str) -> None:
    sessions = data.fetch(webinars.sessions_table, cohort=cohort)
    st.subheader("Webinars")
    if sessions.empty:
        st.caption(f"No webinars in {data.cohort_name(cohort)} yet.")
    else:
        tables.show(sessions.drop(columns=["session_id", "cohort_id", "kind", "notes"]),
                    hide_index=True, width="stretch", key="cohorts_webinars",
                    column_config={
                         "starts_at": st.column_config.DatetimeColumn("starts",
                                                                      format="D MMM YYYY, HH:mm"),
                         "ends_at": st.column_config.DatetimeColumn("ends",
                                                                    format="D MMM YYYY, HH:mm"),
                         "join_url": st.column_config.LinkColumn("joining link")})
        with data.cursor() as cur:
            whole = calendar.cohort_ics(cur, cohort)
        st.download_button("Download every webinar (.ics)", whole, f"{cohort}-webinars.ics",
                           "text/calendar", key="cohorts_ics_all", icon=":material/calendar_month:")
    with st.expander("Add a webinar", expanded=sessions.empty), st.form("cohorts_new_form"):
        _session_fields("new")
        if st.form_submit_button("Add webinar", key=key("new", "submit"), type="primary"):
            forms.save(_create, user.username, cohort, message=str,
                       form="cohorts_new_")
    if sessions.empty:
        return
    labels = dict(zip(sessions["session_id"], sessions["title"] + " — "
                      + sessions["starts_at"].dt.strftime("%d %b %Y %H:%M"), strict=True))
    chosen = st.selectbox("Webinar", list(labels), format_func=labels.__getitem__,
                          key="cohorts_session",
                          index=len(labels) - 1)
    s = next(r for r in sessions.to_dict("records") if r["session_id"] == chosen)
    with data.cursor() as cur:
        one = calendar.session_ics(cur, chosen)
    st.download_button(f"Download {s['title']} (.ics)", one, calendar.file_name(s["title"]),
                       "text/calendar", key="cohorts_ics_one", icon=":material/event:")
    left, right = st.columns([2, 3])
    with left.form(f"cohorts_edit{chosen}_form"):
        st.markdown("**Edit this webinar**")
        _session_fields(f"edit{chosen}", s)
        if st.form_submit_button("Save webinar", key=key(f"edit{chosen}", "submit")):
            forms.save(_update, user.username, chosen, message=str,
                       form=f"cohorts_edit{chosen}_")
    with right:
        sheet = data.fetch(webinars.attendance_sheet, session_id=chosen)
        names = dict(zip(sheet["person_id"].tolist(), (sheet["full_name"] + " (" + sheet["role"]
                                                       + ")").tolist(), strict=True))
        with st.form(f"cohorts_att{chosen}_form"):
            st.markdown(f"**Attendance** ({int(sheet['attended'].sum())} of {len(sheet)} "
                        "participants attended)")
            st.multiselect("Who attended", list(names), format_func=names.__getitem__,
                           default=sheet.loc[sheet["attended"], "person_id"].tolist(),
                           key=key(f"att{chosen}", "people"),
                           placeholder="type a name to tick them")
            if st.form_submit_button("Save attendance", key=key(f"att{chosen}", "submit"),
                                     type="primary"):
                forms.save(_attendance, user.username, chosen, message=str,
                           form=f"cohorts_att{chosen}_")
