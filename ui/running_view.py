"""Running a cohort on the Pairs page: the needs-attention list with its actions, logging
meetings and check-ins; and the small self-contained pieces other pages call (the Overview's
staff tile, the health figures on Outcomes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from casson.mentoring import attention, checkins, health, meetings
from casson.platform import access
from ui import data, links_view, pair_forms, tables
from ui.auth import User

SHOWN = 500  # rows of a log shown on the page (the export has them all)
KIND_LABELS = {"pair": "pair", "mentor": "mentor", "mentee": "waiting mentee"}


def attention_items(cohort: str, as_of: dt.date) -> list[attention.Item]:
    with data.cursor() as cur:
        return attention.items(cur, cohort, as_of)


def cohort_term(cohort: str) -> attention.Term:
    with data.cursor() as cur:
        return attention.term(cur, cohort)


def attention_frame(found: list[attention.Item]) -> pd.DataFrame:
    return pd.DataFrame([{
        "needs": KIND_LABELS[i.kind], "mentee": i.mentee_name, "mentor": i.mentor_name,
        "reasons": "; ".join(i.reasons), "act": " / ".join(i.actions),
        "mentee email": i.mentee_email, "mentor email": i.mentor_email} for i in found])


def attention_tab(user: User, cohort: str, roster: pd.DataFrame) -> None:
    term = cohort_term(cohort)
    as_of = st.date_input("As of", value=attention.default_as_of(term), key="pairs_attention_as_of",
                          format="DD/MM/YYYY",
                          help="The date to look from: today, kept within the cohort's term.")
    found = attention_items(cohort, as_of)
    if not found:
        st.caption(f"Nothing needs attention in {data.cohort_name(cohort)} on {as_of:%d %b %Y}.")
        return
    counts = pd.Series([c for i in found for c in i.codes]).value_counts()
    st.caption(f"{len(found)} items need attention on {as_of:%d %b %Y}: "
               + ", ".join(f"{n} {code.replace('_', ' ')}" for code, n in counts.items())
               + ". The days and thresholds are settings an administrator can change.")
    tables.show(attention_frame(found), hide_index=True, width="stretch", key="pairs_attention")
    links_view.rematch_requests(cohort, user.username)
    flagged = [i for i in found if i.kind == "pair"]
    if not flagged:
        return
    labels = {i.pair_id: f"{i.mentee_name} — with {i.mentor_name}: {'; '.join(i.reasons)}"
              for i in flagged}
    st.markdown("**Act on a flagged pair**")
    chosen = st.selectbox("Flagged pair", list(labels), index=None, format_func=labels.__getitem__,
                          key="pairs_attention_pair", placeholder="choose a flagged pair")
    if chosen is None:
        return
    ids = [chosen]
    label = labels.__getitem__
    left, mid, right = st.columns(3)
    with left.form("pairs_attn_reassign_form"):
        st.markdown("**Re-pair the mentee**")
        st.session_state.setdefault(pair_forms.key("attn_reassign", "pair"), chosen)
        pair_forms.reassign_fields("attn_reassign", ids, label, roster)
        st.form_submit_button("Re-pair", on_click=pair_forms._do_reassign,
                              args=(user.username, "attn_reassign"),
                              key=pair_forms.key("attn_reassign", "submit"), type="primary")
    with mid.form("pairs_attn_end_form"):
        st.markdown("**End the pair**")
        st.session_state.setdefault(pair_forms.key("attn_end", "pair"), chosen)
        pair_forms.end_fields("attn_end", ids, label)
        st.form_submit_button("End pair", on_click=pair_forms._do_end,
                              args=(user.username, "attn_end"),
                              key=pair_forms.key("attn_end", "submit"))
    with right:
        meeting_form(user, "attn_meeting", ids, label, default=chosen)


# -- meetings and check-ins -----------------------------------------------------------------

def _do_log_meeting(actor: str, form: str) -> None:
    def work(cur: Any) -> str:
        pid = pair_forms.need(pair_forms.value(form, "pair"), "a pair")
        met_on = pair_forms.need(pair_forms.value(form, "met_on"), "the date")
        minutes = pair_forms.value(form, "minutes")
        meetings.log(cur, actor, pid, met_on, int(minutes) if minutes else None,
                     pair_forms.value(form, "format"), pair_forms.value(form, "note"))
        return f"Logged a meeting on {met_on:%d %b %Y}."
    pair_forms.submit(form, work)


def meeting_form(user: User, form: str, pair_ids: list[int], label: Any,
                 default: int | None = None) -> None:
    if default is not None:
        st.session_state.setdefault(pair_forms.key(form, "pair"), default)
    with st.form(f"pairs_{form}_form"):
        st.markdown("**Log a meeting**")
        st.selectbox("Pair", pair_ids, index=None, format_func=label,
                     key=pair_forms.key(form, "pair"),
                     placeholder="choose a pair")
        st.date_input("Met on", value=None, key=pair_forms.key(form, "met_on"), format="DD/MM/YYYY")
        st.number_input("Minutes", min_value=1, max_value=600, value=None, step=5,
                        key=pair_forms.key(form, "minutes"))
        st.radio("Format", list(meetings.FORMATS), horizontal=True,
                 key=pair_forms.key(form, "format"))
        st.text_input("Note (staff only)", key=pair_forms.key(form, "note"))
        st.form_submit_button("Log meeting", on_click=_do_log_meeting, args=(user.username, form),
                              key=pair_forms.key(form, "submit"), type="primary")


def _do_checkin(actor: str, cohort: str) -> None:
    def work(cur: Any) -> str:
        pid = pair_forms.need(pair_forms.value("checkin", "person"), "a participant")
        day = pair_forms.value("checkin", "on") or dt.date.today()
        rating = pair_forms.value("checkin", "rating")
        asks = pair_forms.value("checkin", "rematch")
        checkins.record(cur, actor, cohort, pid, pair_forms.value("checkin", "fit"),
                        int(rating) if rating else None, pair_forms.value("checkin", "comment"),
                        dt.datetime.combine(day, dt.datetime.now().time().replace(microsecond=0)),
                        rematch_reason=(pair_forms.value("checkin", "comment") or "asked staff")
                        if asks else None)
        return "Saved the check-in." + (" The request for a new match is in Needs attention."
                                        if asks else "")
    pair_forms.submit("checkin", work)


def meetings_tab(user: User, cohort: str, df: pd.DataFrame) -> None:
    running = df[df["status"] == "active"].sort_values("mentee_name")
    label = pair_forms.pair_label(df)
    people = data.fetch(checkins.participants, cohort=cohort)
    names = dict(zip(people["participant_id"], people["full_name"] + " (" + people["role"] + ")",
                     strict=True))
    left, right = st.columns(2)
    with left:
        meeting_form(user, "meeting", running["pair_id"].tolist(), label)
    with right.form("pairs_checkin_form"):
        st.markdown("**Enter a check-in**")
        st.selectbox("Participant", list(names), index=None, format_func=names.__getitem__,
                     key=pair_forms.key("checkin", "person"), placeholder="choose a participant")
        st.radio("Fit", list(checkins.FITS), index=None, horizontal=True,
                 key=pair_forms.key("checkin", "fit"))
        st.number_input("Rating (1–5)", min_value=1, max_value=5, value=None,
                        key=pair_forms.key("checkin", "rating"))
        st.text_input("Comment", key=pair_forms.key("checkin", "comment"))
        st.date_input("Submitted on", value=None, key=pair_forms.key("checkin", "on"),
                      format="DD/MM/YYYY", help="Blank: today.")
        st.checkbox("A poor fit: they ask for a new match",
                    key=pair_forms.key("checkin", "rematch"))
        st.form_submit_button("Save check-in", on_click=_do_checkin, args=(user.username, cohort),
                              key=pair_forms.key("checkin", "submit"))
    for reader, what, drop in ((meetings.of_cohort, "meetings logged", ["meeting_id", "pair_id"]),
                               (checkins.of_cohort, "check-ins", ["checkin_id"])):
        table = data.fetch(reader, cohort=cohort, limit=SHOWN)
        total = int(table["total"].iloc[0]) if len(table) else 0
        st.caption(f"{total} {what} in {data.cohort_name(cohort)}"
                   + (f"; the {SHOWN} most recent shown" if total > SHOWN
                                                     else "") + ", newest first.")
        tables.show(table.drop(columns=["total", *drop]), hide_index=True, width="stretch",
                     key=f"pairs_{reader.__module__.rpartition('.')[2]}_of_cohort")


# -- pieces for other pages -----------------------------------------------------------------

def attention_tile(role: str | None, cohort: str | None) -> None:
    """The Overview's staff tile: how many items of the cohort need attention today."""
    if not cohort or not access.sees_personal_data(role):
        return
    term = cohort_term(cohort)
    found = attention_items(cohort, attention.default_as_of(term))
    pairs_flagged = sum(1 for i in found if i.kind == "pair")
    st.metric("Needs attention", len(found),
              help=f"{pairs_flagged} pairs, {len(found) - pairs_flagged} mentors or waiting "
                   "mentees, today within the cohort's term (Pairs → Needs attention).")
    if st.button("See who needs attention on Pairs", icon=":material/notification_important:",
                 key="attention_open"):
        st.session_state[pair_forms.TAB_KEY] = "Needs attention"  # opens on that tab
        st.switch_page(access.page("pairs").path)


def health_section(cohort: str | None) -> None:
    """Programme health for every role: aggregates with n, groups under 5 suppressed."""
    with data.cursor() as cur:
        figures = health.figures(cur, cohort)
    st.subheader("Programme health")
    cols = st.columns(len(figures))
    for col, f in zip(cols, figures, strict=True):
        shown = "—" if f.value is None else (f"{f.value:g}%" if f.unit == "%" else f"{f.value:g}")
        col.metric(f.label, shown, help=f.text())
        col.caption("suppressed (fewer than 5)" if f.suppressed else f"n = {f.n}")
