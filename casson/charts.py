"""Plotly figures of the outcome figures (no Streamlit): the page and the board pack share them.

Every bar is labelled with its value and n; suppressed groups are drawn as an empty bar
labelled with the reason, so a trustee never reads a missing bar as zero.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from casson.outcomes import ANSWER_LABELS, SHORT_LABELS

# Colour-blind-safe diverging palette for strongly disagree … strongly agree, grey for blanks.
LIKERT_COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#d9d9d9", 4: "#67a9cf", 5: "#2166ac", 0: "#f0f0f0"}
MAIN = "#2166ac"
SECOND = "#ef8a62"
THIRD = "#67a9cf"
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"


def _figure() -> go.Figure:
    # Traces are plain dicts and the figure skips plotly's per-property validation, which costs
    # tens of ms per chart on every page render; the tests render every chart, so a typo shows.
    return go.Figure(_validate=False)


def _bar(**props) -> dict:
    return {"type": "bar", **props}


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height, margin={"l": 10, "r": 30, "t": 60, "b": 40},
        font={"family": FONT, "size": 14}, plot_bgcolor="white", paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
        bargap=0.3,
        uniformtext={"minsize": 12, "mode": "show"},  # bar labels stay legible, never shrink away
    )
    fig.update_xaxes(gridcolor="#eeeeee", zeroline=False)
    fig.update_yaxes(gridcolor="#eeeeee", zeroline=False)
    return fig


def _positions(values: pd.Series) -> list[str]:
    """Inside the bar when there is a value; beside the axis when there is none, so that
    "no responses yet" or a suppression note is read, not mistaken for a zero bar."""
    return ["outside" if pd.isna(v) else "auto" for v in values]


def projector(fig: go.Figure) -> go.Figure:
    """The same figure with type big enough for the back of a boardroom."""
    fig.update_layout(font={"size": 24}, title={"font": {"size": 30}},
                      legend={"font": {"size": 22}}, uniformtext={"minsize": 18, "mode": "show"},
                      height=min(max(int((fig.layout.height or 380) * 1.3), 480), 640))
    fig.update_xaxes(tickfont={"size": 22}, title_font={"size": 22})
    fig.update_yaxes(tickfont={"size": 22}, title_font={"size": 22}, automargin=True)
    fig.update_traces(textfont={"size": 22}, selector={"type": "bar"})
    return fig


def empty(title: str, message: str) -> go.Figure:
    fig = _figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 16}, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height=220)


def response_rates(rates: pd.DataFrame, title: str = "Survey response rate by role") -> go.Figure:
    fig = _figure()
    fig.add_trace(_bar(
        y=rates["role"], x=rates["pct"].fillna(0), orientation="h", marker={"color": MAIN},
        text=rates["label"], textposition="auto", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_xaxes(range=[0, 105], ticksuffix="%", title="responded")
    return _layout(fig, title, height=260)


def positive(shares: pd.DataFrame, title: str = "Agree or strongly agree") -> go.Figure:
    """% positive per question and group; suppressed groups labelled, never drawn as 0."""
    fig = _figure()
    for group, colour in (("All respondents", MAIN), ("Mentors", SECOND), ("Mentees", THIRD)):
        part = shares[shares["group_label"] == group]
        if part.empty:
            continue
        text = [r["note"] if pd.isna(r["pct"]) else f"{r['pct']:.1f}% (n = {r['n']})"
                for r in part.to_dict("records")]
        fig.add_trace(_bar(
            name=group, y=part["label"], x=part["pct"].fillna(0), orientation="h",
            marker={"color": colour}, text=text, textposition=_positions(part["pct"]), cliponaxis=False,
            hovertemplate="%{y}, " + group + ": %{text}<extra></extra>",
        ))
    fig.update_xaxes(range=[0, 105], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=520)


def likert(dist: pd.DataFrame, title: str = "Answers by question and role") -> go.Figure:
    """Stacked 100% bars, one per question × role, strongly disagree on the left."""
    shown = dist[~dist["suppressed"]].copy()
    shown["row"] = shown["label"] + " — " + shown["role"] + "s (n = " + shown["n"].astype(str) + ")"
    rows = list(dict.fromkeys(shown["row"]))
    fig = _figure()
    for answer in (1, 2, 3, 4, 5, 0):
        part = shown[shown["answer"] == answer].set_index("row").reindex(rows)
        if answer == 0 and part["count"].fillna(0).sum() == 0:
            continue
        fig.add_trace(_bar(
            name=ANSWER_LABELS[answer], y=rows, x=part["share"].fillna(0), orientation="h",
            marker={"color": LIKERT_COLOURS[answer]},
            customdata=part["count"].fillna(0), text=[f"{v:.0f}%" if v and v >= 8 else "" for v in part["share"].fillna(0)],
            textposition="inside", hovertemplate="%{y}<br>" + ANSWER_LABELS[answer]
            + ": %{x:.1f}% (%{customdata} people)<extra></extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    suppressed = dist[dist["suppressed"]].drop_duplicates(["question", "role"])
    if not suppressed.empty:
        fig.add_annotation(text="Not shown (fewer than 5 respondents): " + "; ".join(
            f"{r['label']} — {r['role']}s (n = {r['n']})" for r in suppressed.to_dict("records")),
            showarrow=False, xref="paper", yref="paper", x=0, y=1.08, xanchor="left", font={"size": 12})
    return _layout(fig, title, height=max(300, 70 * len(rows) + 140))


def pipeline(pipe: pd.DataFrame, title: str = "Mentee-to-mentor pipeline by cohort") -> go.Figure:
    fig = _figure()
    for col, name, colour in (("mentee_responses", "Mentee respondents", THIRD),
                              ("willing_to_mentor", "Willing to mentor", MAIN),
                              ("willing_and_mentored_later", "…and mentored in a later cohort", SECOND)):
        fig.add_trace(_bar(name=name, x=pipe["cohort"], y=pipe[col], marker={"color": colour},
                             text=pipe[col], textposition="outside", cliponaxis=False))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="people")
    return _layout(fig, title, height=420)


def themes(tb: pd.DataFrame, title: str = "Themes requested and benefits reported (mentees)") -> go.Figure:
    fig = _figure()
    fig.add_trace(_bar(name="Mentees who asked for it", y=tb["theme"], x=tb["requested"],
                         orientation="h", marker={"color": THIRD}, text=tb["requested"], textposition="auto",
                         xaxis="x"))
    conf_text = [r["note"] if pd.isna(r["confidence_pct"]) else f"{r['confidence_pct']:.0f}% (n = {r['respondents']})"
                 for r in tb.to_dict("records")]
    fig.add_trace(_bar(name="Grew in confidence (% of respondents)", y=tb["theme"],
                         x=tb["confidence_pct"].fillna(0), orientation="h", marker={"color": MAIN},
                         text=conf_text, textposition=_positions(tb["confidence_pct"]), xaxis="x2"))
    fig.update_layout(
        barmode="group",
        xaxis={"domain": [0, 0.45], "title": "mentees"},
        xaxis2={"domain": [0.55, 1], "range": [0, 105], "ticksuffix": "%", "title": "agree or strongly agree"},
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=max(320, 34 * len(tb) + 160))


def attendance(att: pd.DataFrame, title: str = "Webinar attendance and outcomes") -> go.Figure:
    fig = _figure()
    for outcome, colour in ((SHORT_LABELS["would_recommend"], MAIN), (SHORT_LABELS["grew_confidence"], SECOND)):
        part = att[att["outcome"] == outcome]
        text = [r["note"] if pd.isna(r["pct"]) else f"{r['pct']:.1f}% (n = {r['n']})" for r in part.to_dict("records")]
        fig.add_trace(_bar(name=outcome, x=part["band"], y=part["pct"].fillna(0), marker={"color": colour},
                             text=text, textposition="outside", cliponaxis=False))
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 110], ticksuffix="%", title="agree or strongly agree")
    fig.update_xaxes(title="webinars attended")
    return _layout(fig, title, height=400)


def comparison(cmp: pd.DataFrame, a: str, b: str, title: str | None = None) -> go.Figure:
    """Cohort a and cohort b side by side on every percentage KPI, labelled with n."""
    pcts = cmp[cmp["unit"] == "percentage points"]
    fig = _figure()
    for side, name, colour in (("a", a, THIRD), ("b", b, MAIN)):
        fig.add_trace(_bar(name=name, y=pcts["label"], x=pcts[side].fillna(0), orientation="h",
                             marker={"color": colour}, text=pcts[f"{side}_text"], textposition=_positions(pcts[side]),
                             cliponaxis=False))
    fig.update_layout(barmode="group")
    fig.update_xaxes(range=[0, 105], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title or f"{a} against {b}", height=520)
