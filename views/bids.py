"""Grant bids: filters, the pipeline, charts; staff add bids and move them with a reason.

Trustees get aggregates only: their rows come from a query without personal columns, and
no bid-level table is drawn for them.
"""

from datetime import date

import streamlit as st

from casson.grants import bids
from casson.platform import access, exports
from casson.platform.vocab import FUNDS, LEADERSHIP_CAP_GBP, REGIONS
from ui import data, forms, guard, present, safe, tables, widgets
from ui import grants_view as gv
from ui import leadership_view as lv

user = guard.require("bids")
personal = access.sees_personal_data(user.role)

st.title("Grant bids")
if present.toggle():  # the projector: aggregates only, one group per screen
    present.bid_slides(lv.bid_frame("trustee"), lv.budget_gbp())
    st.stop()
st.caption(f"Leadership fund: up to £{LEADERSHIP_CAP_GBP:,} for a service-based project. "
           "CPD fund: course fees.")
forms.show_flash()

everything = lv.bid_frame(user.role)
shown = bids.apply(everything, lv.bid_filters(everything, personal))
budget = lv.budget_gbp()
lv.headline(shown, budget, date.today().year)
st.caption(f"{len(shown):,} of {len(everything):,} bids match the filters.")

names = ["Pipeline", "Charts"] + (["Bids", "Change a bid", "Add a bid", "Panel", "After award"]
                                   if personal else [])
# Stateful tabs: after a save the page reruns and stays on the tab in use.
tabs = st.tabs(names, key="bids_tab", on_change="rerun")


def _pipeline_tab() -> None:
    pipe = bids.pipeline(shown)
    st.plotly_chart(lv.pipeline_chart(pipe), key="bids_pipeline_chart")
    tables.show(
        pipe.assign(status=pipe["status"].map(bids.STATUS_LABELS)),
        column_config=lv.money_columns("requested_gbp", "awarded_gbp"), key="bids_pipeline_table",
    )
    st.caption("received → shortlisted → awarded, declined or withdrawn → in progress → "
               "completed (with the final report received).")


def _charts_tab() -> None:
    c1, c2 = st.columns(2)
    c1.plotly_chart(lv.region_chart(bids.by_region(shown)), key="bids_region_chart")
    c2.plotly_chart(lv.year_chart(bids.by_year(shown)), key="bids_year_chart")
    st.plotly_chart(lv.budget_chart(bids.awarded_against_budget(shown, budget)),
                    key="bids_budget_chart")
    st.caption(f"Annual grant budget: £{budget:,.0f} (a setting an administrator can change). "
               "Awarded counts bids awarded, in progress or completed, by year of decision.")
    if personal:
        with st.form("bid_budget"):
            amount = st.number_input("Annual grant budget (£)", min_value=0.0, step=1000.0,
                                     value=budget, key="bid_budget_amount")
            if st.form_submit_button("Save budget", key="bid_budget_save"):
                forms.save(bids.set_budget, user.username, amount, message=lambda saved: f"The annual grant budget is now {bids.money(saved)}.",
                           form="bid_budget_amount")


def _list_tab() -> None:
    st.download_button("Download these bids (CSV)", exports.csv_bytes(shown.drop(columns=["id"])),
                       file_name="bids.csv", mime="text/csv", key="bids_download")
    tables.show(
        shown.drop(columns=["id", "version"]), key="bids_table",
        column_config={**lv.money_columns("amount_requested", "amount_awarded"),
                       "status": st.column_config.TextColumn("status")},
    )


def _change_tab() -> None:
    if shown.empty:
        st.info("No bid matches the filters.")
    else:
        labels = {int(r.id): f"{r.reference} · {r.project_title} · {bids.STATUS_LABELS[r.status]}"
                  for r in shown.itertuples()}
        bid_id = st.selectbox("Bid", list(labels), format_func=labels.get, key="bid_pick")
        with data.cursor() as cur:
            bid = bids.get(cur, bid_id)
            past = bids.history(cur, bid_id)
        # The version this user saw when the form first showed this bid: a save made on it
        # after someone else's change is refused instead of overwriting theirs.
        form = f"bid_{bid_id}_"
        seen = forms.seen(form + "version", bid["version"], family="bid_")
        st.markdown(
            f"**{safe.text(bid['reference'])}** · {bid['fund']} fund · {safe.text(bid['applicant_name'])} "
            f"({safe.text(bid['applicant_email'])}) · requested {bids.money(bid['amount_requested'])}"
            + (f" · awarded {bids.money(bid['amount_awarded'])}" if bid["amount_awarded"] else "")
            + f" · now **{bids.STATUS_LABELS[bid['status']]}**"
        )
        options = [bid["status"], *bids.next_statuses(bid["status"])]
        with st.form(f"bid_change_{bid_id}"):
            status = st.selectbox(
                "Status", options, key=f"{form}status",
                format_func=lambda s: bids.STATUS_LABELS[s] + (" (no change)" if s == bid["status"] else ""),
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
        st.subheader("History")
        if past.empty:
            st.caption("No changes recorded since the bid was loaded.")
        else:
            tables.show(past.drop(columns=["after_state"]), key="bid_history")


def _add_tab() -> None:
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
            forms.save(bids.add, user.username, message=f"Added bid {reference.strip()} as received.", reference=reference, applicant_name=applicant,
                    applicant_email=email, project_title=title, amount_requested=amount,
                    fund=fund, employer=employer, region=region, received_on=received)



# Only the open tab runs: the page stays quick with thousands of bids.
drawers = [_pipeline_tab, _charts_tab] + ([_list_tab, _change_tab, _add_tab,
                                           lambda: gv.panel_tab(user.username, everything),
                                           lambda: gv.after_award_tab(user.username, shown)]
                                          if personal else [])
for tab, draw in zip(tabs, drawers, strict=True):
    if widgets.is_open(tab):
        with tab:
            draw()
    elif draw is _change_tab:
        forms.forget_seen("bid_")  # reopening the tab starts from the bid as it then is
