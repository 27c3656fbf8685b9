"""Grant bids: filters, the pipeline, charts; staff add bids and move them with a reason.

Trustees get aggregates only: their rows come from a query without personal columns, and
no bid-level table is drawn for them.
"""

from datetime import date

import streamlit as st

from casson import access, bids, exports
from casson.vocab import FUNDS, LEADERSHIP_CAP_GBP, REGIONS
from ui import data, guard
from ui import leadership_view as lv

user = guard.require("bids")
personal = access.sees_personal_data(user.role)

st.title("Grant bids")
st.caption(f"Leadership fund: up to £{LEADERSHIP_CAP_GBP:,} for a service-based project. "
           "CPD fund: course fees.")
lv.show_flash()

everything = lv.bid_frame(user.role)
shown = bids.apply(everything, lv.bid_filters(everything, personal))
budget = lv.budget_gbp()
lv.headline(shown, budget, date.today().year)
st.caption(f"{len(shown):,} of {len(everything):,} bids match the filters.")

names = ["Pipeline", "Charts"] + (["Bids", "Change a bid", "Add a bid"] if personal else [])
# Stateful tabs: after a save the page reruns and stays on the tab in use.
tabs = st.tabs(names, key="bids_tab", on_change="rerun")


def _pipeline_tab() -> None:
    pipe = bids.pipeline(shown)
    st.plotly_chart(lv.pipeline_chart(pipe), key="bids_pipeline_chart")
    st.dataframe(
        pipe.assign(status=pipe["status"].map(bids.STATUS_LABELS)), hide_index=True,
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
    st.caption(f"Annual grant budget: £{budget:,.0f} (setting annual_grant_budget_gbp). "
               "Awarded counts bids awarded, in progress or completed, by year of decision.")
    if personal:
        with st.form("bid_budget"):
            amount = st.number_input("Annual grant budget (£)", min_value=0.0, step=1000.0,
                                     value=budget, key="bid_budget_amount")
            if st.form_submit_button("Save budget", key="bid_budget_save"):
                lv.save(bids.set_budget, bids.BidError,
                        lambda saved: f"The annual grant budget is now {bids.money(saved)}.",
                        user.username, amount,
                        after=lambda: st.session_state.pop("bid_budget_amount", None))


def _list_tab() -> None:
    st.download_button("Download these bids (CSV)", exports.csv_bytes(shown.drop(columns=["id"])),
                       file_name="bids.csv", mime="text/csv", key="bids_download")
    st.dataframe(
        shown.drop(columns=["id", "version"]), hide_index=True, key="bids_table",
        column_config={**lv.money_columns("amount_requested", "amount_awarded"),
                       "status": st.column_config.TextColumn("status")},
    )


def _forget_seen(keep: str | None = None) -> None:
    for key in [k for k in st.session_state if str(k).startswith("bid_seen_") and k != keep]:
        del st.session_state[key]


def _reset_form(bid_id: int) -> None:
    """Forget the form's values and the version seen, so the next run reads the bid afresh."""
    for part in ("status", "awarded", "report", "notes", "reason", "seen"):
        st.session_state.pop(f"bid_{part}_{bid_id}", None)


def _change_tab() -> None:
    stale = st.session_state.pop("bid_stale", None)
    if stale:
        st.error(stale)
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
        seen_key = f"bid_seen_{bid_id}"
        _forget_seen(keep=seen_key)
        seen = st.session_state.setdefault(seen_key, bid["version"])
        st.markdown(
            f"**{bid['reference']}** · {bid['fund']} fund · {bid['applicant_name']} "
            f"({bid['applicant_email']}) · requested {bids.money(bid['amount_requested'])}"
            + (f" · awarded {bids.money(bid['amount_awarded'])}" if bid["amount_awarded"] else "")
            + f" · now **{bids.STATUS_LABELS[bid['status']]}**"
        )
        options = [bid["status"], *bids.next_statuses(bid["status"])]
        with st.form(f"bid_change_{bid_id}"):
            status = st.selectbox(
                "Status", options, key=f"bid_status_{bid_id}",
                format_func=lambda s: bids.STATUS_LABELS[s] + (" (no change)" if s == bid["status"] else ""),
            )
            awarded = st.number_input(
                "Amount awarded (£)", min_value=0.0, step=250.0, key=f"bid_awarded_{bid_id}",
                value=None if bid["amount_awarded"] is None else float(bid["amount_awarded"]),
                help=f"Leadership bids: at most £{LEADERSHIP_CAP_GBP:,}.",
            )
            report = st.checkbox("Final report received", value=bool(bid["report_received"]),
                                 key=f"bid_report_{bid_id}")
            notes = st.text_area("Notes", value=bid["notes"] or "", key=f"bid_notes_{bid_id}")
            reason = st.text_input("Reason for the change (goes in the audit trail)",
                                   key=f"bid_reason_{bid_id}")
            if st.form_submit_button("Save change", type="primary", key=f"bid_save_{bid_id}"):
                try:
                    with data.cursor() as cur:
                        saved = bids.update(cur, user.username, bid_id, seen,
                                            reason=reason, status=status, amount_awarded=awarded,
                                            notes=notes, report_received=report)
                except bids.StaleBid as exc:
                    _reset_form(bid_id)  # the rerun shows their change, and says why
                    st.session_state["bid_stale"] = str(exc)
                    st.rerun()
                except bids.BidError as exc:
                    st.error(str(exc))
                else:
                    data.clear_caches()
                    _reset_form(bid_id)
                    lv.flash(f"Saved {saved['reference']}: now "
                             f"{bids.STATUS_LABELS[saved['status']]}.")
                    st.rerun()
        if not bids.next_statuses(bid["status"]):
            st.caption(f"{bids.STATUS_LABELS[bid['status']].capitalize()} is final: only the "
                       "notes, award and report flag can change.")
        st.subheader("History")
        if past.empty:
            st.caption("No changes recorded since the bid was loaded.")
        else:
            st.dataframe(past.drop(columns=["after_state"]), hide_index=True, key="bid_history")


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
            lv.save(bids.add, bids.BidError, f"Added bid {reference.strip()} as received.",
                    user.username, reference=reference, applicant_name=applicant,
                    applicant_email=email, project_title=title, amount_requested=amount,
                    fund=fund, employer=employer, region=region, received_on=received)



# Only the open tab runs: the page stays quick with thousands of bids.
drawers = [_pipeline_tab, _charts_tab] + ([_list_tab, _change_tab, _add_tab] if personal else [])
for tab, draw in zip(tabs, drawers, strict=True):
    if tab.open is not False:
        with tab:
            draw()
    elif draw is _change_tab:
        _forget_seen()  # reopening the tab starts from the bid as it then is
