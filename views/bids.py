"""Grant bids: filters, the pipeline, charts; staff add bids and move them with a reason.

Trustees get aggregates only: their rows come from a query without personal columns, and
no bid-level table is drawn for them.
"""

from datetime import date

import streamlit as st

from casson.grants import bids
from casson.platform.vocab import LEADERSHIP_CAP_GBP
from ui import bids_view as bv
from ui import forms, guard, letters_view, present, widgets
from ui import grants_view as gv
from ui import leadership_view as lv

user = guard.require("bids")
personal = guard.sees_personal_data(user)

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

names = ["Pipeline", "Charts"] + (["Bids", "Change a bid", "Add a bid", "Panel", "After award",
                                    "Letters", "360Giving"] if personal else [])
# Stateful tabs: after a save the page reruns and stays on the tab in use.
tabs = st.tabs(names, key="bids_tab", on_change="rerun")


# Only the open tab runs: the page stays quick with thousands of bids.
drawers = [lambda: bv.pipeline_tab(shown), lambda: bv.charts_tab(user, shown, budget)] + (
    [lambda: bv.list_tab(shown), lambda: bv.change_tab(user, shown), lambda: bv.add_tab(user),
     lambda: gv.panel_tab(user.username, everything),
     lambda: gv.after_award_tab(user.username, shown),
     lambda: letters_view.letters_tab(user.username, shown),
     lambda: letters_view.giving360_tab(user.username)] if personal else [])
for number, (tab, draw) in enumerate(zip(tabs, drawers, strict=True)):
    if widgets.is_open(tab):
        with tab:
            draw()
    elif names[number] == "Change a bid":
        forms.forget_seen("bid_")  # reopening the tab starts from the bid as it then is
