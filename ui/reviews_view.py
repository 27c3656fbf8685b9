"""Streamlit glue for My reviews: the reviewer's assigned bids, the declaration before a bid
opens, and the review form. Which bid opens is casson.grants.reviews' decision, on the server."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casson.grants import reviews
from ui import data, forms, safe, tables
from ui.auth import User


def assigned(user: User) -> tuple[pd.DataFrame, tuple[reviews.Criterion, ...], bool]:
    """The reviewer's assigned bids as a table (stops the page when there are none); returns
    them, the rubric's criteria and whether review is blind."""
    with data.cursor() as cur:
        mine = reviews.my_reviews(cur, user.username)
        criteria = reviews.rubric(cur)
        blind = reviews.blind_review(cur)  # no applicant name or employer reached this page

    if mine.empty:
        st.info("No bid is assigned to you yet.")
        st.stop()

    if blind:
        st.caption("Blind review: the applicant's name and employer are not shown to reviewers.")
    identity = [] if blind else ["applicant_name", "employer"]
    tables.show(
        mine[["round_title", "reference", "project_title", *identity,
              "declaration", "weighted_score", "recommendation"]].assign(
            recommendation=mine["recommendation"].map(reviews.RECOMMENDATION_LABELS)),
        hide_index=True, key="reviews_table", download="my-reviews",
        column_config={"weighted_score": st.column_config.NumberColumn("my weighted score",
                                                                       format="%.2f")})
    return mine, criteria, blind


def chosen_review(user: User, mine: pd.DataFrame, criteria: tuple[reviews.Criterion, ...],
                  blind: bool) -> None:
    """The bid chosen (by the select box, or ?bid=REF when it is the reviewer's): the
    declaration first, then the bid and the review form."""
    choices = {f"{r.round_id}|{r.bid_id}":
               f"{r.reference} · {r.project_title or 'withheld'} · {r.declaration}"
               for r in mine.itertuples()}
    # A link names a bid by reference; only one assigned to this reviewer can be chosen.
    asked = st.query_params.get("bid")
    if asked:
        hits = [k for k, r in zip(choices, mine.itertuples(), strict=True) if r.reference == asked]
        if not hits:
            st.error(f"Bid {safe.text(asked)} is not assigned to you for review.")
        elif st.session_state.get("review_pick") not in hits:
            st.session_state["review_pick"] = hits[0]
    if st.session_state.get("review_pick") not in choices:
        st.session_state.pop("review_pick", None)
    key = st.selectbox("Bid", list(choices), format_func=choices.__getitem__, key="review_pick")
    round_id, bid_id = key.split("|")[0], int(key.split("|")[1])
    row = mine[(mine["round_id"] == round_id) & (mine["bid_id"] == bid_id)].iloc[0]

    try:
        with data.cursor() as cur:
            bid = reviews.open_bid(cur, user.username, round_id, bid_id)
            mine_now = reviews.review_of(cur, user.username, round_id, bid_id)
    except reviews.MustDeclare as exc:
        _declaration(user, row, round_id, bid_id, blind, str(exc))
        st.stop()
    except reviews.Conflicted as exc:  # the reviewer's own answer, not a fault: no red box
        st.info(safe.text(exc), icon=":material/do_not_disturb_on:")
        st.stop()
    except reviews.ReviewError as exc:  # no longer assigned
        st.error(safe.text(exc), icon=":material/block:")
        st.stop()

    st.subheader(f"{safe.text(bid['reference'])}: {safe.text(bid['project_title'])}")
    who = "" if blind else (safe.text(bid["applicant_name"])
                            + (f", {safe.text(bid['employer'])}" if bid["employer"] else "")
                            + " · ")
    st.markdown(who + f"{safe.text(bid['region'] or 'region not given')}"
                f" · {safe.text(bid['fund'])} fund · requested "
                f"£{float(bid['amount_requested']):,.0f} · received {bid['received_on']:%d %b %Y}")

    if row["round_closed"]:
        st.info("This round is closed: your review can no longer change.")
        if mine_now:
            st.write({c.label: mine_now["scores"].get(c.key) for c in criteria})
        st.stop()

    form = f"review_{round_id}_{bid_id}_"
    seen = forms.seen(form + "version", mine_now["version"] if mine_now else None, family="review_")
    with st.form(f"review_{round_id}_{bid_id}"):
        scores = {}
        for c in criteria:
            scores[c.key] = st.slider(
                f"{c.label} (weight {c.weight:g})", reviews.SCORE_MIN, reviews.SCORE_MAX,
                value=int(mine_now["scores"].get(c.key, 3)) if mine_now else 3,
                key=f"{form}{c.key}")
        recommendation = st.radio(
            "Recommendation", reviews.RECOMMENDATIONS, horizontal=True, key=f"{form}recommendation",
            index=reviews.RECOMMENDATIONS.index(mine_now["recommendation"]) if mine_now else None,
            format_func=reviews.RECOMMENDATION_LABELS.__getitem__)
        comment = st.text_area("Comment", value=(mine_now or {}).get("comment") or "",
                               key=f"{form}comment")
        if st.form_submit_button("Save review", type="primary", key=f"{form}save"):
            forms.save(reviews.save_review, user.username, round_id, bid_id, scores=scores,
                       recommendation=recommendation, comment=comment, version=seen,
                       form=form,
                       message=lambda s: f"Review saved: weighted score {s:.2f} of 5.")


def _declaration(user: User, row: pd.Series, round_id: str, bid_id: int, blind: bool,
                 why: str) -> None:
    """Before the bid opens: the conflict-of-interest declaration (yes with a reason, or no)."""
    st.warning(safe.text(why))
    st.markdown(f"**{safe.text(row['reference'])}** · {safe.text(row['project_title'])}"
                + ("" if blind else f" · {safe.text(row['applicant_name'])}"
                   + (f", {safe.text(row['employer'])}" if row["employer"] else "")))
    form = f"declare_{round_id}_{bid_id}_"
    with st.form(f"declare_{round_id}_{bid_id}"):
        answer = st.radio("Do you have a conflict of interest with this bid or its applicant?",
                          ["No", "Yes"], index=None, key=f"{form}answer", horizontal=True)
        reason = st.text_input("If yes, what is it?", key=f"{form}reason",
                               placeholder="e.g. I line-manage the applicant")
        if st.form_submit_button("Declare", type="primary", key=f"{form}save"):
            if answer is None:
                st.error("Answer yes or no.")
            else:
                forms.save(reviews.declare, user.username, round_id, bid_id,
                           conflict=answer == "Yes", reason=reason, form=form,
                           message="Conflict of interest recorded: this bid stays closed to you, "
                           "and staff see why." if answer == "Yes" else
                           "Declared no conflict: the bid is open to you.")
