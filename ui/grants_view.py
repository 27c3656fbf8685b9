"""The staff tabs of grant review and grant management on the Grant bids page: the panel
(rounds, assignments, ranking, decisions) and after award (payments, reports, case studies).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from casson.grants import bids, grant_reports, payments, reviews
from casson.platform import accounts, config
from ui import data, forms, safe, tables
from ui import leadership_view as lv

DECISIONS = ("shortlisted", "awarded", "declined")


def _dates(*names: str) -> dict:
    return {n: st.column_config.DateColumn(n.replace("_", " "), format="DD/MM/YYYY") for n in names}


def reviewer_accounts() -> dict[str, str]:
    """Accounts of the reviewer role: username -> display name."""
    cfg = accounts.load(config.accounts_path())
    users = cfg["credentials"]["usernames"]
    return {u: (users[u].get("name") or u) for u in sorted(users)
            if accounts.role_of(cfg, u) == "reviewer"}


def _round_picker(username: str) -> str | None:
    rounds = data.fetch(reviews.rounds)
    with st.expander("Open a review round", expanded=rounds.empty), st.form("panel_round_new"):
        c1, c2 = st.columns([1, 2])
        round_id = c1.text_input("Round id", key="panel_new_id", placeholder="2026-autumn")
        title = c2.text_input("Title", key="panel_new_title",
                              placeholder="Leadership fund, autumn 2026")
        if st.form_submit_button("Open round", key="panel_new_open"):
            forms.save(reviews.open_round, username, round_id, title,
                       form="panel_new_",
                       message=lambda r: f"Opened review round {r}.")
    if rounds.empty:
        st.info("No review round yet: open one to assign bids to reviewers.")
        return None
    labels = {r.id: f"{r.title} ({r.id})" + (" · closed" if pd.notna(r.closed_at) else "")
              for r in rounds.itertuples()}
    return st.selectbox("Review round", list(labels), format_func=labels.__getitem__,
                        key="panel_round")


def blind_review_toggle(username: str) -> None:
    """The setting blind_review: reviewers see no applicant name, email or employer."""
    with data.cursor() as cur:
        blind = reviews.blind_review(cur)
    on = st.toggle("Blind review: hide the applicant's name, email and employer from reviewers",
                   value=blind, key=f"panel_blind_{blind}")
    if on != blind:
        forms.save(reviews.set_blind_review, username, on,
                   message="Blind review is on: reviewers no longer see who applied." if on
                   else "Blind review is off: reviewers see the applicant's name and employer.")


def _assign_form(username: str, round_id: str, everything: pd.DataFrame) -> None:
    people = reviewer_accounts()
    open_bids = everything[everything["status"].isin(reviews.REVIEWABLE)]
    labels = {int(r.id): f"{r.reference} · {r.project_title}" for r in open_bids.itertuples()}
    with st.form(f"panel_assign_{round_id}"):
        st.markdown("**Assign bids to reviewers** (every chosen bid to every chosen reviewer)")
        chosen = st.multiselect("Bids (received or shortlisted)", list(labels),
                                format_func=labels.__getitem__, key="panel_assign_bids")
        who = st.multiselect("Reviewers", list(people), format_func=lambda u: f"{people[u]} ({u})",
                             key="panel_assign_reviewers",
                             placeholder="Accounts of the reviewer role")
        if st.form_submit_button("Assign", key="panel_assign_save"):
            forms.save(reviews.assign, username, round_id, chosen, who,
                       form="panel_assign_",
                       message=lambda n: f"{n} new assignment{'s' if n != 1 else ''} in "
                                         f"round {round_id}.")
    if not people:
        st.caption("No reviewer account yet: an administrator adds one on Accounts "
                   "(`python -m casson user add NAME --role reviewer`).")


def panel_tab(username: str, everything: pd.DataFrame) -> None:
    """Rank a round's bids by weighted mean; assign; shortlist, award or decline from here."""
    blind_review_toggle(username)
    round_id = _round_picker(username)
    if round_id is None:
        return
    closed = data.fetch(reviews.round_is_closed, round_id=round_id)
    if not closed:
        _assign_form(username, round_id, everything)
    ranked = data.fetch(reviews.panel, round_id=round_id)
    if ranked.empty:
        st.info("No bid is assigned in this round yet.")
        return
    ranked = ranked.assign(rank=range(1, len(ranked) + 1),
                           status=ranked["status"].map(bids.STATUS_LABELS))
    tables.show(
        ranked[["rank", "reference", "project_title", "fund", "amount_requested", "weighted_mean",
                "spread", "reviews", "lowest", "highest", "fund_votes", "conflicts", "undeclared",
                "status"]],
        hide_index=True, key="panel_table",
        column_config={**lv.money_columns("amount_requested"),
                       "weighted_mean": st.column_config.NumberColumn("weighted mean",
                                                                      format="%.2f"),
                       "spread": st.column_config.NumberColumn("spread (sd)", format="%.2f"),
                       "fund_votes": st.column_config.NumberColumn("'fund' votes")})
    st.caption("Weighted mean of the reviews counted (1–5); reviewers who declared a conflict of "
               "interest are left out of the averages. Spread is the standard deviation.")
    _decision_form(username, ranked)
    if not closed and st.button("Close this round (reviews can no longer change)",
                                key="panel_close"):
        forms.save(reviews.close_round, username, round_id, message=f"Round {round_id} is closed.")


def _decision_form(username: str, ranked: pd.DataFrame) -> None:
    # Labels that do not change with a decision: Streamlit resets a selectbox whose labels
    # change, which would move staff onto another bid after each save.
    labels = {int(r.bid_id): f"{r.reference} · {r.project_title}" for r in ranked.itertuples()}
    bid_id = st.selectbox("Decide on a bid", list(labels), format_func=labels.__getitem__,
                          key="panel_pick")
    with data.cursor() as cur:
        bid = bids.get(cur, bid_id)
    form = f"panel_{bid_id}_"
    seen = forms.seen(form + "version", bid["version"], family="panel_")
    moves = [s for s in bids.next_statuses(bid["status"]) if s in DECISIONS]
    st.markdown(f"**{safe.text(bid['reference'])}** · requested "
                f"{bids.money(bid['amount_requested'])} · "
                f"now **{bids.STATUS_LABELS[bid['status']]}**")
    if not moves:
        st.caption(f"{safe.text(bid['reference'])} is "
                   f"{bids.STATUS_LABELS[bid['status']]}: decided.")
    else:
        with st.form(f"panel_decide_{bid_id}"):
            c1, c2 = st.columns(2)
            status = c1.selectbox("Decision", moves, key=f"{form}status",
                                  format_func=bids.STATUS_LABELS.__getitem__)
            awarded = c2.number_input("Amount awarded (£, for an award)", min_value=0.0,
                                      step=250.0, value=None, key=f"{form}awarded")
            reason = st.text_input("Reason (goes in the audit trail)", key=f"{form}reason",
                                   value="Panel decision")
            if st.form_submit_button("Record decision", type="primary", key=f"{form}save"):
                forms.save(bids.update, username, bid_id, seen, reason=reason, status=status,
                           amount_awarded=awarded if status == "awarded" else "unchanged",
                           form=form,
                           message=lambda saved: f"Saved {saved['reference']}: now "
                                                 f"{bids.STATUS_LABELS[saved['status']]}.")
    bid_record(bid_id)


def bid_record(bid_id: int) -> None:
    """What the panel said about one bid: every declaration and every review (staff only)."""
    with data.cursor() as cur:
        declared = reviews.declarations(cur, bid_id)
        said = reviews.reviews_for_bid(cur, bid_id)
    st.markdown("**Conflict-of-interest declarations**")
    if declared.empty:
        st.caption("No declaration yet.")
    else:
        tables.show(declared.assign(conflict=declared["conflict"].map({True: "yes", False: "no"})),
                     hide_index=True, key=f"bid_{bid_id}_declarations")
    st.markdown("**Reviews**")
    if said.empty:
        st.caption("No review yet.")
    else:
        tables.show(said.drop(columns=["scores"]).assign(
            recommendation=said["recommendation"].map(reviews.RECOMMENDATION_LABELS)),
            hide_index=True, key=f"bid_{bid_id}_reviews")


# -- after award -------------------------------------------------------------------------------

def overdue_list() -> None:
    late = data.fetch(grant_reports.overdue, as_of=date.today())
    st.markdown(f"**Reports overdue** ({len(late)})")
    if late.empty:
        st.caption("No report is overdue.")
    else:
        tables.show(late.drop(columns=["id"]), hide_index=True, key="reports_overdue",
                     column_config=_dates("due_on"))


def after_award_tab(username: str, shown: pd.DataFrame) -> None:
    overdue_list()
    funded = shown[shown["status"].isin(bids.FUNDED)]
    if funded.empty:
        st.info("No awarded bid matches the filters.")
        return
    labels = {int(r.id): f"{r.reference} · {r.project_title} · {bids.STATUS_LABELS[r.status]}"
              for r in funded.itertuples()}
    bid_id = st.selectbox("Awarded bid", list(labels), format_func=labels.__getitem__,
                          key="award_pick")
    with data.cursor() as cur:
        bid = bids.get(cur, bid_id)
        plan = payments.schedule_of(cur, bid_id)
        owed = grant_reports.reports_of(cur, bid_id)
    scheduled = float(plan["amount"].astype(float).sum()) if len(plan) else 0.0
    paid = (float(plan.loc[plan["paid_on"].notna(), "amount"].astype(float).sum()) if len(plan)
            else 0.0)
    st.markdown(f"**{safe.text(bid['reference'])}** · awarded "
                f"{bids.money(bid['amount_awarded'])} · "
                f"scheduled {bids.money(scheduled)} · paid {bids.money(paid)}")
    _payments(username, bid, plan)
    _reports(username, bid, owed)


def _payments(username: str, bid: dict, plan: pd.DataFrame) -> None:
    bid_id, ref = bid["id"], bid["reference"]
    st.markdown("**Payment schedule**")
    if plan.empty:
        st.caption("No instalment scheduled yet.")
    else:
        tables.show(plan.drop(columns=["id", "reference"]), hide_index=True,
                     column_config={**lv.money_columns("amount"), **_dates("due_on", "paid_on")},
                     key=f"pay_{bid_id}_table")
    with st.form(f"pay_{bid_id}_new"):
        c1, c2 = st.columns(2)
        amount = c1.text_input("Instalment (£)", key=f"pay_{bid_id}_amount", placeholder="4,000")
        due = c2.date_input("Due on", value=date.today(), key=f"pay_{bid_id}_due",
                            format="DD/MM/YYYY")
        if st.form_submit_button("Schedule instalment", key=f"pay_{bid_id}_add"):
            forms.save(payments.schedule, username, bid_id, amount, due, form=f"pay_{bid_id}_a",
                       message=lambda _id: "Instalment of "
                       f"{bids.money(bids.as_amount(amount, 'instalment'))} scheduled for {ref}, "
                       f"due {due:%d/%m/%Y}.")
    unpaid = plan[plan["paid_on"].isna()] if len(plan) else plan
    if len(unpaid):
        with st.form(f"pay_{bid_id}_mark"):
            c1, c2 = st.columns(2)
            which = c1.selectbox(
                "Unpaid instalment", list(unpaid["id"]), key=f"pay_{bid_id}_which",
                format_func=lambda i: (lambda r: f"{bids.money(r['amount'])} due "
                                                 f"{r['due_on']:%d/%m/%Y}")(
                    unpaid.set_index("id").loc[i]))
            when = c2.date_input("Paid on", value=date.today(), key=f"pay_{bid_id}_paid_on",
                                 format="DD/MM/YYYY")
            if st.form_submit_button("Mark paid", key=f"pay_{bid_id}_paid"):
                amount = bids.money(unpaid.set_index("id").loc[which, "amount"])
                forms.save(payments.mark_paid, username, int(which), when,
                           form=f"pay_{bid_id}_paid_on",
                           message=f"{amount} marked paid on {when:%d/%m/%Y} for {ref}.")


def _reports(username: str, bid: dict, owed: pd.DataFrame) -> None:
    bid_id, ref = bid["id"], bid["reference"]
    st.markdown("**Reports**")
    if owed.empty:
        st.caption("No report expected yet.")
    else:
        tables.show(owed.drop(columns=["id", "reference"]), hide_index=True,
                     column_config=_dates("due_on", "received_on"), key=f"rep_{bid_id}_table")
    with st.form(f"rep_{bid_id}_new"):
        c1, c2 = st.columns(2)
        kind = c1.selectbox("Report", grant_reports.KINDS, key=f"rep_{bid_id}_kind")
        due = c2.date_input("Due on", value=date.today(), key=f"rep_{bid_id}_due",
                            format="DD/MM/YYYY")
        if st.form_submit_button("Expect report", key=f"rep_{bid_id}_add"):
            forms.save(grant_reports.expect, username, bid_id, kind, due, form=f"rep_{bid_id}_due",
                       message=f"A {kind} report is expected from {ref} by {due:%d/%m/%Y}.")
    waiting = owed[owed["received_on"].isna()] if len(owed) else owed
    if len(waiting):
        with st.form(f"rep_{bid_id}_receive"):
            which = st.selectbox("Report received", list(waiting["id"]), key=f"rep_{bid_id}_which",
                                 format_func=lambda i: (lambda r: f"{r['kind']} due "
                                                        f"{r['due_on']:%d/%m/%Y}")(
                                     waiting.set_index("id").loc[i]))
            c1, c2 = st.columns([1, 3])
            when = c1.date_input("Received on", value=date.today(), key=f"rep_{bid_id}_on",
                                 format="DD/MM/YYYY")
            outcome = c2.text_input("Outcome it records", key=f"rep_{bid_id}_outcome",
                                    placeholder="15% reduction in median length of stay")
            if st.form_submit_button("Record report", key=f"rep_{bid_id}_received"):
                forms.save(grant_reports.receive, username, int(which), when, outcome,
                           form=f"rep_{bid_id}_o",  # the date and the outcome typed
                           message=f"Report recorded for {ref}, received {when:%d/%m/%Y}.")
    done = owed[owed["outcome"].notna()] if len(owed) else owed
    if len(done) and st.button("Start a case-study draft from the outcome",
                               key=f"rep_{bid_id}_case"):
        forms.save(grant_reports.start_case_study, username, int(done["id"].iloc[-1]),
                   message="Case-study draft started: finish it on the Case studies page.")
