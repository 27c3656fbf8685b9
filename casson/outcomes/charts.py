"""Plotly figures of the outcome figures (no Streamlit): the page and the board pack share them.

Every bar is labelled with its value and n; suppressed groups are drawn as an empty bar
labelled with the reason, so a trustee never reads a missing bar as zero.

Each figure is built as one plain dict and wrapped without plotly's per-property validation:
validation and update_layout() calls cost tens of ms per chart on every page render. The tests
render every chart (AppTest and kaleido), so a misspelt property still shows.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from casson.outcomes import figures
from casson.outcomes.figures import ANSWER_LABELS, SHORT_LABELS

# Colour-blind-safe (Okabe-Ito-like blue/orange, never red against green)
# diverging palette for strongly disagree … strongly agree, grey for blanks.
LIKERT_COLOURS = {1: "#b2182b", 2: "#ef8a62", 3: "#d9d9d9", 4: "#67a9cf", 5: "#2166ac",
                  0: "#f0f0f0"}
MAIN = "#2166ac"
SECOND = "#ef8a62"
THIRD = "#67a9cf"
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
# automargin: the plot area shrinks to fit the whole tick labels, never the other way round
# (a fixed narrow margin cut "Would recommend" to "d" in the board pack).
_AXIS = {"gridcolor": "#eeeeee", "zeroline": False, "automargin": True}
LABEL_WIDTH = 22  # characters per line of a category label before it wraps


def wrap(text: object, width: int = LABEL_WIDTH) -> str:
    """A category label wrapped onto lines of at most `width` characters (plotly's <br>), whole."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) if lines else str(text)


def _wrapped(series: pd.Series, width: int = LABEL_WIDTH) -> list[str]:
    """Stored text as whole labels, escaped (see `labels`) and then wrapped on words."""
    return [wrap(v, width) for v in labels(_values(series))]


def count_axis(top: float, title: str) -> dict:
    """A y axis of whole people: integer ticks from 0 (never 0.2 steps all printed as "0")."""
    top = max(float(top or 0), 1.0)
    step = max(1, round(top / 5))
    return {"title": {"text": title, "standoff": 12}, "rangemode": "tozero", "tickformat": ",d",
            "dtick": step, "tick0": 0, "range": [0, top * 1.18]}


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
        # bar labels stay legible, never shrink away
        "uniformtext": {"minsize": 12, "mode": "show"},
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


def _one_line(trace: dict) -> dict:
    """The category axis of a bar trace with its label breaks (<br>) turned back into spaces."""
    axis = "y" if trace.get("orientation") == "h" else "x"
    values = trace.get(axis)
    if values is None:
        return {}
    return {axis: [v.replace("<br>", " ") if isinstance(v, str) else v for v in values]}


def projector(fig: go.Figure, height: int | None = None) -> go.Figure:
    """A copy of the figure with type big enough for the back of a boardroom (`height` px
    when given, so that a presentation screen fits without scrolling; 0: as tall as the
    element it is drawn in)."""
    spec = fig.to_plotly_json()
    layout = dict(spec["layout"])
    layout["font"] = {**layout.get("font", {}), "size": 24}
    layout["title"] = {**layout.get("title", {}), "font": {"size": 30}}
    # The legend sits between the title and the plot: below it, it ran into the axis titles.
    layout["legend"] = {**layout.get("legend", {}), "font": {"size": 22}, "orientation": "h",
                        "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"}
    multi = sum(1 for t in spec["data"] if t.get("showlegend", True)) > 1
    layout["margin"] = {**layout.get("margin", {}), "t": 110 if multi else 70}
    layout["uniformtext"] = {"minsize": 18, "mode": "show"}
    if height == 0:  # fill the element the page gives it (Streamlit's height="stretch")
        layout.pop("height", None)
        layout["autosize"] = True
    else:
        layout["height"] = height or min(max(int((layout.get("height") or 380) * 1.3), 480), 640)
    for key in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        axis_title = layout[key].get("title") or {}  # always a dict in this module
        layout[key] = {**layout[key], "tickfont": {"size": 22}, "automargin": True,
                       "title": {**axis_title, "font": {"size": 22}}}
    # Bar numbers read level (Plotly turns them sideways in a thin bar), and category labels
    # stay on one line: wrapped labels of 22 px overlap their neighbours at projector height.
    data = [{**t, "textfont": {"size": 22}, "textangle": 0, **_one_line(t)}
            if t.get("type") == "bar" else t for t in spec["data"]]
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
            name=group, y=_wrapped(part["label"]), x=_zeros(part["pct"]), orientation="h",
            marker={"color": colour}, text=text, textposition=_positions(part["pct"]),
            cliponaxis=False,
            hovertemplate="%{y}, " + group + ": %{text}<extra></extra>",
        ))
    return _figure(traces, title, height=520, xaxis={"range": [0, 105], "ticksuffix": "%"},
                   yaxis={"autorange": "reversed"})


def likert(dist: pd.DataFrame, title: str = "Answers by question and role") -> go.Figure:
    """Stacked 100% bars, one per question × role, strongly disagree on the left."""
    shown = dist[~dist["suppressed"]].copy()
    if shown.empty:
        return empty(title, "Every group has fewer than 5 respondents: nothing can be shown.")
    shown["row"] = [wrap(f"{r['label']} — {r['role']}s (n = {r['n']})", 26)
                    for r in shown.to_dict("records")]
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
            hovertemplate="%{y}<br>" + ANSWER_LABELS[answer]
            + ": %{x:.1f}% (%{customdata} people)<extra></extra>",
        ))
    annotations = []
    suppressed = dist[dist["suppressed"]].drop_duplicates(["question", "role"])
    if not suppressed.empty:
        annotations.append({"text": "Not shown (fewer than 5 respondents): " + "; ".join(
            f"{r['label']} — {r['role']}s (n = {r['n']})" for r in suppressed.to_dict("records")),
            "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 1.08,
            "xanchor": "left",
            "font": {"size": 12}})
    return _figure(traces, title, height=max(300, 70 * len(rows) + 140), barmode="stack",
                   xaxis={"range": [0, 100], "ticksuffix": "%"}, yaxis={"autorange": "reversed"},
                   annotations=annotations)


def pipeline(pipe: pd.DataFrame, title: str = "Mentee-to-mentor pipeline by cohort") -> go.Figure:
    cols = (("mentee_responses", "Mentee respondents", THIRD),
            ("willing", "Willing to mentor", MAIN),
            ("willing_and_mentored_later", "…and mentored in a later cohort", SECOND))
    # People read cohort names, not ids (the query gives both).
    shown = pipe["name"].fillna(pipe["cohort"]) if "name" in pipe else pipe["cohort"]
    traces = [_bar(name=name, x=_wrapped(shown, LABEL_WIDTH), y=_zeros(pipe[col]),
                   marker={"color": colour},
                   text=_values(pipe[col]), textposition="outside", cliponaxis=False)
              for col, name, colour in cols]
    top = max([v for col, _, _ in cols for v in _zeros(pipe[col])] or [0])
    return _figure(traces, title, height=420, barmode="group", yaxis=count_axis(top, "people"))


def themes(tb: pd.DataFrame,
           title: str = "Themes requested and benefits reported (mentees)") -> go.Figure:
    themes_shown = _wrapped(tb["theme"])
    asked = _bar(name="Mentees who asked for it", y=themes_shown, x=_values(tb["requested"]),
                 orientation="h", marker={"color": THIRD}, text=_values(tb["requested"]),
                 textposition="auto", xaxis="x")
    height = max(320, 34 * len(tb) + 160)
    if int(tb["respondents"].sum()) == 0:
        # No answer can be tied to a theme (none yet, or an anonymous survey): say so once, and
        # do not draw a column of "no responses yet" against every theme.
        return _figure([asked], title, height=height, yaxis={"autorange": "reversed"},
                       xaxis={"title": {"text": "mentees who asked for it"}, "tickformat": ",d"},
                       annotations=[{"text": "No survey answer can be linked to these mentees "
                                     "(none yet, or the survey was anonymous).",
                                     "showarrow": False, "xref": "paper", "yref": "paper",
                                     "x": 0, "y": 1.06, "xanchor": "left", "font": {"size": 12}}])
    conf_text = [r["note"] if pd.isna(r["confidence_pct"])
                 else f"{r['confidence_pct']:.0f}% (n = {r['respondents']})"
                 for r in tb.to_dict("records")]
    traces = [
        asked,
        _bar(name="Grew in confidence (% of respondents)", y=themes_shown,
             x=_zeros(tb["confidence_pct"]), orientation="h", marker={"color": MAIN},
             text=conf_text, textposition=_positions(tb["confidence_pct"]), xaxis="x2"),
    ]
    return _figure(traces, title, height=height, barmode="group",
                   xaxis={"domain": [0, 0.45], "title": {"text": "mentees"}, "tickformat": ",d"},
                   xaxis2={"domain": [0.55, 1], "range": [0, 105], "ticksuffix": "%",
                           "title": {"text": "agree or strongly agree"}},
                   yaxis={"autorange": "reversed"})


def attendance(att: pd.DataFrame, title: str = "Webinar attendance and outcomes") -> go.Figure:
    traces = []
    for outcome, colour in ((SHORT_LABELS["would_recommend"], MAIN),
                            (SHORT_LABELS["grew_confidence"], SECOND)):
        part = att[att["outcome"] == outcome]
        text = [r["note"] if pd.isna(r["pct"]) else f"{r['pct']:.1f}% (n = {r['n']})"
                for r in part.to_dict("records")]
        traces.append(_bar(name=outcome, x=_wrapped(part["band"], 16), y=_zeros(part["pct"]),
                           marker={"color": colour},
                           text=text, textposition="outside", cliponaxis=False))
    return _figure(traces, title, height=400, barmode="group",
                   yaxis={"range": [0, 110], "ticksuffix": "%",
                          "title": {"text": "agree or strongly agree"}},
                   xaxis={"title": {"text": "webinars attended"}})


def comparison(cmp: pd.DataFrame, a: str, b: str, title: str | None = None) -> go.Figure:
    """Cohort a and cohort b side by side on every percentage KPI, labelled with n."""
    pcts = cmp[cmp["unit"] == "percentage points"]
    traces = [_bar(name=name, y=_wrapped(pcts["label"]), x=_zeros(pcts[side]), orientation="h",
                   marker={"color": colour}, text=_values(pcts[f"{side}_text"]),
                   textposition=_positions(pcts[side]), cliponaxis=False)
              for side, name, colour in (("a", labels([a])[0], THIRD), ("b", labels([b])[0], MAIN))]
    return _figure(traces, title or labels([f"{a} against {b}"])[0], height=520, barmode="group",
                   xaxis={"range": [0, 105], "ticksuffix": "%"}, yaxis={"autorange": "reversed"})


# -- the outcome figures, built once for the page and the board pack -------------------------

@dataclass(frozen=True)
class Figure:
    """One outcome chart with the data behind it (the page offers that data as a table and CSV)."""

    key: str
    title: str
    frame: pd.DataFrame
    figure: go.Figure


def cohort_figures(k: Mapping[str, Any], responses: pd.DataFrame,
                   participants: pd.DataFrame) -> dict[str, Figure]:
    """Every per-cohort outcome chart, keyed rates, positive, likert, themes, webinars."""
    rates = figures.response_rates(k)
    shares = figures.positive_shares(responses)
    dist = figures.likert_distribution(responses)
    tb = figures.themes_vs_benefits(participants)
    att = figures.attendance_vs_outcomes(participants)
    positive_fig = (positive(shares) if figures.surveyed(k)
                    else empty("Agree or strongly agree", figures.NO_RESPONSES))
    # No responses: say so, rather than draw empty axes that read as 0%.
    rates_fig = (response_rates(rates) if figures.surveyed(k)
                 else empty("Survey response rate by role", figures.NO_RESPONSES))
    made = (("rates", "Response rate", rates, rates_fig),
            ("positive", "Agree or strongly agree", shares, positive_fig),
            ("likert", "Answers by question", dist, likert(dist)),
            ("themes", "Themes requested and benefits reported", tb, themes(tb)),
            ("webinars", "Webinar attendance and outcomes", att, attendance(att)))
    return {key: Figure(key, title, frame, fig) for key, title, frame, fig in made}


def pipeline_figure(pipe: pd.DataFrame) -> Figure:
    return Figure("pipeline", "Pipeline", pipe, pipeline(pipe))


def comparison_figure(summary: Mapping[str, Mapping[str, Any]], a: str, b: str,
                      names: Mapping[str, str] | None = None) -> Figure:
    """Cohort a against cohort b; `names` (id -> name) label them as people know them."""
    cmp = figures.compare(summary, a, b)
    name_a, name_b = ((names or {}).get(a) or a), ((names or {}).get(b) or b)
    return Figure("compare", "Cohort against cohort", cmp, comparison(cmp, name_a, name_b))
