"""Streamlit and Plotly pieces of the leadership pages (bids, directory, case studies)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from casson.grants import bids, payments
from casson.platform import settings
from casson.platform.vocab import BID_STATUSES, FUNDS, REGIONS
from ui import data

BLUE, ORANGE, GREY = "#2166ac", "#ef8a62", "#888888"
def budget_gbp() -> float:
    with data.cursor() as cur:
        return settings.grant_budget_gbp(cur)


def bid_frame(role: str) -> pd.DataFrame:
    """Every bid as this role may see it; the query itself leaves out trustees' forbidden
    columns."""
    return data.fetch(bids.frame, role=role)


def bid_filters(df: pd.DataFrame, personal: bool) -> bids.Filters:
    years = sorted({int(y) for y in bids.received_year(df).dropna()}, reverse=True)
    c1, c2, c3, c4 = st.columns(4)
    funds = c1.multiselect("Fund", FUNDS, key="bids_fund", placeholder="All funds")
    statuses = c2.multiselect("Status", BID_STATUSES, key="bids_status", placeholder="All statuses",
                              format_func=bids.STATUS_LABELS.__getitem__)
    chosen_years = c3.multiselect("Year received", years, key="bids_year", placeholder="All years")
    regions = c4.multiselect("Region", REGIONS, key="bids_region", placeholder="All regions")
    c5, c6 = st.columns([1, 1])
    top = float(df["amount_requested"].astype(float).max()) if len(df) else 10_000.0
    top = max(top, 1.0)
    low, high = c5.slider("Amount requested (£)", 0.0, top, (0.0, top), step=50.0,
                          key="bids_amount", format="£%.0f")
    text = c6.text_input("Search reference, project, applicant or notes", key="bids_text",
                         placeholder="e.g. LP-2024 or falls") if personal else ""
    return bids.Filters(
        funds=tuple(funds), statuses=tuple(statuses), years=tuple(chosen_years),
        regions=tuple(regions), amount_min=low if low > 0 else None,
        amount_max=high if high < top else None, text=text or "",
    )


def headline(df: pd.DataFrame, budget: float, year: int) -> None:
    rate, funded, decided = bids.success_rate(df)
    requested = float(df["amount_requested"].astype(float).sum())
    awarded = float(df.loc[df["status"].isin(bids.FUNDED), "amount_awarded"].astype(float).sum())
    this_year = bids.awarded_against_budget(df, budget)
    year_row = this_year[this_year["year"] == year]
    year_awarded = float(year_row["awarded_gbp"].iloc[0]) if len(year_row) else 0.0
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Bids", f"{len(df):,}")
    c1.caption(f"£{requested:,.0f} requested")
    c2.metric("Awarded", f"£{awarded:,.0f}")
    c2.caption(f"n = {funded} bids awarded or later")
    c3.metric("Success rate", "—" if rate is None else f"{rate:.1f}%")
    c3.caption(f"n = {funded} funded of {decided} decided (withdrawn bids left out)")
    # Committed (awarded on bids decided this year) against what was actually paid this year.
    paid = payments.paid_in_year(data.fetch(payments.paid_frame), df["id"], year)
    c4.metric(f"Committed in {year}", f"£{year_awarded:,.0f}")
    c4.caption(f"£{paid:,.0f} paid in {year} · of the £{budget:,.0f} annual budget"
               + (f" ({100 * year_awarded / budget:.1f}% committed)" if budget else ""))


def _layout(fig: go.Figure, title: str, yaxis: str = "£") -> go.Figure:
    fig.update_layout(title={"text": title, "x": 0}, height=360, barmode="group",
                      margin={"l": 10, "r": 10, "t": 50, "b": 40}, plot_bgcolor="white",
                      legend={"orientation": "h", "y": -0.25, "x": 0})
    fig.update_yaxes(title=yaxis, gridcolor="#eeeeee", tickprefix="£" if yaxis == "£" else "")
    return fig


def pipeline_chart(pipe: pd.DataFrame) -> go.Figure:
    labels = [bids.STATUS_LABELS[s] for s in pipe["status"]]
    fig = go.Figure(go.Bar(x=labels, y=pipe["bids"], marker_color=BLUE, text=pipe["bids"],
                           textposition="outside", name="bids"))
    return _layout(fig, "Bids at each stage of the pipeline", "bids")


def region_chart(by_region: pd.DataFrame) -> go.Figure:
    fig = go.Figure([
        go.Bar(x=by_region["region"], y=by_region["requested_gbp"], name="requested",
               marker_color=GREY),
        go.Bar(x=by_region["region"], y=by_region["awarded_gbp"], name="awarded",
               marker_color=BLUE),
    ])
    return _layout(fig, "Amounts by region (£)")


def year_chart(by_year: pd.DataFrame) -> go.Figure:
    years = by_year["year"].astype(str)
    fig = go.Figure([
        go.Bar(x=years, y=by_year["requested_gbp"], name="requested", marker_color=GREY),
        go.Bar(x=years, y=by_year["awarded_gbp"], name="awarded", marker_color=BLUE),
    ])
    fig.update_xaxes(type="category", title="year received")
    return _layout(fig, "Amounts by year (£)")


def budget_chart(budget_df: pd.DataFrame) -> go.Figure:
    years = budget_df["year"].astype(str)
    fig = go.Figure([
        go.Bar(x=years, y=budget_df["awarded_gbp"], name="awarded", marker_color=BLUE),
        go.Scatter(x=years, y=budget_df["budget_gbp"], name="annual budget", mode="lines",
                   line={"color": ORANGE, "dash": "dash", "width": 3}),
    ])
    fig.update_xaxes(type="category", title="year decided")
    return _layout(fig, "Awarded against the annual budget (£)")


def money_columns(*names: str) -> dict:
    """Money columns as £1,234.50, labelled 'requested (£)' for a requested_gbp column."""
    return {n: st.column_config.NumberColumn(n.replace("_gbp", " (£)").replace("_", " "),
                                             format="£%,.2f") for n in names}
