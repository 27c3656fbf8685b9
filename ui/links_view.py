"""Staff's side of participants' links: revoke a person's links (People), close requests for
a new match (Pairs, Needs attention)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casson.mentoring import rematch
from casson.platform import links
from ui import data, forms, widgets


def revoke_expander(people: pd.DataFrame, username: str) -> None:
    """Pick one of the people shown and revoke every personal link they hold."""
    with st.expander(
        "Personal links: revoke a person's links", key="people_links_open", on_change="rerun"
    ) as box:
        if not widgets.is_open(box):
            return
        labels = {
            e: f"{n} <{e}>" for e, n in zip(people["email"], people["full_name"], strict=True)
        }
        email = widgets.choose_one("Person", labels, key="people_links_who", index=None)
        if email is None:
            return
        with data.cursor() as cur:
            pid = links.person_by_email(cur, email)
            live = 0 if pid is None else links.live_count(cur, pid)
        st.caption(
            f"{live} link(s) of this person can still be used. Revoking stops every one "
            "of them at once; new emails carry new links."
        )
        if st.button("Revoke their links", key="people_links_revoke", disabled=not live):
            forms.save(
                links.revoke_person,
                username,
                pid,
                message=lambda n: f"Revoked {n} link(s) of {labels[email].split(' <')[0]}.",
            )


def rematch_requests(cohort: str, username: str) -> None:
    """On Needs attention: the open requests for a new match, each closed once handled."""
    with data.cursor() as cur:
        open_now = rematch.open_requests(cur, cohort)
    if not open_now:
        return
    st.markdown(f"**Requests for a new match ({len(open_now)})**")
    labels = {int(r["id"]): f"{r['full_name']} ({r['role']}): {r['reason']}" for r in open_now}
    chosen = widgets.choose_one(
        "Request",
        labels,
        key="pairs_rematch_request",
        index=None,
        placeholder="choose a request to close once handled",
    )
    if chosen is not None and st.button(
        "Close the request (re-paired or resolved)", key="pairs_rematch_close"
    ):
        forms.save(rematch.close, username, chosen, message="Closed the request for a new match.")
