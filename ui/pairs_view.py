"""The Pairs page's pieces: filters, roster, unmatched mentees, change forms, suggestions.

Changes run in widget callbacks, i.e. before the page re-reads anything, so the version each
change checks is the one the user saw on the previous render (st.session_state["pairs_loaded"]).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from casson import access, matching, pairs
from casson.vocab import CAREER_STAGES, PAIR_STATUSES, REGIONS
from ui import data, safe, widgets
from ui.auth import User, current_user

ANY = "(any)"
# Each change form's fields and their empty values.
FORM_FIELDS: dict[str, dict[str, Any]] = {
    "reassign": {"pairs_reassign_pair": None, "pairs_reassign_mentor": None,
                 "pairs_reassign_reason": "", "pairs_reassign_over": False,
                 "pairs_reassign_over_reason": ""},
    "create": {"pairs_create_mentee": None, "pairs_create_mentor": None,
               "pairs_create_reason": "", "pairs_create_over": False,
               "pairs_create_over_reason": ""},
    "end": {"pairs_end_pair": None, "pairs_end_reason": ""},
    "swap": {"pairs_swap_a": None, "pairs_swap_b": None, "pairs_swap_reason": ""},
    "lock": {"pairs_lock_pair": None},
}
STATUS_LABELS = {"proposed": "proposed", "active": "active", "completed": "completed",
                 "ended_early": "ended early"}


# -- messages and the write wrapper ---------------------------------------------------------

def _flash(kind: str, text: str) -> None:
    st.session_state["pairs_flash"] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop("pairs_flash", (None, None))
    if kind == "success":
        st.success(safe.text(text), icon=":material/check_circle:")
    elif kind == "error":
        st.error(safe.text(text), icon=":material/block:")


def _attempt(fn: Callable[[Any], str], form: str | None = None) -> None:
    """Run a change; its outcome becomes the message at the top of the page. No tracebacks.

    After a success the form's fields are emptied, so it cannot be sent twice by accident.
    The role is checked again here: a callback runs before the page's own guard.
    """
    user = current_user()
    if user is None or not access.can_open(user.role, "pairs"):
        _flash("error", "Your account may no longer change pairs; nothing was saved.")
        return
    try:
        with data.cursor() as cur:
            message = fn(cur)
    except pairs.PairError as exc:
        _flash("error", str(exc))
    except Exception as exc:  # the user sees one plain line; the log keeps the detail
        _flash("error", f"The change could not be saved ({type(exc).__name__}): {exc}")
    else:
        _flash("success", message)
        for key, empty in FORM_FIELDS.get(form, {}).items():
            st.session_state[key] = empty
    finally:
        data.clear_caches()


def _loaded_version(pair_id: int | None) -> int | None:
    return st.session_state.get("pairs_loaded", {}).get(pair_id)


def _value(key: str) -> Any:
    return st.session_state.get(key)


def _need(value: Any, what: str) -> Any:
    if value is None or value == "":
        raise pairs.PairError(f"Choose {what} first.")
    return value


# -- callbacks ------------------------------------------------------------------------------

def _do_create(actor: str) -> None:
    def work(cur: Any) -> str:
        mentor = _need(_value("pairs_create_mentor"), "a mentor")
        mentee = _need(_value("pairs_create_mentee"), "a mentee")
        override = _value("pairs_create_over_reason") if _value("pairs_create_over") else None
        pid = pairs.create(cur, actor, mentor, mentee, status=_value("pairs_create_status"),
                           reason=_value("pairs_create_reason"), override_reason=override)
        p = pairs.get(cur, pid)
        return f"Paired {p['mentee_name']} with {p['mentor_name']} ({p['status']})."
    _attempt(work, "create")


def _do_reassign(actor: str) -> None:
    def work(cur: Any) -> str:
        pid = _need(_value("pairs_reassign_pair"), "a pair")
        mentor = _need(_value("pairs_reassign_mentor"), "the new mentor")
        override = _value("pairs_reassign_over_reason") if _value("pairs_reassign_over") else None
        p = pairs.reassign(cur, actor, pid, _loaded_version(pid), mentor,
                           reason=_value("pairs_reassign_reason"), override_reason=override)
        return f"Reassigned {p['mentee_name']} to {p['mentor_name']}."
    _attempt(work, "reassign")


def _do_end(actor: str) -> None:
    def work(cur: Any) -> str:
        pid = _need(_value("pairs_end_pair"), "a pair")
        outcome = "completed" if _value("pairs_end_outcome") == "completed" else "ended_early"
        p = pairs.end(cur, actor, pid, _loaded_version(pid), outcome, _value("pairs_end_reason") or "")
        return f"Ended the pair {p['mentee_name']} with {p['mentor_name']} ({STATUS_LABELS[outcome]})."
    _attempt(work, "end")


def _do_swap(actor: str) -> None:
    def work(cur: Any) -> str:
        a = _need(_value("pairs_swap_a"), "the first pair")
        b = _need(_value("pairs_swap_b"), "the second pair")
        new_a, new_b = pairs.swap(cur, actor, a, _loaded_version(a), b, _loaded_version(b),
                                  reason=_value("pairs_swap_reason"))
        return (f"Swapped: {new_a['mentee_name']} is now with {new_a['mentor_name']}, "
                f"{new_b['mentee_name']} with {new_b['mentor_name']}.")
    _attempt(work, "swap")


def _do_lock(actor: str, locked: bool) -> None:
    def work(cur: Any) -> str:
        pid = _need(_value("pairs_lock_pair"), "a pair")
        p = pairs.set_locked(cur, actor, pid, _loaded_version(pid), locked)
        return f"{'Locked' if locked else 'Unlocked'} the pair {p['mentee_name']} with {p['mentor_name']}."
    _attempt(work, "lock")


def _do_undo(actor: str, cohort: str, change_id: int) -> None:
    _attempt(lambda cur: "Undone: " + pairs.undo(cur, actor, cohort, change_id) + ".")


def _do_apply(actor: str) -> None:
    proposal: matching.Proposal | None = st.session_state.get("pairs_proposal")

    def work(cur: Any) -> str:
        if proposal is None:
            raise pairs.PairError("Make a suggestion first.")
        rows = _proposal_rows(proposal)
        edits = (_value("pairs_accept_editor") or {}).get("edited_rows", {})
        accepted = {int(r["mentee_id"]) for i, r in enumerate(rows)
                    if edits.get(i, edits.get(str(i), {})).get("accept", True)}
        if not accepted:
            raise pairs.PairError("Tick at least one suggested pair to accept.")
        counts = matching.apply(cur, actor, proposal, accepted, status=_value("pairs_accept_status"))
        st.session_state.pop("pairs_proposal", None)
        return (f"Accepted: {counts['created']} new pairs, {counts['moved']} moved, "
                f"{counts['withdrawn']} proposals withdrawn.")
    _attempt(work)


# -- reading and filtering ------------------------------------------------------------------

def _themes(series: pd.Series) -> list[str]:
    """Every theme named in a column of '; ' separated lists (distinct lists are few)."""
    found: set[str] = set()
    for text in series.dropna().unique():
        found |= matching.parse_themes(text)
    return sorted(found)


def _contains(series: pd.Series, needle: str) -> pd.Series:
    return series.fillna("").str.lower().str.contains(needle, regex=False)


def filter_pairs(df: pd.DataFrame, statuses: list[str], region: str, theme: str, stage: str,
                 mentor: int | None, text: str) -> pd.DataFrame:
    """The rows the filters keep; region and theme match either person of the pair."""
    keep = df["status"].isin(statuses)
    if region != ANY:
        keep &= (df["mentee_region"] == region) | (df["mentor_region"] == region)
    if theme != ANY:
        keep &= _contains(df["mentee_themes"], theme) | _contains(df["mentor_themes"], theme)
    if stage != ANY:
        keep &= df["mentee_stage"] == stage
    if mentor is not None:
        keep &= df["mentor_id"] == mentor
    if text.strip():
        needle = text.strip().lower()
        keep &= (_contains(df["mentee_name"], needle) | _contains(df["mentee_email"], needle)
                 | _contains(df["mentor_name"], needle) | _contains(df["mentor_email"], needle))
    return df[keep]


def _filter_people(df: pd.DataFrame, prefix: str, region: str, theme: str, stage: str,
                   text: str) -> pd.DataFrame:
    keep = pd.Series(True, index=df.index)
    if region != ANY:
        keep &= df["region"] == region
    if theme != ANY:
        keep &= _contains(df["themes"], theme)
    if stage != ANY and prefix == "mentee":
        keep &= df["career_stage"] == stage
    if text.strip():
        needle = text.strip().lower()
        keep &= _contains(df[f"{prefix}_name"], needle) | _contains(df[f"{prefix}_email"], needle)
    return df[keep]


# -- the page -------------------------------------------------------------------------------

def render(user: User) -> None:
    st.title("Pairs")
    show_flash()
    cohort = widgets.cohort_picker(key="pairs_cohort")
    if not cohort:
        return
    df = data.read("pairs_list", cohort=cohort)
    roster = data.read("pairs_mentor_roster", cohort=cohort)
    unmatched = data.read("pairs_unmatched", cohort=cohort)
    # What this user saw: the versions their next change is checked against.
    st.session_state["pairs_loaded"] = dict(zip(df["pair_id"].tolist(), df["version"].tolist(),
                                                strict=True))

    current = df[df["status"].isin(pairs.CURRENT)]
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Active pairs", int((df["status"] == "active").sum()))
    m2.metric("Proposed pairs", int((df["status"] == "proposed").sum()))
    m3.metric("Unmatched mentees", len(unmatched))
    m4.metric("Free mentor places", int(roster["free"].clip(lower=0).sum()),
              help="Capacity minus proposed and active pairs, over all mentors of the cohort.")

    statuses, region, theme, stage, mentor, text = _filters(df, roster)
    shown = filter_pairs(df, statuses, region, theme, stage, mentor, text)
    free_mentors = roster if mentor is None else roster[roster["mentor_id"] == mentor]
    free_mentors = _filter_people(free_mentors, "mentor", region, theme, stage, text)
    waiting = _filter_people(unmatched, "mentee", region, theme, stage, text)

    # Stable labels and a key: the chosen tab survives reruns (counts are in each tab's caption).
    tabs = st.tabs(["Pairs", "Mentors", "Unmatched mentees", "Change a pair", "Suggest pairs",
                    "History"], key="pairs_tabs")
    with tabs[0]:
        _pairs_table(df, shown)
    with tabs[1]:
        _roster(roster, free_mentors)
    with tabs[2]:
        _unmatched(unmatched, waiting)
    with tabs[3]:
        _change_forms(user, cohort, df, current, roster, unmatched)
    with tabs[4]:
        _suggest(user, cohort)
    with tabs[5]:
        _history(cohort)


def _filters(df: pd.DataFrame, roster: pd.DataFrame) -> tuple:
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    statuses = c1.multiselect("Pair status", list(PAIR_STATUSES), default=list(PAIR_STATUSES),
                              format_func=STATUS_LABELS.get, key="pairs_status")
    region = c2.selectbox("Region (mentor or mentee)", [ANY, *REGIONS], key="pairs_region")
    themes = _themes(pd.concat([df["mentee_themes"], df["mentor_themes"]]))
    theme = c3.selectbox("Development theme", [ANY, *themes], key="pairs_theme")
    stage = c4.selectbox("Mentee career stage", [ANY, *CAREER_STAGES], key="pairs_stage")
    d1, d2 = st.columns([1, 2])
    names = dict(zip(roster["mentor_id"], roster["mentor_name"], strict=True))
    mentor = d1.selectbox("Mentor", sorted(names, key=lambda m: names[m]), index=None,
                          format_func=names.get, placeholder="any mentor", key="pairs_mentor")
    text = d2.text_input("Search names and emails", key="pairs_search",
                         placeholder="e.g. Patel or @example.org")
    return statuses, region, theme, stage, mentor, text


def _pairs_table(df: pd.DataFrame, shown: pd.DataFrame) -> None:
    counts = shown["status"].value_counts()
    parts = [f"{counts.get(s, 0)} {STATUS_LABELS[s]}" for s in PAIR_STATUSES]
    st.caption(f"Showing {len(shown)} of {len(df)} pairs: " + ", ".join(parts))
    st.dataframe(
        shown[["mentee_name", "mentee_email", "mentor_name", "mentor_email", "status", "locked",
               "matched_by", "match_score", "mentee_region", "mentor_region", "mentee_stage",
               "mentee_themes", "started_on", "ended_on", "end_reason", "updated_by", "updated_at", "version"]],
        hide_index=True, width="stretch", key="pairs_table",
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
    st.dataframe(shown.drop(columns=["mentor_id"]), hide_index=True, width="stretch",
                 column_config={"mentor_name": "mentor", "mentor_email": "email",
                                "career_stage": "career stage","capacity": st.column_config.NumberColumn(format="%d"),
                                "used": st.column_config.NumberColumn(format="%d"),
                                "free": st.column_config.NumberColumn(format="%d")})


def _unmatched(unmatched: pd.DataFrame, shown: pd.DataFrame) -> None:
    early = int(unmatched["pair_ended_early"].sum())
    st.caption(f"Showing {len(shown)} of {len(unmatched)} mentees without a mentor "
               f"({early} of them after a pair ended early).")
    st.dataframe(shown.drop(columns=["mentee_id"]), hide_index=True, width="stretch",
                 column_config={"mentee_name": "mentee", "mentee_email": "email",
                                "career_stage": "career stage",
                                "pair_ended_early": "pair ended early"})


def _pair_label(df: pd.DataFrame) -> Callable[[int], str]:
    """'Mentee — with Mentor (active, locked)' for every pair, built column-wise (5,000 pairs)."""
    status = df["status"].map(STATUS_LABELS) + df["locked"].map({True: ", locked", False: ""})
    text = df["mentee_name"] + " — with " + df["mentor_name"] + " (" + status + ")"
    labels = dict(zip(df["pair_id"].tolist(), text.tolist(), strict=True))
    return labels.__getitem__


def _change_forms(user: User, cohort: str, df: pd.DataFrame, current: pd.DataFrame,
                  roster: pd.DataFrame, unmatched: pd.DataFrame) -> None:
    label = _pair_label(df)
    current_ids = current.sort_values("mentee_name")["pair_id"].tolist()
    mentor_labels = dict(zip(roster["mentor_id"].tolist(), (
        roster["mentor_name"] + " (" + roster["free"].astype(str) + " of "
        + roster["capacity"].astype(str) + " places free)").tolist(), strict=True))
    mentor_ids = roster.sort_values("mentor_name")["mentor_id"].tolist()
    mentee_labels = dict(zip(unmatched["mentee_id"], unmatched["mentee_name"], strict=True))
    actor = user.username

    left, right = st.columns(2)
    with left.form("pairs_reassign_form", clear_on_submit=False):
        st.markdown("**Reassign a mentee to another mentor**")
        st.selectbox("Pair", current_ids, index=None, format_func=label, key="pairs_reassign_pair",
                     placeholder="choose a pair")
        st.selectbox("New mentor", mentor_ids, index=None, format_func=mentor_labels.get,
                     key="pairs_reassign_mentor", placeholder="choose a mentor")
        st.text_input("Reason (optional)", key="pairs_reassign_reason")
        st.checkbox("Go over the mentor's capacity", key="pairs_reassign_over")
        st.text_input("Why going over capacity is right", key="pairs_reassign_over_reason")
        st.form_submit_button("Reassign", on_click=_do_reassign, args=(actor,),
                              key="pairs_reassign_submit", type="primary")

    with right.form("pairs_create_form"):
        st.markdown("**Pair an unmatched mentee**")
        st.selectbox("Mentee", list(mentee_labels), index=None, format_func=mentee_labels.get,
                     key="pairs_create_mentee", placeholder="choose a mentee")
        st.selectbox("Mentor", mentor_ids, index=None, format_func=mentor_labels.get,
                     key="pairs_create_mentor", placeholder="choose a mentor")
        st.radio("Status", list(pairs.CURRENT), index=1, horizontal=True, key="pairs_create_status")
        st.text_input("Reason (optional)", key="pairs_create_reason")
        st.checkbox("Go over the mentor's capacity", key="pairs_create_over")
        st.text_input("Why going over capacity is right", key="pairs_create_over_reason")
        st.form_submit_button("Create pair", on_click=_do_create, args=(actor,),
                              key="pairs_create_submit")

    left, right = st.columns(2)
    with left.form("pairs_end_form"):
        st.markdown("**End a pair**")
        st.selectbox("Pair", current_ids, index=None, format_func=label, key="pairs_end_pair",
                     placeholder="choose a pair")
        st.radio("Outcome", ["completed", "ended early"], horizontal=True, key="pairs_end_outcome")
        st.text_input("Reason (required)", key="pairs_end_reason")
        st.form_submit_button("End pair", on_click=_do_end, args=(actor,), key="pairs_end_submit")

    with right.form("pairs_swap_form"):
        st.markdown("**Swap two mentees between their mentors**")
        st.selectbox("First pair", current_ids, index=None, format_func=label, key="pairs_swap_a",
                     placeholder="choose a pair")
        st.selectbox("Second pair", current_ids, index=None, format_func=label, key="pairs_swap_b",
                     placeholder="choose a pair")
        st.text_input("Reason (optional)", key="pairs_swap_reason")
        st.form_submit_button("Swap", on_click=_do_swap, args=(actor,), key="pairs_swap_submit")

    left, right = st.columns(2)
    with left.form("pairs_lock_form"):
        st.markdown("**Lock a pair** (suggestions keep it; changes need an unlock first)")
        st.selectbox("Pair", df.sort_values("mentee_name")["pair_id"].tolist(), index=None,
                     format_func=label, key="pairs_lock_pair", placeholder="choose a pair")
        b1, b2 = st.columns(2)
        b1.form_submit_button("Lock", on_click=_do_lock, args=(actor, True), key="pairs_lock_submit")
        b2.form_submit_button("Unlock", on_click=_do_lock, args=(actor, False),
                              key="pairs_unlock_submit")
    with right:
        st.markdown("**Undo the last change**")
        with data.cursor() as cur:
            events = pairs.last_change(cur, cohort)
        if events:
            st.caption(safe.text(pairs.describe(events)))
            st.button("Undo last change", on_click=_do_undo,
                      args=(actor, cohort, events[0]["change_id"]), key="pairs_undo")
        else:
            st.caption("No change to undo in this cohort.")


# -- suggestions ----------------------------------------------------------------------------

def _weights() -> matching.Weights:
    return matching.Weights(
        themes=_value("pairs_w_themes"), stage=_value("pairs_w_stage"),
        region=_value("pairs_w_region"), specialty=_value("pairs_w_specialty"),
        region_pref="different" if _value("pairs_region_pref") == "different region" else "same",
    )


def _do_save_weights(actor: str) -> None:
    def work(cur: Any) -> str:
        matching.save_weights(cur, actor, _weights())
        return "Saved these weights as the default for suggestions (the page and `match`)."
    _attempt(work)


def _do_suggest(cohort: str) -> None:
    try:
        with data.cursor() as cur:
            st.session_state["pairs_proposal"] = matching.propose(cur, cohort, _weights())
    except Exception as exc:
        _flash("error", f"No suggestion could be made ({type(exc).__name__}): {exc}")


def _proposal_rows(p: matching.Proposal) -> list[dict[str, Any]]:
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


def _suggest(user: User, cohort: str) -> None:
    with data.cursor() as cur:
        d = matching.saved_weights(cur)
    with st.form("pairs_suggest_form"):
        st.markdown("**Weights** (points each criterion adds to a pair's score)")
        c1, c2, c3, c4, c5 = st.columns(5)
        c1.slider("Per shared theme", 0.0, 5.0, d.themes, 0.5, key="pairs_w_themes")
        c2.slider("Mentor further on", 0.0, 5.0, d.stage, 0.5, key="pairs_w_stage")
        c3.slider("Region", 0.0, 5.0, d.region, 0.5, key="pairs_w_region")
        c4.slider("Same specialty", 0.0, 5.0, d.specialty, 0.5, key="pairs_w_specialty")
        c5.radio("Region preference", ["same region", "different region"],
                 index=0 if d.region_pref == "same" else 1, key="pairs_region_pref")
        b1, b2 = st.columns([1, 3])
        b1.form_submit_button("Suggest pairs", on_click=_do_suggest, args=(cohort,),
                              key="pairs_suggest_submit", type="primary")
        b2.form_submit_button("Save these weights as the default", on_click=_do_save_weights,
                              args=(user.username,), key="pairs_weights_save")
    st.caption("Locked pairs, pairs made by hand, and active or completed pairs stay; the "
               "suggestion re-optimises only proposed suggestions and unmatched mentees, "
               "maximising the total score within each mentor's free places.")
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
    rows = _proposal_rows(proposal)
    if not rows:
        st.info("Nothing to suggest: every mentee has a mentor or no mentor has a free place.")
        return
    st.data_editor(pd.DataFrame(rows), hide_index=True, width="stretch", key="pairs_accept_editor",
                   disabled=["change", "mentee", "now with", "suggested mentor", "score",
                             "reasons", "mentee_id"],
                   column_config={"mentee_id": None,
                                  "accept": st.column_config.CheckboxColumn("accept")})
    if proposal.unmatched:
        st.caption("Left unmatched: " + safe.text(", ".join(m.name for m in proposal.unmatched)))
    st.radio("Create accepted pairs as", list(pairs.CURRENT), horizontal=True,
             key="pairs_accept_status")
    st.button("Accept ticked suggestions", on_click=_do_apply, args=(user.username,),
              key="pairs_accept", type="primary")


# -- history --------------------------------------------------------------------------------

def _snap(text: Any) -> dict:
    return json.loads(text) if isinstance(text, str) and text else {}


def history_frame(events: pd.DataFrame) -> pd.DataFrame:
    """pair_events as a readable table: mentee, mentor and status before and after."""
    rows = []
    for e in events.itertuples():
        b, a = _snap(e.before_state), _snap(e.after_state)
        rows.append({
            "when": e.occurred_at, "who": e.actor, "action": e.action,
            "mentee": a.get("mentee_name") or b.get("mentee_name"),
            "mentor before": b.get("mentor_name"), "mentor after": a.get("mentor_name"),
            "status before": b.get("status"), "status after": a.get("status"),
            "reason": e.reason, "undone": bool(e.undone) if e.undone is not None else False,
        })
    return pd.DataFrame(rows)


def _history(cohort: str) -> None:
    events = data.read("pairs_events", cohort=cohort, limit=500)
    if events.empty:
        st.caption("No changes to this cohort's pairs yet.")
        return
    st.caption(f"The {len(events)} most recent pair events, newest first (at most 500; a swap "
               "or an accepted suggestion is one change over several pairs).")
    st.dataframe(history_frame(events), hide_index=True, width="stretch", key="pairs_history")
