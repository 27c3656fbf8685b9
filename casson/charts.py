"""Plotly figures of the outcome figures (no Streamlit): the page and the board pack share them.

Every bar is labelled with its value and n; suppressed groups are drawn as an empty bar
labelled with the reason, so a trustee never reads a missing bar as zero.

Each figure is built as one plain dict and wrapped without plotly's per-property validation:
validation and update_layout() calls cost tens of ms per chart on every page render. The tests
render every chart (AppTest and kaleido), so a misspelt property still shows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from casson.outcomes import ANSWER_LABELS, SHORT_LABELS

# Colour-blind-safe diverging palette for strongly disagree … strongly agree, grey for blanks.
LIKERT_COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#d9d9d9", 4: "#67a9cf", 5: "#2166ac", 0: "#f0f0f0"}
MAIN = "#2166ac"
SECOND = "#ef8a62"
THIRD = "#67a9cf"
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
_AXIS = {"gridcolor": "#eeeeee", "zeroline": False}


def _bar(**props: Any) -> dict:
    return {"type": "bar", **props}


def _figure(traces: list[dict], title: str, height: int = 380, **layout: Any) -> go.Figure:
    """A figure from trace dicts; `xaxis`/`yaxis`… in layout are merged over the house style."""
    base: dict[str, Any] = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "height": height, "margin": {"l": 10, "r": 30, "t": 60, "b": 40},
        "font": {"family": FONT, "size": 14}, "plot_bgcolor": "white", "paper_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": -0.3, "x": 0},
        "bargap": 0.3,
        "uniformtext": {"minsize": 12, "mode": "show"},  # bar labels stay legible, never shrink away
        "xaxis": dict(_AXIS), "yaxis": dict(_AXIS),
    }
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            base[key] = {**_AXIS, **value}
        else:
            base[key] = value
    return go.Figure({"data": traces, "layout": base}, _validate=False)


def _values(series: pd.Series) -> list:
    """Plain Python values (None for missing) so the figure dict needs no validation pass."""
    return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in series]


def labels(values: Any) -> list:
    """Stored text (cohort ids, themes) as Plotly labels: Plotly reads <a href>, <b>, <br>… in
    them as markup, so < > & are escaped and the text shows as typed."""
    return [v if not isinstance(v, str) else
            v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for v in values]


def _zeros(series: pd.Series) -> list:
    return [0 if v is None else v for v in _values(series)]


def _positions(values: pd.Series) -> list[str]:
    """Inside the bar when there is a value; beside the axis when there is none, so that
    "no responses yet" or a suppression note is read, not mistaken for a zero bar."""
    return ["outside" if pd.isna(v) else "auto" for v in values]


def projector(fig: go.Figure) -> go.Figure:
    """A copy of the figure with type big enough for the back of a boardroom."""
    spec = fig.to_plotly_json()
    layout = dict(spec["layout"])
    layout["font"] = {**layout.get("font", {}), "size": 24}
    layout["title"] = {**layout.get("title", {}), "font": {"size": 30}}
    layout["legend"] = {**layout.get("legend", {}), "font": {"size": 22}}
    layout["uniformtext"] = {"minsize": 18, "mode": "show"}
    layout["height"] = min(max(int((layout.get("height") or 380) * 1.3), 480), 640)
    for key in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        axis_title = layout[key].get("title") or {}  # always a dict in this module
        layout[key] = {**layout[key], "tickfont": {"size": 22}, "automargin": True,
                       "title": {**axis_title, "font": {"size": 22}}}
    data = [{**t, "textfont": {"size": 22}} if t.get("type") == "bar" else t for t in spec["data"]]
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def empty(title: str, message: str) -> go.Figure:
    return _figure([], title, height=220, xaxis={"visible": False}, yaxis={"visible": False},
                   annotations=[{"text": message, "showarrow": False, "font": {"size": 16},
                                 "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper"}])


def response_rates(rates: pd.DataFrame, title: str = "Survey response rate by role") -> go.Figure:
    trace = _bar(y=_values(rates["role"]), x=_zeros(rates["pct"]), orientation="h",
                 marker={"color": MAIN}, text=_values(rates["label"]), textposition="auto",
                 cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>")
    return _figure([trace], title, height=260,
                   xaxis={"range": [0, 105], "ticksuffix": "%", "title": {"text": "responded"}})


def positive(shares: pd.DataFrame, title: str = "Agree or strongly agree") -> go.Figure:
    """% positive per question and group; suppressed groups labelled, never drawn as 0."""
    traces = []
    for group, colour in (("All respondents", MAIN), ("Mentors", SECOND), ("Mentees", THIRD)):
        part = shares[shares["group_label"] == group]
        if part.empty:
            continue
        text = [r["note"] if pd.isna(r["pct"]) else f"{r['pct']:.1f}% (n = {r['n']})"
                for r in part.to_dict("records")]
        traces.append(_bar(
            name=group, y=_values(part["label"]), x=_zeros(part["pct"]), orientation="h",
            marker={"color": colour}, text=text, textposition=_positions(part["pct"]), cliponaxis=False,
            hovertemplate="%{y}, " + group + ": %{text}<extra></extra>",
        ))
    return _figure(traces, title, height=520, xaxis={"range": [0, 105], "ticksuffix": "%"},
                   yaxis={"autorange": "reversed"})


def likert(dist: pd.DataFrame, title: str = "Answers by question and role") -> go.Figure:
    """Stacked 100% bars, one per question × role, strongly disagree on the left."""
    shown = dist[~dist["suppressed"]].copy()
    shown["row"] = shown["label"] + " — " + shown["role"] + "s (n = " + shown["n"].astype(str) + ")"
    rows = list(dict.fromkeys(shown["row"]))
    traces = []
    for answer in (1, 2, 3, 4, 5, 0):
        part = shown[shown["answer"] == answer].set_index("row").reindex(rows)
        if answer == 0 and part["count"].fillna(0).sum() == 0:
            continue
        shares = _zeros(part["share"])
        traces.append(_bar(
            name=ANSWER_LABELS[answer], y=rows, x=shares, orientation="h",
            marker={"color": LIKERT_COLOURS[answer]}, customdata=_zeros(part["count"]),
            text=[f"{v:.0f}%" if v and v >= 8 else "" for v in shares], textposition="inside",
            hovertemplate="%{y}<br>" + ANSWER_LABELS[answer] + ": %{x:.1f}% (%{customdata} people)<extra></extra>",
        ))
    annotations = []
    suppressed = dist[dist["suppressed"]].drop_duplicates(["question", "role"])
    if not suppressed.empty:
        annotations.append({"text": "Not shown (fewer than 5 respondents): " + "; ".join(
            f"{r['label']} — {r['role']}s (n = {r['n']})" for r in suppressed.to_dict("records")),
            "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 1.08, "xanchor": "left",
            "font": {"size": 12}})
    return _figure(traces, title, height=max(300, 70 * len(rows) + 140), barmode="stack",
                   xaxis={"range": [0, 100], "ticksuffix": "%"}, yaxis={"autorange": "reversed"},
                   annotations=annotations)


def pipeline(pipe: pd.DataFrame, title: str = "Mentee-to-mentor pipeline by cohort") -> go.Figure:
    traces = [_bar(name=name, x=labels(_values(pipe["cohort"])), y=_values(pipe[col]), marker={"color": colour},
                   text=_values(pipe[col]), textposition="outside", cliponaxis=False)
              for col, name, colour in (("mentee_responses", "Mentee respondents", THIRD),
                                        ("willing_to_mentor", "Willing to mentor", MAIN),
                                        ("willing_and_mentored_later", "…and mentored in a later cohort", SECOND))]
    return _figure(traces, title, height=420, barmode="group", yaxis={"title": {"text": "people"}})


def themes(tb: pd.DataFrame, title: str = "Themes requested and benefits reported (mentees)") -> go.Figure:
    conf_text = [r["note"] if pd.isna(r["confidence_pct"]) else f"{r['confidence_pct']:.0f}% (n = {r['respondents']})"
                 for r in tb.to_dict("records")]
    traces = [
        _bar(name="Mentees who asked for it", y=labels(_values(tb["theme"])), x=_values(tb["requested"]),
             orientation="h", marker={"color": THIRD}, text=_values(tb["requested"]), textposition="auto",
             xaxis="x"),
        _bar(name="Grew in confidence (% of respondents)", y=labels(_values(tb["theme"])),
             x=_zeros(tb["confidence_pct"]), orientation="h", marker={"color": MAIN},
             text=conf_text, textposition=_positions(tb["confidence_pct"]), xaxis="x2"),
    ]
    return _figure(traces, title, height=max(320, 34 * len(tb) + 160), barmode="group",
                   xaxis={"domain": [0, 0.45], "title": {"text": "mentees"}},
                   xaxis2={"domain": [0.55, 1], "range": [0, 105], "ticksuffix": "%",
                           "title": {"text": "agree or strongly agree"}},
                   yaxis={"autorange": "reversed"})


def attendance(att: pd.DataFrame, title: str = "Webinar attendance and outcomes") -> go.Figure:
    traces = []
    for outcome, colour in ((SHORT_LABELS["would_recommend"], MAIN), (SHORT_LABELS["grew_confidence"], SECOND)):
        part = att[att["outcome"] == outcome]
        text = [r["note"] if pd.isna(r["pct"]) else f"{r['pct']:.1f}% (n = {r['n']})" for r in part.to_dict("records")]
        traces.append(_bar(name=outcome, x=_values(part["band"]), y=_zeros(part["pct"]), marker={"color": colour},
                           text=text, textposition="outside", cliponaxis=False))
    return _figure(traces, title, height=400, barmode="group",
                   yaxis={"range": [0, 110], "ticksuffix": "%", "title": {"text": "agree or strongly agree"}},
                   xaxis={"title": {"text": "webinars attended"}})


def comparison(cmp: pd.DataFrame, a: str, b: str, title: str | None = None) -> go.Figure:
    """Cohort a and cohort b side by side on every percentage KPI, labelled with n."""
    pcts = cmp[cmp["unit"] == "percentage points"]
    traces = [_bar(name=name, y=_values(pcts["label"]), x=_zeros(pcts[side]), orientation="h",
                   marker={"color": colour}, text=_values(pcts[f"{side}_text"]),
                   textposition=_positions(pcts[side]), cliponaxis=False)
              for side, name, colour in (("a", labels([a])[0], THIRD), ("b", labels([b])[0], MAIN))]
    return _figure(traces, title or labels([f"{a} against {b}"])[0], height=520, barmode="group",
                   xaxis={"range": [0, 105], "ticksuffix": "%"}, yaxis={"autorange": "reversed"})
