"""My reviews (reviewer role only): the bids staff assigned to me, a conflict-of-interest
declaration before each, and my scores against the rubric.

Which bid opens is decided by casson.grants.reviews on the server, whatever the URL (?bid=REF) or
the session state asks: an unassigned, undeclared or conflicted bid never renders.
"""

import streamlit as st

from ui import forms, guard, reviews_view

user = guard.require("reviews")

st.title("My reviews")
st.caption("The bids the trust's staff assigned to you. Declare any conflict of interest "
           "before you read a bid; you can change your review until the round closes.")
forms.show_flash()

mine, criteria, blind = reviews_view.assigned(user)
reviews_view.chosen_review(user, mine, criteria, blind)
