"""Streamlit glue for the Grant bids page's own tabs: the pipeline, charts, the list, changing a
bid and adding one (the Panel, After award, Letters and 360Giving tabs are grants_view's and
letters_view's)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from casson.grants import bids
from casson.platform import exports
from casson.platform.vocab import FUNDS, LEADERSHIP_CAP_GBP, REGIONS
from ui import data, forms, guard, letters_view, safe, tables
from ui import grants_view as gv
from ui import leadership_view as lv
from ui.auth import User


def pipeline_tab(shown: pd.DataFrame) -> None:
    """Bids and pounds at each stage of the pipeline."""
    pipe = bids.pipeline(shown)
    st.plotly_chart(lv.pipeline_chart(pipe), key="bids_pipeline_chart")
    tables.show(
        pipe.assign(status=pipe["status"].map(bids.STATUS_LABELS)),
        column_config=lv.money_columns("requested_gbp", "awarded_gbp"), key="bids_pipeline_table",
    )
    st.caption("received → shortlisted → awarded, declined or withdrawn → in progress → "
               "completed (with the final report received).")


def charts_tab(user: User, shown: pd.DataFrame, budget: float) -> None:
    """Amounts by region and year, awarded against the budget; staff set the budget."""
    c1, c2 = st.columns(2)
    c1.plotly_chart(lv.region_chart(bids.by_region(shown)), key="bids_region_chart")
    c2.plotly_chart(lv.year_chart(bids.by_year(shown)), key="bids_year_chart")
    st.plotly_chart(lv.budget_chart(bids.awarded_against_budget(shown, budget)),
                    key="bids_budget_chart")
    st.caption(f"Annual grant budget: £{budget:,.0f} (a setting an administrator can change). "
               "Awarded counts bids awarded, in progress or completed, by year of decision.")
    if guard.sees_personal_data(user):
        with st.form("bid_budget"):
            amount = st.number_input("Annual grant budget (£)", min_value=0.0, step=1000.0,
                                     value=budget, key="bid_budget_amount")
            if st.form_submit_button("Save budget", key="bid_budget_save"):
                forms.save(bids.set_budget, user.username, amount,
                           message=lambda saved: "The annual grant budget is now "
                                                 f"{bids.money(saved)}.",
                           form="bid_budget_amount")


def list_tab(shown: pd.DataFrame) -> None:
    """Every bid the filters keep, with a CSV of them."""
    st.download_button("Download these bids (CSV)", exports.csv_bytes(shown.drop(columns=["id"])),
                       file_name="bids.csv", mime="text/csv", key="bids_download")
    tables.show(
        shown.drop(columns=["id", "version"]), key="bids_table",
        column_config={**lv.money_columns("amount_requested", "amount_awarded"),
                       "status": st.column_config.TextColumn("status")},
    )


def change_tab(user: User, shown: pd.DataFrame) -> None:
    """Move one bid through the pipeline with a reason (version-checked), and its record."""
    if shown.empty:
        st.info("No bid matches the filters.")
    else:
        labels = {int(r.id): f"{r.reference} · {r.project_title} · {bids.STATUS_LABELS[r.status]}"
                  for r in shown.itertuples()}
        bid_id = st.selectbox("Bid", list(labels), format_func=labels.__getitem__, key="bid_pick")
        with data.cursor() as cur:
            bid = bids.get(cur, bid_id)
            past = bids.history(cur, bid_id)
        # The version this user saw when the form first showed this bid: a save made on it
        # after someone else's change is refused instead of overwriting theirs.
        form = f"bid_{bid_id}_"
        seen = forms.seen(form + "version", bid["version"], family="bid_")
        st.markdown(
            f"**{safe.text(bid['reference'])}** · {bid['fund']} fund · "
            f"{safe.text(bid['applicant_name'])} "
            f"({safe.text(bid['applicant_email'])}) · requested "
            f"{bids.money(bid['amount_requested'])}"
            + (f" · awarded {bids.money(bid['amount_awarded'])}" if bid["amount_awarded"] else "")
            + f" · now **{bids.STATUS_LABELS[bid['status']]}**"
        )
        options = [bid["status"], *bids.next_statuses(bid["status"])]
        with st.form(f"bid_change_{bid_id}"):
            status = st.selectbox(
                "Status", options, key=f"{form}status",
                format_func=lambda s: bids.STATUS_LABELS[s]
                + (" (no change)" if s == bid["status"] else ""),
            )
            awarded = st.number_input(
                "Amount awarded (£)", min_value=0.0, step=250.0, key=f"{form}awarded",
                value=None if bid["amount_awarded"] is None else float(bid["amount_awarded"]),
                help=f"Leadership bids: at most £{LEADERSHIP_CAP_GBP:,}.",
            )
            report = st.checkbox("Final report received", value=bool(bid["report_received"]),
                                 key=f"{form}report")
            notes = st.text_area("Notes", value=bid["notes"] or "", key=f"{form}notes")
            reason = st.text_input("Reason for the change (goes in the audit trail)",
                                   key=f"{form}reason")
            if st.form_submit_button("Save change", type="primary", key=f"{form}save"):
                forms.save(bids.update, user.username, bid_id, seen, reason=reason, status=status,
                           amount_awarded=awarded, notes=notes, report_received=report,
                           form=form,
                           message=lambda saved: f"Saved {saved['reference']}: now "
                                                 f"{bids.STATUS_LABELS[saved['status']]}.")
        if not bids.next_statuses(bid["status"]):
            st.caption(f"{bids.STATUS_LABELS[bid['status']].capitalize()} is final: only the "
                       "notes, award and report flag can change.")
        gv.bid_record(bid_id)  # the panel's declarations and reviews of this bid
        letters_view.bid_letters(bid_id)
        st.subheader("History")
        if past.empty:
            st.caption("No changes recorded since the bid was loaded.")
        else:
            tables.show(past.drop(columns=["after_state"]), key="bid_history")


def add_tab(user: User) -> None:
    """Add a bid as received."""
    with st.form("bid_add", clear_on_submit=False):
        c1, c2 = st.columns(2)
        reference = c1.text_input("Reference", key="bid_new_reference", placeholder="LP-2026-031")
        fund = c2.selectbox("Fund", FUNDS, key="bid_new_fund")
        applicant = c1.text_input("Applicant name", key="bid_new_name")
        email = c2.text_input("Applicant email", key="bid_new_email")
        employer = c1.text_input("Employer", key="bid_new_employer")
        region = c2.selectbox("Region", REGIONS, index=None, key="bid_new_region")
        title = st.text_input("Project title", key="bid_new_title")
        c3, c4 = st.columns(2)
        amount = c3.text_input("Amount requested (£)", key="bid_new_amount",
                               placeholder="9,500",
                               help=f"Leadership bids: at most £{LEADERSHIP_CAP_GBP:,}.")
        received = c4.date_input("Received on", value=date.today(), key="bid_new_received",
                                 format="DD/MM/YYYY")
        if st.form_submit_button("Add bid", type="primary", key="bid_add_submit"):
            forms.save(bids.add, user.username,
                       message=f"Added bid {reference.strip()} as received.", reference=reference,
                       applicant_name=applicant, applicant_email=email, project_title=title,
                       amount_requested=amount, fund=fund, employer=employer, region=region,
                       received_on=received)
