"""The Pairs page's change forms (activate, reassign, create, end, swap, lock, undo) and the
suggestions, all saved through ui.forms.save in widget callbacks.

Each form's widget keys come from one prefix (`key(form, field)`), so ui.forms.forget(prefix)
empties exactly that form after a save and it cannot be sent twice by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from casson.mentoring import cohorts, matching, pair_filters, pairs
from casson.platform import access
from casson.platform.errors import Refused
from casson.platform.vocab import CODE_WORDS, PAIR_STATUSES
from ui import data, forms
from ui.auth import User, current_user

TAB_KEY = "pairs_tabs"  # session_state: the Pairs page's open tab (its label)

VERSIONS = "pairs_v:"  # ui.forms family: pair id -> version as this user's page showed it
STATUS_LABELS = {s: CODE_WORDS.get(s, s) for s in PAIR_STATUSES}  # one wording (vocab)


def prefix(form: str) -> str:
    return f"pairs_{form}_"


def key(form: str, field: str) -> str:
    return prefix(form) + field


def value(form: str, field: str) -> Any:
    return st.session_state.get(key(form, field))


def seen(pair_id: int | None) -> int | None:
    return forms.seen_version(f"{VERSIONS}{pair_id}")


def need(v: Any, what: str) -> Any:
    if v is None or v == "":
        raise pairs.PairError(f"Choose {what} first.")
    return v


def submit(form: str | None, work: Callable[[Any], str]) -> None:
    """Save `work(cursor) -> message` from a callback. The role is checked again here: a
    callback runs before the page's own guard."""

    def action(cur: Any) -> str:
        user = current_user()
        if user is None or not access.can_open(user.role, "pairs"):
            raise pairs.PairError("Your account may no longer change pairs; nothing was saved.")
        return work(cur)

    forms.save(action, message=str, form=prefix(form) if form else None,
               in_callback=True)


# -- callbacks ------------------------------------------------------------------------------

def _do_activate(actor: str, cohort: str, everything: bool) -> None:
    def work(cur: Any) -> str:
        ids = None if everything else list(need(value("activate", "pairs"),
                                                "the pairs to activate"))
        versions = {pid: v for pid in ids or [] if (v := seen(pid)) is not None}
        done = pairs.activate(cur, actor, cohort, ids, versions, value("activate", "starts"))
        began = f", starting {done[0]['started_on']:%d/%m/%Y}" if done else ""
        return (f"Activated {len(done)} pair{'s' if len(done) != 1 else ''}{began}: they now "
                "count as formed.")
    submit("activate", work)


def _do_create(actor: str) -> None:
    def work(cur: Any) -> str:
        mentor = need(value("create", "mentor"), "a mentor")
        mentee = need(value("create", "mentee"), "a mentee")
        override = value("create", "over_reason") if value("create", "over") else None
        pid = pairs.create(cur, actor, mentor, mentee, status=value("create", "status"),
                           reason=value("create", "reason"), override_reason=override)
        p = pairs.get(cur, pid)
        assert p is not None  # created just above, in this transaction
        return f"Paired {p['mentee_name']} with {p['mentor_name']} ({p['status']})."
    submit("create", work)


def _do_reassign(actor: str, form: str = "reassign") -> None:
    def work(cur: Any) -> str:
        pid = need(value(form, "pair"), "a pair")
        mentor = need(value(form, "mentor"), "the new mentor")
        override = value(form, "over_reason") if value(form, "over") else None
        p = pairs.reassign(cur, actor, pid, seen(pid), mentor, reason=value(form, "reason"),
                           override_reason=override)
        return f"Reassigned {p['mentee_name']} to {p['mentor_name']}."
    submit(form, work)


def _do_end(actor: str, form: str = "end") -> None:
    def work(cur: Any) -> str:
        pid = need(value(form, "pair"), "a pair")
        outcome = "completed" if value(form, "outcome") == "completed" else "ended_early"
        p = pairs.end(cur, actor, pid, seen(pid), outcome, value(form, "reason") or "")
        return (f"Ended the pair {p['mentee_name']} with {p['mentor_name']} "
                f"({STATUS_LABELS[outcome]}).")
    submit(form, work)


def _do_swap(actor: str) -> None:
    def work(cur: Any) -> str:
        a = need(value("swap", "a"), "the first pair")
        b = need(value("swap", "b"), "the second pair")
        new_a, new_b = pairs.swap(cur, actor, a, seen(a), b, seen(b),
                                  reason=value("swap", "reason"))
        return (f"Swapped: {new_a['mentee_name']} is now with {new_a['mentor_name']}, "
                f"{new_b['mentee_name']} with {new_b['mentor_name']}.")
    submit("swap", work)


def _do_lock(actor: str, locked: bool) -> None:
    def work(cur: Any) -> str:
        pid = need(value("lock", "pair"), "a pair")
        p = pairs.set_locked(cur, actor, pid, seen(pid), locked)
        return (f"{'Locked' if locked else 'Unlocked'} the pair {p['mentee_name']} with "
                f"{p['mentor_name']}.")
    submit("lock", work)


def _do_undo(actor: str, cohort: str, change_id: int) -> None:
    submit(None, lambda cur: "Undone: " + pairs.undo(cur, actor, cohort, change_id) + ".")


# -- the forms ------------------------------------------------------------------------------

def pair_label(df: pd.DataFrame) -> Callable[[int], str]:
    """'Mentee — with Mentor (active, locked)' for every pair, built column-wise (5,000 pairs)."""
    status = df["status"].map(STATUS_LABELS) + df["locked"].map({True: ", locked", False: ""})
    text = df["mentee_name"] + " — with " + df["mentor_name"] + " (" + status + ")"
    labels = dict(zip(df["pair_id"].tolist(), text.tolist(), strict=True))
    return labels.__getitem__


def mentor_choices(roster: pd.DataFrame) -> tuple[list[int], dict[int, str]]:
    labels = dict(zip(roster["mentor_id"].tolist(), (
        roster["mentor_name"] + " (" + roster["free"].astype(str) + " of "
        + roster["capacity"].astype(str) + " places free)").tolist(), strict=True))
    return roster.sort_values("mentor_name")["mentor_id"].tolist(), labels


def reassign_fields(form: str, pair_ids: list[int], label: Callable[[int], str],
                    roster: pd.DataFrame) -> None:
    mentor_ids, mentor_labels = mentor_choices(roster)
    st.selectbox("Pair", pair_ids, index=None, format_func=label, key=key(form, "pair"),
                 placeholder="choose a pair")
    st.selectbox("New mentor", mentor_ids, index=None, format_func=mentor_labels.__getitem__,
                 key=key(form, "mentor"), placeholder="choose a mentor")
    st.text_input("Reason (optional)", key=key(form, "reason"))
    st.checkbox("Go over the mentor's capacity", key=key(form, "over"))
    st.text_input("Why going over capacity is right", key=key(form, "over_reason"))


def activation(user: User, cohort: str, df: pd.DataFrame) -> None:
    proposed = df[df["status"] == "proposed"].sort_values("mentee_name")
    label = pair_label(df)
    with st.form("pairs_activate_form"):
        st.markdown(f"**Activate proposed pairs** ({len(proposed)} proposed; an active pair "
                    "counts as formed)")
        st.multiselect("Pairs to activate", proposed["pair_id"].tolist(), format_func=label,
                       key=key("activate", "pairs"), placeholder="tick one or more proposed pairs")
        with data.cursor() as cur:
            default_start = cohorts.activation_start(cur, cohort)
        st.date_input("Start date", value=default_start, format="DD/MM/YYYY",
                      key=key("activate", "starts"),
                      help="Activating after the cohort started? The pairs start with the cohort "
                           "by default, so meetings already held can be logged.")
        b1, b2 = st.columns(2)
        b1.form_submit_button("Activate ticked pairs", on_click=_do_activate,
                              args=(user.username, cohort, False), key=key("activate", "submit"),
                              type="primary")
        b2.form_submit_button(f"Activate all {len(proposed)} proposed", on_click=_do_activate,
                              args=(user.username, cohort, True), key=key("activate", "all"),
                              disabled=proposed.empty)


def change_forms(user: User, cohort: str, df: pd.DataFrame, roster: pd.DataFrame,
                 unmatched: pd.DataFrame) -> None:
    label = pair_label(df)
    current = df[df["status"].isin(pairs.CURRENT)]
    current_ids = current.sort_values("mentee_name")["pair_id"].tolist()
    mentor_ids, mentor_labels = mentor_choices(roster)
    mentee_labels = dict(zip(unmatched["mentee_id"], unmatched["mentee_name"], strict=True))
    actor = user.username
    activation(user, cohort, df)

    left, right = st.columns(2)
    with left.form("pairs_reassign_form", clear_on_submit=False):
        st.markdown("**Reassign a mentee to another mentor**")
        reassign_fields("reassign", current_ids, label, roster)
        st.form_submit_button("Reassign", on_click=_do_reassign, args=(actor,),
                              key=key("reassign", "submit"), type="primary")

    with right.form("pairs_create_form"):
        st.markdown("**Pair an unmatched mentee**")
        st.selectbox("Mentee", list(mentee_labels), index=None,
                     format_func=mentee_labels.__getitem__,
                     key=key("create", "mentee"), placeholder="choose a mentee")
        st.selectbox("Mentor", mentor_ids, index=None, format_func=mentor_labels.__getitem__,
                     key=key("create", "mentor"), placeholder="choose a mentor")
        st.radio("Status", list(pairs.CURRENT), index=1, horizontal=True,
                 key=key("create", "status"))
        st.text_input("Reason (optional)", key=key("create", "reason"))
        st.checkbox("Go over the mentor's capacity", key=key("create", "over"))
        st.text_input("Why going over capacity is right", key=key("create", "over_reason"))
        st.form_submit_button("Create pair", on_click=_do_create, args=(actor,),
                              key=key("create", "submit"))

    left, right = st.columns(2)
    with left.form("pairs_end_form"):
        st.markdown("**End a pair**")
        end_fields("end", current_ids, label)
        st.form_submit_button("End pair", on_click=_do_end, args=(actor,), key=key("end", "submit"))

    with right.form("pairs_swap_form"):
        st.markdown("**Swap two mentees between their mentors**")
        st.selectbox("First pair", current_ids, index=None, format_func=label, key=key("swap", "a"),
                     placeholder="choose a pair")
        st.selectbox("Second pair", current_ids, index=None, format_func=label,
                     key=key("swap", "b"),
                     placeholder="choose a pair")
        st.text_input("Reason (optional)", key=key("swap", "reason"))
        st.form_submit_button("Swap", on_click=_do_swap, args=(actor,), key=key("swap", "submit"))

    left, right = st.columns(2)
    with left.form("pairs_lock_form"):
        st.markdown("**Lock a pair** (suggestions keep it; changes need an unlock first)")
        st.selectbox("Pair", df.sort_values("mentee_name")["pair_id"].tolist(), index=None,
                     format_func=label, key=key("lock", "pair"), placeholder="choose a pair")
        b1, b2 = st.columns(2)
        b1.form_submit_button("Lock", on_click=_do_lock, args=(actor, True),
                              key=key("lock", "submit"))
        b2.form_submit_button("Unlock", on_click=_do_lock, args=(actor, False),
                              key="pairs_unlock_submit")
    with right:
        st.markdown("**Undo the last change**")
        with data.cursor() as cur:
            events = pairs.last_change(cur, cohort)
        if events:
            st.caption(pair_filters.describe(events))
            st.button("Undo last change", on_click=_do_undo,
                      args=(actor, cohort, events[0]["change_id"]), key="pairs_undo")
        else:
            st.caption("No change to undo in this cohort.")


def end_fields(form: str, pair_ids: list[int], label: Callable[[int], str]) -> None:
    st.selectbox("Pair", pair_ids, index=None, format_func=label, key=key(form, "pair"),
                 placeholder="choose a pair")
    st.radio("Outcome", ["completed", "ended early"], horizontal=True, key=key(form, "outcome"))
    st.text_input("Reason (required)", key=key(form, "reason"))


# -- suggestions ----------------------------------------------------------------------------

def _weights() -> matching.Weights:
    return matching.Weights(
        themes=value("w", "themes"), stage=value("w", "stage"), region=value("w", "region"),
        specialty=value("w", "specialty"),
        region_pref="different" if st.session_state.get("pairs_region_pref") == "different region"
        else "same",
    )


def _do_save_weights(actor: str) -> None:
    def work(cur: Any) -> str:
        matching.save_weights(cur, actor, _weights())
        return "Saved these weights as the default for suggestions (the page and `match`)."
    submit(None, work)


def _do_suggest(cohort: str) -> None:
    try:
        with data.cursor() as cur:
            st.session_state["pairs_proposal"] = matching.propose(cur, cohort, _weights())
    except Refused as exc:
        forms.flash(f"No suggestion could be made: {exc}", "error")


def proposal_rows(p: matching.Proposal) -> list[dict[str, Any]]:
    """The proposal against the current pairs: what each accepted row would change."""
    def now(e: matching.Existing | None) -> str:
        return "" if e is None else f"{p.names.get(e.mentor_id, e.mentor_id)} (proposed)"

    rows = [{"accept": True, "change": s.change, "mentee": s.mentee.name,
             "now with": now(s.replaces), "suggested mentor": s.mentor.name,
             "score": round(s.score, 2), "reasons": s.reasons, "mentee_id": s.mentee.id}
            for s in p.pairs]
    rows += [{"accept": True, "change": "withdrawn", "mentee": p.names.get(d.mentee_id, ""),
              "now with": now(d), "suggested mentor": "", "score": 0.0,
              "reasons": "the new optimum leaves this proposal out", "mentee_id": d.mentee_id}
             for d in p.dropped]
    return rows


def _do_apply(actor: str) -> None:
    proposal: matching.Proposal | None = st.session_state.get("pairs_proposal")

    def work(cur: Any) -> str:
        if proposal is None:
            raise pairs.PairError("Make a suggestion first.")
        rows = proposal_rows(proposal)
        edits = (st.session_state.get("pairs_accept_editor") or {}).get("edited_rows", {})
        accepted = {int(r["mentee_id"]) for i, r in enumerate(rows)
                    if edits.get(i, edits.get(str(i), {})).get("accept", True)}
        if not accepted:
            raise pairs.PairError("Tick at least one suggested pair to accept.")
        counts = matching.apply(cur, actor, proposal, accepted,
                                status=st.session_state.get("pairs_accept_status", "proposed"))
        st.session_state.pop("pairs_proposal", None)
        return (f"Accepted: {counts['created']} new pairs, {counts['moved']} moved, "
                f"{counts['withdrawn']} proposals withdrawn.")
    submit(None, work)


def suggest(user: User, cohort: str) -> None:
    with data.cursor() as cur:
        d = matching.saved_weights(cur)
    with st.form("pairs_suggest_form"):
        st.markdown("**Weights** (points each criterion adds to a pair's score)")
        c1, c2, c3, c4, c5 = st.columns(5)
        c1.slider("Per shared theme", 0.0, 5.0, d.themes, 0.5, key=key("w", "themes"))
        c2.slider("Mentor further on", 0.0, 5.0, d.stage, 0.5, key=key("w", "stage"))
        c3.slider("Region", 0.0, 5.0, d.region, 0.5, key=key("w", "region"))
        c4.slider("Same specialty", 0.0, 5.0, d.specialty, 0.5, key=key("w", "specialty"))
        c5.radio("Region preference", ["same region", "different region"],
                 index=0 if d.region_pref == "same" else 1, key="pairs_region_pref")
        b1, b2 = st.columns([1, 3])
        b1.form_submit_button("Suggest pairs", on_click=_do_suggest, args=(cohort,),
                              key="pairs_suggest_submit", type="primary")
        b2.form_submit_button("Save these weights as the default", on_click=_do_save_weights,
                              args=(user.username,), key="pairs_weights_save")
    st.caption("Locked pairs, pairs made by hand, and active or completed pairs stay; the "
               "suggestion re-optimises only proposed suggestions and unmatched mentees, "
               "maximising the total score within each mentor's free places. Accepted pairs "
               "are proposed until activated (Change a pair): only active pairs count as formed.")
    proposal: matching.Proposal | None = st.session_state.get("pairs_proposal")
    if proposal is None or proposal.cohort != cohort:
        return
    kinds = pd.Series([s.change for s in proposal.pairs], dtype=object).value_counts()
    st.markdown(
        f"**Suggestion:** {len(proposal.pairs)} pairs, total score {proposal.total_score:g} — "
        f"{kinds.get('new', 0)} new, {kinds.get('moved', 0)} moved, "
        f"{kinds.get('unchanged', 0)} unchanged, {len(proposal.dropped)} withdrawn; "
        f"{len(proposal.kept)} existing pairs kept; {len(proposal.unmatched)} mentees left "
        "unmatched (no free place).")
    rows = proposal_rows(proposal)
    if not rows:
        st.info("Nothing to suggest: every mentee has a mentor or no mentor has a free place.")
        return
    st.data_editor(pd.DataFrame(rows), hide_index=True, width="stretch", key="pairs_accept_editor",
                   disabled=["change", "mentee", "now with", "suggested mentor", "score",
                             "reasons", "mentee_id"],
                   column_config={"mentee_id": None,
                                  "accept": st.column_config.CheckboxColumn("accept")})
    if proposal.unmatched:
        st.caption("Left unmatched: " + ", ".join(m.name for m in proposal.unmatched))
    st.radio("Create accepted pairs as", list(pairs.CURRENT), horizontal=True,
             key="pairs_accept_status")
    st.button("Accept ticked suggestions", on_click=_do_apply, args=(user.username,),
              key="pairs_accept", type="primary")
