"""View pieces of intake: the mentee-to-mentor loop (on Outcomes) and a person's or a pair's
messages (on People and Pairs). Self-contained: one call each from the page that shows them."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from casson.mail import log as mail_log
from casson.mentoring import interest
from casson.platform import access, exports
from ui import data, forms, safe, tables, widgets
from ui.auth import User


def funnel_frame() -> pd.DataFrame:
    with data.cursor() as cur:
        return interest.mentor_funnel(cur)


FIGURES = {"willing": "Willing to mentor", "invited": "Invited to mentor",
           "mentored_later": "Mentoring later"}
SLIDE_ROWS = 8  # cohorts on the projector's table: more would not fit 1440x900


def has_loop() -> bool:
    """Whether the loop has anything to show yet (presentation mode leaves an empty screen out)."""
    return bool(funnel_frame()[list(FIGURES)].to_numpy().sum())


def loop_slide() -> None:
    """The loop on the projector: the funnel's figures by cohort only (no names, no actions), as
    a plain large-type table (sized by ui/present.py's CSS), the newest cohorts last."""
    st.header("The loop: willing → invited → mentoring")
    funnel = funnel_frame()
    shown = funnel.tail(SLIDE_ROWS)
    st.caption("Mentees by cohort: willing to mentor (survey), invited to mentor in a later "
               "cohort, and mentoring in a later cohort."
               + (f" The latest {len(shown)} of {len(funnel)} cohorts." if len(shown) < len(funnel)
                  else ""))
    # st.table reads its cells as Markdown: the stored cohort names are made inert.
    table = (shown.assign(name=shown["name"].map(safe.text)).set_index("name")[list(FIGURES)]
             .rename(columns=FIGURES).rename_axis("Cohort"))
    st.table(table,
             alt="Mentees willing to mentor, invited to mentor and mentoring later, by cohort")


def loop_panel(user: User, cohort: str) -> None:
    """willing → invited → mentoring by cohort, and (staff) the one-click invitation of a cohort's
    willing mentees onto the register as prospective mentors of the next cohort. Not for the
    projector: presentation mode shows loop_slide instead."""
    st.subheader("The loop: willing → invited → mentoring")
    funnel = funnel_frame()
    st.caption("By cohort of mentees: willing to mentor (survey), invited onto the register as "
               "mentors of a later cohort, and mentoring in a later cohort.")
    tables.show(funnel[["cohort", "name", "willing", "invited", "mentored_later"]], hide_index=True,
                 key="loop-funnel", column_config={"name": "cohort name"})
    if not access.sees_personal_data(user.role):
        return
    with data.cursor() as cur:
        later = interest.later_cohorts(cur, cohort)
    if not later:
        st.caption(f"No cohort comes after {cohort} yet: add the next cohort to invite its "
                   "willing mentees to mentor in it.")
        return
    # The newest cohort is the one still recruiting, most likely.
    target = st.selectbox("Invite to mentor in", later, index=len(later) - 1, key="loop-target")
    with data.cursor() as cur:
        waiting = interest.willing_mentees(cur, cohort, target)
    todo = 0 if waiting.empty else int((~waiting["on_register"].astype(bool)
                                        & ~waiting["in_cohort"].astype(bool)).sum())
    label = f"Invite {todo} willing mentees of {cohort} to mentor in {target}"
    if st.button(label, key="loop-invite", disabled=todo == 0,
                 help="They join the register of interest as prospective mentors, status invited."):
        forms.save(interest.invite_willing, user.username, cohort, target,
                   message=lambda n: f"{n} mentees of {cohort} are on the register as prospective "
                                     f"mentors of {target}.")
    if todo == 0:
        st.caption(f"Every willing mentee of {cohort} is already on the register for {target}, "
                   "or has no survey answer saying so.")


def messages_table(reader: Callable[..., pd.DataFrame], key: str, **params: object) -> None:
    """The messages logged for a person (`email_key`) or a cohort's pairs (`cohort_id`),
    formula-safe."""
    rows = data.fetch(reader, **params)
    if rows.empty:
        st.caption("No messages yet.")
        return
    tables.show(exports.neutralise_frame(rows), hide_index=True, key=key,
                 column_config={"logged_at": st.column_config.DatetimeColumn("when")})


def person_messages(people: pd.DataFrame) -> None:
    """On People: pick one of the people shown and see every message sent to them."""
    with st.expander("Messages sent to a person", key="people_messages_open",
                     on_change="rerun") as box:
        if not widgets.is_open(box):
            return
        labels = {e: f"{n} <{e}>" for e, n in zip(people["email"], people["full_name"],
                                                  strict=True)}
        email = widgets.choose_one("Person", labels, key="people_messages_who", index=None)
        if email:
            messages_table(mail_log.of_person, "people_messages", email_key=email.strip().lower())


def pair_messages(cohort: str) -> None:
    """On Pairs' history: the introductions sent to the cohort's pairs."""
    st.subheader("Introductions sent")
    messages_table(mail_log.of_pairs, "pairs_messages", cohort_id=cohort)
