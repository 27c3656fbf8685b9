"""The Pairs page: filters, roster, unmatched mentees, needs attention, changes, meetings,
suggestions and history.

Changes run in widget callbacks through ui.forms.save (the one form plumbing), i.e. before the
page re-reads anything, so the version each change checks is the one this user saw on the
previous render (ui.forms.remember_versions under VERSIONS).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from casson.mentoring import pair_filters, workspace
from casson.platform.vocab import CAREER_STAGES, PAIR_STATUSES, REGIONS
from ui import data, forms, intake_view, pair_forms, running_view, tables, widgets
from ui.auth import User

ANY = "(any)"
STATUS_LABELS = pair_forms.STATUS_LABELS
TAB_KEY = pair_forms.TAB_KEY


def render(user: User) -> None:
    st.title("Pairs")
    forms.show_flash()
    cohort = widgets.cohort_picker(key="pairs_cohort")
    if not cohort:
        return
    df = data.fetch(workspace.pairs_table, cohort=cohort)
    roster = data.fetch(workspace.mentor_roster, cohort=cohort)
    unmatched = data.fetch(workspace.unmatched, cohort=cohort)
    # What this user saw: the versions their next change is checked against.
    forms.remember_versions(pair_forms.VERSIONS, dict(zip(df["pair_id"].tolist(),
                                                          df["version"].tolist(), strict=True)))

    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Active pairs", int((df["status"] == "active").sum()))
    m2.metric("Proposed pairs", int((df["status"] == "proposed").sum()))
    m3.metric("Unmatched mentees", len(unmatched))
    m4.metric("Free mentor places", int(roster["free"].clip(lower=0).sum()),
              help="Capacity minus proposed and active pairs, over all mentors of the cohort.")

    f = _filters(df, roster)
    shown = pair_filters.apply(df, f)
    free_mentors = pair_filters.apply_people(roster, "mentor", f)
    waiting = pair_filters.apply_people(unmatched, "mentee", f)

    # Stable labels and a key: the chosen tab survives reruns (counts are in each tab's caption).
    # Lazy: only the open tab runs and is drawn, so a page switch renders one tab, not eight.
    drawers = {
        "Pairs": lambda: _pairs_table(df, shown),
        "Mentors": lambda: _roster(roster, free_mentors),
        "Unmatched mentees": lambda: _unmatched(unmatched, waiting),
        "Needs attention": lambda: running_view.attention_tab(user, cohort, roster),
        "Change a pair": lambda: pair_forms.change_forms(user, cohort, df, roster, unmatched),
        "Meetings and check-ins": lambda: running_view.meetings_tab(user, cohort, df),
        "Suggest pairs": lambda: pair_forms.suggest(user, cohort),
        "History": lambda: _history_tab(cohort),
    }
    tabs = st.tabs(list(drawers), key=TAB_KEY, on_change="rerun")
    for tab, draw in zip(tabs, drawers.values(), strict=True):
        if widgets.is_open(tab):
            with tab:
                draw()


def _history_tab(cohort: str) -> None:
    _history(cohort)
    intake_view.pair_messages(cohort)  # introductions emailed to the pairs


def _filters(df: pd.DataFrame, roster: pd.DataFrame) -> pair_filters.Filters:
    # Pills on a row of their own, not a multiselect: every status reads whole, however many
    # are ticked (in a quarter of the width the fourth was cut off).
    statuses = st.pills("Pair status", list(PAIR_STATUSES), selection_mode="multi",
                        default=list(PAIR_STATUSES), format_func=STATUS_LABELS.__getitem__,
                        key="pairs_status")
    c2, c3, c4 = st.columns(3)
    region = c2.selectbox("Region (mentor or mentee)", [ANY, *REGIONS], key="pairs_region")
    themes = pair_filters.themes_in(pd.concat([df["mentee_themes"], df["mentor_themes"]]))
    theme = c3.selectbox("Development theme", [ANY, *themes], key="pairs_theme")
    stage = c4.selectbox("Mentee career stage", [ANY, *CAREER_STAGES], key="pairs_stage")
    d1, d2 = st.columns([1, 2])
    names = dict(zip(roster["mentor_id"], roster["mentor_name"], strict=True))
    with d1:
        mentor = widgets.choose_one("Mentor",
                                    {m: names[m] for m in sorted(names, key=names.__getitem__)},
                                    key="pairs_mentor", index=None, placeholder="any mentor")
    text = d2.text_input("Search names and emails", key="pairs_search",
                         placeholder="e.g. Patel or @example.org")

    def chosen(value: Any) -> Any:
        return None if value == ANY else value

    # No status ticked shows nothing (as before), not everything.
    return pair_filters.Filters(statuses=tuple(statuses) or ("none",), region=chosen(region),
                         theme=chosen(theme), stage=chosen(stage), mentor=mentor, text=text or "")


def _pairs_table(df: pd.DataFrame, shown: pd.DataFrame) -> None:
    counts = shown["status"].value_counts()
    parts = [f"{counts.get(s, 0)} {STATUS_LABELS[s]}" for s in PAIR_STATUSES]
    st.caption(f"Showing {len(shown)} of {len(df)} pairs: " + ", ".join(parts))
    tables.show(
        shown[["mentee_name", "mentee_email", "mentor_name", "mentor_email", "status", "locked",
               "matched_by", "match_score", "mentee_region", "mentor_region", "mentee_stage",
               "mentee_themes", "started_on", "ended_on", "end_reason", "updated_by", "updated_at",
               "version"]],
        key="pairs_table", download="pairs",
        column_config={
            "mentee_name": "mentee", "mentee_email": "mentee email", "mentor_name": "mentor",
            "mentor_email": "mentor email", "matched_by": "matched by",
            "match_score": st.column_config.NumberColumn("score", format="%.2f"),
            "locked": st.column_config.CheckboxColumn("locked"),
            "mentee_region": "mentee region", "mentor_region": "mentor region",
            "mentee_stage": "mentee stage", "mentee_themes": "mentee themes",
            "started_on": "started", "ended_on": "ended", "end_reason": "end reason",
            "updated_by": "changed by", "updated_at": st.column_config.DatetimeColumn(
                "changed at", format="D MMM YYYY, HH:mm")},
    )


def _roster(roster: pd.DataFrame, shown: pd.DataFrame) -> None:
    st.caption(f"Showing {len(shown)} of {len(roster)} mentors; {int((roster['free'] > 0).sum())} "
               "have a free place. Used = proposed and active pairs.")
    tables.show(shown.drop(columns=["mentor_id"]), key="pairs_roster",
                 column_config={"mentor_name": "mentor", "mentor_email": "email",
                                "career_stage": "career stage",
                                "capacity": st.column_config.NumberColumn(format="%d"),
                                "used": st.column_config.NumberColumn(format="%d"),
                                "free": st.column_config.NumberColumn(format="%d")})


def _unmatched(unmatched: pd.DataFrame, shown: pd.DataFrame) -> None:
    early = int(unmatched["pair_ended_early"].sum())
    st.caption(f"Showing {len(shown)} of {len(unmatched)} mentees without a mentor "
               f"({early} of them after a pair ended early).")
    tables.show(shown.drop(columns=["mentee_id"]), key="pairs_unmatched",
                 column_config={"mentee_name": "mentee", "mentee_email": "email",
                                "career_stage": "career stage",
                                "pair_ended_early": "pair ended early"})


def _history(cohort: str) -> None:
    events = data.fetch(workspace.history, cohort=cohort, limit=500)
    if events.empty:
        st.caption("No changes to this cohort's pairs yet.")
        return
    st.caption(f"The {len(events)} most recent pair events, newest first (at most 500; a swap "
               "or an accepted suggestion is one change over several pairs).")
    tables.show(pair_filters.history(events), key="pairs_history")
